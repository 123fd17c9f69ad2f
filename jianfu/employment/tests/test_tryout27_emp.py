"""tryout27's 就业帮扶 findings (a new user, every role): 2, 4, 5, 7, 10a, 10b, 10d — through the real views."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

pytestmark = pytest.mark.django_db

FORM = {"employer": "曲樟乡荔枝专业合作社", "credit_code": "", "title": "荔枝园管理员", "headcount": "2",
        "education": "初中", "age": "18-50岁", "wage": "3000-4000元", "place": "曲樟乡",
        "description": "荔枝园日常管理，限女性，已婚已育优先。", "experience": "不限"}


def _clears(pk: int) -> int:
    return AuditRecord.objects.filter(action="employment.posting.clear", object_id=str(pk)).count()


# ---------------------------------------------------------------- 2: who clears a flagged posting

def test_a_township_cannot_clear_its_own_flagged_posting(world):
    """tryout27 #2: town_quzhang posted a discriminatory posting, then cleared it itself and it went public."""
    client = world.client("town_quzhang")
    response = client.post("/employment/postings/new/", {**FORM, "form_token": token_new()})
    posting = Posting.objects.get(title="荔枝园管理员")
    assert response.status_code == 302
    assert posting.status == PostingStatus.FLAGGED
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "疑似就业歧视，需核查" in page
    assert "核查无误，公开" not in page                # the button is not offered to the township
    assert "/clear/" not in page
    assert "说明（下架原因）" in page                  # it may still take its own posting down

    refused = client.post(f"/employment/postings/{posting.pk}/clear/", {"note": "已核实"})
    assert refused.status_code == 403
    assert "疑似歧视的岗位由县减负办或县人社局核查，您的角色不能核查公开。" in refused.content.decode()
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    assert _clears(posting.pk) == 0
    assert world.client(None).get(f"/employment/jobs/{posting.pk}/").status_code == 404


@pytest.mark.parametrize("username", ["county_office", "dept_hrss"])
def test_the_county_office_and_the_hrss_bureau_clear_it(world, username):
    hrss_account(world)
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="荔枝园管理员")
    client = world.client(username)
    assert "核查无误，公开" in client.get(f"/employment/postings/{posting.pk}/").content.decode()
    response = client.post(f"/employment/postings/{posting.pk}/clear/", {"note": "岗位系井下作业，依法不安排女性"},
                           follow=True)
    assert [str(m) for m in response.context["messages"]] == ["已核查无误，岗位已公开。"]
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.OPEN
    assert _clears(posting.pk) == 1


def test_the_service_refuses_the_township_whatever_the_caller(world):
    from jianfu.core.errors import PermissionDeniedError
    from jianfu.employment import postings

    posting = posting_in(TOWN, status=PostingStatus.FLAGGED)
    with pytest.raises(PermissionDeniedError):
        postings.posting_clear(actor=world.users["town_quzhang"], posting=posting, note="已核实")
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    assert _clears(posting.pk) == 0


# ---------------------------------------------------------------- 4: "3000左右" is about 3000, not a floor

@pytest.mark.parametrize(("text", "pair"), [
    ("3000左右", (3000, 3000)), ("约3000", (3000, 3000)), ("3000上下", (3000, 3000)), ("大约3000元/月", (3000, 3000)),
    ("约三千", (3000, 3000)), ("3000起", (3000, None)), ("3000以上", (3000, None)), ("约3000起", (3000, None)),
    ("约3000-4000", (3000, 4000)),
])
def test_the_wage_parser_reads_about_a_figure_as_that_figure(text, pair):
    from jianfu.employment import parsing

    assert parsing.wage(text) == pair


@pytest.mark.parametrize(("wage", "shown"), [
    ("3000左右", "约3000元/月"), ("约3000", "约3000元/月"), ("3000上下", "约3000元/月"),
    ("3000起", "3000元/月起"), ("3000以上", "3000元/月起"), ("3000-3000", "3000元/月"),
])
def test_a_posting_typed_with_about_a_wage_shows_it_so_everywhere(world, wage, shown):
    """tryout27 #4: 保安 "3000左右" showed "3000元/月起" in the list, the detail and the public page."""
    client = world.client("town_quzhang")
    response = client.post("/employment/postings/new/", {**FORM, "title": "保安", "wage": wage,
                                                         "description": "小区门岗值守，三班倒。",
                                                         "form_token": token_new()})
    assert response.status_code == 302
    posting = Posting.objects.get(title="保安")
    assert posting.status == PostingStatus.OPEN
    assert posting.wage_display == shown
    for url in (f"/employment/postings/{posting.pk}/", "/employment/postings/", f"/employment/jobs/{posting.pk}/",
                "/employment/jobs/"):
        html = client.get(url).content.decode()
        assert shown in html, url
        if "起" not in shown:
            assert "元/月起" not in html, url
    assert posting.wage_note == ""   # "3000左右" beside "约3000元/月" only repeats it


def test_an_imported_about_wage_shows_about(world, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.tests.test_postings import good, xlsx

    rows = [good(1, 月薪="3000左右"), good(2, 月薪="3000起")]
    with django_capture_on_commit_callbacks(execute=True):
        world.client("county_office").post("/employment/postings/import/",
                                           {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx(rows).getvalue())})
    shown = {p.title: (p.wage_min, p.wage_max, p.wage_display) for p in Posting.objects.all()}
    assert shown == {"分拣工1": (3000, 3000, "约3000元/月"), "分拣工2": (3000, None, "3000元/月起")}


# ---------------------------------------------------------------- 5: re-importing people already helped

SEEKER_HEADER = "身份证号,姓名,人员类别,求职意向,技能证书,备注,失业登记日期"


def _seeker_upload(client, capture, *rows: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = "\n".join([SEEKER_HEADER, *rows, ""]).encode("gbk")
    with capture(execute=True):
        response = client.post("/employment/people/import/", {"form_token": token_new(), "file": SimpleUploadedFile("求职登记.csv", body)})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_a_reimport_updates_the_groups_and_date_keeps_an_empty_note_and_stores_what_was_written(
        world, django_capture_on_commit_callbacks):
    """tryout27 #5: 何家明's 人员类别 and 失业登记日期 were ignored; 王军's limits cleared by an empty 备注; "只能上白班"
    shown twice; "C1驾照" stored as C1、C2."""
    import datetime as dt

    from jianfu.employment.models import KeyPerson, SeekerProfile
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.services import person_id_number

    he = key_person_in(person=person_in(name="何家明"), is_rural_labour=True, profile={"desired_text": "想进厂"})
    KeyPerson.objects.filter(pk=he.pk).update(unemployment_registered_on=dt.date(2026, 1, 5))
    wang = key_person_in(person=person_in(name="王军"), profile={
        "desired_text": "保安", "limits": ["no_lifting"], "limits_note": "腰不好，不能干重活"})
    client = world.client("village_a")
    html = _seeker_upload(client, django_capture_on_commit_callbacks,
                          f"{person_id_number(he.person)},何家明,登记失业人员、脱贫劳动力,开车,C1驾照,只能上白班,2026-03-01",
                          f"{person_id_number(wang.person)},王军,登记失业人员,保安,,,")
    assert "已登记 2 人的求职意向。" in html
    assert '<span id="updated-fields">更新的项目：人员类别、失业登记日期、求职意向、技能证书、备注；表中没有的列保持原样。</span>' \
        in html

    he = KeyPerson.objects.get(pk=he.pk)
    assert (he.groups, he.unemployment_registered_on) == (["登记失业人员", "脱贫劳动力"], dt.date(2026, 3, 1))
    audit = AuditRecord.objects.get(action="employment.keyperson.update", object_id=str(he.pk))
    assert audit.changes == {"is_rural_labour": ["True", "False"], "is_poverty_labour": ["False", "True"],
                             "unemployment_registered_on": ["2026-01-05", "2026-03-01"]}
    profile = SeekerProfile.objects.get(key_person=he)
    assert (profile.certificates, profile.limits, profile.limits_note) == (["C1"], ["day_only"], "只能上白班")
    page = client.get(f"/employment/people/{he.pk}/").content.decode()
    assert "<td>登记失业人员、脱贫劳动力</td>" in page
    assert "<td>C1</td>" in page
    assert page.count("只能上白班") == 1

    wang_profile = SeekerProfile.objects.get(key_person=wang)
    assert (wang_profile.limits, wang_profile.limits_note) == (["no_lifting"], "腰不好，不能干重活")
    assert not AuditRecord.objects.filter(action="employment.keyperson.update", object_id=str(wang.pk)).exists()


def test_a_reimport_whose_groups_lack_their_date_is_refused_and_changes_nothing(world,
                                                                               django_capture_on_commit_callbacks):
    from jianfu.employment.models import KeyPerson
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.services import person_id_number

    kp = key_person_in(person=person_in(name="何家明"), is_rural_labour=True)
    KeyPerson.objects.filter(pk=kp.pk).update(is_registered_unemployed=False, unemployment_registered_on=None)
    html = _seeker_upload(world.client("village_a"), django_capture_on_commit_callbacks,
                          f"{person_id_number(kp.person)},何家明,登记失业人员,开车,,,")
    assert "登记失业人员请填写失业认定日期。" in html
    kp = KeyPerson.objects.get(pk=kp.pk)
    assert (kp.groups, kp.unemployment_registered_on) == (["农村劳动力"], None)
    assert not AuditRecord.objects.filter(action="employment.keyperson.update").exists()


def test_the_certificate_list_keeps_the_classes_written_and_the_matcher_still_reads_c1_as_c2():
    from jianfu.employment import parsing
    from jianfu.employment.matching.parse import held_certificates

    assert parsing.certificates("C1驾照") == ["C1"]
    assert parsing.certificates("A2驾照、电工证") == ["A2", "电工证"]
    assert parsing.certificates("C1驾照、C2驾照") == ["C1", "C2"]
    assert parsing.certificates("驾照") == ["C1"]
    assert sorted(held_certificates(["C1"])) == ["C1", "C2"]


# ---------------------------------------------------------------- 7: the import list says what the batch page says

def test_the_recent_imports_list_says_already_registered_as_the_batch_page_does(world,
                                                                               django_capture_on_commit_callbacks):
    """tryout27 #7: batch 7 listed as "有错误，未入库" under 最近的导入 while its page said "均已登记，无需导入"."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.models import PostingImport
    from jianfu.employment.tests.test_import_skip_duplicates import registered
    from jianfu.employment.tests.test_postings import good, xlsx

    registered(world)
    client = world.client("county_office")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/employment/postings/import/",
                    {"form_token": token_new(), "file": SimpleUploadedFile("jobs.xlsx", xlsx([good(7), good(7, 编号="J77")]).getvalue())})
    batch = PostingImport.objects.latest("pk")
    assert (batch.status, batch.nothing_new) == ("failed", True)
    page = client.get(f"/employment/postings/import/{batch.pk}/").content.decode()
    assert '<span class="badge" id="import-status-label">均已登记，无需导入</span>' in page
    listing = client.get("/employment/postings/").content.decode()
    assert (f'<a href="/employment/postings/import/{batch.pk}/">jobs.xlsx</a> · '
            '<span class="import-status">均已登记，无需导入</span>') in listing
    assert "有错误，未入库" not in listing


# ---------------------------------------------------------------- 10a: the seeker import's template

def test_the_seeker_import_offers_a_template_that_imports_when_filled(world, django_capture_on_commit_callbacks):
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment import seekers
    from jianfu.employment.models import KeyPerson
    from jianfu.employment.tests.factories import person_in
    from jianfu.registry.services import person_id_number

    client = world.client("village_a")
    assert ('<a class="btn btn-secondary" href="/employment/people/import/template.xlsx">下载导入模板（.xlsx）</a>'
            in client.get("/employment/people/import/").content.decode())
    response = client.get("/employment/people/import/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''%E6%B1%82%E8%81%8C%E7%99%BB%E8%AE%B0%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx" in \
        response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["求职登记", "填写说明"]
    ws = wb["求职登记"]
    header = [c.value for c in ws[1]]
    assert header == ["身份证号", "姓名", "人员类别", "求职意向", "技能证书", "工作经历", "学历", "期望月薪", "可接受工作地点",
                      "备注", "毕业年份", "失业登记日期"]
    assert ws.max_row == 1
    assert ws.column_dimensions["A"].number_format == "@"   # an ID number typed in stays text
    assert [c.value for c in ws[1] if c.font.bold] == ["身份证号", "人员类别"]
    notes = [[c.value for c in row] for row in wb["填写说明"].iter_rows()]
    assert notes[0] == ["列", "必填", "说明"]
    assert [n[0] for n in notes[1:]] == header
    assert notes[3][:2] == ["人员类别", "是"]
    assert notes[12] == ["失业登记日期", "人员类别含“登记失业人员”时必填", "如 2025-03-01，不晚于今天"]
    assert seekers.import_template()[:2] == b"PK"

    person = person_in(name="韦春燕")
    filled = dict.fromkeys(header, None)
    filled.update({"身份证号": person_id_number(person), "人员类别": "农村劳动力", "求职意向": "想进厂",
                   "期望月薪": "3000左右"})
    ws.append([filled[h] for h in header])
    out = io.BytesIO()
    wb.save(out)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/employment/people/import/",
                    {"form_token": token_new(), "file": SimpleUploadedFile("求职登记导入模板.xlsx", out.getvalue())})
    kp = KeyPerson.objects.get(person=person)
    assert (kp.groups, kp.profile.desired_text, kp.profile.wage_min, kp.profile.wage_max) == (
        ["农村劳动力"], "想进厂", 3000, 3000)


def test_the_seeker_template_is_refused_to_who_registers_nobody(world):
    response = world.client("dept_housing").get("/employment/people/import/template.xlsx")
    assert response.status_code == 403


# ---------------------------------------------------------------- 10b: 招聘人数 in Chinese numerals

@pytest.mark.parametrize(("text", "count"), [("两个", 2), ("五人", 5), ("十名", 10), ("二十个", 20), ("3人", 3),
                                             ("8", 8), ("一百", 100)])
def test_the_headcount_parser_reads_chinese_numerals(text, count):
    from jianfu.employment import parsing

    assert parsing.headcount(text) == count


@pytest.mark.parametrize(("text", "message"), [("很多", "“很多”不是数字"), ("零", "不能小于1"), ("3.5", "应为整数")])
def test_the_headcount_parser_refuses_what_is_not_a_count(text, message):
    from jianfu.core.errors import ApplicationError
    from jianfu.employment import parsing

    with pytest.raises(ApplicationError) as caught:
        parsing.headcount(text)
    assert (caught.value.message, caught.value.field) == (message, "headcount")


def test_a_posting_typed_with_two_in_words_is_taken_on_the_form_and_in_an_import(world,
                                                                                 django_capture_on_commit_callbacks):
    """tryout27 #10b: 招聘人数 "两个" was refused as "不是数字" while the wage field took 四千."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.tests.test_postings import good, xlsx

    client = world.client("town_quzhang")
    response = client.post("/employment/postings/new/", {**FORM, "title": "保安", "headcount": "两个", "wage": "四千",
                                                         "description": "小区门岗值守。", "form_token": token_new()})
    assert response.status_code == 302
    assert Posting.objects.filter(title="保安").values_list("headcount", "wage_min").get() == (2, 4000)
    with django_capture_on_commit_callbacks(execute=True):
        world.client("county_office").post("/employment/postings/import/", {"form_token": token_new(), "file": SimpleUploadedFile(
            "jobs.xlsx", xlsx([good(1, 招聘人数="五人"), good(2, 招聘人数="十名")]).getvalue())})
    assert dict(Posting.objects.filter(title__startswith="分拣工").values_list("title", "headcount")) == {
        "分拣工1": 5, "分拣工2": 10}


def test_a_headcount_in_words_that_is_no_number_is_refused_on_the_form_and_nothing_is_written(world):
    client = world.client("town_quzhang")
    response = client.post("/employment/postings/new/", {**FORM, "title": "保安", "headcount": "很多",
                                                         "description": "小区门岗值守。", "form_token": token_new()})
    assert response.status_code == 400
    assert "招聘人数：“很多”不是数字" in response.content.decode()
    assert not Posting.objects.filter(title="保安").exists()


# ---------------------------------------------------------------- 10d: hired through one referral, the others close

def test_hired_through_one_referral_closes_the_others_as_hired_elsewhere(world):
    """tryout27 #10d: 王军 hired through one referral; his other referral (永盛快递) still read 已推荐."""
    from jianfu.employment import matchsvc
    from jianfu.employment.models import KeyPerson, KeyStatus, Referral, ReferralStatus
    from jianfu.employment.tests.factories import employer, key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    kp = key_person_in(person=person_in(name="王军"), profile={"desired_text": "快递分拣"})
    day = local_today()   # the answer's date (the web form records it today)
    hired_at = posting_in(TOWN, title="仓库分拣员")
    other = posting_in(TOWN, title="快递员", organisation=employer("永盛快递"))
    third = posting_in(TOWN, title="装卸工")
    refs = [Referral.objects.create(key_person=kp, posting=p, org_code=kp.org_code, grid_code=kp.grid_code,
                                    referred_on=day, status=s)
            for p, s in ((hired_at, ReferralStatus.INTERVIEWED), (other, ReferralStatus.RECOMMENDED),
                         (third, ReferralStatus.REFUSED))]
    client = world.client("village_a")
    response = client.post(f"/employment/referrals/{refs[0].pk}/advance/", {"status": "hired"},
                           follow=True)
    assert response.status_code == 200
    statuses = {r.posting.title: (r.status, r.closed_on) for r in Referral.objects.filter(key_person=kp)}
    assert statuses == {"仓库分拣员": ("hired", day), "快递员": ("elsewhere", day), "装卸工": ("refused", None)}
    assert KeyPerson.objects.get(pk=kp.pk).status == KeyStatus.EMPLOYED
    audit = AuditRecord.objects.get(action="employment.referral.elsewhere")
    assert (audit.object_id, audit.changes) == (str(refs[1].pk), {"status": ["recommended", "elsewhere"],
                                                                   "hired_at": f"{hired_at.organisation.name} 仓库分拣员"})
    page = client.get(f"/employment/people/{kp.pk}/").content.decode()
    assert "已在他处就业" in page
    assert page.count('action="/employment/referrals/') == 0      # no open referral left to answer
    office = world.client("town_quzhang").get(f"/employment/postings/{other.pk}/").content.decode()
    assert '已推荐1人</a><span id="referrals-elsewhere">（其中1人已在他处就业）</span>' in office
    # not an outcome the matcher learns from; not a result anyone picks by hand
    assert sorted(o.stage for o in matchsvc.outcomes()) == ["hired", "refused"]
    refused = client.post(f"/employment/referrals/{refs[2].pk}/advance/", {"status": "elsewhere"}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == ["推荐结果无效。"]
    assert Referral.objects.get(pk=refs[2].pk).status == "refused"

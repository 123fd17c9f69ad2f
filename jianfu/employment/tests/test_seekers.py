"""求职登记 imported from a sheet: registry people by ID number, groups and wishes in words, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.employment import seekers
from jianfu.employment.models import KeyPerson, SeekerProfile
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db
HEADER = "身份证号,姓名,人员类别,求职意向,技能证书,学历,期望月薪,可接受工作地点,备注,失业登记日期"


def sheet(*rows: str, encoding: str = "gbk") -> io.BytesIO:
    return io.BytesIO("\n".join([HEADER, *rows, ""]).encode(encoding))


def test_import_takes_people_in_with_their_profiles(world):
    a, b = person_in(name="韦春燕"), person_in(name="黄志强")
    old = key_person_in(person=person_in(name="李明"))
    rows = [f"{person_id_number(a)},韦春燕,登记失业人员、脱贫劳动力,做过流水线想进厂,健康证,初中,3000-4000,本镇、县内,"
            "要接送孩子，只上白班,2025-03-01",
            f"{person_id_number(b)},黄志强,农村劳动力,会开车,C1驾照,高中,面议,外出,,",
            f"{person_id_number(old.person)},李明,农村劳动力,电工,电工证,中专,5000以上,县内,,"]
    result = seekers.import_seekers(actor=world.users["village_a"], file=sheet(*rows), filename="s.csv")
    done, errors = result.done, result.errors
    assert (done, errors) == (3, [])
    ka = KeyPerson.objects.get(person=a)
    assert ka.groups == ["登记失业人员", "脱贫劳动力"] and str(ka.unemployment_registered_on) == "2025-03-01"
    assert (ka.profile.places, ka.profile.limits, ka.profile.certificates, ka.profile.education) == (
        ["town", "county"], ["day_only", "childcare"], ["健康证"], "junior")
    assert KeyPerson.objects.get(person=b).profile.places == ["away"]
    assert KeyPerson.objects.get(pk=old.pk).profile.certificates == ["电工证"]


@pytest.mark.parametrize(("row", "column", "words"), [
    ("{id},,外星人,想进厂,,,,,,", "人员类别", "无法识别的人员类别"),
    ("{id},王五,农村劳动力,想进厂,,,,,,", "姓名", "不一致"),
    ("{id},,农村劳动力,想进厂,,,看心情,,,", "期望月薪", "工资"),
    ("{id},,农村劳动力,想进厂,,幼儿园,,,,", "学历", "学历"),
    ("{id},,农村劳动力,想进厂,,,,火星,,", "可接受工作地点", "无法识别"),
    ("450521198501010000,,农村劳动力,想进厂,,,,,,", "身份证号", "校验位"),
    ("{id},,登记失业人员,想进厂,,,,,,", "失业登记日期", "失业认定日期"),
])
def test_a_bad_row_is_named_and_nothing_is_written(world, row, column, words):
    person = person_in(name="韦春燕")
    first = person_in()
    good = f"{person_id_number(first)},,农村劳动力,想进厂,,,,,,"
    result = seekers.import_seekers(actor=world.users["village_a"], filename="s.csv",
                                         file=sheet(good, row.format(id=person_id_number(person))))
    done, errors = result.done, result.errors
    assert done == 0 and len(errors) == 1
    assert (errors[0]["row"], errors[0]["column"]) == (3, column) and words in errors[0]["message"], errors
    assert (KeyPerson.objects.count(), SeekerProfile.objects.count()) == (0, 0)


def web_import(client, upload, capture):
    """The web upload (queued since session 15, B15), its worker run as the queue would once the batch is committed,
    and the batch's page it leads to."""
    with capture(execute=True):
        response = client.post("/employment/people/import/", {"form_token": token_new(), "file": upload})
    assert response.status_code == 302 and response["Location"].startswith("/employment/people/import/")
    return client.get(response["Location"])


def test_another_villages_person_is_not_found_and_nothing_changes(world, django_capture_on_commit_callbacks):
    person = person_in()                      # 曲木村
    result = seekers.import_seekers(actor=world.users["village_b"], filename="s.csv",
                                         file=sheet(f"{person_id_number(person)},,农村劳动力,想进厂,,,,,,"))
    done, errors = result.done, result.errors
    assert done == 0 and errors[0]["column"] == "身份证号" and "辖区内" in errors[0]["message"]
    assert KeyPerson.objects.count() == 0
    page = web_import(world.client("village_b"), SimpleUploadedFile(
        "s.csv", f"{HEADER}\n{person_id_number(person)},,农村劳动力,,,,,,,\n".encode()), django_capture_on_commit_callbacks)
    assert page.status_code == 200 and "没有任何数据入库" in page.content.decode()
    assert KeyPerson.objects.count() == 0


def test_every_rows_errors_are_reported_at_once_with_the_groups_own_checks(world):
    """A graduate without 毕业年份 (row 2) was reported only after the bad ID of row 3 was fixed and uploaded again."""
    graduate = person_in(name="黄丽")
    rows = [f"{person_id_number(graduate)},,高校毕业生,电商客服,,大专,,,,",
            "450521198501010000,,农村劳动力,想进厂,,,,,,"]
    result = seekers.import_seekers(actor=world.users["village_a"], file=sheet(*rows), filename="s.csv")
    done, errors, taken = result.done, result.errors, result.taken
    assert (done, taken) == (0, [])
    assert [(e["row"], e["column"]) for e in errors] == [(2, "毕业年份"), (3, "身份证号")], errors
    assert errors[0]["message"] == "高校毕业生请填写毕业年份。"
    assert (KeyPerson.objects.count(), SeekerProfile.objects.count()) == (0, 0)


def test_the_import_page_marks_conditional_columns_and_links_the_people_taken_in(world,
                                                                                django_capture_on_commit_callbacks):
    a, b = person_in(name="韦春燕"), person_in(name="黄志强")
    client = world.client("village_a")
    page = client.get("/employment/people/import/").content.decode()
    assert "毕业年份 <span class=\"hint\">（人员类别含“高校毕业生”时必填）</span>" in page
    rows = [f"{person_id_number(a)},韦春燕,农村劳动力,想进厂,,,,,,", f"{person_id_number(b)},黄志强,农村劳动力,会开车,,,,,,"]
    upload = SimpleUploadedFile("s.csv", "\n".join([HEADER, *rows, ""]).encode(), content_type="text/csv")
    html = web_import(client, upload, django_capture_on_commit_callbacks).content.decode()
    ka, kb = KeyPerson.objects.get(person=a), KeyPerson.objects.get(person=b)
    assert "已登记 2 人的求职意向" in html
    for kp in (ka, kb):
        assert (f'<a href="/employment/people/{kp.pk}/">{kp.person.name}</a> · '
                f'<a href="/employment/people/{kp.pk}/jobs/">看匹配岗位</a>') in html


def test_a_sheet_without_the_wish_columns_leaves_existing_profiles_as_they_are(world,
                                                                              django_capture_on_commit_callbacks):
    """badinput14 B13: a sheet of 身份证号, 人员类别, 备注 blanked the person's 求职意向, occupation, places and limits."""
    kp = key_person_in(person=person_in(name="秦坤洋"), profile={
        "desired_text": "做过流水线，想进厂，离家近就行", "occupation_code": "6-28-01", "occupation_name": "流水线操作工",
        "places": ["town", "county"], "limits": ["day_only"], "wage_min": 3000, "wage_max": 4000,
        "certificates": ["健康证"], "education": "junior", "experience": "电子厂三年"})
    text = f"身份证号,人员类别,备注\n{person_id_number(kp.person)},登记失业人员,要接送孩子\n"
    upload = SimpleUploadedFile("s.csv", text.encode(), content_type="text/csv")
    html = web_import(world.client("village_a"), upload, django_capture_on_commit_callbacks).content.decode()
    assert "已登记 1 人的求职意向" in html
    # 人员类别 too: a person already helped takes the groups the sheet states (tryout27 #5)
    assert '<span id="updated-fields">更新的项目：人员类别、备注；表中没有的列保持原样。</span>' in html
    p = SeekerProfile.objects.get(key_person=kp)
    assert (p.desired_text, p.occupation_code, p.places, p.wage_min, p.wage_max, p.certificates, p.education,
            p.experience) == ("做过流水线，想进厂，离家近就行", "6-28-01", ["town", "county"], 3000, 4000, ["健康证"],
                              "junior", "电子厂三年")
    assert (p.limits, p.limits_note) == (["childcare"], "要接送孩子")   # the column the sheet has: written


def test_an_empty_cell_in_a_column_the_sheet_has_clears_that_field(world):
    kp = key_person_in(person=person_in(name="秦坤洋"), profile={
        "desired_text": "想进厂", "places": ["town"], "limits": ["day_only"], "limits_note": "只上白班"})
    text = f"身份证号,人员类别,可接受工作地点,求职意向\n{person_id_number(kp.person)},登记失业人员,,电工\n"
    result = seekers.import_seekers(actor=world.users["village_a"], file=io.BytesIO(text.encode()), filename="s.csv")
    assert (result.done, result.errors, result.updated) == (1, [], ["人员类别", "求职意向", "可接受工作地点"])
    p = SeekerProfile.objects.get(key_person=kp)
    assert (p.desired_text, p.places, p.limits, p.limits_note) == ("电工", [], ["day_only"], "只上白班")

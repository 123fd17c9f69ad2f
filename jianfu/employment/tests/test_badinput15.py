"""The bad-input attack of session 15 (/work/notes/badinput15.md): its employment findings as tests."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment.models import KeyPerson, StatusChange
from jianfu.employment.tests.factories import key_person_in, person_in


@pytest.fixture
def check_passed_by_the_race(monkeypatch):
    """Another request inserts the person between this request's "already in the list?" check and its insert:
    the check answers "no" although the row is there."""
    original = QuerySet.exists

    def exists(self):
        return False if self.model is KeyPerson else original(self)

    monkeypatch.setattr(QuerySet, "exists", exists)


@pytest.mark.django_db
class TestConcurrentAdd:
    """#5: four concurrent 纳入就业帮扶 of one person gave 201 + 3 × 500 (IntegrityError)."""

    def test_api_answers_400_naming_the_person(self, world, check_passed_by_the_race):
        kp = key_person_in()
        counts = (KeyPerson.objects.count(), StatusChange.objects.count())
        r = world.api_client("village_a").post("/api/v1/employment/people/",
                                               {"person": kp.person_id, "groups": ["is_rural_labour"]}, format="json")
        assert r.status_code == 400
        message = f"{kp.person.name}已在就业帮扶名单中。"
        assert r.json() == {"error": {"code": "duplicate", "message": message, "fields": {"person": [message]}}}
        assert (KeyPerson.objects.count(), StatusChange.objects.count()) == counts

    def test_web_form_says_so_on_the_field(self, world, check_passed_by_the_race, monkeypatch):
        from jianfu.employment import views

        kp = key_person_in()
        # the page's own "already enrolled?" look also ran before the other request's insert
        monkeypatch.setattr(views.selectors, "key_person_list", lambda **kw: KeyPerson.objects.none())
        counts = (KeyPerson.objects.count(), StatusChange.objects.count())
        r = world.client("village_a").post("/employment/people/add/",
                                           {"person": kp.person_id, "groups": ["is_rural_labour"], "form_token": token_new()})
        assert r.status_code == 400
        assert f"{kp.person.name}已在就业帮扶名单中。" in r.content.decode()
        assert (KeyPerson.objects.count(), StatusChange.objects.count()) == counts

    def test_one_add_still_works(self, world):
        person = person_in()
        r = world.api_client("village_a").post("/api/v1/employment/people/",
                                               {"person": person.pk, "groups": ["is_rural_labour"]}, format="json")
        assert r.status_code == 201
        assert list(KeyPerson.objects.values_list("person_id", flat=True)) == [person.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(("on", "message"), [("2099-01-01", "服务日期不能晚于{late}。"),
                                             ("0001-01-01", "服务日期不能早于{early}。")])
def test_service_record_dates_outside_the_window_are_refused(world, on, message):
    """#10: started_on 2099-01-01 and 0001-01-01 created service records."""
    from jianfu.employment.models import ServiceRecord
    from jianfu.employment.services import SERVICE_DAYS_AHEAD, today, years_before

    kp = key_person_in()
    message = message.format(late=(today() + dt.timedelta(days=SERVICE_DAYS_AHEAD)).isoformat(),
                             early=years_before(today(), 10).isoformat())
    r = world.client("village_a").post(f"/employment/people/{kp.pk}/services/", {
        "kind": "training", "title": "双击培训", "started_on": on, "amount": "100", "outcome": "ongoing",
        "form_token": token_new()})
    # the person page again with the filled form (fix-last15a), the reason on the date field and in the notice
    assert r.status_code == 400
    assert r.context["service_form"].errors == {"started_on": [message]}
    assert [str(m) for m in r.context["messages"]] == [f"服务记录没有保存：「日期」{message}"]
    assert ServiceRecord.objects.count() == 0
    ok = world.client("village_a").post(f"/employment/people/{kp.pk}/services/", {
        "kind": "training", "title": "双击培训", "started_on": today().isoformat(), "amount": "100",
        "outcome": "ongoing", "form_token": token_new()})
    assert ok.status_code == 302 and ServiceRecord.objects.count() == 1


@pytest.mark.django_db
def test_a_visit_dated_0001_is_refused(world):
    from jianfu.core.errors import ApplicationError
    from jianfu.employment import visits
    from jianfu.employment.models import Visit
    from jianfu.employment.services import today, years_before

    kp = key_person_in()
    with pytest.raises(ApplicationError) as exc:
        visits.visit_record(actor=world.users["village_a"], key_person=kp, outcome="phone", visited_on="0001-01-01")
    assert (exc.value.field, exc.value.message) == (
        "visited_on", f"走访日期不能早于{years_before(today(), 10).isoformat()}。")
    assert Visit.objects.count() == 0


def _import_csv(world, capture, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jianfu.employment.tests.test_postings import HEADER

    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, *rows])
    text = buf.getvalue()
    with capture(execute=True):
        world.client("county_office").post("/employment/postings/import/",
                                           {"form_token": token_new(), "file": SimpleUploadedFile("jobs.csv", text.encode("utf-8"))})
    from jianfu.employment.models import PostingImport

    return PostingImport.objects.get()


@pytest.mark.django_db
@pytest.mark.parametrize(("employer", "message"), [
    ('=HYPERLINK("http://evil.example","点我")', "单位名称“=HYPERLINK(\"http://evil.example\",\"点我\")”以“=”开头，像是表格公式，请填写单位的名称"),
    ("+8613800138000", "单位名称“+8613800138000”以“+”开头，像是表格公式，请填写单位的名称"),
    ("\u200b\u200b", "单位名称为空"),
])
def test_a_formula_or_empty_employer_creates_no_registry_organisation(world, django_capture_on_commit_callbacks,
                                                                      employer, message):
    """#20: an employer named =HYPERLINK(…) became a county registry organisation."""
    from jianfu.employment.models import Posting
    from jianfu.employment.tests.test_postings import good
    from jianfu.registry.models import Organisation

    before = (Posting.objects.count(), Organisation.objects.count())
    batch = _import_csv(world, django_capture_on_commit_callbacks, [good(1), good(2, 单位名称=employer)])
    assert batch.status == "failed"
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [(3, "单位名称", message)]
    assert (Posting.objects.count(), Organisation.objects.count()) == before


@pytest.mark.django_db
def test_reversed_ranges_are_read_in_order_and_said_so(world, django_capture_on_commit_callbacks):
    """#21: 年龄要求 60-18 and 月薪 5000-3000 were stored 18–60 and 3000–5000 without a word."""
    from jianfu.employment.models import Posting
    from jianfu.employment.tests.test_postings import good

    batch = _import_csv(world, django_capture_on_commit_callbacks,
                        [good(1, 年龄要求="60-18", 月薪="5000-3000"), good(2, 年龄要求="18-60", 月薪="8000-1.2万")])
    assert batch.status == "committed"
    assert sorted(Posting.objects.values_list("title", "age_min", "age_max", "wage_min", "wage_max")) == [
        ("分拣工1", 18, 60, 3000, 5000), ("分拣工2", 18, 60, 8000, 12000)]
    assert [(w["row"], w["column"], w["message"]) for w in batch.warnings] == [
        (2, "年龄要求", "年龄要求“60-18”前大后小，已按18至60岁导入，请核对"),
        (2, "月薪", "月薪“5000-3000”前大后小，已按3000至5000元导入，请核对"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("at_once", [False, True])
def test_a_double_posted_service_record_is_one_row(world, monkeypatch, at_once):
    """#4: 服务记录 posted 3 times at once plus a replay made 4 identical rows (double-counted training and subsidy)."""
    import re

    from jianfu.core import formtokens
    from jianfu.employment.models import ServiceRecord
    from jianfu.employment.services import today

    if at_once:   # every post passed the "posted before?" look: the unique form_key decides
        monkeypatch.setattr(formtokens, "once", formtokens.create_once)
    kp = key_person_in()
    client = world.client("village_a")
    page = client.get(f"/employment/people/{kp.pk}/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {"kind": "training", "title": "双击培训", "started_on": today().isoformat(), "amount": "100",
            "outcome": "ongoing", "form_token": token}
    answers = [client.post(f"/employment/people/{kp.pk}/services/", data) for _ in range(4)]
    assert [r.status_code for r in answers] == [302] * 4
    assert list(ServiceRecord.objects.values_list("title", "amount")) == [("双击培训", Decimal("100.00"))]
    assert client.post(f"/employment/people/{kp.pk}/services/", {**data, "form_token": token_new()}).status_code == 302
    assert ServiceRecord.objects.count() == 2    # another form (another token) is another record


def _version(page: str) -> str:
    import html
    import re

    return html.unescape(re.search(r'name="version" value="([^"]*)"', page).group(1))


@pytest.mark.django_db
def test_a_stale_employment_person_edit_is_refused_and_keeps_the_typing(world):
    """fix-last15a: the edit form had no version check (the registry's has, badinput15 #1): the second of two
    sessions wrote its old form's fields back over the first one's save."""
    kp = key_person_in(unemployment_ground="dismissed")
    url = f"/employment/people/{kp.pk}/edit/"
    one, two = world.client("village_a"), world.client("village_a")
    v1 = _version(one.get(url).content.decode())
    v2 = _version(two.get(url).content.decode())
    assert v1 == v2 != ""
    base = {"groups": ["is_registered_unemployed"], "unemployment_registered_on": kp.unemployment_registered_on,
            "unemployment_ground": "dismissed"}
    assert one.post(url, {**base, "major": "机电", "version": v1}).status_code == 302
    r = two.post(url, {**base, "note": "用户二的备注", "version": v2})
    assert r.status_code == 400
    form = r.context["form"]
    # fix-left16 #5: it names what the other user changed, in the registry's words (jianfu.core.versioning)
    saved = AuditRecord.objects.filter(action="employment.keyperson.update", object_id=str(kp.pk)).latest("id")
    when = timezone.localtime(saved.created_at).strftime("%m-%d %H:%M")
    assert form.non_field_errors() == [f"您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您保存过的修改：所学专业：“”改为“机电”"
                                       f"（village_a，{when}）。您填写的内容已保留，请核对后再次保存。"]
    assert form["note"].value() == "用户二的备注"
    kp.refresh_from_db()
    assert (kp.major, kp.note) == ("机电", "")
    v3 = _version(r.content.decode())
    assert v3 not in ("", v2)
    assert two.post(url, {**base, "major": "机电", "note": "用户二的备注", "version": v3}).status_code == 302
    kp.refresh_from_db()
    assert (kp.major, kp.note) == ("机电", "用户二的备注")


@pytest.mark.django_db
def test_the_employment_service_refuses_a_stale_version(world):
    from jianfu.core.errors import ConflictError
    from jianfu.core.versioning import version_of
    from jianfu.employment import services

    actor = world.users["village_a"]
    kp = key_person_in(unemployment_ground="dismissed")
    opened = version_of(kp)
    services.key_person_update(actor=actor, key_person=KeyPerson.objects.get(pk=kp.pk), data={"major": "甲"},
                               version=opened)
    with pytest.raises(ConflictError) as exc:
        services.key_person_update(actor=actor, key_person=KeyPerson.objects.get(pk=kp.pk), data={"major": "乙"},
                                   version=opened)
    assert (exc.value.code, exc.value.status_code) == ("stale", 409)
    saved = AuditRecord.objects.filter(action="employment.keyperson.update", object_id=str(kp.pk)).latest("id")
    line = f"所学专业：“”改为“甲”（village_a，{timezone.localtime(saved.created_at).strftime('%m-%d %H:%M')}）"
    assert exc.value.details["changes"] == [line]
    assert exc.value.message == (f"您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您保存过的修改：{line}。"
                                 "您填写的内容已保留，请核对后再次保存。")
    assert KeyPerson.objects.get(pk=kp.pk).major == "甲"
    with pytest.raises(ConflictError):
        services.key_person_update(actor=actor, key_person=KeyPerson.objects.get(pk=kp.pk), data={"major": "丙"},
                                   version="not a version")
    assert KeyPerson.objects.get(pk=kp.pk).major == "甲"

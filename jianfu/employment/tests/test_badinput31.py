"""badinput31: bad input against 就业帮扶 — each refusal names the field (and in an import the row) in Chinese, and
nothing is written."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import importjobs
from jianfu.employment.models import Posting, PostingImport, Visit
from jianfu.employment.tests.factories import key_person_in
from jianfu.employment.tests.test_postings import HEADER, csv_bytes, good
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db

FORM = {"employer": "合浦县曲樟乡荔枝专业合作社", "title": "荔枝采摘工", "place": "曲樟乡", "description": "采摘、分拣、装箱"}


def _nothing_written() -> tuple:
    return (Posting.objects.count(), Organisation.objects.count(),
            AuditRecord.objects.filter(action__startswith="employment.posting").count())


# ---- #1: a posting's 岗位描述, 福利待遇, 班次 and 联系人 kept a web page's markup, and 福利待遇 / 班次 were cut silently

@pytest.mark.parametrize(("field", "value", "message"), [
    ("description", "<script>alert(1)</script>冻虾分拣", "岗位描述含有网页代码（<…>），请只填写文字"),
    ("benefits", '包午餐<img src=x onerror="alert(1)">', "福利待遇含有网页代码（<…>），请只填写文字"),
    ("shifts", "<b>两班倒</b>", "班次含有网页代码（<…>），请只填写文字"),
    ("contact_name", "<i>黄经理</i>", "联系人含有网页代码（<…>），请只填写文字"),
])
def test_the_form_and_the_api_refuse_markup_naming_the_field(world, field, value, message):
    page = world.client("county_office").post("/employment/postings/new/",
                                              {**FORM, field: value, "form_token": token_new()})
    assert page.status_code == 400
    assert f"<li>{html.escape(message, quote=False)}</li>" in page.content.decode()
    _api_refuses(world, field, value, message)


def _api_refuses(world, field, value, message):
    response = world.api_client("county_office").post("/api/v1/employment/postings/", {**FORM, field: value},
                                                      format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message
    assert response.json()["error"]["fields"] == {field: [message]}
    assert _nothing_written() == (0, 0, 0)


@pytest.mark.parametrize(("column", "value", "message"), [
    ("岗位描述", "<script>alert(1)</script>冻虾分拣", "岗位描述含有网页代码（<…>），请只填写文字"),
    ("福利待遇", "<a href=javascript:alert(1)>包吃住</a>", "福利待遇含有网页代码（<…>），请只填写文字"),
    ("班次", "<b>两班倒</b>", "班次含有网页代码（<…>），请只填写文字"),
    # cut to 300 / 60 without a word before (the form's counter and the API's serializer refuse them in their words)
    ("福利待遇", "包" * 400, "福利待遇过长（400字，最多300字）"),
    ("班次", "班" * 61, "班次过长（61字，最多60字）"),
])
def test_the_import_refuses_the_file_naming_row_and_column(world, column, value, message,
                                                          django_capture_on_commit_callbacks):
    rows = [[*good(1), "两班倒"], [*good(2, **{c: value for c in [column] if c in HEADER}),
                                  value if column == "班次" else "两班倒"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("county_office").post("/employment/postings/import/", {
            "form_token": token_new(),
            "file": SimpleUploadedFile("jobs.csv", csv_bytes(rows, [*HEADER, "班次"]).getvalue())})
    batch = PostingImport.objects.get()
    assert response.status_code == 302
    assert (batch.status, batch.errors) == ("failed", [{"row": 3, "column": column, "message": message}])
    assert (Posting.objects.count(), Organisation.objects.count()) == (0, 0)


def test_text_without_markup_still_passes(world, django_capture_on_commit_callbacks):
    """"工资<3000也行" and "<IC卡>" are not markup (core.text.has_markup); 300 characters of 福利待遇 are within the limit."""
    rows = [good(1, **{"岗位描述": "持证<IC卡>上岗，计件<3000也有", "福利待遇": "包" * 300})]
    batch = importjobs.import_request(actor=world.users["county_office"],
                                      upload=SimpleUploadedFile("jobs.csv", csv_bytes(rows, HEADER).getvalue()))
    importjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == "committed"
    assert list(Posting.objects.values_list("description", "benefits")) == [("持证<IC卡>上岗，计件<3000也有", "包" * 300)]


# ---- #2: a visit's 需求 list took the same need any number of times, and echoed a bad item whole

def _visits_written() -> tuple:
    return Visit.objects.count(), AuditRecord.objects.filter(action__startswith="employment.visit").count()


def test_the_api_refuses_a_need_given_twice_and_records_no_visit(world):
    kp = key_person_in()
    response = world.api_client("village_a").post(f"/api/v1/employment/people/{kp.pk}/visits/",
                                                  {"outcome": "met", "needs": ["job", "training", "job"]},
                                                  format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid", "message": "需求“推荐岗位”填写了2次，每项需求只填一次。",
                                        "fields": {"needs": ["需求“推荐岗位”填写了2次，每项需求只填一次。"]}}
    assert _visits_written() == (0, 0)


def test_the_form_refuses_a_need_posted_twice_beside_the_field(world):
    kp = key_person_in()
    page = world.client("village_a").post(f"/employment/people/{kp.pk}/visit/", {
        "form_token": token_new(), "outcome": "met", "needs": ["subsidy", "subsidy", "subsidy"]})
    assert page.status_code == 400
    assert '<ul class="errorlist" id="id_needs_error"><li>需求“补贴政策”填写了3次，每项需求只填一次。</li></ul>' \
        in page.content.decode()
    assert _visits_written() == (0, 0)


def test_a_long_unknown_need_is_quoted_short(world):
    kp = key_person_in()
    response = world.api_client("village_a").post(f"/api/v1/employment/people/{kp.pk}/visits/",
                                                  {"outcome": "met", "needs": ["工" * 100_000]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == f"需求“{'工' * 20}…”无效。"
    assert _visits_written() == (0, 0)


def test_distinct_needs_are_recorded_as_given(world):
    kp = key_person_in()
    response = world.api_client("village_a").post(f"/api/v1/employment/people/{kp.pk}/visits/",
                                                  {"outcome": "met", "needs": ["training", "job"]}, format="json")
    assert response.status_code == 201
    assert list(Visit.objects.values_list("needs", flat=True)) == [["training", "job"]]


# ---- #3: a day no calendar has, in the API, was blamed on the format ("日期格式错误。请从这些格式中选择：YYYY-MM-DD。")

def test_a_visit_on_february_30_is_refused_as_no_such_day(world):
    kp = key_person_in()
    response = world.api_client("village_a").post(f"/api/v1/employment/people/{kp.pk}/visits/",
                                                  {"outcome": "met", "visited_on": "2026-02-30"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid", "message": "提交的数据有误：“走访日期”：日期不存在（2026年2月30日）。",
                                        "fields": {"visited_on": ["日期不存在（2026年2月30日）"]}}
    assert _visits_written() == (0, 0)


def test_a_key_person_registered_unemployed_on_month_13_is_refused_as_no_such_day(world):
    from jianfu.employment.models import KeyPerson
    from jianfu.employment.tests.factories import person_in

    person = person_in()
    response = world.api_client("village_a").post("/api/v1/employment/people/", {
        "person": person.pk, "groups": ["is_registered_unemployed"], "unemployment_registered_on": "2026-13-01"},
        format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"unemployment_registered_on": ["日期不存在（2026年13月1日）"]}
    assert KeyPerson.objects.count() == 0


def test_a_posting_valid_until_february_29_of_a_common_year_is_refused(world):
    response = world.api_client("county_office").post("/api/v1/employment/postings/",
                                                      {**FORM, "valid_until": "2027-02-29"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"valid_until": ["日期不存在（2027年2月29日）"]}
    assert _nothing_written() == (0, 0, 0)


@pytest.mark.parametrize(("value", "status"), [("2028-02-29", 201), ("2027/02/01", 400)])
def test_a_real_day_passes_and_another_format_keeps_the_format_message(world, value, status):
    response = world.api_client("county_office").post("/api/v1/employment/postings/",
                                                      {**FORM, "valid_until": value}, format="json")
    assert response.status_code == status
    if status == 400:
        assert response.json()["error"]["fields"] == {"valid_until": ["日期格式错误。请从这些格式中选择：YYYY-MM-DD。"]}
    else:
        assert Posting.objects.get().valid_until.isoformat() == value

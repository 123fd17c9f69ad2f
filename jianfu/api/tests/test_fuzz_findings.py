"""What schemathesis found when run against the served schema as every role (docs/dev/api-fuzzing.md), each
reproduced with the test client: exact status and body, and on a refusal nothing changed."""

from __future__ import annotations

import functools

import pytest
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.core.models import AuditRecord
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
from jianfu.villagepages.tests.factories import list_in, snapshot
from jianfu.villagepages.workflow import Status as ListStatus

NOT_AN_OBJECT = {"error": {"code": "invalid", "message": "请求体应为 JSON 对象。", "fields": {}}}


def _invalid(field: str, message: str) -> dict:
    return {"error": {"code": "invalid", "message": message, "fields": {field: [message]}}}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


# ---------------------------------------------------------------- integer and choice query parameters


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "shown"), [("null", "null"), ("0", "0"), ("3661", "3661"), ("-5", "-5"),
                                              ("9" * 30, "9" * 20)])
def test_dispatch_metrics_refuses_a_days_it_cannot_use(world, value, shown):
    response = world.api_client("county_office").get("/api/v1/dispatch/metrics/", {"days": value})
    assert response.status_code == 400
    assert response.json() == _invalid("days", f"参数 days 应为 1 到 3660 之间的整数，收到“{shown}”。")


@pytest.mark.django_db
def test_dispatch_metrics_refuses_an_unknown_grouping_and_reads_good_values(world):
    client = world.api_client("county_office")
    response = client.get("/api/v1/dispatch/metrics/", {"by": "village"})
    assert response.status_code == 400
    assert response.json() == _invalid("by", "参数 by 只能是 department、town 之一，收到“village”。")
    good = client.get("/api/v1/dispatch/metrics/", {"by": "town", "days": "30"})
    assert good.status_code == 200 and (good.json()["by"], good.json()["days"]) == ("town", 30)
    default = client.get("/api/v1/dispatch/metrics/", {"days": ""})
    assert default.status_code == 200 and (default.json()["by"], default.json()["days"]) == ("department", 90)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["null", "0", "37", "1.5"])
def test_employment_dashboard_refuses_a_months_it_cannot_use(world, value):
    response = world.api_client("county_office").get("/api/v1/employment/dashboard/", {"months": value})
    assert response.status_code == 400
    assert response.json() == _invalid("months", f"参数 months 应为 1 到 36 之间的整数，收到“{value}”。")
    assert world.api_client("county_office").get("/api/v1/employment/dashboard/", {"months": "36"}).status_code == 200


@pytest.mark.django_db
def test_report_run_refuses_an_unknown_grouping(world):
    response = world.api_client("town_quzhang").get("/api/v1/reports/runs/",
                                                    {"template": "mz_elderly_census", "group": "county"})
    assert response.status_code == 400
    assert response.json() == _invalid("group", "参数 group 只能是 village 之一，收到“county”。")


def test_the_bounds_are_in_the_schema(schema):
    def param(path, name):
        return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)["schema"]

    assert param("/api/v1/dispatch/metrics/", "days") == {"type": "integer", "minimum": 1, "maximum": 3660}
    assert param("/api/v1/dispatch/metrics/", "by") == {"type": "string", "enum": ["department", "town"]}
    assert param("/api/v1/employment/dashboard/", "months") == {"type": "integer", "minimum": 1, "maximum": 36}


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(value=st.text(max_size=30))
def test_any_string_in_a_numeric_parameter_is_a_200_or_a_400_naming_it(world, value):
    client = world.api_client("county_office")
    for path, name in (("/api/v1/dispatch/metrics/", "days"), ("/api/v1/employment/dashboard/", "months")):
        response = client.get(path, {name: value})
        assert response.status_code in (200, 400), (path, value)
        if response.status_code == 400:
            assert list(response.json()["error"]["fields"]) == [name]


# ---------------------------------------------------------------- a JSON body that is not an object


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["open", "accept", "close"])
def test_directline_handler_refuses_a_body_that_is_not_an_object(world, action):
    county_key_with_handler(world)
    report, _ = submitted()
    audit_before = AuditRecord.objects.count()
    response = world.api_client("county_office").post(f"/api/v1/directline/reports/{report.pk}/{action}/",
                                                      [None, None], format="json")
    assert response.status_code == 400
    assert response.json() == NOT_AN_OBJECT
    report.refresh_from_db()
    assert report.status == "new"
    assert AuditRecord.objects.count() == audit_before  # no unlock tried, none counted as failed


@pytest.mark.django_db
def test_directline_open_still_reads_a_passphrase_object(world):
    county_key_with_handler(world)
    report, _ = submitted()
    response = world.api_client("county_office").post(f"/api/v1/directline/reports/{report.pk}/open/",
                                                      {"passphrase": PASSPHRASE}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "new"


@pytest.mark.django_db
@pytest.mark.parametrize("body", [[None, None], 7, "approve"])
def test_village_list_action_refuses_a_body_that_is_not_an_object(world, body):
    target = list_in(status=ListStatus.SUBMITTED)
    before = snapshot()
    response = world.api_client("town_quzhang").post(f"/api/v1/villages/drafts/{target.pk}/approve/", body,
                                                     format="json")
    assert response.status_code == 400
    assert response.json() == NOT_AN_OBJECT
    assert snapshot() == before


# ---------------------------------------------------------------- 401 where a token is read


@pytest.mark.django_db
def test_posting_a_job_anonymously_is_a_documented_401(world, schema):
    from jianfu.employment.models import Posting

    response = world.api_client(None).post("/api/v1/employment/postings/", {}, format="json")
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "not_authenticated", "message": "需要登录或提供有效令牌。", "fields": {}}}
    assert Posting.objects.count() == 0
    operation = schema["paths"]["/api/v1/employment/postings/"]["post"]
    assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}]
    assert "401" in operation["responses"]


@pytest.mark.django_db
def test_a_bad_token_on_a_public_read_is_a_documented_401(world, schema):
    response = world.api_client(None).get("/api/v1/employment/postings/", HTTP_AUTHORIZATION="Token nope")
    assert response.status_code == 401
    assert response.json()["error"] == {"code": "authentication_failed", "message": "令牌无效、已过期或账号已停用。",
                                        "fields": {}}
    assert "401" in schema["paths"]["/api/v1/employment/postings/"]["get"]["responses"]
    assert "401" not in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]  # reads no credentials


def test_an_empty_query_value_is_documented_as_allowed(schema):
    params = [p for item in schema["paths"].values() for op in item.values() for p in op.get("parameters", [])
              if p["in"] == "query" and not p.get("required")]
    assert len(params) > 20 and all(p["allowEmptyValue"] is True for p in params)
    template = next(p for p in schema["paths"]["/api/v1/reports/runs/"]["get"]["parameters"] if p["name"] == "template")
    assert template["required"] is True and "allowEmptyValue" not in template  # required: empty is refused
    assert all("allowEmptyValue" not in p for item in schema["paths"].values() for op in item.values()
               for p in op.get("parameters", []) if p["in"] == "path")


# ---------------------------------------------------------------- response bodies as documented


@pytest.mark.django_db
def test_the_village_lists_answer_is_the_documented_array(world, schema):
    submitted_list = list_in(status=ListStatus.SUBMITTED)
    response = world.api_client("village_a").get("/api/v1/villages/lists/")
    assert response.status_code == 200
    assert response.json() == [{"code": "450521200206", "name": "曲木村委会", "public": None,
                                "open": {"id": submitted_list.pk, "status": "submitted"}}]
    documented = schema["paths"]["/api/v1/villages/lists/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert documented["schema"] == {"type": "array", "items": {"$ref": "#/components/schemas/VillageManaged"}}
    row = schema["components"]["schemas"]["VillageManaged"]
    assert set(row["required"]) == set(response.json()[0]) and row["properties"]["open"]["nullable"] is True


# ---------------------------------------------------------------- any string in any query parameter


@functools.cache
def _query_parameters() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted((path, p["name"]) for path, item in schema["paths"].items() if "{" not in path and "get" in item
                  for p in item["get"].get("parameters", []) if p["in"] == "query")


@pytest.mark.django_db
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(where=st.deferred(lambda: st.sampled_from(_query_parameters())), value=st.text(max_size=40))
def test_any_string_in_any_query_parameter_is_answered_never_a_500(world, where, value):
    """The invariant behind the table above: whatever a caller puts in a documented query parameter of a list
    operation, the answer is 200, or a 400 that names that parameter, or a 403/404 (not this role's, or outside its
    scope)."""
    path, name = where
    response = world.api_client("town_quzhang").get(path, {name: value, **_required(path, name)})
    assert response.status_code in (200, 400, 403, 404), (path, name, value, response.status_code)
    if response.status_code == 400:
        assert set(response.json()["error"]["fields"]) <= {name, "period", "template"}, (path, name, value)


def _required(path: str, name: str) -> dict:
    return {"template": "mz_elderly_census"} if path == "/api/v1/reports/runs/" and name != "template" else {}


# ---------------------------------------------------------------- monitor: parameters the views read, documented


@pytest.mark.django_db
def test_a_ledger_list_is_the_documented_array_and_its_parameters_are_documented(world, schema):
    api = world.api_client("dept_housing")
    created = api.post("/api/v1/monitor/ledgers/meeting/", {"date": "2025-03-01", "title": "推进会",
                                                            "duration_minutes": 240, "speech_minutes": 120},
                       format="json")
    assert created.status_code == 201
    listed = api.get("/api/v1/monitor/ledgers/meeting/", {"year": "2025"})
    assert listed.status_code == 200 and [r["title"] for r in listed.json()] == ["推进会"]
    operation = schema["paths"]["/api/v1/monitor/ledgers/{kind}/"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "type": "array", "items": {"$ref": "#/components/schemas/MonitorLedgerRow"}}
    params = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert params["year"] == {"type": "integer", "minimum": 2000} and params["q"] == {"type": "string"}
    assert "meeting" in params["kind"]["enum"] and "nonsense" not in params["kind"]["enum"]
    for path in ("/api/v1/monitor/findings/", "/api/v1/monitor/notices/", "/api/v1/monitor/index/"):
        assert "year" in {p["name"] for p in schema["paths"][path]["get"]["parameters"]}, path


@pytest.mark.django_db
def test_monitor_notices_refuse_an_unknown_category(world):
    response = world.api_client("county_office").get("/api/v1/monitor/notices/", {"category": "nonsense"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"category": [
        "参数 category 只能是 documents_meetings、inspections、fingertip、secondment、plaques、creation、festivals、"
        "escalation、vanity、other 之一，收到“nonsense”。"]}
    assert world.api_client("county_office").get("/api/v1/monitor/notices/", {"category": "vanity"}).status_code == 200


# ---------------------------------------------------------------- direct line: status and quarter read strictly


@pytest.mark.django_db
def test_directline_list_and_stats_refuse_values_they_would_have_ignored(world, schema):
    import datetime as dt

    from django.utils import timezone

    from jianfu.directline.selectors import closed_quarters

    county_key_with_handler(world)
    report, _ = submitted()
    api = world.api_client("county_office")
    bad = api.get("/api/v1/directline/reports/", {"status": "everything"})
    assert bad.status_code == 400 and list(bad.json()["error"]["fields"]) == ["status"]
    assert [r["id"] for r in api.get("/api/v1/directline/reports/", {"status": "new"}).json()] == [report.pk]
    assert api.get("/api/v1/directline/reports/", {"status": "closed"}).json() == []
    newest, oldest = closed_quarters(timezone.localdate())[0][0], closed_quarters(timezone.localdate())[-1][0]
    too_old = (oldest - dt.timedelta(days=1)).replace(day=1).isoformat()
    refused = api.get("/api/v1/directline/stats/", {"quarter": too_old})
    assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["quarter"]
    assert api.get("/api/v1/directline/stats/").json()["start"] == newest.isoformat()
    assert api.get("/api/v1/directline/stats/", {"quarter": oldest.isoformat()}).json()["start"] == oldest.isoformat()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/directline/reports/"]["get"]["parameters"]}
    assert "new" in params["status"]["schema"]["enum"]
    assert "quarter" in {p["name"] for p in schema["paths"]["/api/v1/directline/stats/"]["get"]["parameters"]}


# ---------------------------------------------------------------- enum filters that used to ignore unknown values


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name", "good"), [
    ("/api/v1/dispatch/events/", "status", "reported"),
    ("/api/v1/employment/visits/", "state", "overdue"),
    ("/api/v1/employment/people/", "status", "employed"),
    ("/api/v1/employment/people/", "group", "is_graduate"),
])
def test_an_unknown_filter_value_is_a_400_not_the_whole_list(world, schema, path, name, good):
    api = world.api_client("county_office")
    response = api.get(path, {name: "everything"})
    assert response.status_code == 400
    message = response.json()["error"]["fields"][name][0]
    assert message.startswith(f"参数 {name} 只能是 ") and message.endswith("之一，收到“everything”。")
    assert good in message
    assert api.get(path, {name: good}).status_code == 200
    documented = next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)["schema"]
    assert good in documented["enum"]


# ---------------------------------------------------------------- write bodies (session 13: every write documents
# its body; what the fuzzer and a reading of the writes found once they did)


def _body_invalid(field: str, message: str, code: str = "invalid") -> dict:
    return {"error": {"code": code, "message": message, "fields": {field: [message]}}}


@pytest.mark.django_db
@pytest.mark.parametrize("title", [["推进会"], {"a": 1}, True])
def test_a_ledger_row_refuses_a_title_that_is_not_text(world, title):
    from jianfu.monitor.models import LedgerMeeting

    response = world.api_client("dept_housing").post("/api/v1/monitor/ledgers/meeting/", {
        "date": "2025-03-01", "title": title, "duration_minutes": 60}, format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("title", "“名称”应为文字。")
    assert LedgerMeeting.objects.count() == 0


@pytest.mark.django_db
def test_a_county_notice_refuses_a_title_that_is_not_text(world):
    from jianfu.monitor.models import Notice

    before = Notice.objects.count()
    response = world.api_client("county_office").post("/api/v1/monitor/notices/", {
        "title": ["通报"], "issuer": "合浦县减负办", "date": "2025-03-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("title", "“标题”应为文字。")
    assert Notice.objects.count() == before


@pytest.mark.django_db
def test_directline_action_refuses_a_note_that_is_not_text(world):
    county_key_with_handler(world)
    report, _ = submitted()
    before = AuditRecord.objects.count()
    response = world.api_client("county_office").post(f"/api/v1/directline/reports/{report.pk}/close/",
                                                      {"passphrase": PASSPHRASE, "note": ["办结"]}, format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("note", "“note”应为文字。")
    report.refresh_from_db()
    assert report.status == "new" and AuditRecord.objects.count() == before


@pytest.mark.django_db
def test_directline_close_refuses_a_note_over_the_limit_instead_of_cutting_it(world):
    from jianfu.directline import services as directline_services

    _, private = county_key_with_handler(world)
    report, _ = submitted()
    directline_services.report_accept(actor=world.users["county_office"], report=report, private=private)
    before = AuditRecord.objects.count()
    response = world.api_client("county_office").post(f"/api/v1/directline/reports/{report.pk}/close/",
                                                      {"passphrase": PASSPHRASE, "note": "已办结。" * 1251},
                                                      format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("note", "办理意见过长（5004 字），请控制在 5000 字以内。", "too_long")
    report.refresh_from_db()
    assert report.status == "in_review" and report.outcome_sealed in (None, b"")
    assert AuditRecord.objects.filter(action="directline.report.close").count() == 0
    assert AuditRecord.objects.count() == before + 1  # the unlock only (audited as every unlock is)


@pytest.mark.django_db
def test_directline_to_finding_refuses_a_summary_over_the_limit_instead_of_cutting_it(world):
    from jianfu.directline import services as directline_services
    from jianfu.monitor.models import Finding

    _, private = county_key_with_handler(world)
    report, _ = submitted()
    directline_services.report_accept(actor=world.users["county_office"], report=report, private=private)
    response = world.api_client("county_office").post(
        f"/api/v1/directline/reports/{report.pk}/to_finding/",
        {"passphrase": PASSPHRASE, "issuer_code": "450521000000D01", "summary": "某局重复索要台账。" * 56},
        format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("summary", "问题摘要过长（504 字），请控制在 500 字以内。", "too_long")
    report.refresh_from_db()
    assert (report.status, report.finding_ref) == ("in_review", "") and Finding.objects.count() == 0


@pytest.mark.django_db
def test_village_list_return_refuses_a_note_that_is_not_text(world):
    target = list_in(status=ListStatus.SUBMITTED)
    before = snapshot()
    response = world.api_client("town_quzhang").post(f"/api/v1/villages/drafts/{target.pk}/return/",
                                                     {"note": {"reason": "缺电话"}}, format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("note", "“note”应为文字。")
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value", "message"), [
    ("duration_minutes", "120", "“会议时长（分钟）”应为整数。"), ("duration_minutes", True, "“会议时长（分钟）”应为整数。"),
    ("duration_minutes", 60.5, "“会议时长（分钟）”应为整数。"), ("by_video", "true", "“视频会议”应为 true 或 false。"),
    ("title", 7, "“名称”应为文字。"), ("level", 3, "“会议层级”应为文字。")])
def test_a_json_ledger_row_has_the_documented_types(world, field, value, message):
    """A JSON body is read as its schema says (a form's strings are parsed by the FieldSpec cleaners)."""
    from jianfu.monitor.models import LedgerMeeting

    api = world.api_client("dept_housing")
    body = {"date": "2025-03-01", "title": "推进会", "duration_minutes": 60}
    response = api.post("/api/v1/monitor/ledgers/meeting/", {**body, field: value}, format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid(field, message)
    assert LedgerMeeting.objects.count() == 0
    assert api.post("/api/v1/monitor/ledgers/meeting/", {**body, "duration_minutes": 60.0}, format="json").status_code == 201
    form = api.post("/api/v1/monitor/ledgers/meeting/", {**body, "duration_minutes": "120", "by_video": "true"})
    assert form.status_code == 201 and form.json()["duration_minutes"] == 120 and form.json()["by_video"] is True


@pytest.mark.django_db
def test_a_json_county_notice_has_the_documented_types(world):
    from jianfu.monitor.models import Notice

    before = Notice.objects.count()
    response = world.api_client("county_office").post("/api/v1/monitor/notices/", {
        "title": 20250301, "issuer": "合浦县减负办", "date": "2025-03-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == _body_invalid("title", "“标题”应为文字。")
    assert Notice.objects.count() == before


@pytest.mark.django_db
def test_an_optional_choice_takes_null_as_not_given_and_the_schema_says_so(world, schema):
    """schemathesis (county_office): `"severity": null` was accepted (201, severity medium) while the schema's enum
    left null out (OpenAPI 3.0's `nullable` does not add it to an enum): the enum now lists it."""
    from jianfu.monitor.models import Rule

    response = world.api_client("county_office").post("/api/v1/monitor/rules/", {
        "code": "L-NULL", "name": "牌子不超过四块", "citation": "若干规定", "threshold": 4, "severity": None,
        "check": "plaques_outside_max"}, format="json")
    assert response.status_code == 201
    assert Rule.objects.get(code="L-NULL").severity == "medium"
    body = schema["paths"]["/api/v1/monitor/rules/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["severity"]["enum"] == ["info", "low", "medium", "high", "", None]
    case = schema["paths"]["/api/v1/monitor/notices/{id}/cases/"]["post"]["requestBody"]["content"]["application/json"]
    assert case["schema"]["properties"]["rectification"]["enum"] == ["pending", "ongoing", "done", "unknown", "", None]
    rectify = schema["paths"]["/api/v1/monitor/cases/{id}/rectification/"]["post"]["requestBody"]["content"]
    assert rectify["application/json"]["schema"]["properties"]["expected"]["enum"][-1] is None


@pytest.mark.django_db
def test_a_submit_with_a_list_body_is_refused_not_taken_as_no_body(world):
    """`shown` was read only when the body had `.get`: a JSON list submitted the figures unchecked."""
    import datetime as dt

    from django.utils import timezone

    from jianfu.reports.models import Submission, Template

    template = Template.objects.create(code="MZ-DB", name="低保月报", department="MZ", department_name="民政局",
                                       period_type="monthly")
    sub = Submission.objects.create(template=template, org_code="450521200206", period="2025-03", manual_cells=0,
                                    due_date=dt.date(2025, 4, 5), generated_at=timezone.now())
    response = world.api_client("village_a").post(f"/api/v1/reports/submissions/{sub.pk}/submit/",
                                                  [{"dibao_households": 3}], format="json")
    assert response.status_code == 400
    assert response.json() == NOT_AN_OBJECT
    sub.refresh_from_db()
    assert sub.status == "generated" and sub.submitted_at is None


@pytest.mark.django_db
def test_a_referral_outcome_refuses_a_reason_over_200_instead_of_cutting_it(world):
    from jianfu.employment import services as employment_services
    from jianfu.employment.models import Referral
    from jianfu.employment.tests.factories import key_person_in, posting_in

    referral = employment_services.referral_create(actor=world.users["village_a"], key_person=key_person_in(),
                                                   posting=posting_in())
    response = world.api_client("village_a").post(f"/api/v1/employment/referrals/{referral.pk}/advance/",
                                                  {"status": "refused", "reason": "用人单位认为不合适。" * 21},
                                                  format="json")
    assert response.status_code == 400
    # the service's check and words, as the web's (fixcr32 #5: the API had its own check and message)
    assert response.json() == _body_invalid("reason", "已输入 210 字，最多 200 字，超出 10 字，请删减", "too_long")
    assert Referral.objects.get(pk=referral.pk).status == "recommended"

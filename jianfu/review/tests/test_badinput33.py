"""badinput33 #3: a web page's tag in what the office or a drafter types for the review — a dismissal's reason, a 补充's
note, a document's title, a county rule's wording — was stored (escaped on the page, but carried into the annotated
.docx, the labelled-clause export and every county account's pages), where every other app refuses it. It is refused
now, in Chinese, naming the field, and nothing changes."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.review import services
from jianfu.review.models import Document, Finding, Review, RuleOverride

pytestmark = pytest.mark.django_db
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展，实行一票否决。"
SCRIPT = "<script>alert(1)</script>理由"


def _state():
    return (list(Review.objects.order_by("pk").values_list("pk", "score", "conclusion")),
            list(Finding.objects.order_by("pk").values_list("pk", "status", "reason")),
            Document.objects.count(), RuleOverride.objects.count(), AuditRecord.objects.count())


@pytest.fixture
def review(world):
    return services.review_submit(actor=world.users["dept_housing"], text=DRAFT)


def test_a_dismissal_with_script_in_its_reason_is_refused(world, review):
    finding = review.findings.first()
    before = _state()
    response = world.client("county_office").post(
        f"/review/reviews/{review.pk}/findings/{finding.pk}/dismiss/", {"reason": SCRIPT}, follow=True)
    assert [m.message for m in response.context["messages"]] == ["排除理由含有网页代码（<…>），请只填写文字。"]
    assert _state() == before


def test_a_finding_added_with_markup_in_its_note_is_refused_beside_the_field(world, review):
    before = _state()
    response = world.client("county_office").post(f"/review/reviews/{review.pk}/findings/add/", {
        "clause": review.clauses[0]["index"], "group": "INS", "note": "<img src=x onerror=alert(1)>",
        "form_token": token_new()})
    assert response.status_code == 400
    assert (response.context["add_error"].message, response.context["error_field"]) == (
        "说明含有网页代码（<…>），请只填写文字。", "note")
    assert _state() == before


def test_a_title_with_markup_is_refused_before_anything_is_read(world):
    before = _state()
    response = world.client("dept_housing").post("/review/submit/", {
        "text": DRAFT, "title": "<b>通知</b>", "form_token": token_new()})
    assert response.status_code == 400
    assert response.context["error"].message == "标题含有网页代码（<…>），请只填写文字。"
    api = world.api_client("dept_housing").post("/api/v1/review/reviews/", {"text": DRAFT, "title": "<b>通知</b>"},
                                                format="json")
    assert (api.status_code, api.json()["error"]["message"]) == (400, "标题含有网页代码（<…>），请只填写文字。")
    assert _state() == before


def test_a_county_rule_with_markup_is_refused(world):
    before = _state()
    response = world.client("county_office").post("/review/rules/new/", {
        "name": "每日报送", "group": "DOC", "severity": "medium", "patterns": "每日报送",
        "provision": "依据", "suggestion": "<a href=javascript:alert(1)>改</a>", "form_token": token_new()})
    assert response.status_code == 400
    assert [m.message for m in response.context["messages"]] == ["修改建议含有网页代码（<…>），请只填写文字。"]
    assert _state() == before


def test_plain_angle_brackets_are_still_text(world, review):
    finding = review.findings.first()
    services.finding_dismiss(actor=world.users["county_office"], review_id=review.pk, finding_id=finding.pk,
                             reason="频次<每月一次，不属于过多报送")
    finding.refresh_from_db()
    assert (finding.status, finding.reason) == ("dismissed", "频次<每月一次，不属于过多报送")

"""Review rows of the role × endpoint matrix. A department sees only the documents it drafted, the
township those of its subtree, the county office and admin all of the county; villages and grid
workers have no access to document review at all."""

from __future__ import annotations

from jianfu.core.formtokens import token_new
from jianfu.core.testing.matrix import COUNTY_WIDE, Case

SUBMITTERS = frozenset({"admin", "county_office", "dept_housing", "dept_forestry", "town_quzhang"})
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"
REVISION = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇按月报送工作进展。"


def _world_documents(world):
    from jianfu.review.services import review_submit

    housing_v1 = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    housing_v2 = review_submit(actor=world.users["dept_housing"], text=REVISION,
                               document=housing_v1.version.document)
    town = review_submit(actor=world.users["town_quzhang"], text=DRAFT, title="曲樟乡文件")
    return housing_v1, housing_v2, town


def _fresh_finding_case(world, name: str, suffix: str, data: dict, *, dismissed: bool = False):
    """The office's decisions change a finding once: each allowed account works on a review of its own."""
    from jianfu.review.services import finding_dismiss, review_submit

    def build(username: str) -> Case:
        review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
        finding = review.findings.first()
        if dismissed:
            finding_dismiss(actor=world.users["county_office"], review_id=review.pk, finding_id=finding.pk,
                            reason="矩阵测试")
        path = f"/review/reviews/{review.pk}/findings/{suffix.format(f=finding.pk)}"
        return Case(name, "post", path, allowed=COUNTY_WIDE, data=data)
    return build


def cases(world):
    from jianfu.review.models import Document, DocumentVersion, Finding, RuleOverride
    from jianfu.review.services import finding_dismiss

    housing_v1, housing_v2, town = _world_documents(world)
    housing_doc = housing_v1.version.document
    housing = COUNTY_WIDE | {"dept_housing"}
    town_allowed = COUNTY_WIDE | {"town_quzhang"}

    def documents():
        return Document.objects.count(), DocumentVersion.objects.count()

    def overrides():
        return list(RuleOverride.objects.values_list("rule_id", "enabled"))

    def findings():
        return list(Finding.objects.order_by("pk").values_list("pk", "status", "reason", "origin"))

    finding = housing_v1.findings.first()
    dismissed = town.findings.first()
    finding_dismiss(actor=world.users["county_office"], review_id=town.pk, finding_id=dismissed.pk, reason="矩阵")
    dismiss_data = {"reason": "属于法定统计报表"}
    def add_data() -> dict:   # the 补充 form carries its one-time token (fix-token29)
        return {"clause": "2", "rule_id": "BR-INS-08", "note": "矩阵补充", "form_token": token_new()}

    return [
        Case("review:document_list", "get", "/review/", allowed=SUBMITTERS),
        Case("review:submit", "get", "/review/submit/", allowed=SUBMITTERS),
        Case("review:submit", "post", "/review/submit/", allowed=SUBMITTERS, data=lambda: {"text": DRAFT, "form_token": token_new()},
             unchanged=documents),
        Case("review:document_detail", "get", f"/review/documents/{housing_doc.pk}/", allowed=housing),
        Case("review:document_detail", "get", f"/review/documents/{town.version.document_id}/",
             allowed=town_allowed),
        Case("review:document_revise", "post", f"/review/documents/{housing_doc.pk}/revise/", allowed=housing,
             data=lambda: {"text": REVISION, "form_token": token_new()}, unchanged=documents),
        Case("review:review_detail", "get", f"/review/reviews/{housing_v1.pk}/", allowed=housing),
        Case("review:review_detail", "get", f"/review/reviews/{town.pk}/", allowed=town_allowed),
        Case("review:review_docx", "get", f"/review/reviews/{housing_v1.pk}/annotated.docx", allowed=housing),
        Case("review:review_compare", "get", f"/review/reviews/{housing_v2.pk}/compare/", allowed=housing),
        Case("review:rule_list", "get", "/review/rules/", allowed=SUBMITTERS),
        Case("review:rule_create", "get", "/review/rules/new/", allowed=COUNTY_WIDE),
        # rules are kept per county: admin (no county) is refused with a message, nothing stored
        Case("review:rule_create", "post", "/review/rules/new/", allowed={"county_office"},
             data=lambda: {"name": "矩阵测试规则", "group": "CUSTOM", "severity": "low", "patterns": "矩阵测试",
                           "provision": "测试依据", "suggestion": "测试建议", "form_token": token_new()},
             unchanged=overrides, expect_refused=(400, 403, 404)),
        Case("review:rule_toggle", "post", "/review/rules/BR-INS-02/toggle/", allowed=COUNTY_WIDE,
             data={"enabled": "1"}, unchanged=overrides),
        Case("review:statistics", "get", "/review/statistics/", allowed=COUNTY_WIDE),
        Case("review:labelled_clauses", "get", "/review/statistics/labels.yaml", allowed=COUNTY_WIDE),
        # the office's own work on a review: dismiss with a reason, restore, add a missed finding
        Case("review:finding_dismiss", "post", f"/review/reviews/{housing_v1.pk}/findings/{finding.pk}/dismiss/",
             allowed=COUNTY_WIDE, data=dismiss_data, unchanged=findings,
             fresh=_fresh_finding_case(world, "review:finding_dismiss", "{f}/dismiss/", dismiss_data)),
        Case("review:finding_restore", "post", f"/review/reviews/{town.pk}/findings/{dismissed.pk}/restore/",
             allowed=COUNTY_WIDE, unchanged=findings,
             fresh=_fresh_finding_case(world, "review:finding_restore", "{f}/restore/", {}, dismissed=True)),
        Case("review:finding_add", "post", f"/review/reviews/{housing_v1.pk}/findings/add/", allowed=COUNTY_WIDE,
             data=add_data, unchanged=findings,
             fresh=_fresh_finding_case(world, "review:finding_add", "add/", add_data)),
        Case("api:review-document-list", "get", "/api/v1/review/documents/", allowed=SUBMITTERS, api=True),
        Case("api:review-review-create", "post", "/api/v1/review/reviews/", allowed=SUBMITTERS, api=True,
             data={"text": DRAFT, "title": "接口送审"}, format="json", unchanged=documents),
        Case("api:review-review-detail", "get", f"/api/v1/review/reviews/{housing_v1.pk}/", allowed=housing,
             api=True),
        Case("api:review-review-detail", "get", f"/api/v1/review/reviews/{town.pk}/", allowed=town_allowed,
             api=True),
        Case("api:review-rule-list", "get", "/api/v1/review/rules/", allowed=SUBMITTERS, api=True),
    ]

"""Review rows of the role × endpoint matrix. A department sees only the documents it drafted, the
township those of its subtree, the county office and admin all of the county; villages and grid
workers have no access to document review at all."""

from __future__ import annotations

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


def cases(world):
    from jianfu.review.models import Document, DocumentVersion, RuleOverride

    housing_v1, housing_v2, town = _world_documents(world)
    housing_doc = housing_v1.version.document
    housing = COUNTY_WIDE | {"dept_housing"}
    town_allowed = COUNTY_WIDE | {"town_quzhang"}

    def documents():
        return Document.objects.count(), DocumentVersion.objects.count()

    def overrides():
        return list(RuleOverride.objects.values_list("rule_id", "enabled"))

    return [
        Case("review:document_list", "get", "/review/", allowed=SUBMITTERS),
        Case("review:submit", "get", "/review/submit/", allowed=SUBMITTERS),
        Case("review:submit", "post", "/review/submit/", allowed=SUBMITTERS, data={"text": DRAFT},
             unchanged=documents),
        Case("review:document_detail", "get", f"/review/documents/{housing_doc.pk}/", allowed=housing),
        Case("review:document_detail", "get", f"/review/documents/{town.version.document_id}/",
             allowed=town_allowed),
        Case("review:document_revise", "post", f"/review/documents/{housing_doc.pk}/revise/", allowed=housing,
             data={"text": REVISION}, unchanged=documents),
        Case("review:review_detail", "get", f"/review/reviews/{housing_v1.pk}/", allowed=housing),
        Case("review:review_detail", "get", f"/review/reviews/{town.pk}/", allowed=town_allowed),
        Case("review:review_docx", "get", f"/review/reviews/{housing_v1.pk}/annotated.docx", allowed=housing),
        Case("review:review_compare", "get", f"/review/reviews/{housing_v2.pk}/compare/", allowed=housing),
        Case("review:rule_list", "get", "/review/rules/", allowed=SUBMITTERS),
        Case("review:rule_create", "get", "/review/rules/new/", allowed=COUNTY_WIDE),
        # rules are kept per county: admin (no county) is refused with a message, nothing stored
        Case("review:rule_create", "post", "/review/rules/new/", allowed={"county_office"},
             data={"name": "矩阵测试规则", "group": "CUSTOM", "severity": "low", "patterns": "矩阵测试",
                   "provision": "测试依据", "suggestion": "测试建议"},
             unchanged=overrides, expect_refused=(400, 403, 404)),
        Case("review:rule_toggle", "post", "/review/rules/BR-INS-02/toggle/", allowed=COUNTY_WIDE,
             data={"enabled": "1"}, unchanged=overrides),
        Case("review:statistics", "get", "/review/statistics/", allowed=COUNTY_WIDE),
        Case("api:review-document-list", "get", "/api/v1/review/documents/", allowed=SUBMITTERS, api=True),
        Case("api:review-review-create", "post", "/api/v1/review/reviews/", allowed=SUBMITTERS, api=True,
             data={"text": DRAFT, "title": "接口送审"}, format="json", unchanged=documents),
        Case("api:review-review-detail", "get", f"/api/v1/review/reviews/{housing_v1.pk}/", allowed=housing,
             api=True),
        Case("api:review-review-detail", "get", f"/api/v1/review/reviews/{town.pk}/", allowed=town_allowed,
             api=True),
        Case("api:review-rule-list", "get", "/api/v1/review/rules/", allowed=SUBMITTERS, api=True),
    ]

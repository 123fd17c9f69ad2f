"""fix-cr29 #5: the review's 补充 and 新增审查规则 forms checked their one-time token before the right to manage reviews:
an account without it, posting without a token, was told 表单已失效 (400) instead of being refused (403). The right is
now checked first; nothing is written either way."""

from __future__ import annotations

import pytest

from jianfu.core.errors import PermissionDeniedError
from jianfu.review import services
from jianfu.review.services import review_submit
from jianfu.review.tests.test_token29_add_and_rule import DRAFT, EXPIRED, RULE, _added, _rules

pytestmark = pytest.mark.django_db


def test_an_add_by_an_account_without_the_right_is_refused_not_expired(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（三）"))
    before = _added(review)
    dept = world.client("dept_housing")   # its own review: sees it, may not add findings
    for token in ({}, {"form_token": "short"}):
        refused = dept.post(f"/review/reviews/{review.pk}/findings/add/",
                            {"clause": str(index), "group": "DOC", "note": "规定字数下限。", **token})
        assert refused.status_code == 403
        assert EXPIRED not in refused.content.decode()
    with pytest.raises(PermissionDeniedError):
        services.finding_add_from_form(form_token="", actor=world.users["dept_housing"], review_id=review.pk,
                                       clause_index=index, group="DOC", note="规定字数下限。")
    assert _added(review) == before


def test_a_rule_by_an_account_without_the_right_is_refused_not_expired(world):
    before = _rules()
    fields = {**RULE, "patterns": RULE["patterns"].splitlines()}
    with pytest.raises(PermissionDeniedError):
        services.rule_create_from_form(form_token="", actor=world.users["dept_housing"], **fields)
    refused = world.client("dept_housing").post("/review/rules/new/", RULE)
    assert refused.status_code == 403 and EXPIRED not in refused.content.decode()
    assert _rules() == before

"""fix-token29: the review page's 补充 form and the 新增审查规则 form carry the house's one-time form_token (ADR 0035).
A second post of the same form (a double tap, a retry after a timeout, back then 提交) added a second finding —
counted twice in the score — or made CUSTOM-002 beside CUSTOM-001. Now it is answered with the first; a post without
a well-formed token is refused with nothing written; the same token with other content is an expired form (ADR 0036)."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.review.models import Finding, Review, RuleOverride
from jianfu.review.services import review_submit

pytestmark = pytest.mark.django_db

DRAFT = """XX县住房和城乡建设局关于开展危房排查的通知
一、工作措施
（一）考核实行千分制，考核结果每月排名通报。
（二）实行一票否决。
（三）各村安排专人负责危房巡查，每周报送材料不少于3000字。"""
RULE = {"name": "晒成绩", "group": "APP", "severity": "medium", "patterns": "晒成绩", "provision": "本县减负十条第三条",
        "suggestion": "删除"}


def _added(review: Review) -> tuple[int, int, float]:
    review.refresh_from_db()
    return (Finding.objects.filter(review=review, origin="reviewer").count(),
            AuditRecord.objects.filter(action="review.finding.add").count(), review.score)


def _rules() -> tuple[int, int]:
    return (RuleOverride.objects.filter(rule_id__startswith="CUSTOM-").count(),
            AuditRecord.objects.filter(action="review.rule.create").count())


def test_two_identical_add_posts_add_one_finding(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（三）"))
    client = world.client("county_office")
    page = client.get(f"/review/reviews/{review.pk}/?add={index}").content.decode()
    # the 补充 form beside the clause and the one at the end: each carries the page's token
    assert page.count('<input type="hidden" name="form_token" value="') == 2
    score = _added(review)[2]
    form = {"clause": str(index), "group": "DOC", "note": "规定字数下限，属于以文辅政。", "form_token": token_new()}
    first = client.post(f"/review/reviews/{review.pk}/findings/add/", form)
    added = _added(review)
    assert (added[0], added[1]) == (1, 1) and added[2] != score
    second = client.post(f"/review/reviews/{review.pk}/findings/add/", form)
    assert first["Location"] == second["Location"] == f"/review/reviews/{review.pk}/#clause-{index}"
    assert _added(review) == added
    assert "该表单已提交过，没有重复补充。" in client.get(f"/review/reviews/{review.pk}/").content.decode()


def test_an_add_without_a_token_or_with_a_reused_one_writes_nothing(world):
    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    index = next(c["index"] for c in review.clauses if c["text"].startswith("（三）"))
    client = world.client("county_office")
    before = _added(review)
    form = {"clause": str(index), "group": "DOC", "note": "规定字数下限，属于以文辅政。"}
    for token in ({}, {"form_token": "forged"}):
        response = client.post(f"/review/reviews/{review.pk}/findings/add/", {**form, **token})
        assert response.status_code == 400
        html = response.content.decode()
        assert f'<p class="field-error" role="alert" id="add-error">{EXPIRED}</p>' in html
        assert "规定字数下限，属于以文辅政。</textarea>" in html   # what was typed is kept
        assert _added(review) == before
    token = token_new()
    assert client.post(f"/review/reviews/{review.pk}/findings/add/", {**form, "form_token": token}).status_code == 302
    after = _added(review)
    # the same token with another note (back, changed, 补充 again): an expired form, nothing more
    other = client.post(f"/review/reviews/{review.pk}/findings/add/", {**form, "note": "另一条", "form_token": token})
    assert other.status_code == 400 and EXPIRED in other.content.decode()
    # and from another account with the same content: an expired form too, never answered with the finding
    admin = world.client("admin").post(f"/review/reviews/{review.pk}/findings/add/", {**form, "form_token": token})
    assert admin.status_code == 400
    assert _added(review) == after


def test_two_identical_rule_posts_make_one_rule(world):
    client = world.client("county_office")
    assert client.get("/review/rules/new/").content.decode().count(
        '<input type="hidden" name="form_token" value="') == 1
    form = {**RULE, "form_token": token_new()}
    assert client.post("/review/rules/new/", form).status_code == 302
    assert client.post("/review/rules/new/", form).status_code == 302
    assert _rules() == (1, 1)
    assert list(RuleOverride.objects.values_list("rule_id", flat=True)) == ["CUSTOM-001"]
    assert "该表单已提交过，没有重复新增规则 CUSTOM-001。" in client.get("/review/rules/").content.decode()


def test_a_rule_without_a_token_or_with_a_reused_one_writes_nothing(world):
    client = world.client("county_office")
    for token in ({}, {"form_token": "forged"}):
        response = client.post("/review/rules/new/", {**RULE, **token})
        assert response.status_code == 400
        html = response.content.decode()
        assert EXPIRED in html and 'value="晒成绩"' in html
        assert html.count('<input type="hidden" name="form_token" value="') == 1   # a fresh one to send again
        assert _rules() == (0, 0)
    token = token_new()
    assert client.post("/review/rules/new/", {**RULE, "form_token": token}).status_code == 302
    response = client.post("/review/rules/new/", {**RULE, "name": "另一条规则", "form_token": token})
    assert response.status_code == 400 and EXPIRED in response.content.decode()
    assert _rules() == (1, 1)

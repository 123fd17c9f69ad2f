"""fixcr34d (cr34 #1): a flag kept by 修改后公开 for the import's 年龄 text (`fields` ["description", "age"]) quoted the
岗位描述's excerpt: the refusal said the description's text was "not in the editable texts", and after the description
was fixed the kept flag still quoted it and listed `description`. The 年龄 text as written is not stored, so a kept flag
names the field and the rule ("年龄要求中的限定性别或性别优先") and lists only its fields the form does not edit."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.test_postings import good, run, xlsx

pytestmark = pytest.mark.django_db

REFUSAL = ("疑似歧视的内容（年龄要求中的限定性别或性别优先）不在可修改的岗位名称、岗位描述、福利待遇中，修改后公开不能消除："
           "请等待县级核查，或下架该岗位。")


def _imported(world) -> Posting:
    result = run(world, xlsx([good(1, 年龄要求="限男性，18-40岁", 岗位描述="流水线工作，限男性，会电脑")]))
    assert result.errors == []
    return Posting.objects.get()


def test_the_unchanged_refusal_quotes_the_age_column_not_the_description(world):
    posting = _imported(world)
    before = (posting.description, posting.status, posting.flags)
    with pytest.raises(ApplicationError) as refused:
        postings.posting_amend(actor=world.users["town_quzhang"], posting=posting, data={
            "title": posting.title, "description": posting.description, "benefits": posting.benefits})
    assert str(refused.value.message) == "疑似歧视的内容（年龄要求中的限定性别或性别优先）不在可修改的岗位名称、岗位描述、福利待遇中，" \
        "修改后公开不能消除：请等待县级核查，或下架该岗位。"
    assert str(postings.not_amendable_message(postings.flags_not_amendable(posting))) == REFUSAL
    posting.refresh_from_db()
    assert (posting.description, posting.status, posting.flags) == before


def test_after_the_description_is_fixed_the_kept_flag_names_only_the_age_column(world):
    posting = _imported(world)
    postings.posting_amend(actor=world.users["town_quzhang"], posting=posting, data={
        "title": posting.title, "description": "流水线工作，会电脑", "benefits": posting.benefits})
    posting.refresh_from_db()
    assert (posting.status, [(f["code"], f["excerpt"], f["fields"]) for f in posting.flags]) == (
        PostingStatus.FLAGGED, [("gender", "年龄要求中的限定性别或性别优先", ["age"])])
    kept = postings.flags_not_amendable(posting)
    assert [f["code"] for f in kept] == ["gender"]
    assert str(postings.not_amendable_message(kept)) == REFUSAL

"""fixcr34b #2: 修改后公开 kept a flag only when its excerpt was in none of the editable texts. An import with "限男性" in
both the 年龄 column and the 岗位描述 got one gender flag (one per rule), quoted from the description; amending the
description published the posting though the 年龄 column's "限男性" was never reviewed. Each finding now records the
fields its rule matched in (`fields`), and a flag with a field the form does not edit stays."""

from __future__ import annotations

import pytest

from jianfu.employment import discrimination, postings
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.test_postings import good, run, xlsx

pytestmark = pytest.mark.django_db


def _imported(world, **over) -> Posting:
    result = run(world, xlsx([good(1, **over)]))
    assert result.errors == []
    return Posting.objects.get()


def test_the_finding_names_every_field_its_rule_matched_in():
    found = discrimination.check("普工", "流水线工作，限男性", "限男性，18-40岁", "包吃住",
                                 names=("title", "description", "age", "benefits"))
    assert [(f.code, f.excerpt, f.fields) for f in found] == [("gender", "流水线工作，限男性", ("description", "age"))]
    assert [(f.code, f.fields) for f in discrimination.check("流水线工作，限男性")] == [("gender", ())]


def test_amending_the_description_keeps_the_age_columns_flag_and_the_posting_held(world):
    posting = _imported(world, 年龄要求="限男性，18-40岁", 岗位描述="流水线工作，限男性")
    assert (posting.status, [(f["code"], f["excerpt"], f["fields"]) for f in posting.flags]) == (
        PostingStatus.FLAGGED, [("gender", "流水线工作，限男性", ["description", "age"])])
    client = world.client("town_quzhang")
    answer = client.post(f"/employment/postings/{posting.pk}/amend/",
                         {"title": posting.title, "description": "流水线工作", "benefits": posting.benefits})
    assert answer.status_code == 302
    posting.refresh_from_db()
    assert (posting.description, posting.status, [(f["code"], f["excerpt"], f["fields"]) for f in posting.flags]) == (
        "流水线工作", PostingStatus.FLAGGED, [("gender", "年龄要求中的限定性别或性别优先", ["age"])])  # fixcr34d
    assert [f["code"] for f in postings.flags_not_amendable(posting)] == ["gender"]
    assert client.get(f"/employment/jobs/{posting.pk}/").status_code == 404


def test_a_flag_only_in_the_description_is_still_resolved_by_the_amend(world):
    posting = _imported(world, 岗位描述="流水线工作，限男性")
    assert [(f["code"], f["fields"]) for f in posting.flags] == [("gender", ["description"])]
    answer = world.client("town_quzhang").post(f"/employment/postings/{posting.pk}/amend/", {
        "title": posting.title, "description": "流水线工作", "benefits": posting.benefits})
    assert answer.status_code == 302
    posting.refresh_from_db()
    assert (posting.status, posting.flags) == (PostingStatus.OPEN, [])


def test_a_flag_stored_before_fields_were_recorded_is_read_by_its_excerpt(world):
    posting = _imported(world, 岗位描述="流水线工作，限男性")
    legacy = [{k: v for k, v in f.items() if k != "fields"} for f in posting.flags]
    Posting.objects.filter(pk=posting.pk).update(flags=legacy)
    posting.refresh_from_db()
    assert postings.flags_not_amendable(posting) == []
    Posting.objects.filter(pk=posting.pk).update(flags=[{**legacy[0], "excerpt": "限男性，18-40岁"}])
    posting.refresh_from_db()
    assert [f["excerpt"] for f in postings.flags_not_amendable(posting)] == ["限男性，18-40岁"]

"""fixcr33b M1/L3: 修改后公开 keeps a flag from a column the form does not edit (the import's 年龄 text), and moves
the posting's `updated_at`."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.employment import discrimination
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, posting_in

pytestmark = pytest.mark.django_db


def _held_for_age_column() -> Posting:
    # the import checked the 年龄 column as written; only 18 and 40 are stored
    flags = [f.as_dict() for f in discrimination.check("普工", "流水线工作", "限男性，18-40岁", "")]
    assert [f["code"] for f in flags] == ["gender"]
    return posting_in(TOWN, status=PostingStatus.FLAGGED, title="普工", description="流水线工作", benefits="包吃住",
                      age_min=18, age_max=40, flags=flags)


def _row(posting: Posting) -> tuple:
    return Posting.objects.filter(pk=posting.pk).values_list(
        "title", "description", "benefits", "status", "flags", "updated_at").get()


def test_an_edit_of_the_description_keeps_the_age_columns_flag_and_the_posting_held(world):
    posting = _held_for_age_column()
    client = world.client("town_quzhang")
    answer = client.post(f"/employment/postings/{posting.pk}/amend/",
                         {"title": "普工", "description": "流水线工作，两班倒", "benefits": "包吃住"})
    assert answer.status_code == 302
    posting.refresh_from_db()
    assert (posting.description, posting.status, [(f["code"], f["excerpt"]) for f in posting.flags]) == (
        "流水线工作，两班倒", PostingStatus.FLAGGED, [("gender", "限男性")])
    page = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert ("已修改。疑似歧视的内容（限男性）不在可修改的岗位名称、岗位描述、福利待遇中，修改后公开不能消除：请等待县级核查，"
            "或下架该岗位。") in page
    assert client.get(f"/employment/jobs/{posting.pk}/").status_code == 404


def test_an_unchanged_amend_of_such_a_posting_says_the_form_cannot_remove_it_and_changes_nothing(world):
    posting = _held_for_age_column()
    before = _row(posting)
    answer = world.client("town_quzhang").post(f"/employment/postings/{posting.pk}/amend/",
                                                {"title": "普工", "description": "流水线工作", "benefits": "包吃住"})
    assert answer.status_code == 400
    assert "疑似歧视的内容（限男性）不在可修改的岗位名称、岗位描述、福利待遇中" in answer.content.decode()
    assert "请修改疑似歧视的内容后再公开" not in answer.content.decode()
    assert _row(posting) == before


def test_the_amend_moves_updated_at(world):
    posting = _held_for_age_column()
    Posting.objects.filter(pk=posting.pk).update(updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    world.client("town_quzhang").post(f"/employment/postings/{posting.pk}/amend/",
                                      {"title": "普工", "description": "流水线工作，两班倒", "benefits": "包吃住"})
    assert Posting.objects.get(pk=posting.pk).updated_at > dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

"""Session 14 (newuser14): what the employment pages show after a review, a long field, a single wage figure."""

from __future__ import annotations

import pytest

from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

pytestmark = pytest.mark.django_db

FLAGS = [{"code": "gender", "label": "限定性别或性别优先", "excerpt": "限男性，已婚已育优先", "laws": ["《就业促进法》第二十七条"]}]


@pytest.mark.parametrize(("action", "status", "message", "conclusion"), [
    ("withdraw", PostingStatus.WITHDRAWN, "已下架。", "核查结论：已下架"),
    ("clear", PostingStatus.OPEN, "已核查无误，岗位已公开。", "核查结论：核查无误，已公开"),
])
def test_after_the_review_the_page_says_done_and_shows_the_conclusion_not_the_flag(world, action, status, message,
                                                                                  conclusion):
    """N03: 下架 reloaded with no message, the yellow 需核查 box and the reason typed shown nowhere."""
    hrss_account(world)
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="装配工", flags=FLAGS)
    client = world.client("dept_hrss")
    response = client.post(f"/employment/postings/{posting.pk}/{action}/", {"note": "限定性别和婚育状况，已联系单位"},
                           follow=True)
    assert Posting.objects.get(pk=posting.pk).status == status
    assert [str(m) for m in response.context["messages"]] == [message]
    html = response.content.decode()
    assert "疑似就业歧视，需核查" not in html
    assert conclusion in html
    assert "说明：限定性别和婚育状况，已联系单位" in html
    assert "dept_hrss 于 " in html
    assert "曾提示的疑似歧视内容：限定性别或性别优先“限男性，已婚已育优先”" in html


def test_a_refused_review_keeps_the_flag_box_and_says_why(world):
    hrss_account(world)
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="装配工", flags=FLAGS)
    response = world.client("dept_hrss").post(f"/employment/postings/{posting.pk}/clear/", {"note": "  "},
                                               follow=True)
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    assert [str(m) for m in response.context["messages"]] == ["请写明核查结论。"]
    html = response.content.decode()
    assert "疑似就业歧视，需核查" in html
    assert "review-conclusion" not in html

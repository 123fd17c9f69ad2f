"""Session 15, issue 8 leftover 3: the office's review note on a flagged posting is kept and shown whole (it was cut
at 200 characters by the view and the service without a word); one too long is refused whole, nothing changed."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import postings
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

pytestmark = pytest.mark.django_db

FLAGS = [{"code": "gender", "label": "限定性别或性别优先", "excerpt": "限男性", "laws": ["《就业促进法》第二十七条"]}]
# 568 characters, two lines, and a 120-character address without a break in it
NOTE = ("已电话联系单位人事负责人，说明限定性别违反就业促进法第二十七条。" * 10 + "\n"
        + "单位已同意修改，修改后的招聘简章见：" + "https://example.cn/" + "a" * 101 + "。" + "请乡镇跟进。" * 18)


def reviews(posting):
    return AuditRecord.objects.filter(object_id=str(posting.pk), action__startswith="employment.posting.").count()


@pytest.mark.parametrize(("action", "status"), [("clear", PostingStatus.OPEN), ("withdraw", PostingStatus.WITHDRAWN)])
def test_a_long_review_note_is_stored_and_shown_whole(world, action, status):
    assert len(NOTE) == 568
    hrss_account(world)
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="装配工", flags=FLAGS)
    client = world.client("dept_hrss")
    form = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert '<textarea id="note" name="note" rows="3" data-maxlength="1000"></textarea>' in form
    response = client.post(f"/employment/postings/{posting.pk}/{action}/", {"note": NOTE}, follow=True)
    assert Posting.objects.get(pk=posting.pk).status == status
    record = AuditRecord.objects.get(object_id=str(posting.pk), action=f"employment.posting.{action}")
    assert record.changes["note"] == NOTE
    html = response.content.decode()
    assert f'<p class="review-note">说明：{NOTE}</p>' in html


@pytest.mark.parametrize(("action", "missing"), [("clear", "请写明核查结论。"), ("withdraw", "请写明下架原因。")])
def test_a_note_over_the_limit_is_refused_whole_and_nothing_changes(world, action, missing):
    hrss_account(world)
    office = world.users["dept_hrss"]
    posting = posting_in(TOWN, status=PostingStatus.FLAGGED, title="装配工", flags=FLAGS)
    before = reviews(posting)
    response = world.client("dept_hrss").post(f"/employment/postings/{posting.pk}/{action}/", {"note": "长" * 1001},
                                               follow=True)
    # beside the 说明 box, once (fix-cr31b #2: not again as the page's message)
    assert [str(m) for m in response.context["messages"]] == []
    html = response.content.decode()
    assert ('<ul class="errorlist" id="note_error"><li>说明过长（1001字，最多1000字），请删减。</li></ul>' in html
            and html.count("说明过长") == 1)
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.FLAGGED
    assert reviews(posting) == before
    move = getattr(postings, f"posting_{action}")
    with pytest.raises(Exception) as refused:
        move(actor=office, posting=posting, note=" \n ")
    assert refused.value.message == missing
    # exactly the limit is taken, surrounding spaces dropped
    move(actor=office, posting=posting, note=" " + "长" * 1000 + "\n")
    record = AuditRecord.objects.get(object_id=str(posting.pk), action=f"employment.posting.{action}")
    assert record.changes["note"] == "长" * 1000

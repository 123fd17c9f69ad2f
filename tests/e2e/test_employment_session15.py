"""Session 15 (issue 8 leftovers) in Chromium at 390 px: the office's long review note, typed in the box with its
counter, shown whole and wrapped after 下架 (it was cut at 200 characters)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_office_writes_a_long_review_note_and_reads_it_whole_at_phone_width(phone, world):
    from jianfu.employment.discrimination import check
    from jianfu.employment.models import Posting, PostingStatus
    from jianfu.employment.tests.factories import TOWN, hrss_account, posting_in

    hrss_account(world)
    text = "电子厂生产线装配，限男性"
    posting = posting_in(TOWN, title="装配工", description=text, status=PostingStatus.FLAGGED,
                         flags=[f.as_dict() for f in check("装配工", text)])
    note = "已电话联系单位人事负责人，说明限定性别违反就业促进法。" * 12 + "\n修改后的简章：https://example.cn/" + "a" * 120
    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{posting.pk}/")
    page.fill("#note", note)
    assert page.input_value("#note") == note                       # nothing cut by the browser
    expect(page.locator("#note + .char-count")).to_have_text(f"已输入 {len(note)} 字，最多 1000 字")
    page.get_by_role("button", name="下架").click()
    expect(page.locator(".alert-success")).to_have_text("已下架。")
    shown = page.locator("#review-conclusion .review-note")
    assert shown.inner_text() == f"说明：{note}"
    assert Posting.objects.get(pk=posting.pk).status == PostingStatus.WITHDRAWN
    assert fits_the_phone(page)
    shot(page, "employment-s15-long-review-note")

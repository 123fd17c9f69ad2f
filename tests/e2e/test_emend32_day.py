"""emend32 in Chromium at 390 × 844: a township officer corrects a posting held for 限男性 and publishes it (修改后公开),
and records an interview of yesterday on its day (结果日期)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_a_township_corrects_a_held_posting_and_publishes_it_at_390_px(phone, world):
    from jianfu.employment import discrimination
    from jianfu.employment.models import Posting, PostingStatus
    from jianfu.employment.tests.factories import posting_in

    text = "流水线装配，限男性，两班倒。"
    posting = posting_in(status=PostingStatus.FLAGGED, title="电子厂普工", description=text,
                         flags=[f.as_dict() for f in discrimination.check("电子厂普工", text)])
    page = phone("town_quzhang")
    page.goto(f"/employment/postings/{posting.pk}/", timeout=60_000)
    expect(page.locator("#amend-description")).to_have_value(text)
    assert fits_the_phone(page)
    page.locator("#amend-description").fill("流水线装配，两班倒。")
    page.locator("#amend").get_by_role("button", name="修改后公开").click()
    expect(page.get_by_text("已修改，复查未发现疑似歧视内容，岗位已公开。")).to_have_count(1)
    expect(page.locator("#amend")).to_have_count(0)
    shot(page, "emend32-amended-posting")
    assert Posting.objects.filter(pk=posting.pk).values_list("status", "description").get() == (
        "open", "流水线装配，两班倒。")


def test_an_interview_of_yesterday_is_recorded_on_its_day_at_390_px(phone, world):
    from jianfu.employment.models import KeyPerson, KeyStatus, Referral
    from jianfu.employment.tests.factories import key_person_in, posting_in
    from jianfu.registry.ledger.values import local_today

    since = local_today() - dt.timedelta(days=3)
    kp = key_person_in(status=KeyStatus.REFERRED, identified_on=since)
    referral = Referral.objects.create(key_person=kp, posting=posting_in(title="电子厂普工"), org_code=kp.org_code,
                                       grid_code=kp.grid_code, referred_on=since, status="recommended")
    yesterday = local_today() - dt.timedelta(days=1)
    page = phone("town_quzhang")
    page.goto(f"/employment/people/{kp.pk}/", timeout=60_000)
    expect(page.locator(f"#referral-on-{referral.pk}")).to_have_value(local_today().isoformat())
    assert fits_the_phone(page)
    page.locator(f"#referral-status-{referral.pk}").select_option(label="已面试")
    page.locator(f"#referral-on-{referral.pk}").fill(yesterday.isoformat())
    page.get_by_role("button", name="记录", exact=True).click()
    expect(page.locator(f"#referral-status-{referral.pk} option")).to_have_text(["选择结果", "已录用", "未成功"])
    shot(page, "emend32-referral-dated")
    assert KeyPerson.objects.filter(pk=kp.pk).values_list("status", "status_since").get() == (
        KeyStatus.INTERVIEWING, yesterday)

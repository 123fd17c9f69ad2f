"""Session 28 (dev-emp28) in Chromium at 390 × 844: the 人社局 goes from a posting to its 推荐记录 and the employer's,
reads each referral as a card (name and outcome on top, masked ID, dates, why it failed), pages on, and filters by
outcome; the page never scrolls sideways, and a cadre's taps on it are 44 px."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_hrss_reads_an_employers_referrals_as_cards_at_390_px(phone, world):
    from jianfu.employment.models import Referral
    from jianfu.employment.tests.factories import (
        TOWN,
        VILLAGE_A,
        employer,
        hrss_account,
        key_person_in,
        person_in,
        posting_in,
    )

    hrss_account(world)
    firm = employer("合浦县曲樟荔枝专业合作社（一个很长的单位名称用来看换行）", TOWN)
    picking = posting_in(TOWN, title="荔枝采摘工", organisation=firm)
    sorting = posting_in(TOWN, title="荔枝分拣工", organisation=firm)
    start = dt.date(2026, 9, 1)
    for n in range(31):  # 31 to the picking posting: two pages
        kp = key_person_in(person=person_in(VILLAGE_A, name=f"求职者{n:02d}"))
        Referral.objects.create(
            key_person=kp,
            posting=picking,
            org_code=kp.org_code,
            grid_code=kp.grid_code,
            referred_on=start + dt.timedelta(days=n),
        )
    refused = key_person_in(person=person_in(VILLAGE_A, name="陈美玲"))
    Referral.objects.create(
        key_person=refused,
        posting=sorting,
        org_code=refused.org_code,
        grid_code=refused.grid_code,
        referred_on=dt.date(2026, 11, 20),
        status="refused",
        closed_on=dt.date(2026, 11, 25),
        refused_by="employer",
        refusal_reason="岗位已招满，下一批次再联系（说明写得很长，看看在手机上是否换行）",
    )

    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{sorting.pk}/", timeout=60_000)
    page.locator("#employer-referrals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("推荐记录")
    first = page.locator("#referral-rows tbody tr").first
    expect(first.locator("td.card-title")).to_have_text("陈美玲 未成功")
    expect(first).to_contain_text("用人单位未接受：岗位已招满")
    closed = first.locator('td[data-label="结果日期"]')
    expect(closed).to_have_text("2026-11-25")
    # each cell says what it is in front of its value (the card's label, drawn by the stylesheet)
    label = closed.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"结果日期："', label
    expect(first).to_contain_text(refused.person.id_number_masked)
    expect(page.locator("#referral-rows tbody tr")).to_have_count(30)
    assert fits_the_phone(page)
    # a card is one block, its title's link a tap target of at least 44 px
    box = first.locator("td.card-title a").bounding_box()
    assert box is not None and box["height"] >= 44, box
    card = first.bounding_box()
    assert card is not None and card["width"] <= 390, card
    shot(page, "session28-employer-referrals")

    page.get_by_role("link", name="下一页").click()
    expect(page.locator("#referral-rows tbody tr")).to_have_count(2)
    expect(page.locator("#referral-rows tbody tr").last.locator("td.card-title")).to_have_text(
        "求职者00 已推荐"
    )

    page.select_option("#status", "refused")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#referral-rows tbody tr")).to_have_count(1)
    # one posting's list from the employer's
    page.locator("#employer-postings").get_by_role("link", name="荔枝采摘工").click()
    expect(page.locator("#referrals-of")).to_contain_text("荔枝采摘工")
    expect(page.locator("#referral-rows tbody tr").first.locator("td.card-title")).to_have_text(
        "求职者30 已推荐"
    )
    assert fits_the_phone(page)
    shot(page, "session28-posting-referrals")

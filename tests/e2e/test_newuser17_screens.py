"""fix-ui17a (a new user on a 390 px phone, session 17), in Chromium: the direct line's list is one card per report
(the 类别 column was ~2 characters wide, the only link "#N" 17 × 17); the receipt code wraps only between its groups,
one tap selects it, 复制回执码 copies it and says 已复制, and one button opens the follow-up page with it (POSTed);
the small links found (← 11月, 已经反映过？…, a ledger entry's 修改) are at least 24 px tall."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
TOWN = "450521200000"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
TEXT = "县住建局要求每个村每月报送 12 张危房排查照片，并在三个系统重复填报同一张台账。"


@pytest.fixture
def handler_key(world):
    from jianfu.directline.tests.factories import county_key_with_handler

    return county_key_with_handler(world)


def test_the_directline_list_is_one_card_per_report_on_a_phone(phone, world, handler_key):
    from jianfu.directline.tests.factories import submitted

    for _i in range(3):
        submitted(category="app")
    page = phone("county_office")
    page.goto("/directline/")
    links = page.locator("main table tbody tr td:first-child a")
    assert links.count() == 3
    box = links.first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    category = page.locator('main table tbody tr td[data-label="类别"]').first
    assert category.bounding_box()["width"] >= 300 and category.inner_text() == "政务应用程序打卡、排名、刷量"
    assert fits_the_phone(page)
    shot(page, "newuser17-directline-cards")


def test_the_receipt_code_copies_selects_in_one_tap_and_opens_the_follow_up(phone, world, handler_key):
    page = phone(None, permissions=["clipboard-read", "clipboard-write"])
    page.goto("/directline/public/report/")
    assert page.get_by_role("link", name="已经反映过？凭回执码查看办理情况").bounding_box()["height"] >= 24
    page.select_option("#id_place", TOWN)
    page.select_option("#id_category", "materials")
    page.fill("#id_text", TEXT)
    page.get_by_role("button", name="匿名提交").click()
    code = CODE_RE.search(page.locator(".receipt-code").inner_text().replace("\n", "")).group()
    # each group stays on one line
    assert page.evaluate("[...document.querySelectorAll('.code-group')].map(e => e.getClientRects().length)") == [1] * 6
    assert fits_the_phone(page)
    shot(page, "newuser17-receipt")
    page.locator("#receipt-code").click()
    assert page.evaluate("String(window.getSelection())") == code
    copy = page.get_by_role("button", name="复制回执码")
    assert copy.bounding_box()["height"] >= 44
    copy.click()
    page.get_by_role("button", name="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code
    page.get_by_role("button", name="用这个回执码查看办理情况").click()
    page.get_by_text("待受理").first.wait_for()
    assert page.url.endswith("/directline/public/follow/")   # the code went in the POST body, not the URL
    assert "类别：索要材料、台账、留痕" in page.locator("main").inner_text()
    assert TEXT in page.locator("main details").text_content()   # what was reported (folded under 我反映的内容)


def test_the_small_links_found_are_a_thumbs_height(phone, world):
    from django.utils import timezone

    from jianfu.monitor import services

    row = services.ledger_create(actor=world.users["village_a"], kind="meeting", data={
        "date": timezone.localdate().isoformat(), "title": "村书记培训", "issuer": "林业局", "duration_minutes": "60"})
    page = phone("village_a")
    page.goto("/monitor/received/")
    assert page.locator("#month-nav a").first.bounding_box()["height"] >= 24
    register = page.get_by_role("link", name="登记收到的会议")
    assert register.bounding_box()["height"] >= 44
    register.click()
    assert page.locator("#id_village_secretaries_required").is_checked()
    page.goto(f"/monitor/ledgers/meeting/{row.pk}/")
    assert page.get_by_role("link", name="修改", exact=True).bounding_box()["height"] >= 24

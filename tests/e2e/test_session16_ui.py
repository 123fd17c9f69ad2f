"""Session 16 (newuser16 #1, #2) in Chromium at 390 px: the direct line's receipt survives a reload without a second
report; a stale tab's post after a new login gets the Chinese page-expired page, and 返回 brings back the typed text,
which then goes through."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")
EVENT_TEXT = "曲木村后山林地两户村民因界线发生纠纷，请林业部门确认权属"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_the_receipt_page_reloads_without_a_second_report(phone, world):
    from jianfu.directline.models import PendingReceipt, Report
    from jianfu.directline.tests.factories import county_key_with_handler

    county_key_with_handler(world)
    official = phone(None)
    official.goto("/directline/public/report/")
    official.select_option("#id_place", "450521200000")
    official.select_option("#id_category", "materials")
    official.fill("#id_text", "县住建局要求每个村每月报送 12 张危房排查照片，并在三个系统重复填报同一张台账。")
    official.get_by_role("button", name="匿名提交").click()
    expect(official.locator("h1")).to_contain_text("已收到您的反映")
    assert official.url.endswith("/directline/public/receipt/")
    code = CODE_RE.search(official.locator(".receipt-code").inner_text()).group()
    assert code not in official.url
    assert fits_the_phone(official)
    official.reload()
    expect(official.locator("h1")).to_have_text("回执码已经显示过")
    assert CODE_RE.search(official.locator("main").inner_text()) is None
    shot(official, "s16-directline-receipt-reloaded")
    assert (Report.objects.count(), PendingReceipt.objects.count()) == (1, 0)


def test_a_stale_tab_gets_the_page_expired_page_and_back_keeps_the_text(phone, world, live_server):
    from django.conf import settings
    from django.test import Client

    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.models import Event
    from jianfu.dispatch.tests.conftest import MINI

    catalogue_load_yaml(actor=None, county_code="450521", path=MINI, effective_from=dt.date(2020, 1, 1))
    page = phone("grid_a")
    page.goto("/dispatch/report/")
    page.fill("#id_text", EVENT_TEXT)
    page.select_option("#id_org_code", "450521200206001")
    # meanwhile, in another tab: logged out and in again — a new session and a new CSRF secret
    client = Client()
    client.force_login(world.users["grid_a"])
    host = live_server.url.split("//", 1)[1].split(":")[0]
    page.context.add_cookies([
        {"name": settings.SESSION_COOKIE_NAME, "domain": host, "path": "/",
         "value": client.cookies[settings.SESSION_COOKIE_NAME].value},
        {"name": settings.CSRF_COOKIE_NAME, "domain": host, "path": "/", "value": "N" * 32}])
    page.get_by_role("button", name="提交").click()
    expect(page.locator("h1")).to_have_text("页面已过期")
    body = page.locator("main").inner_text()
    assert "CSRF" not in body and "DEBUG" not in body
    assert Event.objects.count() == 0
    assert fits_the_phone(page)
    shot(page, "s16-csrf-page-expired")
    page.get_by_role("button", name="返回").click()
    expect(page.locator("#id_text")).to_have_value(EVENT_TEXT)
    page.select_option("#id_org_code", "450521200206001")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    assert list(Event.objects.values_list("text", flat=True)) == [EVENT_TEXT]

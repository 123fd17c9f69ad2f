"""Session 14 (branch fix-misc14), newuser14's findings in Chromium at 390 px: a refresh after a 直通车 answer sends
nothing twice (N01); 删除案例 / 删除通报 ask first (N04); 保存手工项 names the automatic figures that changed (N05);
a returned event tells the grid worker it waits at the county centre (N08); 保存并提交乡镇审核 says it was sent (N14)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
ANSWER = "是县里某局的“美丽合浦”App，群里口头通知的，没有文件。"


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_directline_answer_then_refresh_sends_once(phone, world):
    from jianfu.directline.models import Message, Report
    from jianfu.directline.tests.factories import county_key_with_handler, submitted
    from jianfu.directline.workflow import Status

    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    reporter = phone(None)
    reporter.goto("/directline/public/follow/")
    reporter.fill("#id_code", code)
    reporter.get_by_role("button", name="查看").click()
    reporter.fill("#id_answer", ANSWER)
    reporter.get_by_role("button", name="发送").click()
    expect(reporter.locator(".alert-success")).to_have_text("已发送。")
    assert code not in reporter.url
    reporter.reload()  # the browser posts the same form again
    expect(reporter.locator(".alert-info")).to_have_text("这条回复已经发送过，没有重复发送。")
    expect(reporter.locator("ol.timeline li")).to_have_count(1)
    assert Message.objects.filter(report=report).count() == 1
    assert fits_the_phone(reporter)
    shot(reporter, "s14-directline-refresh-once")

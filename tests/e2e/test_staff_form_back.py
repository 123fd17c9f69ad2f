"""verify16 #1: back after a staff form's 提交, then 提交 again, saved a second row (the page came back with a new
token while Chromium refilled the typing). The staff event report keeps its first token across back, as the public
form does (templates/includes/form_token.html), and the second 提交 lands on the first event (fix-back16)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
expect = test_daily_tasks.expect
TEXT = "返回再提交：曲木村三队路灯坏了两个星期，晚上很黑。"


def test_back_then_submit_again_on_the_staff_report_saves_one_event(phone, world, catalogue):
    from jianfu.dispatch.models import Event

    page = phone("grid_a")
    page.goto("/dispatch/report/")
    page.fill("#id_text", TEXT)
    page.select_option("#id_org_code", "450521200206001")
    token = page.input_value("input[name=form_token_back]")      # filled by the page's script
    assert token == page.input_value("input[name=form_token]") and len(token) == 43
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    event = Event.objects.get(text=TEXT)
    detail = page.url

    page.go_back()                          # the form comes back filled
    expect(page.locator("h1")).to_have_text("上报事件")
    assert page.input_value("#id_text") == TEXT
    assert page.input_value("input[name=form_token_back]") == token
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages .alert")).to_have_text(f"事件 {event.number} 已经上报过，没有重复上报。")
    assert page.url == detail and Event.objects.filter(text=TEXT).count() == 1

"""newuser32a in Chromium at 390 × 844: a grid worker reports three events in a row (#3: 继续上报 on the event page
after each, not ☰ → 上报事件), and the housing department's 待签收 count opens a list of as many events — its own, not
the one of 林业局's it was summoned to (#1)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue
WECHAT = "【曲木村群】张大姐：\n各位领导好🙏\n我家后面那条水沟堵了好几天了😭\n\n污水都漫到路上，臭得不行！！"


def test_a_grid_worker_reports_again_from_the_event_page(phone, world, catalogue):
    from jianfu.dispatch.models import Event

    page = phone("grid_a")
    page.goto("/dispatch/report/")
    page.fill("#id_text", "曲木村委会往北200米的村道上有一个大坑，下雨后积水")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    after = page.locator("#after-report")
    expect(after.get_by_role("link", name="继续上报")).to_be_in_viewport()
    assert fits_the_phone(page)
    shot(page, "newuser32a-reported")
    after.get_by_role("link", name="继续上报").click()
    expect(page.locator("#id_text")).to_have_value("")
    page.fill("#id_text", WECHAT)
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".alert-success")).to_contain_text("已上报")
    assert list(Event.objects.order_by("id").values_list("text", flat=True)) == [
        "曲木村委会往北200米的村道上有一个大坑，下雨后积水", WECHAT]
    # the page opened any other way (a list, the workbench) offers no such button
    page.goto(page.url.split("?")[0])
    expect(page.locator("#after-report")).to_have_count(0)


def test_the_departments_count_to_accept_opens_as_many_events(phone, world):
    from jianfu.dispatch import services
    from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in

    own = event_in(world, department=HOUSING, text="璋嘉村一户危房有人居住，墙体倾斜明显")
    summoned = event_in(world, department=FORESTRY, text="水沟堵塞，污水漫到村道上")
    services.whistle_blow(actor=world.users["town_quzhang"], event=summoned, department_codes=[HOUSING],
                          reason="需住建排查排水设施", checkin_hours=24)
    page = phone("dept_housing")
    page.goto("/")
    todo = page.locator(".todo-list li", has_text="待签收的事件")
    expect(todo.locator(".badge")).to_have_text("1")
    todo.get_by_role("link").click()
    expect(page.get_by_label("只看本部门承办")).to_be_checked()
    expect(page.locator("table.cards tbody tr")).to_have_count(1)
    expect(page.locator("table.cards tbody tr").first).to_contain_text(own.number)
    assert fits_the_phone(page)
    shot(page, "newuser32a-dept-to-accept")
    # untick and filter again: the summoned event is there too, for its 报到
    page.get_by_label("只看本部门承办").uncheck()
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("table.cards tbody tr")).to_have_count(2)

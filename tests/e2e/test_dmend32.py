"""dmend32 in Chromium at 390 × 844: the county dispatcher's queue sends an event only after a suggestion is picked and
the one 派发 button that names its department is tapped (#1: a tap on a suggestion dispatched at once)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue  # the fixture: the 12-matter catalogue in force in 合浦县
FORESTRY, HOUSING = "450521000000D02", "450521000000D01"


def test_a_tap_on_a_queue_suggestion_selects_it_and_the_button_names_the_department(phone, world, catalogue):
    from jianfu.dispatch.models import Event
    from jianfu.dispatch.tests.factories import event_in

    waiting = event_in(world, status="reported", catalogue_version=catalogue, routing_mode="none",
                       routing_confidence=0.4, text="村里新建商品房交房后漏水，物业不管",
                       routing_candidates=[{"matter": "LY-001", "department": FORESTRY, "score": 0.6},
                                           {"matter": "ZJ-001", "department": HOUSING, "score": 0.35}])
    office = phone("county_office")
    office.goto("/dispatch/queue/", timeout=60_000)
    card = office.locator(f"#suggest-{waiting.pk}")
    sends = card.locator(".suggested button.send:visible")
    expect(sends).to_have_count(0)
    expect(card.locator(".pick-first")).to_have_text("请先点选一项建议。")
    card.locator("label.choice").first.click()     # the mis-tap: the top suggestion
    expect(sends).to_have_count(1)
    expect(sends).to_have_text("派发给林业局")
    assert Event.objects.values_list("status", "department_code").get(pk=waiting.pk) == ("reported", "")
    card.locator("label.choice", has_text="住房和城乡建设局").click()   # the one meant
    expect(sends).to_have_count(1)
    expect(sends).to_have_text("派发给住房和城乡建设局")
    expect(card.locator(".pick-first")).to_be_hidden()
    assert fits_the_phone(office)
    shot(office, "dmend32-queue-picked")
    sends.click()
    expect(office.locator(".alert-success")).to_contain_text(f"事件 {waiting.number} 已派发给 住房和城乡建设局。")
    assert office.url.endswith("/dispatch/queue/")
    waiting.refresh_from_db()
    assert (waiting.status, waiting.department_code, waiting.matter.code) == ("dispatched", HOUSING, "ZJ-001")


def test_a_whistle_with_no_department_and_a_short_reason_names_both_at_once(phone, world):
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world, text="水沟堵塞，污水漫到村道上")
    town = phone("town_quzhang")
    town.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    town.fill("#id_wreason", "排查")   # the browser's `required` lets two characters through; the service wants four
    town.get_by_role("button", name="吹哨").click()
    expect(town.locator("#id_wdepts_error")).to_have_text("请至少选择一个报到部门。")
    expect(town.locator("#id_wreason_error")).to_have_text("吹哨事由至少需要 4 个字。")
    expect(town.locator("#id_wreason")).to_have_value("排查")
    expect(town.locator("#id_wreason")).to_be_focused()
    assert fits_the_phone(town)
    shot(town, "dmend32-whistle-both-reasons")
    assert event.whistles.count() == 0


def test_a_return_names_the_event_and_lands_back_on_the_departments_list(phone, world):
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world, text="璋嘉村一户危房有人居住，墙体倾斜明显")
    dept = phone("dept_forestry")
    dept.goto("/", timeout=60_000)
    dept.locator(".todo-list li", has_text="待签收的事件").get_by_role("link").click()
    expect(dept.get_by_label("只看本部门承办")).to_be_checked()
    dept.get_by_role("link", name=event.number).click()
    # said before anything is refused (#3), in the 退回 form (dispatch33 says it beside the 转派 reason too)
    expect(dept.locator("form", has=dept.locator("#id_reason")).get_by_text("（至少 4 个字）")).to_have_count(1)
    dept.fill("#id_reason", "危房鉴定属住建职责，不属于本部门")
    dept.get_by_role("button", name="退回", exact=True).click()
    expect(dept.locator(".alert-success")).to_have_text(f"事件 {event.number} 已退回县指挥中心。")
    assert dept.url.endswith("/dispatch/?status=dispatched&mine=1")
    expect(dept.get_by_label("只看本部门承办")).to_be_checked()
    assert fits_the_phone(dept)
    shot(dept, "dmend32-returned-back-on-the-list")

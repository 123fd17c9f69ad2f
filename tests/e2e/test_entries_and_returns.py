"""Features of the last session that had no browser test: the login page's 群众办事 card (a citizen reaches
反映问题 and 查询进度 from /login/), the dispatch queue after a department returns an event (that department is
not suggested again, every other one is still offered), and a grid worker's phone reveal on a visit task
(the tel: link, the audit row)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
catalogue = test_daily_tasks.catalogue   # the fixture: the 12-matter catalogue in force in 合浦县
FORESTRY = "450521000000D02"


def test_a_citizen_reaches_report_and_lookup_from_the_login_page(phone, world, catalogue):
    from jianfu.dispatch.models import Event

    citizen = phone(None)
    citizen.goto("/", timeout=60_000)      # a citizen who opens the platform lands on the login page
    assert re.search(r"/login/", citizen.url)
    card = citizen.locator("#citizen-entry")
    expect(card.locator("h1")).to_have_text("群众办事")
    expect(card.locator(".citizen-links a")).to_have_text(["我要反映问题", "查询办理进度", "村（社区）服务公开", "招聘岗位",
                                                           "基层减负直通车匿名向县减负办反映形式主义、官僚主义问题，内容加密，不记录您的账号和 IP 地址"])
    assert fits_the_phone(citizen)
    shot(citizen, "login-citizen-card")

    card.get_by_role("link", name="我要反映问题").click()
    expect(citizen.locator("h1")).to_have_text("群众反映问题")
    assert citizen.url.endswith("/dispatch/public/report/")
    citizen.select_option("#id_town", "450521200000")
    citizen.select_option("#id_org_code", "450521200206")
    citizen.fill("#id_text", "村口路灯坏了一个多月，晚上看不见路")
    citizen.fill("#id_reporter_contact", "13812345678")
    citizen.get_by_role("button", name="提交").click()
    number = citizen.locator("#case-number").inner_text()
    assert Event.objects.get().case_number == number

    later = phone(None)                     # another day, another browser: from the login page again
    later.goto("/login/")
    later.locator("#citizen-entry").get_by_role("link", name="查询办理进度").click()
    assert later.url.endswith("/dispatch/public/lookup/")
    later.fill("#id_number", number)
    later.fill("#id_phone", "13812345678")
    later.get_by_role("button", name="查询").click()
    expect(later.locator("#case-number")).to_have_text(number)
    expect(later.locator("h1")).to_contain_text("办理进度")
    assert fits_the_phone(later)


def test_the_queue_after_a_department_returns_an_event(phone, world, catalogue, settings):
    from jianfu.dispatch import catalogue as catalogue_module
    from jianfu.dispatch import services
    from jianfu.dispatch.models import Event

    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.999   # nothing routes itself: every event waits in the queue
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证，请林业部门确认权属")
    assert event.routing_candidates[0]["department"] == FORESTRY
    services.event_dispatch(actor=world.users["county_office"], event=event, department_code=FORESTRY,
                            matter_code="LY-001")

    dept = phone("dept_forestry")
    dept.goto(f"/dispatch/events/{event.pk}/", timeout=60_000)
    dept.fill("#id_reason", "界线争议属乡镇调处，不属于本部门职责")
    dept.get_by_role("button", name="退回", exact=True).click()
    expect(dept.locator(".alert-success")).to_be_visible()
    event.refresh_from_db()
    assert (event.status, event.department_code, event.return_count) == ("reported", "", 1)

    office = phone("county_office")
    office.goto("/dispatch/queue/")
    card = office.locator(f"#suggest-{event.pk}")
    expect(card.locator(".returned-by")).to_have_text("已退回：林业局（不再建议）")
    # the router's other suggestions score ~0.001: no evidence, so no one-click button (newuser16 #4)
    assert all(c["score"] < 0.05 for c in event.routing_candidates if c["department"] != FORESTRY)
    expect(card.locator(".suggested label.choice")).to_have_count(0)
    expect(card.locator(".no-reliable")).to_have_text("系统没有把握判断由哪个部门办理，请从全部部门中人工选择。")
    departments = catalogue_module.departments_for(event.county_code)
    names = {d.code: d.name for d in departments}
    # the free choice offers every department of the county (the returning one too, for a deliberate choice)
    options = card.locator("select[name=department_code] option:not([value=''])")
    # (the returning one marked, tryout28 #11)
    expect(options).to_have_text([d.name + ("（已退回）" if d.code == FORESTRY else "") for d in departments])
    assert fits_the_phone(office)
    shot(office, "dispatch-queue-after-return")

    # choosing the department that returned it asks first, naming the return and its reason
    card.locator("select[name=department_code]").select_option(FORESTRY)
    card.get_by_role("button", name="派发").click()
    expect(office.locator("#confirm-return")).to_contain_text("被林业局退回")
    expect(office.locator("#confirm-return")).to_contain_text("退回理由：界线争议属乡镇调处，不属于本部门职责")
    event.refresh_from_db()
    assert (event.status, event.department_code) == ("reported", "")
    office.get_by_role("link", name="返回，另选部门").click()
    other = next(d for d in departments if d.code != FORESTRY)
    card = office.locator(f"#suggest-{event.pk}")
    card.locator("select[name=department_code]").select_option(other.code)
    card.get_by_role("button", name="派发").click()
    expect(office.locator(".alert-success")).to_be_visible()
    expect(office.locator(f"#suggest-{event.pk}")).to_have_count(0)
    expected = [other.name]
    event.refresh_from_db()
    assert (event.status, names[event.department_code]) == ("dispatched", expected[0])
    assert Event.objects.count() == 1


def test_a_grid_worker_reveals_the_phone_on_a_visit_task(phone, world):
    from jianfu.core.models import AuditRecord
    from jianfu.employment import visits
    from jianfu.employment.models import VisitTask
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today
    from jianfu.registry.services import person_phone

    kp = key_person_in(person=person_in(name="梁丽华"), identified_on=local_today() - dt.timedelta(days=7))
    visits.visit_scan()
    task = VisitTask.objects.get(key_person=kp, status="due")
    number = person_phone(kp.person)
    before = AuditRecord.objects.filter(action="pii.reveal").count()

    grid = phone("grid_a")
    grid.goto("/employment/visits/?state=today", timeout=60_000)
    grid.get_by_role("link", name="梁丽华").click()
    expect(grid.locator("#pii-phone")).to_contain_text(kp.person.phone_masked)
    expect(grid.locator("a.revealed")).to_have_count(0)
    reveal = grid.get_by_role("button", name="查看完整号码（将记录）")
    # through the task's own endpoint: a grid worker has no other right to reveal a number (ADR 0028)
    assert reveal.get_attribute("hx-post") == f"/employment/visits/tasks/{task.pk}/reveal/"
    reveal.click()
    call = grid.locator("#pii-phone a.revealed")
    expect(call).to_have_text(number)
    assert call.get_attribute("href") == f"tel:{number}"
    assert fits_the_phone(grid)
    shot(grid, "employment-visit-phone-revealed")

    records = AuditRecord.objects.filter(action="pii.reveal")
    assert records.count() == before + 1
    audit = records.order_by("-id").first()
    assert (audit.actor_id, audit.object_id, audit.changes) == (world.users["grid_a"].pk, str(kp.person.pk),
                                                                {"field": "phone"})

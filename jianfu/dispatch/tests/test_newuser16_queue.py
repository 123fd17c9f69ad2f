"""newuser16 (session 16) findings on the dispatch queue (#4) and the 吹哨 form (#10): no one-click suggestion
without evidence, a confirm step before sending an event back to the department that returned it, and no
department offered again for a 吹哨 it is already summoned by."""

from __future__ import annotations

import re

import pytest

from jianfu.dispatch import services
from jianfu.dispatch.models import Event
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot
from jianfu.dispatch.workflow import Status
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def _block(page: str, event: Event) -> str:
    block = page[page.index(f'id="suggest-{event.pk}"'):]
    return block[:block.index('</form>\n</div>')]


def _waiting(world, candidates: list[dict]) -> Event:
    return event_in(world, status=Status.REPORTED, text="商品房交房后漏水，开发商不予维修",
                    routing_candidates=candidates)


def test_suggestions_scored_below_the_floor_are_not_offered(world, catalogue):
    weak = _waiting(world, [{"department": FORESTRY, "matter": "LY-001", "score": 0.004},
                            {"department": HOUSING, "matter": "", "score": 0.0}])
    mixed = _waiting(world, [{"department": HOUSING, "matter": "", "score": 0.62},
                             {"department": FORESTRY, "matter": "LY-001", "score": 0.049}])
    page = world.client("county_office").get("/dispatch/queue/").content.decode()
    block = _block(page, weak)
    assert block.count("<form ") == 1             # only the choice of any department
    assert "系统没有把握判断由哪个部门办理，请从全部部门中人工选择。" in block
    assert 'name="matter_code"' not in block and "0.00" not in block
    block = _block(page, mixed)
    assert block.count("<form ") == 2             # the one suggestion with evidence, and any department
    assert f'name="suggestion" value="{HOUSING}|' in block
    assert f'name="suggestion" value="{FORESTRY}|' not in block
    assert "没有把握" not in block and "训练数据" not in page and "得分都低于" not in page


def test_dispatching_back_to_the_returning_department_asks_first(world, catalogue):
    event = event_in(world, status=Status.DISPATCHED, department=FORESTRY)
    services.event_accept(actor=world.users["dept_forestry"], event=event)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="属房屋质量问题，不属本部门职责")
    before = snapshot(event)
    office = world.client("county_office")
    body = {"department_code": FORESTRY, "next": "queue"}
    response = office.post(f"/dispatch/events/{event.pk}/dispatch/", body)
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(rf"事件 {event.number} 已于 \d{{4}}-\d\d-\d\d \d\d:\d\d 被林业局退回。", page)
    assert "退回理由：<span class=\"text-cell\">属房屋质量问题，不属本部门职责</span>" in page
    assert "仍派发给林业局" in page and 'name="confirm_return" value="1"' in page
    assert f'<input type="hidden" name="department_code" value="{FORESTRY}">' in page
    assert '<a class="btn btn-secondary" href="/dispatch/queue/">返回，另选部门</a>' in page
    assert snapshot(event) == before              # nothing dispatched yet
    # the same through the matter (its lead department is the one that returned it)
    assert office.post(f"/dispatch/events/{event.pk}/dispatch/", {"matter_code": "LY-001"}).status_code == 200
    assert snapshot(event) == before
    # another department: no question
    other = office.post(f"/dispatch/events/{event.pk}/dispatch/", {"department_code": HOUSING, "next": "queue"})
    assert (other.status_code, other["Location"]) == (302, "/dispatch/queue/")
    event.refresh_from_db()
    assert (event.status, event.department_code) == (Status.DISPATCHED, HOUSING)
    # newuser23 #2: the message names the department it went to (the queue shows it after the redirect)
    queue = office.get("/dispatch/queue/").content.decode()
    # … and the event (newuser24 #2), by the number the queue shows it under
    assert f'role="status">事件 {event.number} 已派发给 {OrgUnit.objects.get(code=HOUSING).name}。</div>' in queue


def test_a_confirmed_dispatch_back_goes_through(world, catalogue):
    event = event_in(world, status=Status.DISPATCHED, department=FORESTRY)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="不属于本部门职责")
    response = world.client("county_office").post(f"/dispatch/events/{event.pk}/dispatch/",
                                                  {"department_code": FORESTRY, "next": "queue",
                                                   "confirm_return": "1"})
    assert (response.status_code, response["Location"]) == (302, "/dispatch/queue/")
    event.refresh_from_db()
    assert (event.status, event.department_code) == (Status.DISPATCHED, FORESTRY)


def test_the_whistle_form_leaves_out_departments_already_summoned(world, catalogue):
    event = event_in(world, status=Status.ACCEPTED, department=FORESTRY)
    town = world.client("town_quzhang")
    box = '<input type="checkbox" name="departments" value="{}">'
    page = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert box.format(HOUSING) in page
    services.whistle_blow(actor=world.users["town_quzhang"], event=event, department_codes=[HOUSING],
                          reason="需住建部门现场核查")
    page = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert box.format(HOUSING) not in page
    assert page.count('name="departments"') > 1    # the others are still offered

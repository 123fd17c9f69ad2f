"""U03 (session 13): a grid worker who reported an event saw no sign on the workbench when it changed status —
they had to open 事件列表 and remember which events were theirs. Their workbench now lists their events whose
status changed (by someone else) since they last opened them — a count and 事件编号 / 新状态 / 时间 / a link —
and opening the event clears it. Only the reporter's own events, within the one scoping rule; no points, no
ranking."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.dispatch import selectors, services
from jianfu.dispatch.models import Event, TimelineEntry
from jianfu.dispatch.tests.factories import FORESTRY
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db
LAND = "曲木村两户村民为后山一块林地的界线吵起来了，双方都拿出了林权证，请林业部门确认权属"


def reported(world) -> Event:
    event = services.event_report(actor=world.users["grid_a"], text=LAND, org_code="450521200206001", source="grid")
    event.refresh_from_db()
    assert (event.status, event.department_code) == (Status.DISPATCHED, FORESTRY)
    # routed at once while it was reported: part of the report (the form's answer says where it went), not news
    assert selectors.reporter_updates(user=world.users["grid_a"]) == (0, [])
    # the report form redirects to the event's page: the reporter has seen it dispatched
    assert services.event_seen_by_reporter(actor=world.users["grid_a"], event=event)
    return event


def test_a_status_change_by_someone_else_reaches_the_reporters_workbench(world, catalogue):
    event = reported(world)
    grid = world.users["grid_a"]
    assert selectors.reporter_updates(user=grid) == (0, [])
    services.event_accept(actor=world.users["dept_forestry"], event=event)
    count, rows = selectors.reporter_updates(user=grid)
    accepted = TimelineEntry.objects.get(event=event, action="accept")
    assert count == 1
    assert [(r["number"], r["status"], r["action"], r["at"]) for r in rows] == [
        (event.number, "已签收", "", accepted.at)]   # one status word: 签收 adds nothing to 已签收 (dmend32 #7)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="林地权属确认不属本局职责范围，请改派")
    count, rows = selectors.reporter_updates(user=grid)
    returned = TimelineEntry.objects.get(event=event, action="return")
    assert (count, [(r["status"], r["action"], r["at"]) for r in rows]) == (1, [("待分派", "退回", returned.at)])
    # the village cadre sees the event (their village) but did not report it: nothing for them
    assert selectors.reporter_updates(user=world.users["village_a"]) == (0, [])
    # another account opening it does not clear the reporter's news
    seen = Event.objects.get(pk=event.pk).reporter_seen_at
    assert services.event_seen_by_reporter(actor=world.users["village_a"], event=event) is False
    assert Event.objects.get(pk=event.pk).reporter_seen_at == seen
    assert selectors.reporter_updates(user=grid)[0] == 1
    # the reporter opens it: cleared
    assert world.client("grid_a").get(f"/dispatch/events/{event.pk}/").status_code == 200
    assert selectors.reporter_updates(user=grid) == (0, [])


def test_the_workbench_shows_the_news_and_opening_the_event_clears_it(world, catalogue):
    event = reported(world)
    services.event_accept(actor=world.users["dept_forestry"], event=event)
    client = world.client("grid_a")
    page = client.get("/").content.decode()
    assert 'id="updates-dispatch"' in page
    section = page[page.index('id="updates-dispatch"'):]
    section = section[:section.index("</section>")]
    assert '我上报的事件有新进展 <span class="badge badge-warn">1</span>' in section
    # which matter it is, beside its number: the description's first 29 characters (newuser15 F14)
    assert f'<td class="card-title">{event.number} <span class="update-summary">{LAND[:29]}…</span></td>' in section
    # one status word: 签收 says no more than 已签收 (dmend32 #7: "已签收（签收）", "已关闭（办结）")
    assert '<td data-label="新状态">已签收</td>' in section
    assert f'<a href="/dispatch/events/{event.pk}/">查看</a>' in section
    assert client.get(f"/dispatch/events/{event.pk}/").status_code == 200
    assert 'id="updates-dispatch"' not in client.get("/").content.decode()
    # the department that acted has no such section, nor does the township
    assert 'id="updates-dispatch"' not in world.client("dept_forestry").get("/").content.decode()
    assert 'id="updates-dispatch"' not in world.client("town_quzhang").get("/").content.decode()


def test_the_reporters_own_moves_are_not_news(world, catalogue):
    event = reported(world)
    grid = world.users["grid_a"]
    forestry = world.users["dept_forestry"]
    services.event_accept(actor=forestry, event=event)
    services.event_resolve(actor=forestry, event=event, resolution="已到现场，依据林权证划定界线，双方签字认可")
    count, rows = selectors.reporter_updates(user=grid)
    assert (count, rows[0]["status"], rows[0]["action"]) == (1, "已办结", "")
    assert world.client("grid_a").get(f"/dispatch/events/{event.pk}/").status_code == 200
    services.event_feedback(actor=grid, event=event, score=5, satisfied=True)
    event.refresh_from_db()
    assert event.status == Status.CLOSED   # closed by the reporter's own feedback: they know
    assert selectors.reporter_updates(user=grid) == (0, [])


def test_a_returned_event_tells_the_grid_worker_it_waits_at_the_county_centre(world, catalogue):
    """N08 (session 14): after 退回 the grid worker read "承办部门 林业局"-less "—（按职责清单自动分派）" and
    "办理期限 —"; the page now says the event waits for manual dispatch at the county centre."""
    event = reported(world)
    grid = world.client("grid_a")
    page = grid.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert '<dd id="department">林业局 <span class="muted">（按职责清单自动分派）</span></dd>' in page
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="林地权属确认不属本局职责范围，请改派")
    page = grid.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert '<dd id="department">待人工分派（已退回县指挥中心）</dd>' in page
    assert '<dd id="due-at">派发给承办部门后起算</dd>' in page
    assert "按职责清单自动分派" not in page
    # dispatched again by hand: the department and its deadline, as before
    services.event_dispatch(actor=world.users["county_office"], event=event, department_code=FORESTRY)
    event.refresh_from_db()
    page = grid.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert '<dd id="department">林业局 <span class="muted">（人工分派）</span></dd>' in page
    assert f'<dd id="due-at">{timezone.localtime(event.due_at):%Y-%m-%d %H:%M}</dd>' in page

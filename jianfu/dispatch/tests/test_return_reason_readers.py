"""mend19a #1: the event's timeline (API and web page) showed a department's 退回 reason to every account that sees the
event — the grid worker and village cadre who reported it, and the township — while the 409 of a dispatch back and the
confirm page keep it from them (security17 #5, security18 #4). One rule now (`selectors.may_read_return_reason`): the
dispatch desk and the departments that see the event read the reason; the others see that it was returned and by
whom, the reason withheld (`note_withheld`)."""

from __future__ import annotations

import pytest

from jianfu.dispatch import selectors, services
from jianfu.dispatch.models import TimelineEntry
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db

REASON = "林地权属确认不属本局职责范围，请改派"
WITHHELD = "（退回理由仅县指挥中心和相关部门可见）"
# account → what its timeline shows of the return: the reason, withheld, or no event at all (404)
SEES = {"admin": "reason", "county_office": "reason", "dept_housing": "reason", "dept_forestry": "none",
        "town_quzhang": "withheld", "village_a": "withheld", "village_b": "none", "grid_a": "withheld"}


def _returned_then_dispatched(world):
    """Forestry returns grid_a's event; the dispatch desk sends it to housing (the department it is now with)."""
    event = event_in(world, status=Status.DISPATCHED, department=FORESTRY)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason=REASON)
    services.event_dispatch(actor=world.users["county_office"], event=event, department_code=HOUSING)
    return event, TimelineEntry.objects.get(event=event, action="return")


@pytest.mark.parametrize("who", sorted(SEES))
def test_the_api_timeline_shows_the_return_reason_only_to_the_desk_and_the_departments(world, catalogue, who):
    event, back = _returned_then_dispatched(world)
    r = world.api_client(who).get(f"/api/v1/dispatch/events/{event.pk}/timeline/")
    if SEES[who] == "none":
        assert r.status_code == 404
        assert REASON not in r.content.decode()
        return
    assert r.status_code == 200
    returns = [(e["action"], e["action_label"], e["actor"], e["note"], e["note_withheld"], e["public"])
               for e in r.json() if e["action"] == "return"]
    reads = SEES[who] == "reason"
    assert returns == [("return", "退回", back.actor_label, REASON if reads else "", not reads, False)]
    assert back.actor_label == "林业局 dept_forestry"   # by whom: every reader sees it
    assert (REASON in r.content.decode()) is reads
    # every other entry keeps its note (only the return's reason is withheld)
    assert [e["note_withheld"] for e in r.json() if e["action"] != "return"] == [False] * (len(r.json()) - 1)


@pytest.mark.parametrize("who", sorted(SEES))
def test_the_event_page_agrees_with_the_api(world, catalogue, who):
    event, back = _returned_then_dispatched(world)
    r = world.client(who).get(f"/dispatch/events/{event.pk}/")
    if SEES[who] == "none":
        assert r.status_code == 404
        return
    page = r.content.decode()
    assert r.status_code == 200
    start = page.index('<li data-action="return">')
    item = page[start:page.index("</li>", start) + len("</li>")]
    shown = REASON if SEES[who] == "reason" else f'<span class="muted note-withheld">{WITHHELD}</span>'
    at = item[item.index("<time>") + len("<time>"):item.index("</time>")]
    assert item == (f'<li data-action="return"><time>{at}</time> <span class="badge badge-info">退回</span> '
                    f'<strong>林业局 dept_forestry</strong> {shown} '
                    '<span class="muted" title="内部记录不向群众公开">（内部·仅工作人员可见）</span></li>')
    assert (REASON in page, WITHHELD in page) == ((True, False) if SEES[who] == "reason" else (False, True))


def test_a_waiting_event_and_a_summoned_department(world, catalogue):
    """Before it is dispatched again only the desk reads the reason; a department summoned by a 吹哨 shares the
    handling and reads it; the department that returned it reads its own reason once the event is back with it."""
    event = event_in(world, status=Status.DISPATCHED, department=FORESTRY)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason=REASON)
    event.refresh_from_db()
    notes = {who: [(t.note, t.note_withheld) for t in selectors.event_timeline(user=world.users[who], event=event)
                   if t.action == "return"]
             for who in ("county_office", "town_quzhang", "village_a", "grid_a")}
    assert notes == {"county_office": [(REASON, False)], "town_quzhang": [("", True)], "village_a": [("", True)],
                     "grid_a": [("", True)]}
    services.event_dispatch(actor=world.users["county_office"], event=event, department_code=FORESTRY)
    event.refresh_from_db()
    services.event_accept(actor=world.users["dept_forestry"], event=event)
    event.refresh_from_db()
    services.whistle_blow(actor=world.users["town_quzhang"], event=event, department_codes=[HOUSING],
                         reason="林地界线需住建部门核查房屋位置")
    for who in ("dept_forestry", "dept_housing"):
        assert [(t.note, t.note_withheld) for t in selectors.event_timeline(user=world.users[who], event=event)
                if t.action == "return"] == [(REASON, False)]
    # the database keeps the reason: only what a reader is shown changes
    assert TimelineEntry.objects.get(event=event, action="return").note == REASON


def test_the_public_track_page_never_lists_the_return(world, catalogue):
    event, _back = _returned_then_dispatched(world)
    assert [t.action for t in selectors.event_timeline(event=event, public_only=True)] == ["dispatch"]


def test_the_timeline_rows_are_read_only_and_the_stored_reason_stays(world, catalogue):
    """cr19b #3: the selector blanked `note` on the model entries it returned, so a later `.save()` of one would have
    erased the stored reason. It returns frozen rows now; the model entry is never touched."""
    import dataclasses

    event, back = _returned_then_dispatched(world)
    rows = [t for t in selectors.event_timeline(user=world.users["grid_a"], event=event) if t.action == "return"]
    assert [(type(t).__name__, t.note, t.note_withheld, t.actor_label, t.public) for t in rows] == [
        ("TimelineRow", "", True, "林业局 dept_forestry", False)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].note = REASON   # type: ignore[misc]
    assert not hasattr(TimelineEntry, "note_withheld")
    assert TimelineEntry.objects.get(pk=back.pk).note == REASON


def test_the_queue_reads_the_reason_by_the_same_rule(world, catalogue):
    """The queue's reasons ask `may_read_return_reason` too: the desk reads it; an account outside the rule (never
    on the queue, which wants DISPATCH) would be given the returning department only."""
    event = event_in(world, status=Status.DISPATCHED, department=FORESTRY)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason=REASON)
    event.refresh_from_db()
    assert selectors.queue_reasons([event], user=world.users["county_office"]) == {
        event.pk: {"note": REASON, "department_code": FORESTRY}}
    assert selectors.queue_reasons([event], user=world.users["town_quzhang"]) == {
        event.pk: {"note": "", "department_code": FORESTRY}}
    assert TimelineEntry.objects.get(event=event, action="return").note == REASON

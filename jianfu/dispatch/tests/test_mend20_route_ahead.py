"""mend20 #2: the events API routed a report (`router.route`: tens of ms, an e5 pass) inside its create transaction,
which on SQLite holds the write lock throughout. The decision is now made before it (`services.event_route_ahead`,
the API's `create_once(before=...)`), and the report is routed, written and audited as before; a replay with the same
Idempotency-Key still makes one row and routes nothing again."""

from __future__ import annotations

import pytest
from django.db import connection

from jianfu.core.models import ApiRepeat, AuditRecord
from jianfu.dispatch import routing_bridge, services
from jianfu.dispatch.models import Event

EVENTS = "/api/v1/dispatch/events/"
TEXT = "林地界线纠纷，双方都有林权证，争执不下"
QUMU = "450521200206001"
KEY = "e" * 40


@pytest.fixture
def routings(monkeypatch):
    """Each routing of a report's text: whether it ran inside a transaction."""
    calls: list[bool] = []
    router_for = routing_bridge.router_for

    def recorded(version, **kwargs):
        router = router_for(version, **kwargs)
        route = router.route

        def routed(text):
            calls.append(connection.in_atomic_block)
            return route(text)

        router.route = routed
        return router

    monkeypatch.setattr(routing_bridge, "router_for", recorded)
    return calls


def _routing(event: Event) -> tuple:
    return (event.department_code, event.matter.code if event.matter_id else "", event.routing_mode,
            event.routing_confidence, event.status)


@pytest.mark.django_db(transaction=True)   # no test transaction around the request: in_atomic_block is the API's
def test_an_api_report_is_routed_outside_the_create_transaction_as_the_service_routes_it(world, catalogue, routings):
    api = world.api_client("grid_a")
    first = api.post(EVENTS, {"text": TEXT, "org_code": QUMU}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert first.status_code == 201, first.content
    assert routings == [False]
    event = Event.objects.get()
    again = api.post(EVENTS, {"text": TEXT, "org_code": QUMU}, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert (again.status_code, again["Idempotent-Replayed"], again.json()) == (201, "true", first.json())
    assert (routings, Event.objects.count(), ApiRepeat.objects.count()) == ([False], 1, 1)
    # the same report made by the service itself (routing inside), the API's gone (else it is the duplicate of it):
    # the same decision, timeline and audit actions
    kept = Event.objects.get()
    Event.objects.all().delete()
    direct = services.event_report(actor=world.users["grid_a"], text=TEXT, org_code=QUMU, source="grid")
    event = kept
    assert _routing(event) == _routing(direct)
    assert (event.routing_mode, event.department_code) == (direct.routing_mode, direct.department_code)
    audits = [sorted(AuditRecord.objects.filter(action__startswith="dispatch.event.", object_id=str(e.pk)).values_list("action", flat=True))
              for e in (event, direct)]
    assert audits[0] == audits[1] != []


@pytest.mark.django_db
def test_a_decision_made_for_other_text_or_another_version_is_not_used(world, catalogue, routings):
    grid = world.users["grid_a"]
    ahead = services.event_route_ahead(actor=grid, text=TEXT, org_code=QUMU)
    assert (ahead.text, ahead.version_key, len(routings)) == (TEXT, (catalogue.pk, catalogue.updated_at), 1)
    other = "村道旁的化粪池满溢，臭气很大"
    event = services.event_report(actor=world.users["grid_a"], text=other, org_code=QUMU, source="grid", ahead=ahead)
    alone = services.event_report(actor=world.users["grid_a"], text=other, org_code=QUMU, source="grid")
    assert (_routing(event), len(routings)) == (_routing(alone), 3)
    # a report naming its matter, or without a place, is routed by nobody ahead
    assert (services.event_route_ahead(actor=grid, text=TEXT, org_code=QUMU, matter_code="LY-001"),
            services.event_route_ahead(actor=grid, text=TEXT, org_code="nowhere")) == (None, None)


@pytest.mark.django_db
def test_an_out_of_area_report_is_refused_as_before_and_nothing_is_routed_ahead(world, catalogue, routings):
    """cr20b #3: a reporter (the right to report, not the area) had the model route a report for a place it does
    not cover before `event_report` refused it. The area is checked first: nothing routed, the same refusal."""
    elsewhere = world.village_b.code   # 璋嘉村: in force the same catalogue, outside grid_a's area
    response = world.api_client("grid_a").post(EVENTS, {"text": TEXT, "org_code": elsewhere}, format="json",
                                                 HTTP_IDEMPOTENCY_KEY=KEY)
    assert (response.status_code, response.json()) == (403, {"error": {
        "code": "out_of_scope", "message": "您只能上报本辖区内的事件。", "fields": {"org_code": ["您只能上报本辖区内的事件。"]}}})
    assert (routings, Event.objects.count(), ApiRepeat.objects.count()) == ([], 0, 0)
    assert not AuditRecord.objects.filter(action__startswith="dispatch.event.").exists()
    # the service alone says the same: nothing routed for a place the actor does not cover, nor for a department
    assert (services.event_route_ahead(actor=world.users["grid_a"], text=TEXT, org_code=elsewhere),
            services.event_route_ahead(actor=world.users["dept_forestry"], text=TEXT, org_code=QUMU),
            routings) == (None, None, [])

"""fix-left17b #6: the web asks before sending an event back to the department that returned it (newuser16 #4);
the API now refuses such a dispatch (409 confirm_return, in Chinese, nothing changed) unless the request confirms
(`"confirm": true`), and its OpenAPI schema says so."""

from __future__ import annotations

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from jianfu.dispatch import services
from jianfu.dispatch.models import TimelineEntry
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def _returned(world):
    event = event_in(world, status=Status.DISPATCHED, department=FORESTRY)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="属房屋质量问题，不属本部门职责")
    back = TimelineEntry.objects.filter(event=event, action="return").latest("id")
    return event, timezone.localtime(back.at).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("body", [{"department_code": FORESTRY}, {"matter_code": "LY-001"},
                                  {"department_code": FORESTRY, "confirm": False}])
def test_a_dispatch_back_to_the_returning_department_is_refused_unless_confirmed(world, catalogue, body):
    event, at = _returned(world)
    before, entries = snapshot(event), TimelineEntry.objects.count()
    api = world.api_client("county_office")
    r = api.post(f"/api/v1/dispatch/events/{event.pk}/dispatch/", body, format="json")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "confirm_return"
    assert r.json()["error"]["message"] == (
        f"事件 {event.number} 已于 {at} 被林业局退回，退回理由：属房屋质量问题，不属本部门职责。确定仍派发给该部门，"
        "请在请求中加上 \"confirm\": true；否则请另选部门，避免事件来回退转。")
    assert (snapshot(event), TimelineEntry.objects.count()) == (before, entries)


def test_a_confirmed_dispatch_back_and_another_department_go_through(world, catalogue):
    event, _at = _returned(world)
    api = world.api_client("county_office")
    r = api.post(f"/api/v1/dispatch/events/{event.pk}/dispatch/", {"department_code": FORESTRY, "confirm": True},
                 format="json")
    assert (r.status_code, r.json()["status"], r.json()["department_code"]) == (200, Status.DISPATCHED, FORESTRY)
    other, _at = _returned(world)
    r = api.post(f"/api/v1/dispatch/events/{other.pk}/dispatch/", {"department_code": HOUSING}, format="json")
    assert (r.status_code, r.json()["department_code"]) == (200, HOUSING)


def test_the_schema_documents_the_confirm():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/dispatch/events/{id}/{action}/"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]["confirm"]
    assert (body["type"], body["default"]) == ("boolean", False)
    assert "confirm_return" in body["description"] and "409" in body["description"]
    assert "\"confirm\": true" in operation["description"] and "409" in operation["responses"]


@pytest.mark.parametrize("who", ["village_a", "grid_a", "town_quzhang"])
@pytest.mark.parametrize("confirm", [False, True])
def test_who_may_not_dispatch_gets_403_before_the_return_reason(world, catalogue, who, confirm):
    """security18 #4: the API checked the return before who may dispatch, so a village, a grid worker or a township
    (who see the event but may not dispatch it) got the 409 with the department's return reason; the web answers 403
    (security17 #5), and so does the API now, with or without the confirm, nothing changed."""
    event, _at = _returned(world)
    before, entries = snapshot(event), TimelineEntry.objects.count()
    r = world.api_client(who).post(f"/api/v1/dispatch/events/{event.pk}/dispatch/",
                                   {"department_code": FORESTRY, "confirm": confirm}, format="json")
    assert (r.status_code, r.json()) == (403, {"error": {"code": "permission_denied",
                                                         "message": "您没有执行此操作的权限。", "fields": {}}})
    assert "不属本部门职责" not in r.content.decode()
    assert (snapshot(event), TimelineEntry.objects.count()) == (before, entries)

"""badinput16 #9d: `POST /api/v1/dispatch/events/<id>/accept/` with {"note": …} answered 200 and dropped the note: the
timeline's 签收 entry had note "". The note is kept, cleaned and bounded as 开始办理's is; none still means none."""

from __future__ import annotations

import pytest

from jianfu.dispatch.models import Event, TimelineEntry
from jianfu.dispatch.tests.factories import event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def _accept(world, event, body):
    return world.api_client("dept_forestry").post(
        f"/api/v1/dispatch/events/{event.pk}/accept/", body, format="json"
    )


def test_the_note_sent_with_an_api_accept_is_on_the_timeline(world):
    event = event_in(world, status=Status.DISPATCHED)
    assert _accept(world, event, {"note": "并发签收\u200b，明天到现场"}).status_code == 200
    entry = TimelineEntry.objects.get(event=event, action="accept")
    assert (entry.note, entry.from_status, entry.to_status) == (
        "并发签收，明天到现场",
        "dispatched",
        "accepted",
    )
    timeline = world.api_client("dept_forestry").get(f"/api/v1/dispatch/events/{event.pk}/timeline/").json()
    assert [(t["action"], t["note"]) for t in timeline if t["action"] == "accept"] == [
        ("accept", "并发签收，明天到现场")
    ]


def test_an_accept_without_a_note_keeps_an_empty_note(world):
    event = event_in(world, status=Status.DISPATCHED)
    assert _accept(world, event, {}).status_code == 200
    assert TimelineEntry.objects.get(event=event, action="accept").note == ""


def test_a_note_too_long_is_refused_and_nothing_changes(world):
    event = event_in(world, status=Status.DISPATCHED)
    refused = _accept(world, event, {"note": "签" * 2001})
    assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["note"]
    assert Event.objects.get(pk=event.pk).status == "dispatched"
    assert not TimelineEntry.objects.filter(event=event, action="accept").exists()

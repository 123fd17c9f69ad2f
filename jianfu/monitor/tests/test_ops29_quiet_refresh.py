"""ops29 #2: the monitor's re-evaluation is queued through `jianfu.core.queueing.enqueue_quietly`: a queue that raises
on enqueue leaves the ledger saved, the page answering as usual, the marker left for the next write or the sweep,
and the failure logged once on `jianfu.queue`."""

from __future__ import annotations

import logging

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core.formtokens import token_new
from jianfu.monitor import tasks
from jianfu.monitor.models import FindingsRefresh, LedgerMeeting


@pytest.mark.django_db(transaction=True)
def test_a_meeting_saved_while_the_queue_is_down_is_answered_as_saved(world, monkeypatch, caplog):
    """The request's own commit runs the hook (a transactional test)."""
    def down(*_args, **_kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks, "enqueue_refresh", down)
    with caplog.at_level(logging.WARNING):
        response = world.client("village_a").post("/monitor/ledgers/meeting/new/", {
            "form_token": token_new(), "date": "2026-11-03", "title": "队列中断时的会议", "issuer": "林业局",
            "duration_minutes": "120", "village_secretaries_required": "1"})
    row = LedgerMeeting.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/monitor/ledgers/meeting/{row.pk}/")
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued) == (1, 0, False)   # left for the next write or the sweep
    assert [(r.name, r.levelname, r.getMessage().split(": ")[0]) for r in caplog.records] == [
        ("jianfu.queue", "ERROR", f"could not queue the re-evaluation of {marker.county_code}/{marker.year}")
    ]
    assert caplog.records[0].getMessage().endswith("the next write or the findings sweep queues it again")

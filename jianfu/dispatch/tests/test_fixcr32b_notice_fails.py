"""fix-cr32b #7: `pending_notices_run` ran the lost notices in id order with nothing around each: one whose
`notify_event` raised aborted the loop every minute, and every later notice stayed pending for good. Now each is run
alone (its writes rolled back when it raises), the failure logged and counted in `PendingNotice.attempts`, the
notice given up (deleted, ERROR) at `tasks.NOTICE_ATTEMPTS` (5), and the rest still run."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.utils import timezone

from jianfu.dispatch import tasks
from jianfu.dispatch.models import PendingNotice

pytestmark = pytest.mark.django_db

LATER = dt.timedelta(minutes=3)


def _notices(*event_ids):
    return [PendingNotice.objects.create(kind="dispatched", event_id=e) for e in event_ids]


@pytest.fixture
def sent(monkeypatch):
    """notify_event replaced: event 1 always raises (and writes a notice of its own first: rolled back), others sent."""
    calls: list[tuple[int, int]] = []

    def notify(kind, event_id, notice_id=None, **extra):
        calls.append((event_id, notice_id))
        if event_id == 1:
            PendingNotice.objects.create(kind="written-then-raised", event_id=99)
            raise ValueError("bad data")
        return 1

    monkeypatch.setattr(tasks, "notify_event", notify)
    return calls


def test_a_notice_that_raises_does_not_keep_the_later_ones_pending(sent, caplog):
    bad, good1, good2 = _notices(1, 2, 3)
    with caplog.at_level(logging.ERROR, logger="jianfu.dispatch.tasks"):
        assert tasks.pending_notices_run(now=timezone.now() + LATER) == 2
    assert sent == [(1, bad.pk), (2, good1.pk), (3, good2.pk)]
    assert list(PendingNotice.objects.values_list("pk", "event_id", "attempts")) == [(bad.pk, 1, 1)]
    assert [r.getMessage() for r in caplog.records] == [
        f"pending notice {bad.pk} (dispatched of event 1) failed (attempt 1 of 5)"]


def test_a_notice_that_keeps_raising_is_given_up_at_the_fifth_attempt(sent, caplog):
    (bad,) = _notices(1)
    later = timezone.now() + LATER
    with caplog.at_level(logging.ERROR, logger="jianfu.dispatch.tasks"):
        counts = []
        for _ in range(4):
            assert tasks.pending_notices_run(now=later) == 0
            counts.append(PendingNotice.objects.get(pk=bad.pk).attempts)
        assert counts == [1, 2, 3, 4]
        assert tasks.pending_notices_run(now=later) == 0
    assert PendingNotice.objects.count() == 0
    assert caplog.records[-1].getMessage() == f"pending notice {bad.pk} (dispatched of event 1) failed 5 times: given up"
    assert len(caplog.records) == 5 and len(sent) == 5
    assert tasks.pending_notices_run(now=later) == 0 and len(sent) == 5     # nothing left to run

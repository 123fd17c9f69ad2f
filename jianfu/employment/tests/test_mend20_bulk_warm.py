"""mend20 #4: the set-based writes to postings (an import, its confirmation or withdrawal, the daily expiry) queue the
warm run themselves once they commit (`postings._postings_written`), not through their audit rows' save: an audit
row of those actions saved on its own queues nothing, and a bulk import queues exactly one warm task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from jianfu.core.audit import audit_record
from jianfu.employment import postings as posting_services
from jianfu.employment import tasks
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import posting_in
from jianfu.employment.tests.test_mend19e_posting_warm import fresh_queue, queued
from jianfu.employment.tests.test_postings import good, run, xlsx
from jianfu.employment.tests.test_seeker_index import TOWN

pytestmark = pytest.mark.django_db


def cache_pending() -> object:
    return cache.get(tasks.WARM_PENDING)


def _warm_callbacks(callbacks) -> int:
    return sum(1 for c in callbacks if c is tasks.schedule_index_warm)


def test_a_bulk_import_queues_exactly_one_warm_task(world, django_capture_on_commit_callbacks):
    fresh_queue()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = run(world, xlsx([good(1), good(2), good(3)]))
    assert (result.batch.status, result.batch.created_count, Posting.objects.count()) == ("committed", 3, 3)
    assert (_warm_callbacks(callbacks), queued(), cache_pending()) == (1, ["seeker_index_warm_task"], 1)


def test_the_bulk_actions_audit_rows_alone_queue_nothing(django_capture_on_commit_callbacks):
    fresh_queue()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for action in ("employment.posting.import", "employment.posting.import_confirm",
                       "employment.posting.import_withdraw", "employment.posting.expire"):
            audit_record(actor=None, action=action, object_type="employment.posting", object_id="x",
                         object_repr="x", changes={})
    assert (_warm_callbacks(callbacks), queued(), cache_pending()) == (0, [], None)


def test_the_daily_expiry_queues_one_warm_task_only_when_it_closed_some(django_capture_on_commit_callbacks):
    expired = posting_in(TOWN, valid_until=dt.date(2026, 1, 1))
    for closed, warm in ((1, 1), (0, 0)):
        fresh_queue()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert posting_services.postings_expire(today=dt.date(2026, 12, 5)) == closed
        assert (_warm_callbacks(callbacks), len(queued())) == (warm, warm)
    assert Posting.objects.get(pk=expired.pk).status == PostingStatus.CLOSED

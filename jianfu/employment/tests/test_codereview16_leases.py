"""codereview16 #5: a long import is not declared dead while it lives. A claim of a live process of this host is
never stale, however old its lease; a worker renews its lease every `importjobs.RENEW_EVERY` rows it reads or
writes (a conditional UPDATE on its own claim), and stops at once, writing nothing, when the claim was taken from
it. Inside the seekers' write transaction the renewal is published on a connection of its own on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from jianfu.employment import importjobs, seekerjobs
from jianfu.employment.models import KeyPerson, PostingImport, SeekerImportBatch
from jianfu.employment.tests.test_posting_import_jobs import queued as queued_postings
from jianfu.employment.tests.test_postings import good
from jianfu.employment.tests.test_seeker_import_jobs import good_sheet, queued
from jianfu.registry import imports
from jianfu.registry.imports import COMMIT_LEASE, worker_identity

AN_HOUR_AGO = dt.timedelta(hours=1)


@pytest.mark.django_db
def test_a_live_worker_of_this_host_is_not_stale_after_its_lease(world):
    content, _people = good_sheet()
    batch = queued(world, content)
    SeekerImportBatch.objects.filter(pk=batch.pk).update(
        status="committing", worker=worker_identity(), lease_until=timezone.now() - AN_HOUR_AGO
    )
    batch.refresh_from_db()
    assert not seekerjobs.is_stale(batch) and seekerjobs.is_busy(batch)  # was stale: rolled back as dead
    assert seekerjobs.import_recover_stale() == 0
    batch.refresh_from_db()
    assert (batch.status, batch.worker) == ("committing", worker_identity())
    # another host's worker with the same lease is stale: its lease is its only sign of life
    SeekerImportBatch.objects.filter(pk=batch.pk).update(worker="web-2:4242")
    batch.refresh_from_db()
    assert seekerjobs.is_stale(batch)


def _spy(monkeypatch, before=None):
    """Record every renewal (the lease as stored just before it, and its answer); `before(pk)` runs first."""
    seen = []
    real = importjobs.lease_renew

    def renew(model, pk, **kwargs):
        if before is not None:
            before(pk)
        ours = real(model, pk, **kwargs)
        seen.append((connection.in_atomic_block, ours))
        return ours

    monkeypatch.setattr(importjobs, "lease_renew", renew)
    return seen


@pytest.mark.django_db(transaction=True)  # the worker runs outside any transaction, as on the task queue
def test_the_seeker_worker_renews_its_lease_as_it_reads_and_writes(world, monkeypatch):
    content, _people = good_sheet()
    monkeypatch.setattr(seekerjobs, "_schedule", lambda pk: None)  # the test runs the task itself
    batch = queued(world, content)
    monkeypatch.setattr(importjobs, "RENEW_EVERY", 1)
    leases = []

    def expire(pk):  # as if each stretch of rows had taken longer than the lease
        leases.append(SeekerImportBatch.objects.get(pk=pk).lease_until)
        if not connection.in_atomic_block:
            SeekerImportBatch.objects.filter(pk=pk).update(lease_until=timezone.now() - AN_HOUR_AGO)

    seen = _spy(monkeypatch, expire)
    started = timezone.now()
    batch = seekerjobs.import_run(batch_id=batch.pk)
    assert batch.status == "committed" and KeyPerson.objects.count() == 2
    # two rows read (outside any transaction), two written (inside the import's)
    assert seen == [(False, True), (False, True), (True, True), (True, True)]
    # each renewal outside the transaction moved the expired lease a full lease ahead
    assert leases[1] >= started + COMMIT_LEASE and leases[2] >= started + COMMIT_LEASE


@pytest.mark.django_db(transaction=True)
def test_the_posting_worker_renews_its_lease(world, monkeypatch):
    monkeypatch.setattr(importjobs, "_schedule", lambda pk: None)  # the test runs the task itself
    batch = queued_postings(world, [good(1), good(2), good(3)])
    monkeypatch.setattr(importjobs, "RENEW_EVERY", 2)
    seen = _spy(monkeypatch)
    batch = importjobs.import_run(batch_id=batch.pk)
    assert batch.status == "committed" and batch.created_count == 3
    # 3 rows read + 3 prepared = 6 rows: 3 renewals, then one before the write
    assert seen == [(False, True)] * 4


@pytest.mark.django_db
def test_a_worker_whose_claim_was_taken_stops_and_writes_nothing(world, monkeypatch):
    content, _people = good_sheet()
    batch = queued(world, content)
    monkeypatch.setattr(importjobs, "RENEW_EVERY", 1)
    _spy(
        monkeypatch,
        lambda pk: SeekerImportBatch.objects.filter(pk=pk).update(status="interrupted", worker=""),
    )
    done = seekerjobs.import_run(batch_id=batch.pk)
    assert (done.status, done.worker, done.done_count) == ("interrupted", "", 0)
    assert KeyPerson.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_inside_a_transaction_the_renewal_is_seen_by_others_on_postgresql(world):
    batch = queued_postings(world, [good(1)])
    old = timezone.now() - AN_HOUR_AGO
    PostingImport.objects.filter(pk=batch.pk).update(status="committing", worker="w:1", lease_until=old)
    with transaction.atomic():
        assert imports.lease_renew(PostingImport, batch.pk, worker="w:1", status="committing")
        assert not imports.lease_renew(PostingImport, batch.pk, worker="w:2", status="committing")
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    f"SELECT lease_until FROM {PostingImport._meta.db_table} WHERE id = %s", [batch.pk]
                )
                seen = cursor.fetchone()[0]
        finally:
            other.close()
    if isinstance(seen, str):  # SQLite gives the stored text (UTC), or a naive datetime
        seen = parse_datetime(seen)
    if seen.tzinfo is None:
        seen = seen.replace(tzinfo=dt.UTC)
    if connection.vendor == "postgresql":
        assert seen > timezone.now() + COMMIT_LEASE - dt.timedelta(minutes=1)  # published before the commit
    else:  # SQLite: one machine, the worker's process id tells it lives; nothing is written inside
        assert seen == old

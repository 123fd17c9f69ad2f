"""fixcr33b L11: a commit's progress was written inside the commit's one transaction, so the polling page (another
connection) read 0 / N until the end. The count is now also kept in the cache, outside the transaction."""

from __future__ import annotations

import pytest

from jianfu.registry import imports
from jianfu.registry.models import ImportBatch, ImportRow, Person
from jianfu.registry.tests.scoping_cases import VB, staged_batch

pytestmark = pytest.mark.django_db


def test_the_commits_count_is_readable_outside_its_transaction_while_it_runs(world, monkeypatch):
    batch = staged_batch()
    for n, name in ((3, "林森"), (4, "林海")):
        ImportRow.objects.create(batch=batch, row_number=n, status=ImportRow.Status.VALID, match=ImportRow.Match.NEW,
                                 data={"name": name, "gender": "M", "org_code": VB})
    ImportBatch.objects.filter(pk=batch.pk).update(total_rows=3, valid_rows=3)
    batch.refresh_from_db()
    monkeypatch.setattr(imports, "CHUNK", 1)
    seen = []

    def progress(done, total):
        # the batch as another connection reads it mid-commit: committing, its row's count not yet committed (0)
        outside = ImportBatch(pk=batch.pk, status=ImportBatch.Status.COMMITTING, processed_rows=0)
        seen.append((done, total, imports.commit_progress(outside)))

    imports.import_batch_commit(actor=world.users["village_b"], batch=batch, mode="valid_only", progress=progress)
    assert seen == [(1, 3, 1), (2, 3, 2), (3, 3, 3)]
    batch.refresh_from_db()
    assert (batch.status, batch.processed_rows, imports.commit_progress(batch), Person.objects.count()) == (
        "committed", 3, 3, 3)

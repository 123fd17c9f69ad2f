"""fixcr34b #5: the cached commit count (fixcr33b L11) outlived a rolled-back commit: while the retry stayed
COMMITTING the page showed the earlier attempt's count until the retry wrote its first chunk. A commit attempt now
starts from 0, and a rolled-back one leaves no count behind."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.registry import imports
from jianfu.registry.models import ImportBatch, ImportRow, Person
from jianfu.registry.tests.scoping_cases import VB, staged_batch

pytestmark = pytest.mark.django_db


class Stop(Exception):
    pass


def test_a_retry_does_not_show_the_rolled_back_attempts_count(world, monkeypatch):
    batch = staged_batch()
    for n, name in ((3, "林森"), (4, "林海")):
        ImportRow.objects.create(batch=batch, row_number=n, status=ImportRow.Status.VALID, match=ImportRow.Match.NEW,
                                 data={"name": name, "gender": "M", "org_code": VB})
    ImportBatch.objects.filter(pk=batch.pk).update(total_rows=3, valid_rows=3)
    batch.refresh_from_db()
    monkeypatch.setattr(imports, "CHUNK", 1)

    def fail_after_two(done, total):
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        imports.import_batch_commit(actor=world.users["village_b"], batch=batch, mode="valid_only",
                                    progress=fail_after_two)
    batch.refresh_from_db()
    assert (batch.status, batch.processed_rows, Person.objects.count()) == ("staged", 0, 0)
    assert cache.get(imports._progress_key(batch.pk)) is None   # the rolled-back attempt leaves no count

    # an earlier attempt's count still in the cache (a worker killed mid-commit leaves one): the retry starts at 0
    cache.set(imports._progress_key(batch.pk), 2)
    real_commit, seen = imports._commit, []

    def commit(actor, b, progress):
        # the batch as the polling page reads it when the retry has claimed it and written nothing yet
        seen.append(imports.commit_progress(ImportBatch(pk=batch.pk, status=ImportBatch.Status.COMMITTING,
                                                        processed_rows=0)))
        return real_commit(actor, b, progress)

    monkeypatch.setattr(imports, "_commit", commit)
    imports.import_batch_commit(actor=world.users["village_b"], batch=batch, mode="valid_only")
    batch.refresh_from_db()
    assert (seen, batch.status, batch.processed_rows, Person.objects.count()) == ([0], "committed", 3, 3)

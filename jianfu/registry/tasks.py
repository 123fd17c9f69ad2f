"""Background work of the registry (huey). Tasks take ids and call services; they hold no logic."""

from __future__ import annotations

import contextlib

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from jianfu.core.errors import ApplicationError


@db_task()
def import_stage_task(batch_id: int) -> str:
    from jianfu.registry.imports import import_batch_stage

    return import_batch_stage(batch_id=batch_id).status


@db_task()
def import_commit_task(batch_id: int, mode: str, user_id: int | None) -> str:
    from jianfu.accounts.models import User
    from jianfu.registry.imports import import_batch_commit
    from jianfu.registry.models import ImportBatch

    actor = User.objects.filter(pk=user_id).first() if user_id else None
    batch = ImportBatch.objects.get(pk=batch_id)
    with contextlib.suppress(ApplicationError):  # the reason is on the batch (error_message)
        import_batch_commit(actor=actor, batch=batch, mode=mode)
    return ImportBatch.objects.get(pk=batch_id).status


@db_periodic_task(crontab(minute="*/5"))
def import_recover_stale_task() -> int:
    """Every 5 minutes: batches whose worker died are released (retry or discard on their page)."""
    from jianfu.registry.imports import import_recover_stale

    return import_recover_stale()


@db_periodic_task(crontab(hour="19", minute="47"))
def import_cleanup_abandoned_task() -> int:
    """Daily (03:47 China time; huey's crontab reads UTC): the stored files of uploads abandoned for a week are removed, their batches failed (badinput15 #23);
    batches failed more than 30 days ago are deleted (fix-left16 #3)."""
    from jianfu.registry.imports import import_cleanup_abandoned, import_purge_failed

    return import_cleanup_abandoned() + import_purge_failed()

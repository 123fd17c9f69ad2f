"""The seeker import (求职登记表) as a background job, the shape of the postings' (`importjobs`): upload → queued →
a worker imports → done. B15 (session 14's attack): a large sheet was validated and written inside the web request.

The upload is stored on a `SeekerImportBatch` in status 排队导入 and `tasks.seeker_import_task` does the work with
`seekers.import_seekers` (every row validated, then every person written in one transaction, or none). The worker
claims the batch as the postings' and the registry's workers do (ADR 0019: `worker_identity`, `batch_is_stale`, the
same leases), and the batch's final state is written inside the import's own transaction and only while the claim
is still this worker's: a worker killed mid-import leaves no person written and a claim that is stale at once on this
host (or when its lease expires elsewhere); the batch page says so and offers 重新导入 or 放弃, and the periodic job
marks such batches 已中断. The web page and the API (202 and a batch to poll) both come in through `import_request`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.audit import audit_record
from jianfu.core.errors import ConflictError, NotFoundError, PermissionDeniedError
from jianfu.employment import access, postings, seekers, uploads
from jianfu.employment.importjobs import ClaimLost, LeaseKeeper, release_batch, run_claimed
from jianfu.employment.models import SeekerImportBatch
from jianfu.registry.imports import (
    QUEUE_LEASE,
    batch_is_stale,
    failed_batch_dismiss,
    failed_batches_purge,
)

S = SeekerImportBatch.Status
BUSY = (S.QUEUED, S.COMMITTING)
TAKEN_SHOWN = 200   # people listed on the batch's page (the list page has them all)


def is_stale(batch: SeekerImportBatch) -> bool:
    return batch.status in BUSY and batch_is_stale(batch)


def is_busy(batch: SeekerImportBatch) -> bool:
    return batch.status in BUSY and not is_stale(batch)


def status_label(batch: SeekerImportBatch) -> str:
    return str(S.INTERRUPTED.label if is_stale(batch) else batch.get_status_display())


def writer_scope(actor):
    scope = access.read_scope(actor)
    if not access.may_write_persons(actor):
        raise PermissionDeniedError(_("您的角色不能登记求职人员。"), code="capability_required")
    return scope


def import_get(*, user, pk: int) -> SeekerImportBatch:
    """A batch of the account's own units (or its own upload); another's is not found (no existence oracle)."""
    scope = access.read_scope(user)
    batch = SeekerImportBatch.objects.select_related("created_by").filter(pk=pk).first()
    if batch is None or not (batch.created_by_id == user.pk or scope.covers(batch.org_code)):
        raise NotFoundError(_("找不到该导入记录。"))
    return batch


def _schedule(batch_id: int) -> None:
    from jianfu.core.queueing import enqueue_on_commit
    from jianfu.employment import tasks

    enqueue_on_commit(lambda: tasks.seeker_import_task(batch_id), what=f"seeker import batch {batch_id}",
                      recovery="the batch shows 已中断 once its queue lease passes; 重新导入 queues it again")


def check_request(*, actor: Any, upload: Any) -> str:
    """What `import_request` checks before it writes, with nothing written: the API runs it before its create
    transaction (cr18 #5), so the xlsx check does not hold the write lock."""
    writer_scope(actor)   # refuses an actor who may not import
    return uploads.checked_import_upload(upload, default="seekers.xlsx")


def import_request(*, actor, upload, form_key: str | None = None,
                   form_content_key: str | None = None) -> SeekerImportBatch:
    """Store the upload as a queued batch; the worker's task is queued once that is committed (web and API)."""
    scope = writer_scope(actor)
    name = uploads.checked_import_upload(upload, default="seekers.xlsx")  # refused here: nothing queued
    with transaction.atomic():
        batch = SeekerImportBatch(org_code=postings.batch_unit(scope, postings.county_for(actor)),
                                  original_name=name[:255], status=S.QUEUED,
                                  lease_until=timezone.now() + QUEUE_LEASE,
                                  created_by=actor if getattr(actor, "is_authenticated", False) else None,
                                  form_key=form_key, form_content_key=form_content_key)
        batch.file.save(name, upload if isinstance(upload, File) else File(upload, name=name), save=False)
        batch.save()
        audit_record(actor=actor, action="employment.seeker.import_request", obj=batch, changes={"file": name})
        _schedule(batch.pk)
    return batch


def import_run(*, batch_id: int) -> SeekerImportBatch:
    """The task body: claim the queued batch for this process and import it (all or nothing; `importjobs.run_claimed`
    does what the postings' task does too)."""

    def work(batch: SeekerImportBatch, fh, lease: LeaseKeeper) -> None:
        def written(result: seekers.SeekerImport) -> None:
            """Inside the import's transaction: the batch is committed with the people, or neither is."""
            moved = SeekerImportBatch.objects.filter(pk=batch_id, status=S.COMMITTING, worker=lease.worker).update(
                status=S.COMMITTED, done_count=result.done, taken=result.taken, updated=result.updated,
                sheet_note=result.sheet_note[:300], errors=[], worker="", lease_until=None)
            if not moved:
                raise ClaimLost
            audit_record(actor=batch.created_by, action="employment.seeker.import", obj=batch,
                         changes={"people": result.done, "columns": result.updated})

        result = seekers.import_seekers(actor=batch.created_by, file=fh, filename=batch.original_name,
                                        on_written=written, lease=lease)
        if result.errors:
            SeekerImportBatch.objects.filter(pk=batch_id, status=S.COMMITTING, worker=lease.worker).update(
                status=S.FAILED, errors=result.errors, worker="", lease_until=None, updated_at=timezone.now())

    return run_claimed(SeekerImportBatch, batch_id, work, delete_upload=_delete_upload)


def _delete_upload(batch_id: int) -> None:
    """The file goes once the batch can no longer be imported (committed, failed or discarded)."""
    batch = SeekerImportBatch.objects.filter(pk=batch_id, status__in=[S.COMMITTED, S.FAILED, S.DISCARDED]).first()
    if batch is not None and batch.file:
        batch.file.delete(save=False)
        SeekerImportBatch.objects.filter(pk=batch_id).update(file="")


def _release(*, actor, batch: SeekerImportBatch, target: str, action: str) -> SeekerImportBatch:
    return release_batch(batch, actor=actor, target=target, audit_action=f"employment.seeker.import_{action}",
                         schedule=_schedule, delete_upload=_delete_upload)


def _require_own_unit(actor, batch: SeekerImportBatch) -> None:
    scope = writer_scope(actor)
    if not (batch.created_by_id == actor.pk or scope.covers(batch.org_code)):
        raise NotFoundError(_("找不到该导入记录。"))


def import_retry(*, actor, batch: SeekerImportBatch) -> SeekerImportBatch:
    """An interrupted batch is queued again (its task too, once that is committed)."""
    _require_own_unit(actor, batch)
    return _release(actor=actor, batch=batch, target=S.QUEUED, action="retry")


def import_discard(*, actor, batch: SeekerImportBatch) -> SeekerImportBatch:
    _require_own_unit(actor, batch)
    return _release(actor=actor, batch=batch, target=S.DISCARDED, action="discard")


def import_dismiss(*, actor, batch: SeekerImportBatch) -> None:
    """移除: the uploader takes a failed batch away (deleted, audited; fix-left16 #3)."""
    _require_own_unit(actor, batch)
    failed_batch_dismiss(batch, actor=actor, audit_action="employment.seeker.import_dismiss")


def import_purge_failed() -> int:
    """The daily job: batches failed more than 30 days ago are deleted (`registry.imports.FAILED_KEPT`)."""
    return failed_batches_purge(SeekerImportBatch, audit_action="employment.seeker.import_purge")


# An upload left interrupted or failed holds clear ID numbers (身份证号) of every row: its file is deleted this long
# after the batch last moved (the registry's `ABANDONED_AFTER`; codereview16 #6). The batch row stays, so its page
# and the list still say what happened; 重新导入 then asks for the file again.
UPLOAD_KEPT_AFTER_STOP = timedelta(days=7)


def import_cleanup_files(*, now=None) -> int:
    """The daily job: the stored file of every seeker batch interrupted or failed more than `UPLOAD_KEPT_AFTER_STOP`
    ago is deleted, the batch told why (audited, once per batch); returns how many files were deleted."""
    cutoff = (now or timezone.now()) - UPLOAD_KEPT_AFTER_STOP
    removed = 0
    stopped = SeekerImportBatch.objects.filter(status__in=[S.INTERRUPTED, S.FAILED], updated_at__lt=cutoff)
    for batch in stopped.exclude(file=""):
        name = batch.file.name
        with transaction.atomic():
            # the row first, and only if nobody moved the batch meanwhile (a 重新导入 queues it with its file)
            moved = SeekerImportBatch.objects.filter(pk=batch.pk, status=batch.status, file=name,
                                                     updated_at__lt=cutoff).update(
                file="", error_message=(_("上传的文件已在停止导入%(d)d天后删除（其中有身份证号等个人信息）；如需导入，请重新上传。")
                                        % {"d": UPLOAD_KEPT_AFTER_STOP.days})[:300])
            if not moved:
                continue
            audit_record(actor=None, action="employment.seeker.import_file_deleted", obj=batch,
                         changes={"file": name, "status": batch.status})
            transaction.on_commit(lambda name=name, storage=batch.file.storage: storage.delete(name))
        removed += 1
    return removed


def import_recover_stale() -> int:
    """The periodic job: every stale batch becomes 已中断 (retried or discarded on its page); returns how many."""
    released = 0
    for batch in SeekerImportBatch.objects.filter(status__in=BUSY):
        if is_stale(batch):
            try:
                _release(actor=None, batch=batch, target=S.INTERRUPTED, action="interrupted")
            except ConflictError:
                continue
            released += 1
    return released

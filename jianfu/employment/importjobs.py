"""The web posting import as a background job (ADR 0006): upload → queued → a worker imports → done.

The upload is stored on a `PostingImport` in status 排队导入 and `tasks.posting_import_task` does the work
with `postings.posting_import` (validate every row, then write all postings in one transaction, or none).
The worker claims the batch the way the registry's imports do (ADR 0019; `registry.imports.worker_identity`,
`batch_is_stale`, the same leases): the claim names the process and holds until a deadline, and the final
status is written only while the claim is still this worker's. A worker killed mid-import therefore leaves
no posting (its transaction never committed) and a claim that is stale at once on this host, or when it
expires elsewhere; the batch page says so and offers 重新导入 or 放弃, and the periodic job marks such
batches 已中断.

A large upload (more than `postings.CONFIRM_ABOVE` postings) is held 待确认 by `postings.posting_import` whichever
way it comes in; confirming or withdrawing it (`postings.import_confirm` / `postings.import_withdraw`) and the notice
that says so (`postings.held_message`) live there too, one home for the web, the API and the command.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, ConflictError, PermissionDeniedError
from jianfu.employment import access, postings, uploads
from jianfu.employment.models import PostingImport
from jianfu.registry.imports import (
    COMMIT_LEASE,
    QUEUE_LEASE,
    batch_is_stale,
    failed_batch_dismiss,
    failed_batches_purge,
    lease_renew,
    worker_identity,
)

S = PostingImport.Status
BUSY = (S.QUEUED, S.COMMITTING)
STALE_MESSAGE = {
    # never claimed within the queue lease: the worker may be down or the queue only long (fix-cr32b #9)
    S.QUEUED: gettext_lazy("导入请求长时间没有被处理：后台任务可能未运行或排队过长。没有写入任何数据；可以重新导入或放弃。"),
    S.COMMITTING: gettext_lazy("上次导入被中断（后台任务进程停止），没有写入任何数据；可以重新导入或放弃。"),
}


# a file whose every row is a posting already registered: said plainly, with nothing offered (newuser19 #2); the same
# msgid as the batch page's blocktranslate
NOTHING_NEW = gettext_lazy("文件共 %(t)s 行，每一行都是已登记的岗位（或与文件中前面的行相同），没有需要导入的新岗位，无需操作。")


def is_stale(batch: PostingImport) -> bool:
    """A queued or importing batch whose worker is gone (the registry's rule, on the same claim fields)."""
    return batch.status in BUSY and batch_is_stale(batch)


def status_label(batch: PostingImport) -> str:
    """The status to show: 已中断 for a stale batch, whose row still says 导入中 (or 排队导入) until the periodic job
    moves it; the page showed "状态：导入中" beside "后台任务已停止，导入被中断" (badinput14 B12). A file whose every row is
    registered already is not an error to correct: 均已登记 (newuser19 #2)."""
    if batch.nothing_new:
        return _("均已登记，无需导入")
    return str(S.INTERRUPTED.label if is_stale(batch) else batch.get_status_display())


def is_busy(batch: PostingImport) -> bool:
    return batch.status in BUSY and not is_stale(batch)


def _manage_unit(actor) -> str:
    return postings.batch_unit(access.manage_scope(actor), postings.county_for(actor))


def _schedule(batch_id: int) -> None:
    from jianfu.core.queueing import enqueue_on_commit
    from jianfu.employment import tasks

    # the batch is committed as queued: a queue that is down leaves it 排队导入, then 已中断 with 重新导入 (ops28 #3)
    enqueue_on_commit(lambda: tasks.posting_import_task(batch_id), what=f"posting import batch {batch_id}",
                      recovery="the batch shows 已中断 once its queue lease passes; 重新导入 queues it again")


def check_request(*, actor: Any, upload: Any) -> str:
    """What `import_request` checks before it writes (may the actor import, may the upload be queued), with nothing
    written: the API runs it before its create transaction (cr18 #5), so the xlsx check does not hold the write lock."""
    _manage_unit(actor)
    return uploads.checked_import_upload(upload, default="postings.xlsx")


def import_request(*, actor, upload, skip_duplicates: bool = False, form_key: str | None = None,
                   form_content_key: str | None = None) -> PostingImport:
    """Store the upload as a queued batch; the worker's task is queued once that is committed. The web upload and
    the API (badinput14 B04: 100,000 rows took 292 s inside the API request) both come in here; `skip_duplicates`
    is the API's stated choice, carried to the worker on the batch."""
    org_code = _manage_unit(actor)
    name = uploads.checked_import_upload(upload, default="postings.xlsx")  # refused here: nothing queued
    with transaction.atomic():
        batch = PostingImport(org_code=org_code, original_name=name[:255], status=S.QUEUED,
                              lease_until=timezone.now() + QUEUE_LEASE, skip_duplicates=skip_duplicates,
                              created_by=actor if getattr(actor, "is_authenticated", False) else None,
                              form_key=form_key, form_content_key=form_content_key)
        batch.file.save(name, upload if isinstance(upload, File) else File(upload, name=name), save=False)
        batch.save()
        audit_record(actor=actor, action="employment.posting.import_request", obj=batch,
                     changes={"file": name, "skip_duplicates": skip_duplicates})
        _schedule(batch.pk)
    return batch


def request_from_form(model, import_request, *, form_token: object, actor, upload):
    """The web upload form's `import_request` (`model`: the batch it queues): a post without a well-formed one-time
    token is refused before anything is stored (`formtokens.required_key`, ADR 0035); the same upload posted again
    with its token (a double click, back then 上传) answers with the batch the first post queued, not a second one;
    the same token with another file is refused as an expired form (ADR 0036), as is another account's."""
    from jianfu.core import formtokens

    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {
        "file": formtokens.upload_digest(upload, limit=uploads.MAX_UPLOAD_BYTES), "name": getattr(upload, "name", "")})
    batch, _created = formtokens.once(
        model.objects, form_key, lambda: import_request(actor=actor, upload=upload, form_key=form_key,
                                                        form_content_key=content_key),
        content_key=content_key, own=lambda b: b.created_by_id == getattr(actor, "pk", None))
    return batch


def claim_batch(model, batch_id: int):
    """(the batch, this worker's identity) once the queued batch is claimed for this process (conditional UPDATE);
    (the batch, "") when it was already taken, finished or discarded: nothing to do. The postings' and the seekers'
    batches share the statuses and leases."""
    me = worker_identity()
    claimed = model.objects.filter(pk=batch_id, status=model.Status.QUEUED).update(
        status=model.Status.COMMITTING, worker=me, lease_until=timezone.now() + COMMIT_LEASE, error_message="")
    return model.objects.select_related("created_by").get(pk=batch_id), me if claimed else ""


class ClaimLost(Exception):  # noqa: N818 - a state, not an error the user sees
    """The batch was released (retried or discarded as stale) while this worker still ran: its writes are undone."""


# A claimed import renews its lease every RENEW_EVERY rows it reads or writes (codereview16 #5: a 200,000-row seeker
# import, ~57 min, outlived its 30-minute lease and was released as dead — at 2,000 rows a minute or more, a few
# seconds' work per renewal)
RENEW_EVERY = 1000


class LeaseKeeper:
    """Counts a claimed batch's rows and renews its lease every `RENEW_EVERY` (`registry.imports.lease_renew`: a
    conditional UPDATE on this worker's claim); raises ClaimLost as soon as the claim is no longer this worker's,
    so a released import stops at once (its transaction, if any, rolls back)."""

    def __init__(self, model, pk: int, worker: str):
        self.model, self.pk, self.worker, self.rows, self.renewals = model, pk, worker, 0, 0

    def tick(self, rows: int = 1) -> None:
        before, self.rows = self.rows, self.rows + rows
        if self.rows // RENEW_EVERY != before // RENEW_EVERY:
            self.renew()

    def renew(self) -> None:
        if not lease_renew(self.model, self.pk, worker=self.worker, status=self.model.Status.COMMITTING):
            raise ClaimLost
        self.renewals += 1


def run_claimed(model, batch_id: int, work, *, delete_upload) -> object:
    """The task body both web imports share (the postings' and the seekers'; codereview16 D3): claim the queued batch
    for this process, check that its uploader is still active and its upload still there, and run
    `work(batch, file, lease)` (`lease`: the batch's `LeaseKeeper`, which knows this worker as `lease.worker`). Any
    failure fails the batch with its Chinese reason — only while the claim is still this worker's — and an
    unexpected one is raised again for the task log; a claim lost meanwhile leaves the batch to whoever took it.
    `delete_upload(pk)` runs once all that is committed (it removes the file only from a finished batch)."""
    batch, me = claim_batch(model, batch_id)
    if not me:
        return batch
    try:
        if batch.created_by is None or not batch.created_by.is_active:
            raise ApplicationError(_("上传该文件的账号已停用，不能导入。"), code="actor_gone")
        if not batch.file or not batch.file.storage.exists(batch.file.name):
            raise ApplicationError(_("上传的文件已不存在，请重新上传。"), code="file_gone")
        with batch.file.open("rb") as fh:
            work(batch, fh, LeaseKeeper(model, batch.pk, me))
    except ClaimLost:
        pass   # released meanwhile: the rows were undone with the transaction; whoever released it decides
    except Exception as exc:
        message = exc.message if isinstance(exc, ApplicationError) else _("导入失败，没有写入任何数据，请重新上传。")
        model.objects.filter(pk=batch_id, status=model.Status.COMMITTING, worker=me).update(
            status=model.Status.FAILED, error_message=message[:300], worker="", lease_until=None,
            updated_at=timezone.now())
        if not isinstance(exc, ApplicationError):
            raise
    finally:
        transaction.on_commit(lambda: delete_upload(batch_id))
    batch.refresh_from_db()
    return batch


def import_run(*, batch_id: int) -> PostingImport:
    """The task body: claim the queued batch for this process and import it (all or nothing)."""

    def work(batch: PostingImport, fh, lease: LeaseKeeper) -> None:
        postings.posting_import(actor=batch.created_by, file=fh, filename=batch.original_name, batch=batch,
                                skip_duplicates=batch.skip_duplicates, lease=lease)

    return run_claimed(PostingImport, batch_id, work, delete_upload=_delete_upload)


def _delete_upload(batch_id: int) -> None:
    """The file goes once the batch can no longer be imported (committed, failed or discarded)."""
    batch = PostingImport.objects.filter(pk=batch_id, status__in=[S.COMMITTED, S.FAILED, S.DISCARDED, S.AWAITING,
                                                                  S.WITHDRAWN]).first()
    if batch is not None and batch.refused_for_duplicates_only:
        return  # kept for 跳过重复行 (`import_skip_duplicates`): the rest of the file is imported from it
    if batch is not None and batch.file:
        batch.file.delete(save=False)
        PostingImport.objects.filter(pk=batch_id).update(file="")


def release_batch(batch, *, actor, target: str, audit_action: str, schedule, delete_upload,
                  also_from: tuple[str, ...] = ()):
    """Move a stale or interrupted import batch (the postings' or the seekers': the same statuses and leases) on to
    `target` (queued again, discarded, or interrupted), only if nobody else moved it meanwhile (conditional UPDATE);
    `also_from` names further statuses `target` may be reached from. `schedule(pk)` queues its task again and
    `delete_upload(pk)` removes its file, each once the move is committed."""
    model = type(batch)
    batch.refresh_from_db()
    busy = (model.Status.QUEUED, model.Status.COMMITTING)
    if batch.status in busy and not batch_is_stale(batch):
        raise ConflictError(_("该批次正在导入，请稍候。"), code="busy")
    if batch.status not in (*busy, model.Status.INTERRUPTED, *also_from):
        raise ConflictError(_("该批次当前为“%(s)s”，不能这样操作。") % {"s": batch.get_status_display()},
                            code="invalid_transition")
    if target == model.Status.QUEUED and not batch.file:
        raise ConflictError(_("上传的文件已不存在，请重新上传。"), code="file_gone")
    old_status, old_worker = batch.status, batch.worker
    # updated_at: when the batch last moved (`seekerjobs.import_cleanup_files` counts its days from there)
    values: dict[str, object] = {"status": target, "worker": "", "lease_until": None, "updated_at": timezone.now()}
    if target == model.Status.QUEUED:
        values.update(lease_until=timezone.now() + QUEUE_LEASE, error_message="")
    elif target == model.Status.INTERRUPTED:
        values["error_message"] = str(STALE_MESSAGE[old_status]) if old_status in busy else batch.error_message
    with transaction.atomic():
        moved = model.objects.filter(pk=batch.pk, status=old_status, worker=old_worker).update(**values)
        if not moved:
            raise ConflictError(_("该批次的状态刚刚发生了变化，请刷新页面。"), code="changed")
        audit_record(actor=actor, action=audit_action, obj=batch,
                     changes={"from": old_status, "to": target, "worker": old_worker})
        if target == model.Status.DISCARDED:
            transaction.on_commit(lambda: delete_upload(batch.pk))
        elif target == model.Status.QUEUED:
            schedule(batch.pk)
    batch.refresh_from_db()
    return batch


def _release(*, actor, batch: PostingImport, target: str, action: str) -> PostingImport:
    # a failed batch may be discarded too (its file is kept for 跳过重复行 until then)
    return release_batch(batch, actor=actor, target=target, audit_action=f"employment.posting.import_{action}",
                         schedule=_schedule, delete_upload=_delete_upload,
                         also_from=(S.FAILED,) if target == S.DISCARDED else ())


def import_retry(*, actor, batch: PostingImport) -> PostingImport:
    """An interrupted batch is queued again (its task too, once that is committed)."""
    access.require_manage(actor, batch.org_code)
    return _release(actor=actor, batch=batch, target=S.QUEUED, action="retry")


def import_discard(*, actor, batch: PostingImport) -> PostingImport:
    access.require_manage(actor, batch.org_code)
    return _release(actor=actor, batch=batch, target=S.DISCARDED, action="discard")


def import_dismiss(*, actor, batch: PostingImport) -> None:
    """移除: the uploader takes a failed batch away (deleted, audited; fix-left16 #3)."""
    access.require_manage(actor, batch.org_code)
    failed_batch_dismiss(batch, actor=actor, audit_action="employment.posting.import_dismiss")


def import_purge_failed() -> int:
    """The daily job: batches failed more than 30 days ago are deleted (`registry.imports.FAILED_KEPT`)."""
    return failed_batches_purge(PostingImport, audit_action="employment.posting.import_purge")


def import_skip_duplicates(*, actor, batch: PostingImport) -> PostingImport:
    """跳过这些重复行，导入其余 N 条 (U10): a file refused only for duplicate rows is imported again from its stored
    upload with the duplicates skipped — the uploader's explicit choice, recorded on the batch and in the audit log.
    Only the uploader chooses, as only they confirm a held batch (确认发布; anyone managing the unit when no uploader is
    on record): the import then runs as them (diffreview13 D08). Any other batch, or one whose upload is gone, is
    refused and left as it was."""
    access.require_manage(actor, batch.org_code)
    if not postings.may_confirm(actor, batch):
        raise PermissionDeniedError(_("只有上传该文件的人可以选择跳过重复行导入；其他人可以改正文件后重新上传。"))
    if batch.nothing_new:
        raise ConflictError(str(NOTHING_NEW) % {"t": batch.total_rows}, code="nothing_to_import")
    if not batch.refused_for_duplicates_only:
        raise ConflictError(_("只有仅因重复行而未导入的批次可以跳过重复行导入。"), code="not_duplicates_only")
    if not batch.file or not batch.file.storage.exists(batch.file.name):
        raise ConflictError(_("上传的文件已不存在，请重新上传并选择跳过重复行。"), code="file_gone")
    with transaction.atomic():
        moved = PostingImport.objects.filter(pk=batch.pk, status=S.FAILED, skip_duplicates=False).update(
            status=S.QUEUED, skip_duplicates=True, lease_until=timezone.now() + QUEUE_LEASE, error_message="")
        if not moved:
            raise ConflictError(_("该批次已被他人处理，请刷新页面。"), code="stale_batch")
        audit_record(actor=actor, action="employment.posting.import_skip_duplicates", obj=batch,
                     changes={"duplicates": batch.duplicate_count, "rest": batch.rest_count,
                              "rows": [e["row"] for e in batch.errors]})
        _schedule(batch.pk)
    batch.refresh_from_db()
    return batch


# An upload refused for duplicate rows alone is kept for 跳过重复行 (`import_skip_duplicates`) this long, then deleted.
KEEP_REFUSED_UPLOAD = timedelta(days=7)


def import_recover_stale() -> int:
    """The periodic job: every stale batch becomes 已中断 (retried or discarded on its page); returns how many.
    Uploads kept for 跳过重复行 and not used within `KEEP_REFUSED_UPLOAD` are deleted (the batch and its errors stay)."""
    expired = PostingImport.objects.filter(status=S.FAILED, skip_duplicates=False,
                                           updated_at__lt=timezone.now() - KEEP_REFUSED_UPLOAD).exclude(file="")
    for batch in expired:
        # the row first, and only if it is still an unused refusal: a 跳过重复行 clicked meanwhile (queued, the file
        # still needed) moved it, and its file stays (diffreview13 D09)
        moved = PostingImport.objects.filter(pk=batch.pk, status=S.FAILED, skip_duplicates=False,
                                             file=batch.file.name).update(file="")
        if moved:
            batch.file.delete(save=False)
    released = 0
    for batch in PostingImport.objects.filter(status__in=BUSY):
        if is_stale(batch):
            try:
                _release(actor=None, batch=batch, target=S.INTERRUPTED, action="interrupted")
            except ConflictError:
                continue
            released += 1
    return released

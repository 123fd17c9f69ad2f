"""Ledger import (台账导入): upload → map columns → validate and stage → commit atomically.

Staging reads the file once (streaming), validates every row with the pure `ledger` core and writes
`ImportRow`s in chunks; the registry itself is untouched until commit. Commit runs in ONE transaction:
either every valid row lands (new persons, field-by-field merges, conflicts, duplicate reviews) or — on any
failure — nothing does. Mode ALL refuses a file that has any bad row; VALID_ONLY skips the bad rows, which
download as an xlsx (`import_rejected_xlsx`) with a 错误说明 column to fix and re-import.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import pathlib
import socket
from collections import defaultdict
from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.cache import cache
from django.core.files.base import File
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import crypto, formtokens, ratelimits
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from jianfu.core.officeprops import new_workbook
from jianfu.core.pii import mask_id_number, mask_phone
from jianfu.core.storedfiles import undone_on_error, written
from jianfu.core.text import xlsx_clean
from jianfu.core.xlsxguard import inert_cell
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.registry import bulk, sensitive
from jianfu.registry.ledger import dedup, reader, validate, vocab
from jianfu.registry.ledger.reader import LedgerFileError, col_letter
from jianfu.registry.models import (
    DuplicateReview,
    FieldChange,
    Household,
    ImportBatch,
    ImportMapping,
    ImportRow,
    MergeConflict,
    Person,
)
from jianfu.registry.services import (
    BOOL_FIELDS,
    PERSON_FIELDS,
    attribute_specs,
    record_changes,
    require_write,
)

CHUNK = 2000
MAX_UPLOAD_BYTES = 50 * 2**20
IMPORT_ROLES_UNIT_LEVELS = (3, 4, 5)  # county, town, village accounts import; grids edit by hand
Progress = Callable[[int, int | None], None]

# Claims on a batch (ADR 0019). A worker claiming a batch writes who it is and until when; staging
# renews the claim at every chunk (its chunks commit), a commit holds it for COMMIT_LEASE; the employment imports
# renew theirs as they go (`lease_renew`, which inside a transaction publishes on a connection of its own). A claim
# is stale when it names a process of this host that no longer runs (a killed worker is seen at once on one machine; a
# process is named with its machine's boot id and its start time, so a reused process id is not it), or, for a worker
# on another host (or where /proc is absent), when it has expired; a live process of this host is never stale.
STAGE_LEASE = dt.timedelta(minutes=5)
COMMIT_LEASE = dt.timedelta(minutes=30)
QUEUE_LEASE = dt.timedelta(minutes=30)
BUSY_STATUSES = ("validating", "queued", "committing")


PROC = pathlib.Path("/proc")   # Linux's process table; without it a claim of this host is judged by its lease


def _boot_id() -> str:
    """This boot of the machine (the kernel's random boot id, 16 hex digits of it), or "" without /proc."""
    try:
        return (PROC / "sys/kernel/random/boot_id").read_text().strip().replace("-", "")[:16]
    except OSError:
        return ""


def _start_time(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot: /proc/<pid>/stat field 22); None when no such process."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except FileNotFoundError:
        return None
    # the command name (field 2) is in parentheses and may hold spaces or parentheses: count from the last ")"
    return stat.rpartition(")")[2].split()[19]


def worker_identity() -> str:
    """host:pid:boot:start — the process, the boot of its machine and when the process started, so a process id
    reused after a reboot or by another process is not taken for the worker (codereview16b #3); host:pid when
    /proc is absent (then only the lease tells whether the worker lives)."""
    host, pid, boot = socket.gethostname(), os.getpid(), _boot_id()
    start = _start_time(pid) if boot else None
    return f"{host}:{pid}:{boot}:{start}" if boot and start else f"{host}:{pid}"


def _pid_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _process_alive_here(worker: str) -> bool | None:
    """Whether the worker's process runs: False when the claim names a process of this host that no longer runs, or
    one of another boot, or one whose process id another process now has (another start time); True when that very
    process runs. None — only the lease tells — for another host's worker, and for a live process id named without
    its boot and start time (a claim made where /proc is absent, or before claims carried them) or with no /proc
    here to compare them: a live process id alone proves nothing, it may have been reused."""
    parts = worker.rsplit(":", 3) if worker.count(":") >= 3 else worker.rsplit(":", 1)
    if len(parts) not in (2, 4) or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return None
    pid = int(parts[1])
    if not _pid_runs(pid):
        return False
    if len(parts) == 2:
        return None
    here = _boot_id()
    if not here:
        return None
    if here != parts[2]:
        return False          # the machine rebooted since: that process is gone, whatever now has its id
    try:
        return _start_time(pid) == parts[3]     # another start time: the id was reused by another process
    except (OSError, IndexError):
        return None


def batch_is_stale(batch: ImportBatch, *, now: dt.datetime | None = None) -> bool:
    """True when a busy batch's worker is gone: its process on this host died, or — a worker elsewhere, or none yet
    (queued) — its claim expired. A live process of this host is never stale, however long its import takes (a
    200,000-row seeker import outlived its 30-minute lease and was rolled back as dead: codereview16 #5); a worker
    on another host shows it lives only by renewing its lease (`lease_renew`)."""
    if batch.status not in BUSY_STATUSES:
        return awaits_worker(batch) and (batch.lease_until or batch.updated_at + QUEUE_LEASE) < (now or timezone.now())
    alive = _process_alive_here(batch.worker) if batch.worker else None
    if alive is not None:
        return not alive
    now = now or timezone.now()
    return batch.lease_until is None or batch.lease_until < now


def awaits_worker(batch: ImportBatch) -> bool:
    """已上传 with its mapping saved and no reason shown: its validation is queued and no worker has claimed it yet. It
    holds a queue lease (QUEUE_LEASE from the mapping's save or 重新校验), as a commit request does: a task lost before
    its claim — the queue down when it was queued, a worker SIGKILLed after it took the task off the queue — makes the
    batch stale once the lease passes, instead of a progress bar polling for ever (badinput32 #1). A batch with no
    lease (saved before this) counts from its last save."""
    return batch.status == ImportBatch.Status.UPLOADED and batch.mapping_id is not None and not batch.error_message


def lease_renew(model, pk: int, *, worker: str, status: str, lease: dt.timedelta = COMMIT_LEASE) -> bool:
    """Extend a claimed batch's lease to now + `lease`, only while the claim is still `worker`'s in `status`
    (a conditional UPDATE); False when the claim was lost (released as stale, retried or discarded meanwhile).

    Inside the import's write transaction an update of the batch row would be seen by nobody until the commit, so
    on PostgreSQL the lease is renewed on a connection of its own, which commits at once (and skips a row it would
    have to wait for). On SQLite (one machine:
    the embedded default) a second connection would wait for this transaction's write lock: there the worker is
    known alive by its process id (`batch_is_stale`) and only the claim is checked."""
    until = timezone.now() + lease
    claim = {"pk": pk, "status": status, "worker": worker}
    if not connection.in_atomic_block:
        return bool(model.objects.filter(**claim).update(lease_until=until))
    if connection.vendor == "postgresql":
        side = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            table, qn = side.ops.quote_name(model._meta.db_table), side.ops.quote_name
            with side.cursor() as cursor:
                # SKIP LOCKED: never wait for a lock on the batch row (held by this very transaction if it wrote the
                # row, which would wait for this heartbeat: a deadlock no server sees)
                cursor.execute(f"UPDATE {table} SET {qn('lease_until')} = %s WHERE {qn('id')} = "
                               f"(SELECT {qn('id')} FROM {table} WHERE {qn('id')} = %s AND {qn('status')} = %s "
                               f"AND {qn('worker')} = %s FOR UPDATE SKIP LOCKED)",
                               [side.ops.adapt_datetimefield_value(until), pk, status, worker])
        except DatabaseError:
            pass    # a heartbeat missed: the claim below still decides, and the final write is conditional too
        finally:
            side.close()
    # whether the claim is still ours, as this transaction sees it (PostgreSQL's READ COMMITTED: as last committed)
    return model.objects.filter(**claim).exists()


def status_label(batch: ImportBatch) -> str:
    """The status to show: 已中断 for a stale batch, whose row still says 校验中 / 排队入库 / 入库中 until it is
    recovered; the page showed "状态：入库中" beside "后台任务已停止，批次被中断" (badinput16 #9a; employment: B12)."""
    return str(_("已中断") if batch_is_stale(batch) else batch.get_status_display())


# ---------------------------------------------------------------- who may import where

def import_unit_for(actor) -> str:
    """The unit an account imports into (its own); refuses accounts that may not import."""
    scope = scope_for(actor)
    if not scope.can(Capability.REGISTRY_WRITE) or scope.is_department:
        raise NotFoundError(_("您无权导入台账。"))
    code = scope.unit_code
    if not scope.is_all and (not code or len(code) != 12):
        raise NotFoundError(_("网格员请在人员页面逐条维护；台账导入由村（社区）及以上单位进行。"))
    return code


def _scope_prefix(org_code: str) -> str:
    return codes.significant_prefix(org_code)


# ---------------------------------------------------------------- mappings

def import_mapping_save(*, actor, org_code: str, name: str, columns: dict[str, str], sheet_name: str = "",
                        header_row: int = 0, constants: dict[str, str] | None = None, own_pk: int | None = None,
                        overwrite: bool = True) -> ImportMapping:
    """Save the column mapping of a source form, and the values it sets on every row (`constants`,
    {field: value as a cell would say it}), each checked here as a cell of its field would be.

    With `overwrite=False` (the mapping page, whose 来源表名称 is prefilled with the file's name), a saved mapping of
    the same name that is not the batch's own (`own_pk`) and maps other columns is not replaced silently: refused
    (code "mapping_name_taken"), nothing written, until the user renames it or confirms (fixcr33b L6: a second
    "花名册.xlsx" overwrote the first one's mapping)."""
    scope = scope_for(actor)
    scope.require_write(org_code, Capability.REGISTRY_WRITE)
    name = (name or "").strip()
    if not name:
        raise ApplicationError(_("请填写来源表名称。"), field="name")
    columns = {h: k for h, k in columns.items() if k}
    if "name" not in columns.values():
        raise ApplicationError(_("请至少把一列对应为“姓名”。"), field="columns")
    constants = {k: str(v).strip() for k, v in (constants or {}).items() if k and str(v).strip()}
    attrs = attribute_specs(org_code)
    for key, value in constants.items():
        label = field_label_of(key, attrs)
        if key in columns.values():
            raise ApplicationError(_("“%(f)s”已由文件中的一列提供，不能再为每行设定。") % {"f": label}, field="constants")
        plan = validate.resolve_mapping(["姓名", "＿"], {"姓名": "name", "＿": key}, attributes=attrs)
        probe = validate.RowValidator(plan, default_org_code=org_code if len(org_code) == 12 else "",
                                      attributes=attrs).validate(0, ["某", value])
        bad = [e for e in probe.errors if e.column == "＿"]
        if bad:
            raise ApplicationError(_("为每行设定的“%(f)s”值“%(v)s”无效：%(r)s") % {"f": label, "v": value,
                                                                         "r": bad[0].message}, field="constants")
    with transaction.atomic():
        same = ImportMapping.objects.select_for_update().filter(org_code=org_code, name=name).first()
        if (not overwrite and same is not None and same.pk != own_pk
                and (same.columns, same.constants) != (columns, constants)):
            raise ApplicationError(_("已有名为“%(n)s”的来源表，其列对应与本次不同：请换一个名称，或勾选“覆盖同名来源表”后再保存。")
                                   % {"n": name}, code="mapping_name_taken", field="name")
        mapping, created = ImportMapping.objects.update_or_create(
            org_code=org_code, name=name,
            defaults={"columns": columns, "sheet_name": sheet_name, "header_row": header_row or 1,
                      "constants": constants,
                      "created_by": actor if getattr(actor, "is_authenticated", False) else None})
        audit_record(actor=actor, action="registry.mapping.save", obj=mapping,
                     changes={"columns": columns, "constants": constants, "created": created})
    return mapping


def mappings_for(org_code: str):
    """Mappings usable by a unit: its own and those saved by its town and county (shared source forms)."""
    owners = {org_code, org_code[:9].ljust(12, "0"), org_code[:6].ljust(12, "0")}
    return ImportMapping.objects.filter(org_code__in=owners).order_by("name")


def mapping_by_name(org_code: str, name: str) -> ImportMapping:
    found = sorted(mappings_for(org_code).filter(name=name), key=lambda m: -len(_scope_prefix(m.org_code)))
    if not found:
        raise ApplicationError(_("找不到名为“%(name)s”的列对应。") % {"name": name}, code="unknown_mapping")
    return found[0]


# ---------------------------------------------------------------- batches

def checked_upload_name(uploaded, *, default: str, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The upload's own file name, once its kind and size are acceptable for an import (every import of
    the platform — registry ledgers, employment postings and seekers — takes the same files; `max_bytes` is the
    import's own cap). An empty file is refused here in the words the other upload forms use (badinput16 #8: the
    API's empty upload was refused later as "not a valid xlsx")."""
    name = (getattr(uploaded, "name", "") or default).rsplit("/", 1)[-1]
    if not name.lower().endswith((".xlsx", ".xlsm", ".csv", ".txt")):
        raise ApplicationError(_("只支持 .xlsx 和 .csv 文件。"), field="file")
    size = getattr(uploaded, "size", None)
    if size == 0:
        raise ApplicationError(_("文件为空（0 字节），请检查后重新上传。"), code="empty", field="file")
    if size is not None and size > max_bytes:
        raise ApplicationError(_("文件超过%(mb)dMB的上限，请拆分后分批导入。") % {"mb": max_bytes // 2**20},
                               code="too_large", field="file")
    return name


def import_batch_create_from_form(*, form_token: object, actor, uploaded, org_code: str,
                                  mapping: ImportMapping | None = None) -> tuple[ImportBatch, bool]:
    """The 台账导入 upload form: (batch, True) when uploaded now, (the batch that form uploaded, False) when the same
    form — its one-time token — was posted again with the same file (a double tap, a retry after a timeout, back then
    上传): one batch, not two of the same sheet (fix-token29). No well-formed token: refused before anything is stored
    (ADR 0035); the same token with another file, unit or mapping, or from another account: an expired form
    (ADR 0036), as the employment imports' upload (`importjobs.request_from_form`)."""
    form_key = formtokens.required_key(form_token)
    content_key = formtokens.content_key(form_token, {
        "file": formtokens.upload_digest(uploaded, limit=MAX_UPLOAD_BYTES), "name": getattr(uploaded, "name", ""),
        "org_code": org_code, "mapping": getattr(mapping, "pk", None)})
    return formtokens.once(
        ImportBatch.objects, form_key, lambda: import_batch_create(actor=actor, uploaded=uploaded, org_code=org_code,
                                                                   mapping=mapping, form_key=form_key,
                                                                   form_content_key=content_key),
        content_key=content_key, own=lambda b: b.created_by_id == getattr(actor, "pk", None))


def import_batch_create(*, actor, uploaded, org_code: str | None = None, mapping: ImportMapping | None = None,
                        form_key: str | None = None, form_content_key: str | None = None) -> ImportBatch:
    org_code = org_code or import_unit_for(actor)
    if not (org_code.isdigit() and len(org_code) == 12):
        raise ApplicationError(_("请填写导入到的单位代码（12位，村、乡镇或县）。"), field="org_code")
    scope_for(actor).require_write(org_code, Capability.REGISTRY_WRITE)
    name = checked_upload_name(uploaded, default="ledger.xlsx")
    require_readable(uploaded, name)
    # the stored ledger (clear ID numbers) is deleted if this does not commit: the losing one of two identical posts
    # at once, refused by the unique form key only at `batch.save()`, left its copy behind (fix-cr29 #4)
    with undone_on_error(), transaction.atomic():
        batch = ImportBatch(org_code=org_code, mapping=mapping, original_name=name,
                            created_by=actor if getattr(actor, "is_authenticated", False) else None,
                            form_key=form_key or None, form_content_key=form_content_key or None)
        batch.file.save(name, uploaded if isinstance(uploaded, File) else File(uploaded, name=name), save=False)
        written(batch.file.storage, batch.file.name)
        batch.save()
        audit_record(actor=actor, action="registry.import.upload", obj=batch, changes={"file": name})
    return batch


# what an upload's check reads of an xlsx sheet with `head_only`: the header's rows and a bounded head after them
HEAD_ROWS = 100


def require_readable(uploaded, name: str, *, header_row: int = 0, head_only: bool = False) -> None:
    """Refuse, in the upload form, a file the reader cannot open (a text file named .xlsx, a damaged one, a zip
    bomb: `xlsxguard`): no batch and no stored file are left behind (badinput15 #23). Only the header is read
    (`header_row` as the import's worker reads it); the rows are read by the worker. The employment imports call
    it too (badinput16 #8), with `head_only`: of an xlsx sheet only the header's rows and HEAD_ROWS more are loaded
    (`reader.open_ledger`'s `head_rows`; a 20 MB sheet loaded whole took 2.8 s CPU and 490 MB in the request)."""
    head_rows = max(header_row, reader.HEADER_SCAN_ROWS) + HEAD_ROWS if head_only else 0
    try:
        uploaded.seek(0)
        reader.open_ledger(uploaded, filename=name, header_row=header_row, head_rows=head_rows).close()
    except LedgerFileError as exc:
        raise ApplicationError(exc.reason, code="unreadable_file", field="file") from None
    finally:
        uploaded.seek(0)


def import_batch_refuse(*, actor, batch: ImportBatch, reason: str) -> None:
    """A just-uploaded batch whose file cannot be read, given up by its writer (a POST from the mapping page): failed
    with the reason, audited, its stored file removed once committed (the batch stays, shown as 失败, so the list
    says what happened to the upload). A batch no longer 已上传 is left as it is. Reading the page changes nothing
    (codereview16 #9: a GET failed the batch and deleted its file, unaudited); an upload nobody gives up goes with
    the daily cleanup (`import_cleanup_abandoned`)."""
    scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    with transaction.atomic():
        moved = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.UPLOADED).update(
            status=ImportBatch.Status.FAILED, error_message=reason[:500], updated_at=timezone.now())
        if moved:
            audit_record(actor=actor, action="registry.import.refuse", obj=batch, changes={"reason": reason[:500]})
            transaction.on_commit(lambda: _delete_upload(batch.pk))
    batch.refresh_from_db()


# An upload left 已上传 or 失败 this long (never mapped, or never fixed) is abandoned: the daily cleanup removes its
# stored file — it holds clear ID and phone numbers — and marks it failed (badinput15 #23).
ABANDONED_AFTER = dt.timedelta(days=7)


def import_cleanup_abandoned(*, now: dt.datetime | None = None) -> int:
    """The daily job: every batch left uploaded or failed for `ABANDONED_AFTER` loses its file and is failed with
    the reason; returns how many files were removed."""
    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    removed = 0
    stale = ImportBatch.objects.filter(status__in=[ImportBatch.Status.UPLOADED, ImportBatch.Status.FAILED],
                                       updated_at__lt=cutoff).exclude(file="")
    for batch in stale:
        # an upload failed now is stamped (the 30-day purge counts from its failure); one failed before keeps its date
        failed_now = {"updated_at": timezone.now()} if batch.status == ImportBatch.Status.UPLOADED else {}
        moved = ImportBatch.objects.filter(pk=batch.pk, status=batch.status, updated_at__lt=cutoff).update(
            status=ImportBatch.Status.FAILED, **failed_now,
            error_message=batch.error_message or _("上传后%(d)d天没有完成导入，文件已删除；如需导入，请重新上传。")
            % {"d": ABANDONED_AFTER.days})
        if moved:
            _delete_upload(batch.pk)
            removed += 1
    return removed


def mapping_problem(batch: ImportBatch) -> str:
    """Why the batch's saved mapping does not fit its file ("" when it does): the Chinese reason."""
    try:
        headers = batch_headers(batch)[0]
        validate.resolve_mapping(headers, batch.mapping.columns, attributes=attribute_specs(batch.org_code))
    except LedgerFileError as exc:
        return _("已保存的列对应不适用于这个文件：%(r)s。请核对列对应。") % {"r": exc.reason.rstrip("。")}
    return ""


def _upload_exists(batch: ImportBatch) -> bool:
    return bool(batch.file) and batch.file.storage.exists(batch.file.name)


MAPPING_EDITABLE = (ImportBatch.Status.UPLOADED, ImportBatch.Status.FAILED, ImportBatch.Status.STAGED)


def batch_headers(batch: ImportBatch) -> tuple[list[str], list[str], int]:
    """(headers, sheet names, header row) of a batch's file — for the mapping page. The upload is deleted
    once the batch is committed or discarded: that is a clear LedgerFileError, not a missing file."""
    if not _upload_exists(batch):
        raise LedgerFileError(_("该批次的上传文件已不存在（入库或放弃后会删除），不能再修改列对应；如需重新导入，请重新上传文件。"))
    with batch.file.open("rb") as fh:
        ledger = reader.open_ledger(fh, filename=batch.original_name,
                                    sheet=batch.mapping.sheet_name if batch.mapping else "",
                                    header_row=0)
        try:
            return ledger.headers, ledger.sheet_names, ledger.header_row
        finally:
            ledger.close()


def import_batch_set_mapping(*, actor, batch: ImportBatch, mapping: ImportMapping) -> None:
    scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    if batch.status not in MAPPING_EDITABLE:
        raise ConflictError(_("该批次已在处理中或已入库。"))
    ImportBatch.objects.filter(pk=batch.pk).update(mapping=mapping, status=ImportBatch.Status.UPLOADED,
                                                   error_message="", worker="",
                                                   lease_until=timezone.now() + QUEUE_LEASE)  # awaits_worker
    batch.refresh_from_db()


def _fail(batch: ImportBatch, message: str) -> None:
    ImportRow.objects.filter(batch=batch).delete()
    # updated_at: when the batch failed, which the 30-day purge counts from (`import_purge_failed`)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.FAILED, error_message=message,
                                                   valid_rows=0, error_rows=0, processed_rows=0, worker="",
                                                   lease_until=None, updated_at=timezone.now())
    batch.refresh_from_db()


def _cell_json(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    return str(value)


class _Matcher:
    """Decides, for each valid staged row, new / merge / review / (error: registered elsewhere)."""

    def __init__(self):
        self.villages: dict[str, dedup.VillageIndex] = {}

    def village(self, code: str) -> dedup.VillageIndex:
        if code not in self.villages:
            self.villages[code] = dedup.VillageIndex(
                dedup.Known(pk, name, birth) for pk, name, birth in
                Person.objects.filter(org_code=code).values_list("pk", "name", "birth_date").iterator(5000))
        return self.villages[code]

    def existing(self, indexes: list[str]) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for i in range(0, len(indexes), 900):
            for pk, index, org in Person.objects.filter(id_number_index__in=indexes[i:i + 900]).values_list(
                    "pk", "id_number_index", "org_code"):
                found[index] = (pk, org)
        return found


def import_batch_stage(*, batch_id: int, progress: Progress | None = None) -> ImportBatch:
    """Validate every row of the batch's file into ImportRows (the task body). File-level problems end
    in status FAILED with a Chinese message and no staged rows."""
    batch = ImportBatch.objects.select_related("mapping").get(pk=batch_id)
    if batch.mapping is None:
        _fail(batch, _("还没有设置列对应。"))
        return batch
    claimed = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[ImportBatch.Status.UPLOADED, ImportBatch.Status.FAILED]).update(
        status=ImportBatch.Status.VALIDATING, processed_rows=0, error_message="", worker=worker_identity(),
        lease_until=timezone.now() + STAGE_LEASE)
    if not claimed:
        return batch
    ImportRow.objects.filter(batch=batch).delete()
    if not _upload_exists(batch):
        _fail(batch, _("该批次的上传文件已不存在，请重新上传文件。"))
        return batch
    try:
        with batch.file.open("rb") as fh:
            _stage(batch, fh, progress)
    except LedgerFileError as exc:
        _fail(batch, exc.reason)
    except ApplicationError as exc:
        _fail(batch, exc.message)
    except Exception:
        _fail(batch, _("读取文件时出错，请检查文件后重新上传。"))
        raise
    batch.refresh_from_db()
    return batch


def _stage(batch: ImportBatch, fh, progress: Progress | None) -> None:
    mapping = batch.mapping
    attrs = attribute_specs(batch.org_code)
    ledger = reader.open_ledger(fh, filename=batch.original_name, sheet=mapping.sheet_name,
                                header_row=0)
    try:
        # values set for every row are extra columns of the file as far as validation is concerned
        constants = _constant_columns(mapping, attrs)
        headers = list(ledger.headers) + [h for h, _k, _v in constants]
        plans = validate.resolve_mapping(headers, {**mapping.columns, **{h: k for h, k, _v in constants}},
                                         attributes=attrs)
        constant_cells = [v for _h, _k, v in constants]
        prefix = _scope_prefix(batch.org_code) if len(batch.org_code) == 12 else ""
        village_level = len(prefix) == 12
        units = OrgUnit.objects.filter(codes.subtree_q(prefix, "code")) if prefix else OrgUnit.objects.all()
        allowed = set(units.filter(kind=UnitKind.VILLAGE, is_active=True).values_list("code", flat=True))
        grids = set(units.filter(kind=UnitKind.GRID).values_list("code", flat=True))
        validator = validate.RowValidator(plans, default_org_code=batch.org_code if village_level else "",
                                          scope_prefix=prefix, allowed_org_codes=allowed, known_grids=grids,
                                          attributes=attrs)
        duplicates = validate.InFileDuplicates(validator)
        formula_cells = _formula_cells(ledger, plans)
        matcher = _Matcher()
        total_hint = ledger.total_rows_hint
        ImportBatch.objects.filter(pk=batch.pk).update(total_rows=total_hint or 0)
        counts = {"valid": 0, "error": 0, "new": 0, "merge": 0, "review": 0}
        pending: list[tuple[validate.RowResult, dict]] = []
        processed = 0
        for number, cells in ledger.rows():
            if constant_cells:
                cells = (list(cells) + [None] * len(ledger.headers))[: len(ledger.headers)] + constant_cells
            result = validator.validate(number, cells)
            for col in formula_cells.get(number, ()):
                result.errors.append(validate.RowError(
                    number, plans_by_index(plans)[col],
                    f"单元格{col_letter(col)}{number}是公式且没有计算结果，请在 Excel 中打开并保存后再导入，或改为数值"))
            duplicates.check(result)
            pending.append((result, {}))
            processed += 1
            if len(pending) >= CHUNK:
                _flush(batch, pending, matcher, counts, validator.header_of("id_number"))
                pending = []
                ImportBatch.objects.filter(pk=batch.pk).update(  # progress, and the claim's heartbeat
                    processed_rows=processed, lease_until=timezone.now() + STAGE_LEASE)
                if progress:
                    progress(processed, total_hint)
        _flush(batch, pending, matcher, counts, validator.header_of("id_number"))
        if processed == 0:
            raise LedgerFileError(_("文件中只有表头，没有数据行。"))
        by_status = dict(ImportRow.objects.filter(batch=batch).values_list("status").annotate(n=Count("id")))
        by_match = dict(ImportRow.objects.filter(batch=batch, status=ImportRow.Status.VALID)
                        .values_list("match").annotate(n=Count("id")))
        summary = {"new": by_match.get("new", 0), "merge": by_match.get("merge", 0),
                   "review": by_match.get("review", 0),
                   "unmapped_headers": [h for h in ledger.headers if h and h not in mapping.columns],
                   "header_row": ledger.header_row, "sheet": ledger.sheet_name,
                   # kept so the rejected-rows file can be built after the upload itself is deleted
                   "headers": list(ledger.headers)}
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.STAGED, total_rows=processed, processed_rows=processed,
            valid_rows=by_status.get("valid", 0), error_rows=by_status.get("error", 0),
            summary=summary, worker="", lease_until=None)
        if progress:
            progress(processed, processed)
    finally:
        ledger.close()


CONSTANT_HEADER = "（每行）{label}"


def field_label_of(key: str, attributes=()) -> str:
    if key.startswith(validate.EXTRA_PREFIX):
        extra = key[len(validate.EXTRA_PREFIX):]
        return next((a.label for a in attributes if a.key == extra), extra)
    spec = vocab.FIELDS_BY_KEY.get(key)
    return spec.label if spec else key


def _constant_columns(mapping: ImportMapping, attributes) -> list[tuple[str, str, str]]:
    """(pseudo header, field, value) for each value the mapping sets on every row."""
    return [(CONSTANT_HEADER.format(label=field_label_of(key, attributes)), key, value)
            for key, value in (mapping.constants or {}).items() if key and value not in (None, "")]


def plans_by_index(plans) -> dict[int, str]:
    return {p.index: p.header for p in plans}


def _formula_cells(ledger, plans) -> dict[int, list[int]]:
    """Row number → mapped column indexes holding a formula without a cached result."""
    mapped = {p.index for p in plans}
    found: dict[int, list[int]] = defaultdict(list)
    for ref in ledger.info.formulas_without_value:
        letters = "".join(c for c in ref if c.isalpha())
        row = int(ref[len(letters):])
        index = 0
        for c in letters:
            index = index * 26 + (ord(c) - 64)
        if index - 1 in mapped:
            found[row].append(index - 1)
    return found


def _flush(batch: ImportBatch, pending, matcher: _Matcher, counts: dict, id_header: str) -> None:
    if not pending:
        return
    rows: list[dict] = []
    indexes = []
    sealed = []
    for result, _extra in pending:
        sealed.append(sensitive.seal_id(result.values.get("id_number", "")))
        if sealed[-1][1] and result.ok:
            indexes.append(sealed[-1][1])
    existing = matcher.existing(indexes) if indexes else {}
    clashes: list[dict] = []
    for (result, _extra), (id_cipher, id_index, id_masked) in zip(pending, sealed, strict=True):
        values = dict(result.values)
        values.pop("id_number", "")
        phone = values.pop("phone", "")
        phone_cipher, phone_index, phone_masked = sensitive.seal_phone(phone)
        raw = json.dumps([_cell_json(c) for c in result.cells], ensure_ascii=False)
        data = validate.values_to_json(values)
        if id_masked:
            data["_id_masked"] = id_masked
        if phone_masked:
            data["_phone_masked"], data["_phone_index"] = phone_masked, phone_index
        row = {"batch_id": batch.pk, "row_number": result.row, "data": data, "id_number_cipher": id_cipher,
               "id_number_index": id_index or "", "phone_cipher": phone_cipher, "errors": [], "match": "",
               "person_id": None, "raw_cipher": crypto.encrypt(raw, purpose=sensitive.RAW_PURPOSE)}
        if result.ok and id_index and id_index in existing:
            pk, org = existing[id_index]
            if org != values.get("org_code"):
                # security35 #4: the village is not told that the person is registered elsewhere (nor where); the
                # clash is audited under the importing village, for the township and county to resolve (ADR 0048)
                result.errors.append(validate.RowError(result.row, id_header, "该身份证号无法在本村登记，请联系乡镇核实"))
                clashes.append({"row": result.row, "id_masked": id_masked, "registered_in": org,
                                "org_code": values.get("org_code") or batch.org_code})
            else:
                row["match"], row["person_id"] = ImportRow.Match.MERGE.value, pk
        elif result.ok and not id_index:
            cands = matcher.village(values["org_code"]).candidates(values.get("name", ""), values.get("birth_date"))
            if cands:
                row["match"] = ImportRow.Match.REVIEW.value
                data["_candidates"] = [c.as_dict() for c in cands]
            else:
                row["match"] = ImportRow.Match.NEW.value
        elif result.ok:
            row["match"] = ImportRow.Match.NEW.value
        if result.ok:
            row["status"] = ImportRow.Status.VALID.value
            counts["valid"] += 1
        else:
            row["status"], row["match"], row["person_id"] = ImportRow.Status.ERROR.value, "", None
            row["errors"] = [e.as_dict() for e in result.errors]
            counts["error"] += 1
        rows.append(row)
    with transaction.atomic():
        bulk.insert(ImportRow, rows)
        for clash in clashes:
            audit_record(actor=batch.created_by, action="registry.id_number.clash", object_type="registry.importbatch",
                         object_id=batch.pk, object_repr=clash["id_masked"], org_code=clash.pop("org_code"),
                         changes={"source": "import", **clash})


# ---------------------------------------------------------------- commit

def person_row(data: dict, *, id_cipher: str = "", id_index: str | None = None, phone_cipher: str = "") -> dict:
    """A new person as a dict of attnames (for bulk.insert) from a staged row's data."""
    values = validate.values_from_json({k: v for k, v in data.items() if not k.startswith("_")})
    row = {field: values[field] for field in PERSON_FIELDS if values.get(field) is not None}
    row["org_code"] = values["org_code"]
    row["extra"] = values.get("extra") or {}
    if not row.get("grid_code"):
        row["grid_code"] = None
    if id_cipher:
        row["id_number_cipher"], row["id_number_index"] = id_cipher, id_index or None
        # a row staged before session 28 holds the older mask (its last four): masked again (idempotent)
        row["id_number_masked"] = mask_id_number(data.get("_id_masked") or sensitive.open_id(id_cipher))
    if phone_cipher:
        if data.get("_phone_index"):
            row["phone_index"], row["phone_masked"] = data["_phone_index"], data.get("_phone_masked", "")
        else:
            phone = sensitive.open_phone(phone_cipher)
            row["phone_index"], row["phone_masked"] = sensitive.phone_index(phone), mask_phone(phone)
        row["phone_cipher"] = phone_cipher
    return row


def person_from_data(data: dict, *, id_cipher: str = "", id_index: str | None = None, phone_cipher: str = ""
                     ) -> Person:
    return Person(**person_row(data, id_cipher=id_cipher, id_index=id_index, phone_cipher=phone_cipher))


def _store(field: str, value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def apply_row_to_person(*, actor, person: Person, data: dict, phone_cipher: str = "", batch=None,
                        source: str = FieldChange.Source.IMPORT) -> tuple[dict, list[MergeConflict]]:
    """Merge imported values into an existing person, field by field: empty registry values are filled,
    equal values skipped, different values become MergeConflicts for a person to decide. A flag set by the
    ledger (是) is added; a flag the ledger clears (否) is a conflict."""
    values = validate.values_from_json({k: v for k, v in data.items() if not k.startswith("_")})
    changes: dict[str, tuple] = {}
    conflicts: list[MergeConflict] = []

    def conflict(field, current, incoming):
        conflicts.append(MergeConflict(org_code=person.org_code, batch=batch, person=person, field=field,
                                       current_value=current, incoming_value=incoming))

    for field in PERSON_FIELDS:
        if field not in values or field == "grid_code" and not values[field]:
            continue
        current, incoming = getattr(person, field), values[field]
        if incoming is None or current == incoming:
            continue
        if field in BOOL_FIELDS:
            if incoming and not current:
                changes[field] = (current, incoming)
            else:
                conflict(field, "是" if current else "否", _store(field, incoming))
        elif current in (None, ""):
            changes[field] = (current, incoming)
        else:
            conflict(field, _store(field, current), _store(field, incoming))
    for key, incoming in (values.get("extra") or {}).items():
        current = person.extra.get(key)
        if current == incoming:
            continue
        if current in (None, ""):
            changes[f"extra.{key}"] = (current, incoming)
        else:
            conflict(f"extra.{key}", _store(key, current), _store(key, incoming))
    if phone_cipher:
        incoming = sensitive.open_phone(phone_cipher)
        current = sensitive.open_phone(person.phone_cipher) if person.phone_cipher else ""
        if not current:
            changes["phone"] = ("", incoming)
        elif current != incoming:
            conflict("phone", person.phone_masked, phone_cipher)
    for field, (_old, new) in changes.items():
        if field.startswith("extra."):
            person.extra = {**person.extra, field[6:]: new}
        elif field == "phone":
            person.phone_cipher, person.phone_index, person.phone_masked = (
                phone_cipher, sensitive.phone_index(new), mask_phone(new))
        else:
            setattr(person, field, new)
    if changes:
        person.save()
        record_changes(actor=actor, obj=person, model="person", changes=changes, source=source, batch=batch)
    if conflicts:
        MergeConflict.objects.bulk_create(conflicts)
    return changes, conflicts


def _check_committable(actor, batch: ImportBatch, mode: str, statuses) -> None:
    if actor is not None:
        scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    if mode not in ImportBatch.CommitMode.values:
        raise ApplicationError(_("请选择入库方式。"), field="mode")
    batch.refresh_from_db()
    if batch.status not in statuses:
        raise ConflictError(_("该批次当前状态为“%(s)s”，不能入库。") % {"s": batch.get_status_display()})
    if mode == ImportBatch.CommitMode.ALL and batch.error_rows:
        raise ApplicationError(
            _("有%(n)d行错误：整表入库要求全部正确。请修正后重新导入，或选择“仅入库正确的行”。") % {"n": batch.error_rows},
            code="has_errors")
    if not batch.valid_rows:
        raise ApplicationError(_("没有可入库的正确行。"), code="nothing_valid")


def import_batch_commit_request(*, actor, batch: ImportBatch, mode: str) -> ImportBatch:
    """Mark the commit as requested (web): the batch shows 排队入库 at once, so its page polls until the
    worker has finished. The caller then queues `tasks.import_commit_task`, whose `import_batch_commit`
    takes it from there (a request never picked up goes stale after QUEUE_LEASE)."""
    _check_committable(actor, batch, mode, (ImportBatch.Status.STAGED,))
    with transaction.atomic():
        queued = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.STAGED).update(
            status=ImportBatch.Status.QUEUED, commit_mode=mode, error_message="", worker="",
            lease_until=timezone.now() + QUEUE_LEASE)
        if not queued:
            raise ConflictError(_("该批次正在入库或已入库。"))
        audit_record(actor=actor, action="registry.import.commit_request", obj=batch, changes={"mode": mode})
    batch.refresh_from_db()
    return batch


def import_batch_commit(*, actor, batch: ImportBatch, mode: str, progress: Progress | None = None) -> dict:
    """Commit the staged rows in one transaction (the task body; also callable directly). Returns the
    summary stored on the batch. The batch is claimed for this process; the final status is written
    only while the claim is still this process's, so a commit whose stale claim was taken over (retried
    or discarded meanwhile) rolls back instead of committing twice."""
    _check_committable(actor, batch, mode, (ImportBatch.Status.STAGED, ImportBatch.Status.QUEUED))
    me = worker_identity()
    claimed = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[ImportBatch.Status.STAGED, ImportBatch.Status.QUEUED]).update(
        status=ImportBatch.Status.COMMITTING, commit_mode=mode, processed_rows=0, worker=me,
        lease_until=timezone.now() + COMMIT_LEASE)
    if not claimed:
        raise ConflictError(_("该批次正在入库或已入库。"))
    # this attempt starts from 0: an earlier attempt's cached count (rolled back, or its worker killed) was shown
    # while the retry was COMMITTING until it wrote its first chunk (fixcr34b #5)
    _progress_clear(batch.pk)
    try:
        with transaction.atomic():
            summary = _commit(actor, batch, progress)
            finished = ImportBatch.objects.filter(
                pk=batch.pk, status=ImportBatch.Status.COMMITTING, worker=me).update(
                status=ImportBatch.Status.COMMITTED, summary={**batch.summary, **summary},
                committed_at=timezone.now(), worker="", lease_until=None,
                committed_by=actor if getattr(actor, "is_authenticated", False) else None)
            if not finished:
                raise ConflictError(_("该批次的入库已被重新开始或放弃，本次入库未写入任何数据。"))
            audit_record(actor=actor, action="registry.import.commit", obj=batch,
                         changes={"mode": mode, **summary})
            transaction.on_commit(lambda: _delete_upload(batch.pk))
    except Exception as exc:
        message = exc.message if isinstance(exc, ApplicationError) else _("入库失败，没有写入任何数据，请重试。")
        released = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.COMMITTING, worker=me).update(
            status=ImportBatch.Status.STAGED, error_message=message, worker="", lease_until=None)
        if released:   # nothing was written: no count of this attempt is left (a retry's own count is not ours)
            _progress_clear(batch.pk)
        batch.refresh_from_db()
        raise
    batch.refresh_from_db()
    return batch.summary


# A commit's progress as the polling page reads it (fixcr33b L11). `processed_rows` is written inside the commit's one
# transaction, so another connection read 0 / N until the very end; the cache is outside it. Shared between the
# worker and the web processes where the cache is (Redis, production); on the embedded default (LocMem, one per
# process) the page reads the row's count as before. Kept past the commit's lease, then gone.
def _progress_key(pk: int) -> str:
    return f"registry:import-commit-progress:{pk}"


def _progress_write(pk: int, done: int) -> None:
    # the cache down: the page reads the row's count, the commit goes on
    with contextlib.suppress(*ratelimits.CACHE_ERRORS):
        cache.set(_progress_key(pk), done, int(COMMIT_LEASE.total_seconds()))


def _progress_clear(pk: int) -> None:
    with contextlib.suppress(*ratelimits.CACHE_ERRORS):
        cache.delete(_progress_key(pk))


def commit_progress(batch: ImportBatch) -> int:
    """How many rows a committing batch has written, as the polling page shows it: the worker's count from the cache
    while the commit runs, else the row's `processed_rows`."""
    if batch.status != ImportBatch.Status.COMMITTING:
        return batch.processed_rows
    try:
        done = cache.get(_progress_key(batch.pk))
    except ratelimits.CACHE_ERRORS:
        done = None
    return max(batch.processed_rows, done) if isinstance(done, int) else batch.processed_rows


class _Staged(NamedTuple):
    pk: int
    row_number: int
    data: dict
    id_cipher: str
    id_index: str
    phone_cipher: str


def _commit(actor, batch: ImportBatch, progress: Progress | None) -> dict:
    created = merged = reviews = conflicts = 0
    prefix = _scope_prefix(batch.org_code) if len(batch.org_code) == 12 else ""
    existing_hh = Household.objects.filter(codes.subtree_q(prefix, "org_code")) if prefix else Household.objects
    households: dict[tuple[str, str], int] = {
        (org, number): pk for pk, org, number in existing_hh.values_list("pk", "org_code", "number").iterator(5000)}
    new_households: set[int] = set()
    heads: dict[int, int] = {}  # household pk → person pk
    valid = ImportRow.objects.filter(batch=batch, status=ImportRow.Status.VALID)
    total = batch.valid_rows
    done = last_pk = 0
    while True:
        chunk = [_Staged(*r) for r in valid.filter(pk__gt=last_pk).order_by("pk").values_list(
            "pk", "row_number", "data", "id_number_cipher", "id_number_index", "phone_cipher")[:CHUNK]]
        if not chunk:
            break
        last_pk = chunk[-1].pk
        indexes = [r.id_index for r in chunk if r.id_index]
        existing = {p.id_number_index: p for i in range(0, len(indexes), 900)
                    for p in Person.objects.filter(id_number_index__in=indexes[i:i + 900])}
        _ensure_households(chunk, households, new_households)
        new_people: list[tuple[_Staged, dict]] = []
        merged_rows, review_rows = [], []
        for row in chunk:
            hh_key = (row.data.get("org_code"), str(row.data.get("household_number") or ""))
            hh_pk = households.get(hh_key)
            person = existing.get(row.id_index) if row.id_index else None
            if person is not None:
                if person.org_code != row.data.get("org_code"):
                    raise ApplicationError(
                        _("第%(row)d行：该身份证号无法在本村登记，请联系乡镇核实。") % {"row": row.row_number},
                        code="registered_elsewhere")
                _changes, made = apply_row_to_person(actor=actor, person=person, data=row.data,
                                                     phone_cipher=row.phone_cipher, batch=batch)
                if hh_pk and person.household_id != hh_pk:
                    Person.objects.filter(pk=person.pk).update(household_id=hh_pk, updated_at=timezone.now())
                if hh_pk and row.data.get("relation_to_head") == "head":
                    heads[hh_pk] = person.pk
                conflicts += len(made)
                merged += 1
                merged_rows.append(row.pk)
                continue
            if not row.id_index and row.data.get("_candidates"):
                still = set(Person.objects.filter(pk__in=[c["person_id"] for c in row.data["_candidates"]])
                            .values_list("pk", flat=True))
                candidates = [c for c in row.data["_candidates"] if c["person_id"] in still]
                if candidates:
                    data = {k: v for k, v in row.data.items() if k != "_candidates"}
                    DuplicateReview.objects.create(org_code=row.data["org_code"], batch=batch, row_id=row.pk,
                                                   data=data, phone_cipher=row.phone_cipher, candidates=candidates)
                    reviews += 1
                    review_rows.append(row.pk)
                    continue
            values = person_row(row.data, id_cipher=row.id_cipher, id_index=row.id_index or None,
                                phone_cipher=row.phone_cipher)
            values["household_id"] = hh_pk
            new_people.append((row, values))
        pks = bulk.insert(Person, [v for _r, v in new_people])
        for (row, values), pk in zip(new_people, pks, strict=True):
            if values["household_id"] and row.data.get("relation_to_head") == "head":
                heads[values["household_id"]] = pk
        created += len(new_people)
        ImportRow.objects.filter(pk__in=[r.pk for r, _v in new_people]).update(match=ImportRow.Match.NEW)
        ImportRow.objects.filter(pk__in=merged_rows).update(match=ImportRow.Match.MERGE)
        ImportRow.objects.filter(pk__in=review_rows).update(match=ImportRow.Match.REVIEW)
        done += len(chunk)
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=done)   # the final count, seen at the commit
        _progress_write(batch.pk, done)
        if progress:
            progress(done, total)
    bulk.update_column(Household, "head_id", [(person_pk, hh_pk) for hh_pk, person_pk in heads.items()])
    ImportRow.objects.filter(batch=batch, status=ImportRow.Status.ERROR).update(match=ImportRow.Match.SKIPPED)
    return {"created": created, "merged": merged, "conflicts": conflicts, "reviews": reviews,
            "households_created": len(new_households), "skipped": batch.error_rows}


def _ensure_households(chunk: list[_Staged], cache: dict, created: set) -> None:
    """Create the households a chunk names that do not exist yet (address and grid of their first row)."""
    new: dict[tuple[str, str], dict] = {}
    for r in chunk:
        number = r.data.get("household_number")
        if not number:
            continue
        key = (r.data.get("org_code"), str(number))
        if key not in cache and key not in new:
            new[key] = {"org_code": key[0], "number": key[1], "address": r.data.get("address", ""),
                        "grid_code": r.data.get("grid_code") or None}
    if new:
        pks = bulk.insert(Household, list(new.values()))
        for key, pk in zip(new, pks, strict=True):
            cache[key] = pk
            created.add(pk)


# "uploaded" / "queued": never claimed by a worker within QUEUE_LEASE — the worker may be down, or the queue only long
# (the task may still run later): said so, not "进程可能未运行" alone (fix-cr32b #9)
STALE_MESSAGE = {
    "uploaded": "校验请求长时间没有被处理：后台任务可能未运行或排队过长。没有写入任何数据；请重新校验或放弃。",
    "validating": "上次校验被中断（后台任务进程停止），已校验的行已清除；请重新校验或放弃。",
    "queued": "入库请求长时间没有被处理：后台任务可能未运行或排队过长。没有写入任何数据；可以重新入库或放弃。",
    "committing": "上次入库被中断（后台任务进程停止），没有写入任何数据；可以重新入库或放弃。",
}


def import_batch_recover(*, actor, batch: ImportBatch) -> ImportBatch:
    """Release a stale batch: an interrupted or never-started validation goes back to 已上传 (to be validated again), an
    interrupted or never-started commit back to 待确认 (its staged rows are intact: the commit is one
    transaction). `actor` None is the periodic job. Refuses a batch whose worker is still alive."""
    if actor is not None:
        scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    batch.refresh_from_db()
    if not batch_is_stale(batch):
        raise ConflictError(_("该批次没有中断，正在处理中，请稍候。"))
    old_status, old_worker = batch.status, batch.worker
    target = (ImportBatch.Status.UPLOADED if old_status in (ImportBatch.Status.VALIDATING, ImportBatch.Status.UPLOADED)
              else ImportBatch.Status.STAGED)
    with transaction.atomic():
        released = ImportBatch.objects.filter(pk=batch.pk, status=old_status, worker=old_worker,
                                              lease_until=batch.lease_until).update(
            status=target, worker="", lease_until=None, processed_rows=0, error_message=_(STALE_MESSAGE[old_status]))
        if not released:
            raise ConflictError(_("该批次的状态刚刚发生了变化，请刷新页面。"))
        if target == ImportBatch.Status.UPLOADED:
            ImportRow.objects.filter(batch=batch).delete()
        audit_record(actor=actor, action="registry.import.recover", obj=batch,
                     changes={"from": old_status, "to": target, "worker": old_worker})
    batch.refresh_from_db()
    return batch


def batch_awaits_revalidation(batch: ImportBatch) -> bool:
    """An interrupted validation, recovered: 已上传 with its mapping and the stale message, nothing queued. It is
    validated again only on request (`import_batch_revalidate`); setting the mapping again clears the message."""
    return batch.status == ImportBatch.Status.UPLOADED and batch.mapping_id is not None and bool(batch.error_message)


def import_batch_revalidate(*, actor, batch: ImportBatch) -> ImportBatch:
    """Validate again, with its mapping, a batch whose validation was interrupted and recovered (badinput15 #8: the
    page said “请重新校验或放弃” with no button to do either). The caller queues the staging task."""
    scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    batch.refresh_from_db()
    if not batch_awaits_revalidation(batch):
        raise ConflictError(_("该批次不需要重新校验。"))
    with transaction.atomic():
        if not ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.UPLOADED).update(
                error_message="", worker="", lease_until=timezone.now() + QUEUE_LEASE):   # awaits_worker
            raise ConflictError(_("该批次的状态刚刚发生了变化，请刷新页面。"))
        audit_record(actor=actor, action="registry.import.revalidate", obj=batch, changes={})
    batch.refresh_from_db()
    return batch


def import_recover_stale() -> int:
    """The periodic job: release every stale batch; returns how many."""
    released = 0
    waiting = Q(status=ImportBatch.Status.UPLOADED, mapping__isnull=False, error_message="")   # awaits_worker
    for batch in ImportBatch.objects.filter(Q(status__in=BUSY_STATUSES) | waiting):
        if batch_is_stale(batch):
            try:
                import_batch_recover(actor=None, batch=batch)
            except ConflictError:
                continue
            released += 1
    return released


def import_batch_discard(*, actor, batch: ImportBatch) -> None:
    scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    batch.refresh_from_db()
    if batch_is_stale(batch):  # an interrupted batch can be given up directly
        import_batch_recover(actor=actor, batch=batch)
    with transaction.atomic():
        done = ImportBatch.objects.filter(pk=batch.pk, status__in=[
            ImportBatch.Status.UPLOADED, ImportBatch.Status.STAGED, ImportBatch.Status.FAILED]).update(
            status=ImportBatch.Status.DISCARDED)
        if not done:
            raise ConflictError(_("该批次正在处理或已入库，不能放弃。"))
        ImportRow.objects.filter(batch=batch).delete()
        audit_record(actor=actor, action="registry.import.discard", obj=batch)
        transaction.on_commit(lambda: _delete_upload(batch.pk))


def import_batch_dismiss(*, actor, batch: ImportBatch) -> None:
    """移除: the user who started a failed batch takes it off the import page (fix-left16 #3)."""
    scope_for(actor).require_write(batch.org_code, Capability.REGISTRY_WRITE)
    failed_batch_dismiss(batch, actor=actor, audit_action="registry.import.dismiss")


def import_purge_failed(*, now: dt.datetime | None = None) -> int:
    return failed_batches_purge(ImportBatch, audit_action="registry.import.purge", now=now)


# The end of a failed import, shared by the registry's batches and the employment app's posting and seeker batches
# (each model has `status` with a FAILED value, `created_by`, `original_name`, `error_message` and `file`): the
# uploader may remove it, and one nobody removed is deleted this long after it failed (its last change).
FAILED_KEPT = dt.timedelta(days=30)


def failed_batch_dismiss(batch: Any, *, actor, audit_action: str) -> None:
    """Delete a failed batch (its staged rows and its stored file with it), audited — only its uploader's, only
    while it is failed; the caller has checked the actor's scope."""
    if batch.created_by_id != actor.pk:
        raise PermissionDeniedError(_("只有上传该文件的人可以移除这条导入记录。"))
    model = type(batch)
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=batch.pk, status=model.Status.FAILED).first()
        if locked is None:
            raise ConflictError(_("只有导入失败的记录可以移除。"), code="not_failed")
        audit_record(actor=actor, action=audit_action, obj=locked,
                     changes={"file": locked.original_name, "error": (locked.error_message or "")[:200]})
        name = locked.file.name
        locked.delete()
        if name:
            transaction.on_commit(lambda: locked.file.storage.delete(name))


def failed_batches_purge(model: Any, *, audit_action: str, now: dt.datetime | None = None, limit: int = 1000) -> int:
    """The daily job: batches of `model` failed more than `FAILED_KEPT` ago are deleted with their rows and files,
    one audit record naming them; returns how many."""
    cutoff = (now or timezone.now()) - FAILED_KEPT
    storage = model._meta.get_field("file").storage
    with transaction.atomic():
        old = list(model.objects.select_for_update().filter(status=model.Status.FAILED, updated_at__lt=cutoff)
                   .order_by("pk").values_list("pk", "file")[:limit])
        if not old:
            return 0
        model.objects.filter(pk__in=[pk for pk, _f in old]).delete()
        audit_record(actor=None, action=audit_action, object_type=model._meta.label_lower,
                     object_repr=_("导入失败超过 %(d)d 天的记录") % {"d": FAILED_KEPT.days},
                     changes={"batches": [pk for pk, _f in old]})
        for _pk, name in old:
            if name:
                transaction.on_commit(lambda name=name: storage.delete(name))
    return len(old)


# ---------------------------------------------------------------- the duplicate-review queue

def review_resolve(*, actor, review: DuplicateReview, decision: str, person_id: int | None = None) -> Person | None:
    """'merge' into one of the candidates, 'create' a new person, or 'dismiss' the row."""
    require_write(actor, review.org_code)
    if review.status != DuplicateReview.Status.PENDING:
        raise ApplicationError(_("该记录已核对。"), code="already_decided")
    with transaction.atomic():
        locked = DuplicateReview.objects.filter(pk=review.pk, status=DuplicateReview.Status.PENDING).update(
            status=DuplicateReview.Status.DISMISSED, decided_by=actor, decided_at=timezone.now())
        if not locked:
            raise ApplicationError(_("该记录已核对。"), code="already_decided")
        person = None
        if decision == "merge":
            ids = {c["person_id"] for c in review.candidates}
            if person_id not in ids:
                raise ApplicationError(_("请选择候选人员中的一位。"), field="person_id")
            person = Person.objects.get(pk=person_id, org_code=review.org_code)
            apply_row_to_person(actor=actor, person=person, data=review.data, phone_cipher=review.phone_cipher,
                                batch=review.batch, source=FieldChange.Source.REVIEW)
            status = DuplicateReview.Status.MERGED
        elif decision == "create":
            person = person_from_data(review.data, phone_cipher=review.phone_cipher)
            person.save()
            status = DuplicateReview.Status.CREATED
        elif decision == "dismiss":
            status = DuplicateReview.Status.DISMISSED
        else:
            raise ApplicationError(_("未知的处理方式。"), field="decision")
        DuplicateReview.objects.filter(pk=review.pk).update(status=status, resolved_person=person)
        if review.row_id and person is not None:
            ImportRow.objects.filter(pk=review.row_id).update(person=person)
        audit_record(actor=actor, action="registry.review.resolve", object_type="registry.duplicatereview",
                     object_id=review.pk, object_repr=review.data.get("name", ""), org_code=review.org_code,
                     changes={"decision": decision, "person_id": person.pk if person else None})
    return person


# ---------------------------------------------------------------- reports on a batch

def batch_errors(batch: ImportBatch, *, limit: int | None = None) -> list[dict]:
    """Every error of the batch as {row, column, message}, in row order."""
    out = []
    qs = ImportRow.objects.filter(batch=batch, status=ImportRow.Status.ERROR).order_by("row_number")
    for errors in qs.values_list("errors", flat=True).iterator(2000):
        out.extend(errors)
        if limit and len(out) >= limit:
            return out[:limit]
    return out


def _delete_upload(batch_id: int) -> None:
    """The uploaded ledger holds clear ID and phone numbers: once its rows are committed or discarded
    (the staged rows keep what is still needed, encrypted) the file itself goes."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is not None and batch.file:
        batch.file.delete(save=False)
        ImportBatch.objects.filter(pk=batch_id).update(file="")


def import_rejected_export(*, actor, batch: ImportBatch) -> bytes:
    """The rejected rows to fix and re-import. They hold clear personal identifiers, so the download
    is audited like any other reveal."""
    content = import_rejected_xlsx(batch)
    with transaction.atomic():
        audit_record(actor=actor, action="registry.import.rejected_export", obj=batch,
                     changes={"rows": batch.error_rows})
    return content


def import_rejected_xlsx(batch: ImportBatch) -> bytes:
    """The rejected rows as an xlsx with the original header and a 错误说明 column (write-only mode).
    Every text cell is written as text, so a cell such as "=HYPERLINK(…)" stays inert."""
    from openpyxl.cell import WriteOnlyCell

    headers = list(batch.summary.get("headers") or [])
    if not headers and batch.file:
        try:
            headers = batch_headers(batch)[0]
        except (LedgerFileError, OSError, ValueError):
            headers = []
    wb = new_workbook(title=_("未导入的行"), write_only=True)
    ws = wb.create_sheet(_("被拒绝的行"))
    ws.append([_("原行号"), *headers, _("错误说明")])
    qs = ImportRow.objects.filter(batch=batch, status=ImportRow.Status.ERROR).order_by("row_number")
    for row_number, raw_cipher, errors in qs.values_list("row_number", "raw_cipher", "errors").iterator(2000):
        cells = json.loads(crypto.decrypt(raw_cipher, purpose=sensitive.RAW_PURPOSE)) if raw_cipher else []
        cells = [c if c is None or isinstance(c, (int, float)) else str(c) for c in cells]
        # the file's own columns (values set for every row were not in it)
        cells = (cells + [None] * len(headers))[: len(headers) or len(cells)]
        reasons = "；".join(f"【{e['column']}】{e['message']}" if e.get("column") else e["message"] for e in errors)
        ws.append([_text_cell(ws, v, WriteOnlyCell) for v in [row_number, *cells, reasons]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text_cell(ws, value, cell_class):
    cell = cell_class(ws, value=xlsx_clean(value))
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula
    return inert_cell(cell)  # and one that starts like a formula keeps its quote prefix when edited (xlsxguard)

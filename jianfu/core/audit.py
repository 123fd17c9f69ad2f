"""The audit log: who did what, to which object, from where — written in the write's transaction.

Records are sealed into a hash chain right after their transaction commits (`seal_pending`): each
gets the next sequence number and the digest of the one before it, under a short lock on the single
`AuditChainHead` row. Writers therefore never hold the chain lock while they work (ADR 0005)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from jianfu.core import request_context
from jianfu.core.models import AuditChainHead, AuditRecord

GENESIS = "0" * 64
HASHED_FIELDS = ("created_at", "actor_id", "actor_name", "action", "object_type", "object_id",
                 "object_repr", "org_code", "changes", "client_address")


def record_digest(prev_digest: str, fields: dict[str, Any]) -> str:
    payload = {k: fields[k] for k in HASHED_FIELDS}
    created_at = payload["created_at"]
    if isinstance(created_at, datetime):
        payload["created_at"] = created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_digest + canonical).encode()).hexdigest()


def audit_record(*, actor, action: str, obj: models.Model | None = None, object_type: str = "",
                 object_id: str | int = "", object_repr: str = "", org_code: str = "",
                 changes: dict | None = None) -> AuditRecord:
    """Append one audit record. Must run inside the transaction of the write it describes; the
    record is sealed into the hash chain as soon as that transaction commits."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the write's transaction.atomic()")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)[:200]
        org_code = org_code or getattr(obj, "org_code", "") or ""
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    rec = AuditRecord.objects.create(
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_name=getattr(actor, "username", "") if actor_id else (getattr(actor, "name", "") or ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:200],
        org_code=org_code,
        changes=_jsonable(changes or {}),
        client_address=request_context.client_address(),
    )
    # One sealing callback per transaction, however many records it writes.
    if not any(entry[1] is _seal_after_commit for entry in connection.run_on_commit):
        transaction.on_commit(_seal_after_commit)
    return rec


_last_seal = 0.0  # per process: when this process last sealed after a commit


def _seal_after_commit() -> None:
    # After a write: seal, but never queue behind another sealer (if one holds the head lock it is
    # sealing right now), and at most once per JIANFU_AUDIT_SEAL_INTERVAL seconds per process, so a
    # burst of writes is sealed in batches rather than one sealing transaction per request. What is
    # left is sealed by the next commit after the interval or by the minutely job (ADR 0005).
    global _last_seal
    now = time.monotonic()
    if now - _last_seal < settings.JIANFU_AUDIT_SEAL_INTERVAL:
        return
    _last_seal = now
    seal_pending(wait=False)


def seal_pending(batch: int = 2000, *, wait: bool = True) -> int:
    """Chain every unsealed record, in id order, under the head row's lock; returns how many.

    Runs after each writing transaction commits (`wait=False`: skipped at once when another process
    holds the lock — that sealer, the next commit or the minutely job seals what is pending) and
    every minute in the worker (`wait=True`), which also catches up records whose process died
    between commit and sealing. The lock is held only for this short transaction, so writers never
    wait on each other for the audit log. Plain SQL for the lock and the updates: this runs after
    every write, and the ORM's statement building cost more than the statements."""
    connection = transaction.get_connection()
    head_table, rec_table = AuditChainHead._meta.db_table, AuditRecord._meta.db_table
    lock = ""
    if connection.features.has_select_for_update:  # SQLite serialises writers by itself
        lock = " FOR UPDATE" + (" SKIP LOCKED" if not wait and connection.features.has_select_for_update_skip_locked
                                else "")
    sealed = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT digest, count FROM {head_table} WHERE id = 1{lock}")
            row = cursor.fetchone()
            if row is None:
                if not wait and AuditChainHead.objects.filter(pk=1).exists():
                    return sealed  # another sealer holds the lock
                head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
                row = (head.digest, head.count)
            pending = list(AuditRecord.objects.filter(seq__isnull=True).order_by("id")
                           .values_list("id", *HASHED_FIELDS)[:batch])
            if not pending:
                return sealed
            digest, count = row
            updates = []
            for rec in pending:
                count += 1
                new_digest = record_digest(digest, dict(zip(HASHED_FIELDS, rec[1:], strict=True)))
                updates.append((count, digest, new_digest, rec[0]))
                digest = new_digest
            cursor.executemany(f"UPDATE {rec_table} SET seq = %s, prev_digest = %s, digest = %s WHERE id = %s",
                               updates)
            cursor.execute(f"UPDATE {head_table} SET digest = %s, count = %s WHERE id = 1", [digest, count])
            sealed += len(pending)
        if len(pending) < batch:
            return sealed


def _jsonable(value):
    # Round-trip through JSON so what is hashed is exactly what the database returns later.
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@dataclass(frozen=True)
class ChainProblem:
    record_id: int | None
    reason: str


def verify_chain(*, unsealed_grace: dt.timedelta = dt.timedelta(minutes=10)) -> Iterator[ChainProblem]:
    """Walk the chain in seal order and report every break: an edited record (its digest no longer
    matches its content), a deleted one (the next record's prev_digest points at nothing), a deleted
    tail (the head disagrees), or a record left unsealed for longer than `unsealed_grace`."""
    prev = GENESIS
    count = 0
    for rec in AuditRecord.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=5000):
        count += 1
        if rec.prev_digest != prev:
            yield ChainProblem(rec.id, "前一条记录被删除或篡改（链接断开）")
        fields = {k: getattr(rec, k) for k in HASHED_FIELDS}
        if record_digest(rec.prev_digest, fields) != rec.digest:
            yield ChainProblem(rec.id, "记录内容被修改（摘要不符）")
        prev = rec.digest
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.digest != prev or head.count != count):
        yield ChainProblem(None, "链尾与记录不符（有记录被删除）")
    stale = AuditRecord.objects.filter(seq__isnull=True, created_at__lt=timezone.now() - unsealed_grace)
    for rec_id in stale.values_list("id", flat=True)[:100]:
        yield ChainProblem(rec_id, "记录长时间未封存入链")

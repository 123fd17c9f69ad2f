"""The audit log: who did what, to which object, from where — written in the write's transaction.

Each record carries the digest of the one before it. Appends are serialised by locking the single
`AuditChainHead` row, so the chain stays linear under concurrent writers (PostgreSQL row lock;
SQLite serialises write transactions anyway)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

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
    """Append one audit record. Must run inside the transaction of the write it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the write's transaction.atomic()")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)[:200]
        org_code = org_code or getattr(obj, "org_code", "") or ""
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    fields = {
        "created_at": timezone.now(),
        "actor_id": actor_id,
        "actor_name": getattr(actor, "username", "") if actor_id else (getattr(actor, "name", "") or ""),
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "object_repr": object_repr[:200],
        "org_code": org_code,
        "changes": _jsonable(changes or {}),
        "client_address": request_context.client_address(),
    }
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    digest = record_digest(head.digest, fields)
    rec = AuditRecord.objects.create(prev_digest=head.digest, digest=digest, **fields)
    AuditChainHead.objects.filter(pk=1).update(digest=digest, count=models.F("count") + 1)
    return rec


def _jsonable(value):
    # Round-trip through JSON so what is hashed is exactly what the database returns later.
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@dataclass(frozen=True)
class ChainProblem:
    record_id: int | None
    reason: str


def verify_chain(records: Iterable[AuditRecord] | None = None) -> Iterator[ChainProblem]:
    """Walk the chain in id order and report every break: an edited record (its digest no longer
    matches its content), a deleted one (the next record's prev_digest points at nothing), or a
    head that does not match the last record."""
    if records is None:
        records = AuditRecord.objects.order_by("id").iterator(chunk_size=5000)
    prev = GENESIS
    count = 0
    for rec in records:
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

"""The audit log: who did what, to which object, from where — written in the write's transaction.

Records are sealed into a hash chain right after their transaction commits (`seal_pending`): each
gets the next sequence number and the digest of the one before it, under a short lock on the single
`AuditChainHead` row. Writers therefore never hold the chain lock while they work (ADR 0005).

The chain is keyed (ADR 0018): digests are HMAC-SHA256 under `settings.JIANFU_AUDIT_KEY`, which is not
in the database, and every record carries a `mac` written with it by `audit_record`; the sealer refuses
to chain a record whose mac is wrong (a row inserted behind the application's back) and marks it
`forged`. The head digest is appended to a file outside the database (`anchor_head`) every minute it moved
(`anchor_if_moved`, security28 #5), daily and at every `audit_verify`, and the same line is sent to syslog on another host when `JIANFU_AUDIT_ANCHOR_SYSLOG` is
set; `verify_chain` checks the records, the links, the head and those anchors."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from logging.handlers import SysLogHandler
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from jianfu.core import request_context
from jianfu.core.models import AuditChainHead, AuditRecord
from jianfu.core.text import clean_text

GENESIS = "0" * 64
HASHED_FIELDS = ("created_at", "actor_id", "actor_name", "action", "object_type", "object_id",
                 "object_repr", "org_code", "changes", "client_address")


def _canonical(fields: dict[str, Any]) -> str:
    payload = {k: fields[k] for k in HASHED_FIELDS}
    created_at = payload["created_at"]
    if isinstance(created_at, datetime):
        payload["created_at"] = created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _key() -> bytes:
    key = getattr(settings, "JIANFU_AUDIT_KEY", "")
    if not key:
        raise RuntimeError("JIANFU_AUDIT_KEY is not set (docs/deploy.md)")
    return key.encode()


def record_digest(prev_digest: str, fields: dict[str, Any]) -> str:
    """The chain link: HMAC-SHA256(key, "chain" + previous digest + canonical JSON of the record)."""
    return hmac.new(_key(), ("chain\x00" + prev_digest + _canonical(fields)).encode(), hashlib.sha256).hexdigest()


def record_mac(fields: dict[str, Any]) -> str:
    """The record's own seal, written with it: proves the application (holder of the key) wrote it."""
    return hmac.new(_key(), ("record\x00" + _canonical(fields)).encode(), hashlib.sha256).hexdigest()


def legacy_digest(prev_digest: str, fields: dict[str, Any]) -> str:
    """The unkeyed SHA-256 link of the chain before ADR 0018 (checked once when the chain is resealed)."""
    return hashlib.sha256((prev_digest + _canonical(fields)).encode()).hexdigest()


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
    # Text exactly as the database will return it (cleaned, cut), so the mac checks out when sealing.
    fields = {
        "created_at": timezone.now(),
        "actor_id": actor_id,
        "actor_name": clean_text(getattr(actor, "username", "") if actor_id else (getattr(actor, "name", "") or ""))[:150],
        "action": clean_text(action)[:80],
        "object_type": clean_text(object_type)[:80],
        "object_id": clean_text(str(object_id))[:64],
        "object_repr": clean_text(object_repr)[:200],
        "org_code": clean_text(org_code)[:20],
        "changes": _jsonable(changes or {}),
        "client_address": clean_text(request_context.client_address() or "")[:64],
    }
    rec = AuditRecord.objects.create(**fields, mac=record_mac(fields))
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
            pending = list(AuditRecord.objects.filter(seq__isnull=True, forged=False).order_by("id")
                           .values_list("id", "mac", *HASHED_FIELDS)[:batch])
            if not pending:
                return sealed
            digest, count = row
            updates, forged = [], []
            for rec in pending:
                fields = dict(zip(HASHED_FIELDS, rec[2:], strict=True))
                if not hmac.compare_digest(rec[1] or "", record_mac(fields)):
                    forged.append((rec[0],))  # not written by the application: never chained as genuine
                    continue
                count += 1
                new_digest = record_digest(digest, fields)
                updates.append((count, digest, new_digest, rec[0]))
                digest = new_digest
            if forged:
                cursor.executemany(f"UPDATE {rec_table} SET forged = true WHERE id = %s", forged)
            cursor.executemany(f"UPDATE {rec_table} SET seq = %s, prev_digest = %s, digest = %s WHERE id = %s",
                               updates)
            cursor.execute(f"UPDATE {head_table} SET digest = %s, count = %s WHERE id = 1", [digest, count])
            sealed += len(pending)
        if len(pending) < batch:
            return sealed


def _jsonable(value: Any) -> Any:
    # Round-trip through JSON so what is hashed is exactly what the database returns later.
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def as_stored(value: Any) -> Any:
    """`value` as an audit record's `changes` holds it (a date as its ISO text, a tuple as a list): what a reader
    compares a live value with (`versioning.audit_changes`' `carried`)."""
    return _jsonable(value)


@dataclass(frozen=True)
class ChainProblem:
    record_id: int | None
    reason: str


def verify_chain(*, unsealed_grace: dt.timedelta = dt.timedelta(minutes=10),
                 anchor_path: str | None = None) -> Iterator[ChainProblem]:
    """Walk the chain in seal order and report every break: an edited record (its digest no longer
    matches its content), a deleted one (the next record's prev_digest points at nothing), a deleted
    tail (the head disagrees), a record left unsealed for longer than `unsealed_grace`, a record the
    sealer refused (no valid mac: inserted behind the application's back), and a chain that disagrees
    with a head digest anchored outside the database (`anchor_path`, default the setting)."""
    prev = GENESIS
    count = 0
    for rec in AuditRecord.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=5000):
        count += 1
        if rec.prev_digest != prev:
            yield ChainProblem(rec.id, "前一条记录被删除或篡改（链接断开）")
        fields = {k: getattr(rec, k) for k in HASHED_FIELDS}
        if not hmac.compare_digest(record_digest(rec.prev_digest, fields), rec.digest or ""):
            yield ChainProblem(rec.id, "记录内容被修改（摘要不符）")
        prev = rec.digest
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.digest != prev or head.count != count):
        yield ChainProblem(None, "链尾与记录不符（有记录被删除）")
    for rec_id in AuditRecord.objects.filter(forged=True).values_list("id", flat=True)[:100]:
        yield ChainProblem(rec_id, "记录不是由系统写入的（签名无效），未封存入链")
    stale = AuditRecord.objects.filter(seq__isnull=True, forged=False, created_at__lt=timezone.now() - unsealed_grace)
    for rec_id in stale.values_list("id", flat=True)[:100]:
        yield ChainProblem(rec_id, "记录长时间未封存入链")
    yield from verify_anchors(anchor_path)


# ---------------------------------------------------------------- the anchor outside the database

def _anchor_path(path: str | None) -> str:
    return settings.JIANFU_AUDIT_ANCHOR_PATH if path is None else path


class _AnchorSysLogHandler(SysLogHandler):
    """A syslog handler that raises when the message cannot be sent: a lost anchor must be seen (the
    daily job then becomes a TaskFailure), not printed to stderr and forgotten like a log line."""

    def handleError(self, record: logging.LogRecord) -> None:
        raise  # emit() calls this inside its `except`: re-raise the send error


def _syslog_handler(target: str) -> SysLogHandler:
    """"udp://host:port", "tcp://host:port" or a local socket path ("/dev/log", for rsyslog to forward)."""
    if target.startswith("/"):
        handler = _AnchorSysLogHandler(address=target, facility=SysLogHandler.LOG_AUTHPRIV)
    else:
        scheme, _sep, rest = target.partition("://")
        host, _colon, port = rest.rpartition(":")
        if scheme not in ("udp", "tcp") or not host or not port.isdigit():
            raise ValueError(f"JIANFU_AUDIT_ANCHOR_SYSLOG must be udp://host:port, tcp://host:port or a socket path, not {target!r}")
        handler = _AnchorSysLogHandler(address=(host, int(port)), facility=SysLogHandler.LOG_AUTHPRIV,
                                       socktype=socket.SOCK_DGRAM if scheme == "udp" else socket.SOCK_STREAM)
    handler.ident = "jianfu-audit-anchor: "
    return handler


def send_anchor_to_syslog(line: str, target: str | None = None) -> bool:
    """Send one anchor line to the second store (`JIANFU_AUDIT_ANCHOR_SYSLOG`); False when none is set."""
    target = getattr(settings, "JIANFU_AUDIT_ANCHOR_SYSLOG", "") if target is None else target
    if not target:
        return False
    handler = _syslog_handler(target)
    try:
        handler.emit(logging.LogRecord("jianfu.audit.anchor", logging.WARNING, __file__, 0, line, None, None))
    finally:
        handler.close()
    return True


def anchor_head(*, reason: str, path: str | None = None) -> dict | None:
    """Append the chain's head (count, digest) to the anchor file (O_APPEND, fsync'd), and send the same
    line to syslog when a second store is set; None when anchoring is off. Sealing first, so the anchor
    covers every committed record."""
    path = _anchor_path(path)
    if not path:
        return None
    seal_pending()
    head = AuditChainHead.objects.filter(pk=1).first()
    entry = {"at": timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "reason": reason,
             "count": head.count if head else 0, "digest": head.digest if head else GENESIS}
    text = json.dumps(entry, sort_keys=True)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (text + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    send_anchor_to_syslog(text)
    return entry


def _last_anchor(path: str) -> dict | None:
    """The anchor file's last line as written (`anchor_head`), read from the file's end: None when there is none."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 4096))
            tail = fh.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return None
    for line in reversed(tail):
        try:
            entry = json.loads(line[line.find("{"):])
            return {"count": int(entry["count"]), "digest": str(entry["digest"])}
        except (ValueError, KeyError, TypeError):
            continue
    return None


def anchor_if_moved(*, path: str | None = None) -> dict | None:
    """The minutely job's anchor (security28 #5): the head, when it moved since the file's last line. A daily anchor
    left a day of records that someone who may write the database — no key needed — could cut from the tail, by
    setting the head row to the digest and count of the last record kept (both stored in the clear): the chain then
    verified, and was even anchored so. Now at most the minute since the last seal is open to that."""
    path = _anchor_path(path)
    if not path:
        return None
    seal_pending()
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None or not head.count:
        return None
    if _last_anchor(path) == {"count": head.count, "digest": head.digest}:
        return None
    return anchor_head(reason="minutely", path=path)


def verify_anchors(path: str | None = None) -> Iterator[ChainProblem]:
    """Every anchored (count, digest) must still be the digest of the record with that seq: a chain
    rewritten with the key, or cut short, no longer matches what was written outside the database.

    `path` may also be the second store's copy as the log host keeps it (`audit_verify --anchors`): a
    line's syslog prefix (time, host, "jianfu-audit-anchor:") is skipped up to the JSON."""
    path = _anchor_path(path)
    if not path:
        return
    if not os.path.exists(path):
        if AuditRecord.objects.filter(seq__isnull=False, created_at__lt=timezone.now() - dt.timedelta(days=2)).exists():
            yield ChainProblem(None, f"外部锚点文件 {path} 不存在（应每天写入）")
        return
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    entries: list[tuple[int, int, str, str]] = []   # (line number, count, digest, at)
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line[line.find("{"):] if "{" in line else line)
            entries.append((lineno, int(entry["count"]), str(entry["digest"]), entry.get("at", "")))
        except (ValueError, KeyError, TypeError):
            entries.append((lineno, -1, "", ""))
    # one query per 900 anchored counts, not one per line: the minutely anchor writes a line a minute (security28 #5)
    wanted = sorted({count for _n, count, _d, _a in entries if count > 0})
    digests: dict[int, str] = {}
    for i in range(0, len(wanted), 900):
        digests.update(AuditRecord.objects.filter(seq__in=wanted[i:i + 900]).values_list("seq", "digest"))
    for lineno, count, digest, at in entries:
        if count < 0:
            yield ChainProblem(None, f"外部锚点文件第 {lineno} 行无法识别")
            continue
        if count == 0:
            continue
        stored = digests.get(count)
        if stored is None:
            yield ChainProblem(None, f"{at} 锚定的第 {count} 条记录已不在链中（链尾被删除或数据库被回退）")
        elif stored != digest:
            yield ChainProblem(None, f"审计链与 {at} 的外部锚点不符：第 {count} 条记录的摘要不同（链被重写）")


# ---------------------------------------------------------------- resealing (ADR 0018 migration)

def reseal_chain(record_model=AuditRecord, head_model=AuditChainHead) -> dict:
    """Re-seal every record with the key: check the old unkeyed chain first (its breaks are counted and
    returned, for the migration's audit record), then give every record a mac and an HMAC digest, in
    seq order (unsealed ones after). Run once by migration core 0004; `manage.py audit_reseal` reruns
    it (e.g. after a key change). Takes the models as arguments so a migration can pass its own."""
    legacy_breaks = 0
    prev = GENESIS
    with transaction.atomic():
        head, _ = head_model.objects.select_for_update().get_or_create(pk=1)
        rows = list(record_model.objects.order_by(models.F("seq").asc(nulls_last=True), "id")
                    .values_list("id", "seq", "prev_digest", "digest", *HASHED_FIELDS))
        updates = []
        digest, count = GENESIS, 0
        for rec_id, seq, old_prev, old_digest, *values in rows:
            fields = dict(zip(HASHED_FIELDS, values, strict=True))
            if seq is not None:
                if old_prev != prev or legacy_digest(old_prev, fields) != old_digest:
                    legacy_breaks += 1
                prev = old_digest
            count += 1
            new_digest = record_digest(digest, fields)
            updates.append((count, digest, new_digest, record_mac(fields), rec_id))
            digest = new_digest
        table = record_model._meta.db_table
        with transaction.get_connection().cursor() as cursor:
            # unique seq/digest: clear first, then write the new chain
            cursor.execute(f"UPDATE {table} SET seq = NULL, digest = NULL")
            cursor.executemany(f"UPDATE {table} SET seq = %s, prev_digest = %s, digest = %s, mac = %s, "
                               "forged = false WHERE id = %s", updates)
        head_model.objects.filter(pk=1).update(digest=digest, count=count)
    return {"records": count, "legacy_breaks": legacy_breaks}

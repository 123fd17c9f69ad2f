"""The keyed, anchored audit chain (issue 11.7, ADR 0018)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from jianfu.core import audit
from jianfu.core.audit import (
    GENESIS,
    HASHED_FIELDS,
    anchor_head,
    audit_record,
    legacy_digest,
    reseal_chain,
    seal_pending,
    verify_chain,
)
from jianfu.core.models import AuditChainHead, AuditRecord


@pytest.fixture
def anchor(settings, tmp_path):
    settings.JIANFU_AUDIT_ANCHOR_PATH = str(tmp_path / "anchor" / "audit-anchor.jsonl")
    return tmp_path / "anchor" / "audit-anchor.jsonl"


def _write(world, n, start=0):
    for i in range(start, start + n):
        with transaction.atomic():
            audit_record(actor=world.users["village_a"], action="test.write", object_type="x", object_id=i,
                         org_code="450521200206", changes={"i": i, "名称": "曲木村"})
    seal_pending()


def _fields(rec):
    return {k: getattr(rec, k) for k in HASHED_FIELDS}


def _rewrite_without_key():
    """What anyone with database write access could do to the old chain: recompute every link and the head."""
    prev = GENESIS
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET action = 'test.rewritten' WHERE action = 'test.write'")
        cursor.execute("UPDATE core_auditrecord SET digest = NULL")
        for rec in AuditRecord.objects.order_by("seq"):
            digest = hashlib.sha256((prev + audit._canonical(_fields(rec))).encode()).hexdigest()
            cursor.execute("UPDATE core_auditrecord SET prev_digest = %s, digest = %s WHERE id = %s",
                           [prev, digest, rec.id])
            prev = digest
        cursor.execute("UPDATE core_auditchainhead SET digest = %s WHERE id = 1", [prev])


@pytest.mark.django_db
def test_a_consistent_rewrite_without_the_key_is_detected(world):
    _write(world, 3)
    assert list(verify_chain()) == []
    _rewrite_without_key()
    problems = list(verify_chain())
    assert len(problems) == 3
    assert {p.reason for p in problems} == {"记录内容被修改（摘要不符）"}


@pytest.mark.django_db
def test_a_row_inserted_behind_the_apps_back_is_not_sealed_as_genuine(world):
    _write(world, 2)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_auditrecord (created_at, actor_name, action, object_type, object_id, "
                       "object_repr, org_code, changes, client_address, prev_digest, mac, forged) "
                       "VALUES (%s, 'admin', 'accounts.user.create', '', '', '', '', '{}', '', '', '', false)",
                       [timezone.now()])
    inserted = AuditRecord.objects.order_by("-id").first()
    _write(world, 1, start=10)  # the next genuine write's sealing pass meets it
    inserted.refresh_from_db()
    assert (inserted.seq, inserted.digest, inserted.forged) == (None, None, True)
    assert AuditChainHead.objects.get().count == 3  # the genuine records only
    assert [(p.record_id, p.reason) for p in verify_chain()] == [
        (inserted.id, "记录不是由系统写入的（签名无效），未封存入链")]


@pytest.mark.django_db
def test_anchor_catches_a_rewrite_even_with_the_key_and_a_cut_tail(world, anchor):
    _write(world, 3)
    entry = anchor_head(reason="daily")
    assert entry["count"] == 3 and anchor.exists()
    assert json.loads(anchor.read_text().splitlines()[-1])["digest"] == AuditChainHead.objects.get().digest
    assert list(verify_chain()) == []
    # someone holding the key rewrites record 2 and reseals the chain: every link checks out again ...
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET action = 'test.rewritten' WHERE seq = 2")
    reseal_chain()
    problems = list(verify_chain())
    # ... but the head written outside the database three records ago no longer matches
    assert len(problems) == 1 and "外部锚点不符：第 3 条记录的摘要不同" in problems[0].reason
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditrecord WHERE seq = 3")
    reseal_chain()
    assert any("第 3 条记录已不在链中" in p.reason for p in verify_chain())


@pytest.mark.django_db
def test_audit_verify_checks_and_appends_the_anchor(world, anchor):
    _write(world, 2)
    call_command("audit_verify")
    call_command("audit_verify")
    lines = [json.loads(line) for line in anchor.read_text().splitlines()]
    assert [(e["reason"], e["count"]) for e in lines] == [("audit_verify", 2), ("audit_verify", 2)]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET changes = '{}' WHERE seq = 1")
    with pytest.raises(CommandError):
        call_command("audit_verify")
    assert len(anchor.read_text().splitlines()) == 2  # a broken chain is not anchored


@pytest.mark.django_db
def test_an_anchor_file_missing_for_an_old_chain_is_reported(world, anchor):
    _write(world, 1)
    AuditRecord.objects.filter(seq=1).update(created_at=timezone.now() - dt.timedelta(days=3))
    reseal_chain()
    assert [p.reason for p in verify_chain()] == [f"外部锚点文件 {anchor} 不存在（应每天写入）"]


@pytest.mark.django_db
def test_the_old_unkeyed_chain_is_checked_then_resealed_with_the_key(world):
    """Migration core 0004 on an installation with the pre-0018 chain."""
    _write(world, 3)
    prev = GENESIS
    with connection.cursor() as cursor:  # put the chain back as the old code wrote it
        cursor.execute("UPDATE core_auditrecord SET digest = NULL, mac = ''")
        for rec in AuditRecord.objects.order_by("seq"):
            digest = legacy_digest(prev, _fields(rec))
            cursor.execute("UPDATE core_auditrecord SET prev_digest = %s, digest = %s WHERE id = %s",
                           [prev, digest, rec.id])
            prev = digest
        cursor.execute("UPDATE core_auditchainhead SET digest = %s WHERE id = 1", [prev])
    assert len(list(verify_chain())) == 3  # the keyed check does not accept the old links
    assert reseal_chain() == {"records": 3, "legacy_breaks": 0}
    assert list(verify_chain()) == []
    assert all(r.mac for r in AuditRecord.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET digest = %s WHERE seq = 2", ["0" * 64])
    assert reseal_chain()["legacy_breaks"] >= 1  # the breaks of the chain as found are reported


@pytest.mark.django_db
def test_reseal_command_records_itself(world, anchor):
    _write(world, 2)
    call_command("audit_reseal")
    seal_pending()
    assert AuditRecord.objects.filter(action="core.audit.reseal").count() == 1
    assert list(verify_chain()) == []

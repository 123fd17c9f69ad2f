"""security28 #5: the audit chain's head was anchored outside the database once a day (and at `audit_verify`). Anyone
who may write the database — no key needed — could delete the records written since, and set the head row to the
digest and count of the last record kept (both stored in the clear): the chain verified ("审计链完整") and was even
anchored so. On the demo: two `pii.reveal` rows after the last anchor deleted, `audit_verify` passed. The minutely job
now anchors the head whenever it moved."""

from __future__ import annotations

import json

import pytest
from django.db import connection, transaction

from jianfu.core import tasks
from jianfu.core.audit import anchor_head, anchor_if_moved, audit_record, seal_pending, verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor(settings, tmp_path):
    settings.JIANFU_AUDIT_ANCHOR_PATH = str(tmp_path / "audit-anchor.jsonl")
    return tmp_path / "audit-anchor.jsonl"


def _reveals(world, n):
    with transaction.atomic():
        for _i in range(n):
            audit_record(
                actor=world.users["village_a"],
                action="pii.reveal",
                object_type="registry.person",
                object_id="98063",
                org_code="450521200206",
                changes={"field": "id_number"},
            )
    seal_pending()


def _cut_tail_to(keep: int) -> None:
    """What a database writer does: the rows after `keep` deleted, the head set to the last kept row's stored digest."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditrecord WHERE seq > %s", [keep])
        cursor.execute(
            "UPDATE core_auditchainhead SET count = %s, digest = (SELECT digest FROM core_auditrecord "
            "WHERE seq = %s) WHERE id = 1",
            [keep, keep],
        )


def _lines(anchor):
    return [json.loads(line) for line in anchor.read_text().splitlines()]


def test_a_tail_cut_after_the_minutely_anchor_is_reported(world, anchor):
    _reveals(world, 1)
    anchor_head(reason="daily")
    _reveals(world, 2)
    tasks.audit_seal_pending.call_local()  # the minutely job
    assert [(e["reason"], e["count"]) for e in _lines(anchor)] == [("daily", 1), ("minutely", 3)]
    _cut_tail_to(1)
    assert [p.reason for p in verify_chain()] == [
        f"{_lines(anchor)[1]['at']} 锚定的第 3 条记录已不在链中（链尾被删除或数据库被回退）"
    ]


def test_the_minutely_job_writes_nothing_when_the_head_did_not_move(world, anchor):
    _reveals(world, 2)
    assert anchor_if_moved()["count"] == 2
    assert anchor_if_moved() is None
    tasks.audit_seal_pending.call_local()
    assert [(e["reason"], e["count"]) for e in _lines(anchor)] == [("minutely", 2)]
    _reveals(world, 1)
    assert anchor_if_moved()["count"] == 3
    assert list(verify_chain()) == []


def test_without_an_anchor_file_setting_nothing_is_written(world, settings, tmp_path):
    settings.JIANFU_AUDIT_ANCHOR_PATH = ""
    _reveals(world, 1)
    assert anchor_if_moved() is None
    assert list(tmp_path.iterdir()) == []

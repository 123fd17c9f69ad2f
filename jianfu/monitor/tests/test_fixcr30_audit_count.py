"""fix-cr30: the audit record of a ledger import keeps the first 1,000 skipped rows of each kind, while a file may hold
20,000 (xlsx.MAX_ROWS): the audit log counted the kept lists — a 1,050-row export imported back told the user
"跳过重复 1050 行" and the log "重复条数：1000…". Now the counts are kept beside the lists, and the log and the notice
are worded by one helper (services.skipped_rows_text)."""

from __future__ import annotations

import pytest

from jianfu.core import labels
from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db

ROWS = 1050
CSV = "日期*,名称*,提出要求的单位,会议时长（分钟）*\n" + "".join(f"2026-11-02,会议{n},林业局,60\n" for n in range(ROWS))
FIRST_20 = "、".join(str(n) for n in range(2, 22))


def test_an_import_skipping_more_than_the_kept_rows_is_counted_whole(world):
    office = world.users["county_office"]
    services.ledger_import(actor=office, kind="meeting", data=CSV.encode(), filename="会议.csv")
    again = services.ledger_import(actor=office, kind="meeting", data=CSV.encode(), filename="会议（再）.csv")
    assert (again.imported, again.skipped, LedgerMeeting.objects.count()) == (0, ROWS, ROWS)
    assert again.notice() == f"跳过重复 {ROWS} 行（第 {FIRST_20}等 {ROWS} 行与台账中已有记录相同）"
    record = AuditRecord.objects.filter(action="monitor.meeting.import").order_by("pk").last()
    duplicates = record.changes["duplicates"]
    assert (duplicates["count"], duplicates["in_ledger_count"], len(duplicates["in_ledger"]),
            duplicates["in_file_count"], duplicates["in_file"]) == (ROWS, ROWS, 1000, 0, [])
    lines = labels.changes_lines(record.object_type, record.changes, record.action, object_id=record.object_id)
    assert [line for line in lines if line.startswith("重复条数")] == [
        f"重复条数：{ROWS}（第 {FIRST_20}等 {ROWS} 行与台账中已有记录相同）"]


def test_a_record_from_before_the_counts_falls_back_to_the_lists():
    old = {"in_ledger": list(range(2, 1002)), "in_file": [[1003, 2]]}
    assert labels.changes_lines("monitor.ledgermeeting", {"duplicates": old}) == [
        f"重复条数：1001（第 {FIRST_20}等 1000 行与台账中已有记录相同；第 1003 行与第 2 行相同）"]

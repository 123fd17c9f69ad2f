"""newuser30 #1: a ledger import's audit record kept the rows it skipped as duplicates, and the audit log showed them
as "重复条数：in_ledger []，in_file []" — raw keys and Python lists. Now the count, and which rows, in words."""

from __future__ import annotations

import pytest

from jianfu.core import labels
from jianfu.core.models import AuditRecord
from jianfu.monitor import services

pytestmark = pytest.mark.django_db

CSV = ("日期*,名称*,提出要求的单位,会议时长（分钟）*\n2026-11-02,防火会,林业局,60\n2026-11-03,推进会,林业局,60\n"
       "2026-11-02,防火会,林业局,60\n")


def _lines(record: AuditRecord) -> list[str]:
    return labels.changes_lines(record.object_type, record.changes, record.action, object_id=record.object_id)


def test_the_skipped_rows_are_said_in_words(world):
    office = world.users["county_office"]
    first = services.ledger_import(actor=office, kind="meeting", data=CSV.encode(), filename="会议.csv")
    again = services.ledger_import(actor=office, kind="meeting", data=CSV.encode("gbk"), filename="会议（再）.csv")
    assert (first.imported, first.in_file, again.imported, again.in_ledger) == (2, [(4, 2)], 0, [2, 3, 4])
    records = list(AuditRecord.objects.filter(action="monitor.meeting.import").order_by("pk"))
    assert [line for line in _lines(records[0]) if line.startswith("重复条数")] == [
        "重复条数：1（第 4 行与第 2 行相同）"]
    assert [line for line in _lines(records[1]) if line.startswith("重复条数")] == [
        "重复条数：3（第 2、3、4 行与台账中已有记录相同）"]
    page = world.client("county_office").get("/audit/").content.decode()
    assert "in_ledger" not in page and "in_file" not in page


def test_an_import_that_skipped_nothing_says_none_and_both_kinds_are_named():
    for kind in ("document", "meeting", "inspection", "app", "secondment", "plaque", "activity", "demand"):
        assert labels.changes_lines(f"monitor.ledger{kind}", {"duplicates": {"in_ledger": [], "in_file": []}}) == [
            "重复条数：0"]
    assert labels.changes_lines("monitor.ledgerdocument", {"duplicates": {"in_ledger": [5], "in_file": [[7, 6]]}}) == [
        "重复条数：2（第 5 行与台账中已有记录相同；第 7 行与第 6 行相同）"]

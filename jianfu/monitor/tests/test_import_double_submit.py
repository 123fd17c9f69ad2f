"""codereview15 #6: two imports of the same ledger file at the same instant (a double click on 导入, two tabs) write
its rows once. The duplicate check reads under a per-unit lock taken in the writer's transaction: an advisory lock
on PostgreSQL; on SQLite the IMMEDIATE transaction's write lock (config/database.py) serialises the two writers."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from openpyxl import Workbook, load_workbook

from jianfu.core.testing.race import Race
from jianfu.monitor import services, xlsx
from jianfu.monitor.models import LedgerMeeting


def _meetings() -> bytes:
    header = [c.value for c in load_workbook(io.BytesIO(xlsx.template("meeting"))).worksheets[0][1]]
    index = {name.rstrip("*"): i for i, name in enumerate(header)}
    wb = Workbook()
    wb.active.append(header)
    for date, title in (("2025-03-01", "防火会"), ("2025-03-02", "推进会")):
        cells: list = [None] * len(header)
        cells[index["日期"]], cells[index["名称"]], cells[index["提出要求的单位"]] = date, title, "林业局"
        cells[index["会议时长（分钟）"]] = 60
        wb.active.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_imports_of_one_file_write_it_once(world, monkeypatch):
    office = world.users["county_office"]
    content = _meetings()
    if connection.vendor == "sqlite":
        # the test database is SQLite in memory (shared cache: a second writer fails at once with "table is
        # locked" instead of waiting), so the two threads run on PostgreSQL; here, the setting that serialises two
        # writers of a deployed SQLite file, and a double submit one after the other
        from config.database import SQLITE_OPTIONS, database

        assert database("sqlite:////srv/jianfu.sqlite3")["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
        first = services.ledger_import(actor=office, kind="meeting", data=content, filename="会议.xlsx")
        second = services.ledger_import(actor=office, kind="meeting", data=content, filename="会议.xlsx")
        assert [(first.imported, first.in_ledger), (second.imported, second.in_ledger)] == [(2, []), (0, [2, 3])]
        stored = sorted(LedgerMeeting.objects.values_list("org_code", "title"))
        assert stored == [("450521000000", "推进会"), ("450521000000", "防火会")]
        return
    # both imports wait here, after their duplicate check, for the other (at most 3 s): without a lock both checks
    # read an empty ledger and both write; with it the second check waits for the first import to commit
    race = Race(timeout=3)
    race.hold_after(monkeypatch, services, "_without_duplicates")
    results = race.run(*[lambda: services.ledger_import(actor=office, kind="meeting", data=content,
                                                        filename="会议.xlsx")] * 2)
    assert [repr(r) for r in results if isinstance(r, Exception)] == []
    assert sorted((r.imported, r.in_ledger) for r in results) == [(0, [2, 3]), (2, [])]
    stored = sorted(LedgerMeeting.objects.values_list("org_code", "title"))
    assert stored == [("450521000000", "推进会"), ("450521000000", "防火会")]


def test_the_lock_key_is_stable_and_apart_per_ledger_and_unit():
    keys = {services._import_lock_key(kind, code) for kind in ("meeting", "document")
            for code in ("450521000000", "450521200206")}
    assert len(keys) == 4 and all(-(2 ** 63) <= k < 2 ** 63 for k in keys)
    assert services._import_lock_key("meeting", "450521000000") == services._import_lock_key("meeting", "450521000000")
    assert connection.vendor in ("sqlite", "postgresql")

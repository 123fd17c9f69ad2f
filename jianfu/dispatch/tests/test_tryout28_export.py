"""tryout28 #7: the township filtered 网格事件 to 只看超期 (4 events) and 导出 Excel gave all 25 — the export link
carried no filter and the export read none. The export is the list on screen: status, search and 只看超期."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jianfu.dispatch.tests.factories import event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def _numbers(data: bytes) -> list[str]:
    ws = load_workbook(io.BytesIO(data)).active
    return sorted(str(row[0]) for row in ws.iter_rows(min_row=2, values_only=True) if row[0])


def _events(world):
    late = event_in(world, text="村口桥梁护栏断裂，学生上学经过很危险", due_in_hours=-30)
    on_time = event_in(world, text="山上有人偷伐松树", due_in_hours=48)
    done = event_in(world, text="河道里非法采砂", status=Status.CLOSED, due_in_hours=48)
    return late, on_time, done


def test_the_overdue_list_exports_the_overdue_events_only(world):
    late, _on_time, _done = _events(world)
    town = world.client("town_quzhang")
    page = town.get("/dispatch/", {"overdue": "1"}).content.decode()
    assert 'href="/dispatch/export.xlsx?overdue=1"' in page
    assert _numbers(town.get("/dispatch/export.xlsx", {"overdue": "1"}).content) == [late.number]


def test_status_and_search_are_exported_as_listed(world):
    late, on_time, done = _events(world)
    town = world.client("town_quzhang")
    page = town.get("/dispatch/", {"status": Status.CLOSED, "q": "采砂"}).content.decode()
    assert 'href="/dispatch/export.xlsx?status=closed&amp;q=%E9%87%87%E7%A0%82"' in page
    assert _numbers(town.get("/dispatch/export.xlsx", {"status": Status.CLOSED}).content) == [done.number]
    assert _numbers(town.get("/dispatch/export.xlsx", {"q": "松树"}).content) == [on_time.number]
    # no filter, or one the list does not know: every event in scope, as before
    everything = sorted([late.number, on_time.number, done.number])
    assert _numbers(town.get("/dispatch/export.xlsx").content) == everything
    assert (
        _numbers(town.get("/dispatch/export.xlsx", {"status": "bogus", "overdue": "yes"}).content)
        == everything
    )
    assert 'href="/dispatch/export.xlsx"' in town.get("/dispatch/").content.decode()

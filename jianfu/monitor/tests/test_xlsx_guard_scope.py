"""The ledger reader's guard (`xlsxguard.UNREADABLE`, which includes KeyError and TypeError) covers the reading
only: a bad row is still named by row and field, and a bug in mapping the columns is raised as it is, never
reported as a damaged file."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.tests import hostile_files
from jianfu.monitor import xlsx
from jianfu.monitor.models import LedgerMeeting
from jianfu.monitor.tests.test_hostile_uploads import GOOD, HEADER

pytestmark = pytest.mark.django_db


def test_rows_keep_the_numbers_the_user_sees_across_empty_rows():
    data = hostile_files.xlsx([HEADER, GOOD, [], ["2025-03-02", "调度会", "林业局", "", 60, 20, "否"]])
    assert [(n, raw["title"]) for n, raw in xlsx.read_rows("meeting", data, "会议.xlsx")] == [
        (2, "防汛会议"), (4, "调度会")]


def test_a_bug_in_mapping_the_columns_is_not_reported_as_a_damaged_file(monkeypatch):
    def broken(value):
        raise TypeError("a bug, not a damaged file")

    monkeypatch.setattr(xlsx, "_unsafe", broken)
    with pytest.raises(TypeError, match="a bug"):
        xlsx.read_rows("meeting", hostile_files.xlsx([HEADER, GOOD]), "会议.xlsx")


def test_too_many_rows_are_still_refused(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    with pytest.raises(ApplicationError) as raised:
        xlsx.read_rows("meeting", hostile_files.xlsx([HEADER, GOOD, GOOD, [], GOOD]), "会议.xlsx")
    assert raised.value.message == "一次最多导入 2 行，请拆分后分批导入。"


def test_a_bad_row_still_names_row_and_field(world):
    from jianfu.monitor.services import ledger_import

    bad = ["2025-03-01", "防汛会议", "林业局", "", "九十", 30, "否"]
    with pytest.raises(ApplicationError) as raised:
        ledger_import(actor=world.users["dept_forestry"], kind="meeting",
                      data=hostile_files.xlsx([HEADER, GOOD, [], bad]), filename="会议.xlsx")
    assert raised.value.message == ("导入失败，未写入任何记录。请修改以下问题后重新导入：\n"
                                    "第 4 行「会议时长（分钟）」：“九十”不是整数。")
    assert LedgerMeeting.objects.count() == 0

"""badinput14 B01 (session 14): the monitor's ledger import read a hidden first sheet instead of the visible one."""

from __future__ import annotations

import io

from openpyxl import Workbook

from jianfu.monitor.xlsx import read_rows

HEADER = ["日期*", "名称*", "造成单位", "承受单位", "会议时长（分钟）*", "主要讲话时长（分钟）", "层层陪会"]


def test_the_visible_active_sheet_is_read_not_a_hidden_first_one():
    wb = Workbook()
    old = wb.active
    old.title = "旧数据"
    old.append(HEADER)
    old.append(["2026-11-02", "隐藏表里的会议", "县委办", "曲樟乡", 60, 30, "否"])
    shown = wb.create_sheet("会议")
    shown.append(HEADER)
    shown.append(["2026-11-03", "可见表里的会议", "县委办", "曲樟乡", 90, 30, "否"])
    old.sheet_state = "hidden"
    wb.active = 1
    buf = io.BytesIO()
    wb.save(buf)
    rows = read_rows("meeting", buf.getvalue(), "ledger.xlsx")
    assert [(number, raw["title"]) for number, raw in rows] == [(2, "可见表里的会议")]

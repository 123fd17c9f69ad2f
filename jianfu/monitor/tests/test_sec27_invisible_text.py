"""security27 #1-#3 through the monitor's forms and import: bidi marks in a Chinese title (shown reordered, 第21期),
a variation selector that made one meeting two ledger rows, a line separator in a one-line field. The rule itself is
`jianfu.core.text` (jianfu/core/tests/test_text_cleaning.py)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from jianfu.core.formtokens import token_new
from jianfu.monitor import services, xlsx
from jianfu.monitor.models import LedgerMeeting, Notice

pytestmark = pytest.mark.django_db


def _meetings(*rows: tuple[str, str]) -> bytes:
    header = [c.value for c in load_workbook(io.BytesIO(xlsx.template("meeting"))).worksheets[0][1]]
    index = {name.rstrip("*"): i for i, name in enumerate(header)}
    wb = Workbook()
    wb.active.append(header)
    for date, title in rows:
        cells: list = [None] * len(header)
        cells[index["日期"]], cells[index["名称"]], cells[index["提出要求的单位"]] = date, title, "林业局"
        cells[index["会议时长（分钟）"]] = 60
        wb.active.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_an_invisible_character_no_longer_makes_a_second_ledger_row(world):
    office = world.users["county_office"]
    first = services.ledger_import(actor=office, kind="meeting", filename="会议.xlsx",
                                   data=_meetings(("2025-03-01", "全县林长制工作会")))
    # the same meeting with a variation selector, a Hangul filler, a CGJ, bidi marks: the same row, skipped
    again = _meetings(("2025-03-01", "全县林长制工作会\ufe00"), ("2025-03-01", "全县\u3164林长制\u034f工作会\uffa0"),
                      ("2025-03-01", "全县林长制工作会\u115f\u1160\ufe0f"), ("2025-03-02", "第\u200f1\u200f2次\u061c调度会"),
                      ("2025-03-02", "第12次调度会\ufe0e"))
    second = services.ledger_import(actor=office, kind="meeting", filename="会议2.xlsx", data=again)
    assert (first.imported, first.skipped) == (1, 0)
    assert (second.imported, second.in_ledger, second.in_file) == (1, [2, 3, 4], [(6, 5)])
    assert second.notice() == "跳过重复 4 行（第 2、3、4 行与台账中已有记录相同；第 6 行与第 5 行相同）"
    stored = sorted(LedgerMeeting.objects.values_list("date", "title"))
    assert [(d.isoformat(), t) for d, t in stored] == [("2025-03-01", "全县林长制工作会"), ("2025-03-02", "第12次调度会")]


def test_a_line_separator_in_a_one_line_cell_is_a_space(world):
    result = services.ledger_import(actor=world.users["county_office"], kind="meeting", filename="会议.xlsx",
                                    data=_meetings(("2025-03-01", "防汛\u2028调度会"), ("2025-03-02", "防火\u2029部署会\x85")))
    assert result.imported == 2
    stored = sorted(LedgerMeeting.objects.values_list("title", flat=True))
    assert stored == ["防汛 调度会", "防火 部署会"]


def test_a_notice_title_is_stored_as_it_reads(world):
    response = world.client("county_office").post("/monitor/notices/new/", {
        "title": "关于第\u200f1\u200f2期\u2028典型问题的通报\ufe00", "issuer": "合浦县\u3164减负办\u2029",
        "date": "2026-12-01", "body": "电话\u200f139\u200f1234\u200f5678\u2028请核实。", "form_token": token_new()})
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitor/notices/{notice.pk}/"
    assert (notice.title, notice.issuer, notice.body) == ("关于第12期 典型问题的通报", "合浦县减负办",
                                                          "电话13912345678\n请核实。")
    page = world.client("county_office").get(f"/monitor/notices/{notice.pk}/").content.decode()
    assert "关于第12期 典型问题的通报" in page and "\u200f" not in page

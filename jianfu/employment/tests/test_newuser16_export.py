"""newuser16 #9: the dashboard's xlsx prints and stamps as a 人社局 form as it comes — merged title, 表号/制表机关,
ruled cells, A4 landscape one page wide, the title and header rows repeated, a signature line — and stays inert."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from jianfu.employment import metrics
from jianfu.employment.tests.test_reports_and_dashboard import _world_of_help

pytestmark = pytest.mark.django_db


def _sheet(rows, total, **kw):
    data = metrics.export_xlsx(rows, total, title="合浦县重点群体就业帮扶情况统计表", period="2025-06-01 至 2025-06-30",
                               unit="合浦县", preparer="黄秀梅", reported_on=dt.date(2025, 7, 3),
                               issuer="合浦县人力资源和社会保障局", **kw)
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_the_export_is_a_printable_form(world):
    _world_of_help()
    rows, total = metrics.dashboard(prefix="450521", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30),
                                    today=dt.date(2025, 6, 30))
    ws = _sheet(rows, total)
    assert len(metrics.EXPORT_HEADERS) == 23
    last_row = 4 + len(rows) + 1                    # the 合计 row
    signed = last_row + 2
    assert sorted(str(r) for r in ws.merged_cells.ranges) == sorted([
        "A1:W1", "A2:J2", "R2:W2", "A3:J3", "R3:W3",
        f"A{signed}:E{signed}", f"G{signed}:K{signed}", f"M{signed}:Q{signed}", f"R{signed}:W{signed}",
        *[f"A{signed + i}:W{signed + i}" for i in range(1, len(metrics.EXPORT_NOTES) + 1)]])
    assert (ws["A1"].value, ws["A1"].font.bold, ws["A1"].font.size, ws["A1"].alignment.horizontal) == (
        "合浦县重点群体就业帮扶情况统计表", True, 16, "center")
    assert [ws[c].value for c in ("A2", "R2", "A3", "R3")] == [
        "填报单位：合浦县", "表　　号：人社就帮1表", "统计期间：2025-06-01 至 2025-06-30", "制表机关：合浦县人力资源和社会保障局"]
    assert [ws.cell(row=signed, column=c).value for c in (1, 7, 13, 18)] == [
        "单位负责人：", "审核人：", "填表人：黄秀梅", "报出日期：2025-07-03"]
    assert [ws.cell(row=signed + i, column=1).value for i in range(1, 5)] == metrics.EXPORT_NOTES
    # every cell of the table ruled (header to 合计, 23 columns), nothing outside it
    for row in ws.iter_rows(min_row=4, max_row=last_row, max_col=23):
        for cell in row:
            assert (cell.border.left.style, cell.border.right.style, cell.border.top.style,
                    cell.border.bottom.style) == ("thin", "thin", "thin", "thin"), cell.coordinate
    assert ws["A3"].border.bottom.style is None and ws.cell(row=signed, column=1).border.top.style is None
    assert ws.cell(row=last_row, column=1).value == "合计" and ws.cell(row=last_row, column=1).font.bold
    # print setup
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert (ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (
        True, 1, 0)
    assert ws.print_title_rows == "$1:$4"
    assert ws.print_area == f"'重点群体就业帮扶'!$A$1:$W${signed + 4}"
    assert ws.print_options.horizontalCentered is True
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert ws.freeze_panes == "B5"


def test_the_printable_form_stays_inert(world):
    """A name that reads as a formula stays text (core `workbook_bytes`), in the merged title and 填报单位 too."""
    rows, total = metrics.dashboard(prefix="450521", start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30),
                                    today=dt.date(2025, 6, 30))
    data = metrics.export_xlsx(rows, total, title='=HYPERLINK("http://x")', period="p", unit="=1+1",
                               preparer="@SUM(A1)", issuer="+cmd")
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    for cell in ("A1", "A2", "R3"):
        assert ws[cell].data_type == "s", cell
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)

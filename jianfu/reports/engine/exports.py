"""Report outputs: CSV and a clean default xlsx layout (pure)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import replace

from jianfu.core.officeprops import new_workbook, stamp_docx
from jianfu.core.text import xlsx_clean, xlsx_text
from jianfu.core.xlsxscan import workbook_bytes

from .runner import CURRENT_NO_HISTORY, CURRENT_NOTE, CURRENT_REGISTRY, SENT_NOTE, Column, Report, Row


def _fmt(v: object) -> object:
    return "" if v is None else v


def _cell_text(text: str) -> str:
    """Text for an xlsx cell; one that would start a formula is made inert on saving (xlsxscan.workbook_bytes)."""
    return str(xlsx_clean(text))


def _inert(text: str) -> str:
    """Labels and names come from templates departments define: never let one start a formula, nor
    carry a character an xlsx cannot hold."""
    return str(xlsx_text(text))  # text in, text out: xlsx_text only passes non-text through


def _sheet_title(name: str) -> str:
    return re.sub(r"[\\/*?:\[\]]", "_", name)[:31] or "report"


def _body(report: Report) -> list[Row]:
    """The data rows, then a 合计 row only when it sums several units. A one-unit report (a village's own form)
    has no total: repeating the unit would double the figures for whoever sums the column."""
    if len(report.rows) <= 1:
        return list(report.rows) or [report.total]
    total = report.total
    name = total.name if total.name.endswith("合计") else f"{total.name}合计"
    return [*report.rows, replace(total, name=name)]


def header(c: Column, current: list[Column] | None = None, *, sent_on: dt.date | None = None) -> str:
    """A column's heading: its label, its unit in brackets unless the label carries it already
    (`Column.shown_unit`), and "按当前登记数" when a past period's figure is today's record ("按报送时登记数" in a report
    sent on `sent_on`, whose figures are that day's record)."""
    text = f"{c.label}（{c.shown_unit}）" if c.shown_unit else c.label
    if current and c in current:
        text = f"{text}（{SENT_NOTE if sent_on else CURRENT_NOTE}）"
    return text


#: Why, in the line under the table, per `Column.current_reason`: today's record, or (a sent report's snapshot) the
#: record of the day it was sent — "{day}" is filled with 今天 or 报送当日（date）.
CURRENT_WHY = {CURRENT_NO_HISTORY: "登记信息未保留历史记录，按{day}的登记情况统计，不是统计时点的数。",
               CURRENT_REGISTRY: "按{day}的台账登记情况统计，不是统计时点的数。"}


def current_note(current: list[Column], *, sent_on: dt.date | None = None) -> str:
    """The line under a table whose past period shows today's record in some columns: the columns of which no history
    is kept, then those counting today's registry (session 28), each group with why — or, in a report sent on
    `sent_on` (a submission's snapshot), the record of that day (cr28 #1: it said "today" of a figure sent weeks
    before)."""
    mark, day = (SENT_NOTE, f"报送当日（{sent_on.isoformat()}）") if sent_on is not None else (CURRENT_NOTE, "今天")
    parts = []
    for reason in (CURRENT_NO_HISTORY, CURRENT_REGISTRY):
        cols = [c for c in current if (c.current_reason or CURRENT_NO_HISTORY) == reason]
        if cols:
            names = "、".join(f"「{c.label}」" for c in cols)
            parts.append(f"{names}{mark}：{CURRENT_WHY[reason].format(day=day)}")
    return "注：" + "".join(parts) if parts else ""


def current_columns(report: Report, today: dt.date | None, sent_on: dt.date | None = None) -> list[Column]:
    """The columns to mark: those showing the record of `sent_on` (a sent report) or of `today`, for a period that
    ended before that day (`Report.current_only_columns`); none when neither day is given."""
    day = sent_on or today
    return report.current_only_columns(day) if day else []


def to_csv(report: Report, *, today: dt.date | None = None, sent_on: dt.date | None = None) -> str:
    """UTF-8 CSV with a BOM-free header row; Excel users get the xlsx instead. `today`: mark a past period's
    columns that show today's record (`Report.current_only_columns`); `sent_on`: those of a report sent that day."""
    current = current_columns(report, today, sent_on)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["代码", "单位", *[_inert(header(c, current, sent_on=sent_on)) for c in report.columns]])
    for row in _body(report):
        w.writerow([row.code, _inert(row.name), *[_fmt(row.values.get(c.key)) for c in report.columns]])
    return buf.getvalue()


def to_xlsx(report: Report, *, unit_name: str = "", status: str = "", today: dt.date | None = None,
            sent_on: dt.date | None = None) -> bytes:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = new_workbook(title=report.template.name)
    ws = wb.active
    ws.title = _sheet_title(report.template.name)
    n = len(report.columns) + 2
    ws.cell(1, 1, _cell_text(report.template.name)).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    meta = f"填报单位：{unit_name or report.total.name}    报告期：{report.period.label}    " \
           f"统计时点：{report.period.reference_date.isoformat()}    主管部门：{report.template.department_name}"
    if status:
        meta += f"    状态：{status}"
    ws.cell(2, 1, meta)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    manual_fill = PatternFill("solid", fgColor="FFF4CE")
    current = current_columns(report, today, sent_on)
    head = ["代码", "单位", *[_cell_text(header(c, current, sent_on=sent_on)) for c in report.columns]]
    for j, text in enumerate(head, start=1):
        cell = ws.cell(3, j, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = border
        if j > 2 and report.columns[j - 3].is_manual:
            cell.fill = manual_fill
    body = _body(report)
    sums_units = len(report.rows) > 1
    for i, row in enumerate(body, start=4):
        ws.cell(i, 1, row.code).border = border
        ws.cell(i, 2, _cell_text(row.name)).border = border
        for j, c in enumerate(report.columns, start=3):
            cell = ws.cell(i, j, row.values.get(c.key))
            cell.border = border
            if c.decimals:
                cell.number_format = "0." + "0" * c.decimals
        if sums_units and i == len(body) + 3:
            for j in range(1, n + 1):
                ws.cell(i, j).font = Font(bold=True)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 16
    for j in range(3, n + 1):
        ws.column_dimensions[get_column_letter(j)].width = 12
    ws.row_dimensions[3].height = 48
    ws.freeze_panes = "C4"
    ws.cell(len(body) + 5, 1, "黄色表头为手工填报项，其余由一表同享台账自动生成。")
    if current:
        ws.cell(len(body) + 6, 1, _cell_text(current_note(current, sent_on=sent_on)))
    return workbook_bytes(wb)


def _docx_value(c: Column, v: object) -> str:
    """A figure as the page shows it: blank when none, a whole count without ".0", a ratio to its decimals."""
    if v is None:
        return ""
    if isinstance(v, float):
        if c.decimals:
            return f"{v:.{c.decimals}f}"
        if v.is_integer():
            return str(int(v))
    return str(v)


def to_docx(report: Report, *, unit_name: str = "", status: str = "", today: dt.date | None = None,
            sent_on: dt.date | None = None) -> bytes:
    """A Word copy of a report (mend34 #3: 一表同享 "every departmental form is generated"): the form's title, the
    line of 填报单位 / 报告期 / 统计时点 / 主管部门 (/ 状态) as in the xlsx, and a table. One unit (a village's own
    form): a row per item — 项目, 计量单位, 数值, 来源 (手工填报 / 自动生成). Several units: a row per unit and its 合计,
    a column per item, on a landscape page. Labels and names are cleaned of what a .docx cannot hold. A report holds
    figures of units, never a person: there is no identifier in it to mask."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    stamp_docx(doc, title=_cell_text(report.template.name))
    heading = doc.add_heading(_cell_text(report.template.name), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = [f"填报单位：{unit_name or report.total.name}", f"报告期：{report.period.label}",
            f"统计时点：{report.period.reference_date.isoformat()}", f"主管部门：{report.template.department_name}"]
    if status:
        meta.append(f"状态：{status}")
    for line in meta:
        doc.add_paragraph(_cell_text(line))
    current = current_columns(report, today, sent_on)
    body = _body(report)
    if len(body) == 1:
        row = body[0]
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("项目", "计量单位", "数值", "来源"), strict=True):
            cell.text = text
        for c in report.columns:
            label = c.label + (f"（{SENT_NOTE if sent_on else CURRENT_NOTE}）" if c in current else "")
            cells = table.add_row().cells
            for cell, text in zip(cells, (_cell_text(label), c.shown_unit, _docx_value(c, row.values.get(c.key)),
                                          "手工填报" if c.is_manual else "自动生成"), strict=True):
                cell.text = text
    else:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        table = doc.add_table(rows=1, cols=len(report.columns) + 1)
        table.style = "Table Grid"
        head = ["单位", *[_cell_text(header(c, current, sent_on=sent_on)) for c in report.columns]]
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.text = text
        for r in body:
            cells = table.add_row().cells
            cells[0].text = _cell_text(r.name)
            for cell, c in zip(cells[1:], report.columns, strict=True):
                cell.text = _docx_value(c, r.values.get(c.key))
    doc.add_paragraph("手工填报项由村（社区）填写，其余由一表同享台账自动生成。")
    if current:
        doc.add_paragraph(_cell_text(current_note(current, sent_on=sent_on)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

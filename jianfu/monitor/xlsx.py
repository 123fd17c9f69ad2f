"""Ledger workbooks: the import template of each ledger, each ledger's export in the template's shape
(so an export can be edited and imported again), reading an upload, and the dashboard export.

The template's header row is the field labels of `ledgers.fields_of(kind)`; an upload is matched by
label (or field name), so columns may be in any order. Reading never writes: services validate every
row and then write all of them in one transaction, or none."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jianfu.core.errors import ApplicationError
from jianfu.core.officeprops import new_workbook
from jianfu.core.uploads import too_large_message
from jianfu.core.xlsxguard import (
    FORMULA_START,
    UNREADABLE,
    SheetInfo,
    formula_without_value,
    formulas_by_row,
    merged_refusal,
    sheet_info,
    shown_sheet,
    workbook_bytes,
    xlsx_refusal,
)
from jianfu.monitor import ledgers
from jianfu.monitor.models import LedgerKind

MAX_BYTES = 10 * 2**20
MAX_ROWS = 20_000  # a county-year of one ledger (the bench's 10,000 documents) exports and imports whole


def template(kind: str) -> bytes:
    return _ledger_workbook(kind, [])


def export(kind: str, rows: Iterable[Any]) -> bytes:
    """Ledger rows in the import template's shape: the same header and columns, each cell written as
    the import reads it back — units by code, choices by their Chinese label, 是/否, dates as dates."""
    return _ledger_workbook(kind, ([cell_of(spec, row) for spec in ledgers.fields_of(kind)] for row in rows))


def cell_of(spec: ledgers.FieldSpec, row: Any) -> Any:
    if spec.name == "issuer":
        return row.issuer_code
    if spec.name == "target":
        return row.org_code
    if spec.name == "from_unit":
        return row.from_unit_code
    if spec.name == "review":
        return row.review_id
    value = getattr(row, spec.name)
    if spec.type == "bool":
        return _("是") if value else _("否")
    if spec.type == "choice":
        return dict(spec.choices).get(value, value)
    return value


def _ledger_workbook(kind: str, rows: Iterable[list[Any]]) -> bytes:
    specs = ledgers.fields_of(kind)
    wb = new_workbook(title=_("%(label)s台账") % {"label": LedgerKind(kind).label})
    ws = wb.active
    ws.title = _("台账")
    ws.append([spec.label + ("*" if spec.required else "") for spec in specs])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    dates = [i for i, spec in enumerate(specs, start=1) if spec.type == "date"]
    for number, values in enumerate(rows, start=2):
        ws.append([_safe(v) for v in values])
        for column in dates:
            ws.cell(row=number, column=column).number_format = "yyyy-mm-dd"
    # every column with a fixed set of values gets a drop-down of exactly what the import accepts by label
    for column, spec in enumerate(specs, start=1):
        if values := ledgers.offered(spec):
            letter = get_column_letter(column)
            pick = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True,
                                  showErrorMessage=True, errorTitle=_("不是可选的值"),
                                  error=_("请从下拉列表中选：%(c)s") % {"c": "、".join(values)})
            pick.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            ws.add_data_validation(pick)
    notes = wb.create_sheet(_("填写说明"))
    notes.append([_("列"), _("必填"), _("说明")])
    for spec in specs:
        notes.append([spec.label, _("是") if spec.required else "", ledgers.instruction(spec)])
    return workbook_bytes(wb)


def _unsafe(value):
    """The inverse of `_safe` on import: an export's formula-inert text reads back as it was."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def _safe(value):
    """A cell's value; text that a spreadsheet would run as a formula is made inert when the workbook is saved
    (`jianfu.core.xlsxguard.workbook_bytes`: a text cell with the quote prefix, the text unchanged)."""
    if isinstance(value, Promise):
        value = str(value)
    return value


def read_rows(kind: str, data: bytes, filename: str) -> list[tuple[int, dict]]:
    """(row number as the user sees it, {field name: cell value}) for every non-empty row."""
    if not data:
        raise ApplicationError(_("文件为空（0 字节），请检查后重新上传。"), code="empty", field="file")
    if len(data) > MAX_BYTES:
        raise ApplicationError(too_large_message(_("文件"), limit=MAX_BYTES, size=len(data)), code="too_large",
                               field="file")
    if (filename or "").lower().endswith(".csv"):
        return _csv_rows(kind, data, filename)
    if not (filename or "").lower().endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(data)):
        raise ApplicationError(_("请上传 .xlsx 或 .csv 格式的台账（可先下载导入模板）；不支持 .xls 或其他格式。"),
                               code="not_xlsx", field="file")
    refusal = xlsx_refusal(data)
    if refusal:
        raise ApplicationError(refusal, code="unreadable", field="file")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE as exc:
        raise ApplicationError(_("无法读取该 .xlsx 文件，文件可能已损坏。"), code="unreadable", field="file") from exc
    try:
        header, rows, info = _sheet_rows(wb, data)
    except UNREADABLE as exc:  # a damaged sheet is only found while its rows are read
        raise ApplicationError(_("无法读取该 .xlsx 文件，文件可能已损坏。"), code="unreadable", field="file") from exc
    finally:
        wb.close()
    # mapping the columns is outside the guard: a bug there is a bug, never "a damaged file"
    return _rows_of(kind, header, rows, info)


def _csv_rows(kind: str, data: bytes, filename: str) -> list[tuple[int, dict]]:
    """A csv (UTF-8, UTF-8 with BOM or GBK, delimiter sniffed) read by the reader the postings import uses
    (`jianfu.registry.ledger.reader`), its header on the first row as in the template; the cells are text, which
    `ledgers.clean_value` reads as it reads typed text in a workbook (newuser18 #3)."""
    from jianfu.registry.ledger.reader import LedgerFileError, open_ledger

    ledger = None
    try:
        ledger = open_ledger(io.BytesIO(data), filename=filename, header_row=1, max_rows=MAX_ROWS + 1)
        rows: list[tuple[int, tuple]] = []
        for number, values in ledger.rows():
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            rows.append((number, tuple(values)))
            if len(rows) > MAX_ROWS:
                break
        header = tuple(ledger.headers)
    except LedgerFileError as exc:
        raise ApplicationError(exc.reason, code="unreadable", field="file") from exc
    finally:
        if ledger is not None:
            ledger.close()
    return _rows_of(kind, header, rows)


def _sheet_rows(wb: Any, data: bytes) -> tuple[tuple | None, list[tuple[int, tuple]], SheetInfo]:
    """Only the reading: the shown sheet's header and its non-empty rows with their numbers as the user sees them,
    one past the row limit at most, and what the scan of its XML found. The shown sheet is the one every import
    reads (`xlsxguard.shown_sheet`: the active sheet if visible, else the first visible one), not a hidden first
    sheet (badinput14 B01)."""
    sheets = wb.worksheets
    active = wb.active
    chosen = shown_sheet([getattr(ws, "sheet_state", "visible") for ws in sheets],
                         sheets.index(active) if active in sheets else 0)
    ws = sheets[chosen]
    # One streaming pass over the sheet's XML, found by the workbook's relationships (no private openpyxl
    # attribute): B06, a merged range (only its first cell holds the value) is named as the employment import
    # names it, not reported as the empty cells below it; a formula without a cached result is named as one.
    info = sheet_info(data, ws.title)
    refusal = merged_refusal(info.merged, header_row=1, sheet_name=ws.title)
    if refusal:
        raise ApplicationError(refusal + "。", code="merged_cells", field="file")
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    out: list[tuple[int, tuple]] = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        out.append((number, tuple(values)))
        if len(out) > MAX_ROWS:
            break
    return header, out, info


MAX_LISTED_ERRORS = 50  # as the row check lists them (services._bulk_write)


def _rows_of(kind: str, header: tuple | None, rows: list[tuple[int, tuple]],
             info: SheetInfo | None = None) -> list[tuple[int, dict]]:
    if not header:
        raise ApplicationError(_("工作表为空：第 1 行应为表头。"), code="empty", field="file")
    specs = ledgers.fields_of(kind)
    by_label = {}
    for spec in specs:
        by_label[spec.label] = spec.name
        by_label[spec.label + "*"] = spec.name
        by_label[spec.name] = spec.name
        for alias in spec.aliases:
            by_label[alias] = spec.name
    columns: list[str | None] = []
    for cell in header:
        name = by_label.get(str(cell).strip()) if cell is not None else None
        columns.append(name)
    missing = [spec.label for spec in specs if spec.required and spec.name not in columns]
    if missing:
        raise ApplicationError(_("表头缺少必填列：%(c)s。请使用导入模板。") % {"c": "、".join(missing)},
                               code="missing_columns", field="file")
    # A formula saved without its result (a file written by a script, or by WPS without recalculating) reads as
    # None: it is named as a formula, never reported as "不能为空". A formula with a cached result reads as that.
    labels = {spec.name: spec.label for spec in specs}
    formulas = formulas_by_row(info or SheetInfo(), [i for i, name in enumerate(columns) if name])
    errors = [formula_without_value(number, labels[columns[i]])
              for number in sorted(n for n in formulas if n > 1) for i in formulas[number]]
    if errors:
        listed = errors[:MAX_LISTED_ERRORS]
        more = _("……另有 %(n)d 处公式未列出") % {"n": len(errors) - len(listed)} if len(errors) > len(listed) else ""
        raise ApplicationError(_("导入失败，未写入任何记录。请修改以下问题后重新导入：\n") + "\n".join(listed + ([more] if more else [])),
                               code="import_invalid", field="file", details={"errors": errors[:1000]})
    out: list[tuple[int, dict]] = []
    for number, values in rows:
        if len(out) >= MAX_ROWS:
            raise ApplicationError(_("一次最多导入 %(n)d 行，请拆分后分批导入。") % {"n": MAX_ROWS},
                                   code="too_many_rows", field="file")
        raw = {}
        for name, value in zip(columns, values, strict=False):
            if name:
                raw[name] = _unsafe(value)
        out.append((number, raw))
    if not out:
        raise ApplicationError(_("没有可导入的数据行。"), code="empty", field="file")
    return out


def workbook(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """An export: one sheet per (title, header, rows); text cells are made formula-inert."""
    wb = new_workbook(title=sheets[0][0] if sheets else "")
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append([_safe(v) for v in r])
    return workbook_bytes(wb)

"""Department xlsx forms: read their header cells, and fill a report into them (pure, openpyxl).

A typical grassroots form::

    row 1   城乡低保月报表                         (title, merged across the sheet)
    row 2   填报单位：          2025年7月            (meta line)
    row 3   序号 | 村（社区） | 低保对象（merged over 3 cols） | 特困人员 …
    row 4        |            | 户数 | 人数 | 其中：女   | …
    row 5…  data rows (empty in a blank form)

The header block is the run of rows, starting at the first row with at least three text cells, in
which text keeps appearing; merged cells carry their value to every column they span. Each column's
header is its lowest text; its parent is the nearest caption above it that spans several columns and that the header
can be a part of (`headers.can_qualify`: "其中：60岁以上" is not a part of "随迁未成年人数", whatever the merge says). In
a flat header row, a "其中…" column qualifies the nearest column to its left that it can be a part of
(流动人口数 | 其中：男 | … | 随迁未成年人数 | 其中：60岁以上 → 流动人口数).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jianfu.core.xlsxscan import (
    NOT_XLSX,
    UNREADABLE,
    inert_cell,
    scan_sheet_xml,
    sheet_members,
    workbook_sheets,
    xlsx_refusal,
)

from .errors import EngineError
from .headers import STRUCTURAL, choose_parent

if TYPE_CHECKING:  # openpyxl ships no type information: these names document, mypy sees Any
    from openpyxl.workbook.workbook import Workbook

MAX_HEADER_ROWS = 5
# any part of a department's form, unpacked: openpyxl outside read-only mode builds every cell (a blank form
# is < 1 MB; 15 MB of sheet XML, 300,000 cells, took 31 s and 110 MB on 2026-12-04, a loaded 2-core machine)
MAX_FORM_PART_BYTES = 8 * 2**20
# and all parts together, and the sheets: a 101 KB upload of one header sheet and three 8 MB sheets of the same cell
# took 54 s and +700 MB at /reports/match/ (security17 #1). A form is read from one sheet (read-only, its first rows);
# filling it (`fill_form`) loads the whole workbook, so what the form may hold in all is capped too.
MAX_FORM_TOTAL_BYTES = 32 * 2**20
MAX_FORM_SHEETS = 50
SCAN_ROWS = 20


@dataclass(frozen=True)
class HeaderCell:
    column: str  # column letter(s), e.g. "D"
    row: int  # row of the header text
    text: str
    parent: str | None  # the caption (or, for "其中…", the column) it is a part of, if any
    captions: tuple[str, ...] = ()  # the group captions merged above it, nearest first

    @property
    def full_text(self) -> str:
        return f"{self.parent} / {self.text}" if self.parent else self.text


@dataclass
class FormLayout:
    sheet: str
    title: str
    header_rows: tuple[int, int]  # first, last
    first_data_row: int
    unit_column: str | None  # the column holding unit (village) names, if found
    headers: list[HeaderCell]


def _open(data: bytes | str, *, read_only: bool = False) -> Workbook:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if isinstance(data, bytes):
        # openpyxl outside read-only mode holds every cell: a form's sheet is a few MB of XML
        refusal = xlsx_refusal(data, max_part_bytes=MAX_FORM_PART_BYTES, max_total_bytes=MAX_FORM_TOTAL_BYTES,
                               max_sheets=MAX_FORM_SHEETS)
        if refusal:
            raise EngineError(refusal, field="file")
    try:
        src = io.BytesIO(data) if isinstance(data, bytes) else data
        return openpyxl.load_workbook(src, read_only=read_only, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError):
        # the library's English reason is not shown (badinput15 #12): the one Chinese one of every xlsx import
        raise EngineError(NOT_XLSX, field="file") from None
    except Exception:  # zipfile.BadZipFile, a damaged sheet's ParseError and friends
        raise EngineError(DAMAGED, field="file") from None


DAMAGED = "文件不是有效的 xlsx（内容已损坏），请在 Excel 中另存为 .xlsx 后重新上传"
MAX_COLUMNS = 200


def _one_sheet(data: bytes, sheet: str | None) -> tuple[str, str, bytes]:
    """(the form's sheet — `sheet`, else the first worksheet —, its zip member, the workbook with that sheet alone):
    the other sheets' parts are left out and workbook.xml lists the one sheet, so no reader parses another sheet
    (openpyxl, even read-only, reads every sheet's XML through when it declares no dimension: security17 #1)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            sheets, _active = workbook_sheets(zf)
            members, _states, _active = sheet_members(zf)
            names = [name for name, _state, _rid in sheets]
            if sheet is not None and sheet not in names:
                raise EngineError(f"工作表「{sheet}」不存在（有：{'、'.join(names)}）", field="sheet")
            chosen = sheet if sheet is not None else next(
                (name for name in names if members.get(name, "").startswith("xl/worksheets/")), None)
            if chosen is None or chosen not in members:
                raise EngineError(NOT_XLSX, field="file")
            rid = next(rid for name, _state, rid in sheets if name == chosen)
            member = members[chosen]
            if not member.startswith("xl/worksheets/"):
                raise EngineError(f"工作表「{chosen}」是图表，不是表格，请选择表头所在的工作表", field="sheet")
            others = {path for name, path in members.items() if name != chosen}
            others |= {f"{path.rpartition('/')[0]}/_rels/{path.rpartition('/')[2]}.rels" for path in others}
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
                for info in zf.infolist():
                    if info.filename in others:
                        continue
                    content = zf.read(info.filename)
                    if info.filename == "xl/workbook.xml":
                        content = _workbook_of_one(content.decode("utf-8"), rid).encode("utf-8")
                    dst.writestr(info.filename, content)
    except UNREADABLE:
        raise EngineError(NOT_XLSX, field="file") from None
    return chosen, member, out.getvalue()


def _workbook_of_one(xml: str, rid: str) -> str:
    """workbook.xml listing only the sheet of relationship `rid`, without the defined names (print areas, which
    name sheets by position) and the active tab (a position among the sheets left out)."""
    def keep(m: re.Match[str]) -> str:
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
        return m.group(0) if any(k.endswith(":id") and v == rid for k, v in attrs.items()) else ""

    xml = re.sub(r"<(?:\w+:)?sheet\b([^>]*?)/>", keep, xml)
    xml = re.sub(r"<(?:\w+:)?definedNames\b.*?</(?:\w+:)?definedNames>", "", xml, flags=re.S)
    return re.sub(r'\s(?:activeTab|firstSheet)="\d+"', "", xml)


def _first_rows(data: bytes | str, sheet: str | None) -> tuple[str, dict[tuple[int, int], object], list[str]]:
    """(the sheet's title, {(row, column): value} of its first SCAN_ROWS rows, its merged ranges): the form's
    sheet alone, read-only and only as far as its header can reach — never the other sheets, nor the rows below
    (security17 #1: every sheet was loaded, every cell built)."""
    if isinstance(data, str):
        with open(data, "rb") as fh:
            data = fh.read()
    refusal = xlsx_refusal(data, max_part_bytes=MAX_FORM_PART_BYTES, max_total_bytes=MAX_FORM_TOTAL_BYTES,
                           max_sheets=MAX_FORM_SHEETS)
    if refusal:   # before any part is read, the whole upload as it came
        raise EngineError(refusal, field="file")
    title, member, alone = _one_sheet(data, sheet)
    wb = _open(alone, read_only=True)
    try:
        ws = wb.worksheets[0]
        values: dict[tuple[int, int], object] = {}
        try:
            for row in ws.iter_rows(min_row=1, max_row=SCAN_ROWS, max_col=MAX_COLUMNS):
                for cell in row:
                    if cell.value is not None:
                        values[(cell.row, cell.column)] = cell.value
            with zipfile.ZipFile(io.BytesIO(alone)) as zf:
                merged = scan_sheet_xml(zf, member).merged
        except UNREADABLE:
            raise EngineError(DAMAGED, field="file") from None
    finally:
        wb.close()
    return title, values, merged


def read_layout(data: bytes | str, *, sheet: str | None = None) -> FormLayout:
    from openpyxl.utils import get_column_letter, range_boundaries

    title_of_sheet, values, merged = _first_rows(data, sheet)
    ranges = [range_boundaries(ref) for ref in merged]  # (min_col, min_row, max_col, max_row)
    max_col = min(max([c for _r, c in values] + [rng[2] for rng in ranges if rng[1] <= SCAN_ROWS] + [0]),
                  MAX_COLUMNS)
    grid: dict[tuple[int, int], str] = {}
    for (r, c), v in values.items():
        if c <= max_col and isinstance(v, str) and v.strip() and not v.startswith("="):
            grid[(r, c)] = re.sub(r"\s+", "", v.strip())
    spans: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for min_col, min_row, max_col_of, max_row_of in ranges:
        top = (min_row, min_col)
        for r in range(min_row, min(max_row_of, SCAN_ROWS) + 1):
            for c in range(min_col, min(max_col_of, MAX_COLUMNS) + 1):
                spans[(r, c)] = (min_row, min_col, max_row_of, max_col_of)
                if (r, c) != top and top in grid:
                    grid[(r, c)] = grid[top]

    def texts_in_row(r: int) -> int:
        return len({spans.get((r, c), (r, c, r, c))[:2] for c in range(1, max_col + 1) if (r, c) in grid})

    start = next((r for r in range(1, SCAN_ROWS + 1) if texts_in_row(r) >= 3), None)
    if start is None:
        raise EngineError(f"工作表「{title_of_sheet}」前 {SCAN_ROWS} 行找不到表头（需要至少 3 个文字单元格的一行）",
                          field="sheet")
    title = ""
    for r in range(1, start):
        row_text = [grid[(r, c)] for c in range(1, max_col + 1) if (r, c) in grid]
        if row_text and not title and "：" not in row_text[0] and ":" not in row_text[0]:
            title = row_text[0]
    end = start
    for r in range(start + 1, min(start + MAX_HEADER_ROWS, SCAN_ROWS + 1)):
        # a header row continues the block if it holds text that is not a unit name row,
        # or if merged header cells reach into it
        merged_from_above = any(spans.get((r, c), (r,))[0] < r and spans[(r, c)][0] >= start
                                for c in range(1, max_col + 1) if (r, c) in spans)
        own_text = [c for c in range(1, max_col + 1)
                    if (r, c) in grid and not (spans.get((r, c)) and spans[(r, c)][0] < r)]
        first_cols_only = own_text and max(own_text) <= 2
        if (own_text and not first_cols_only and not _looks_like_data(values, r, max_col)) or merged_from_above:
            end = r
        else:
            break
    headers: list[HeaderCell] = []
    unit_column = None
    for c in range(1, max_col + 1):
        col_texts: list[tuple[int, str]] = []
        for r in range(start, end + 1):
            t = grid.get((r, c))
            if t and (not col_texts or col_texts[-1][1] != t):
                col_texts.append((r, t))
        if not col_texts:
            continue
        row, text = col_texts[-1]
        # the captions above it that span several columns (group captions), nearest first
        own = [ptext for prow, ptext in reversed(col_texts[:-1])
               if (span := spans.get((prow, c))) and span[3] > span[1]]
        captions = list(own)
        if re.match(r"^其中[:：]?", text):
            # "其中" is a part of something on its left when no caption above can hold it: the nearest column of
            # its row it can be a part of, or that column's own group caption (a flat row, or a caption merged
            # over the wrong columns)
            for h in reversed(headers):
                if h.row != row:
                    continue
                if not re.match(r"^其中[:：]?", h.text) and not STRUCTURAL.match(re.sub(r"[(（].*?[)）]", "", h.text)):
                    captions.append(h.text)
                captions.extend(h.captions)
        parent = choose_parent(text, dict.fromkeys(captions))
        if unit_column is None and re.search(r"村|社区|单位|乡镇|街道|名称", text) and c <= 3:
            unit_column = get_column_letter(c)
        headers.append(HeaderCell(get_column_letter(c), row, text, parent, tuple(own)))
    return FormLayout(title_of_sheet, title, (start, end), end + 1, unit_column, headers)


def _looks_like_data(values: dict[tuple[int, int], object], r: int, max_col: int) -> bool:
    vals = [values.get((r, c)) for c in range(1, max_col + 1)]
    nums = sum(1 for v in vals if isinstance(v, int | float) and not isinstance(v, bool))
    return nums >= 2


def fill_form(data: bytes, layout_sheet: str, first_data_row: int, unit_column: str | None,
              rows: list[tuple[str, dict[str, object]]], addresses: dict[str, str], *, note: str = "") -> bytes:
    """Write `rows` (unit name, {cell key: value}) into the department's own form.

    addresses: cell key → column letter ("D") — each report row goes to the next data row — or an
    absolute address ("D7") for single-unit forms (the value of the first row goes there). `note`: a line written
    in the first column two rows below the last row the sheet holds (which columns show today's record for a past period).
    """
    wb = _open(data)
    if layout_sheet not in wb.sheetnames:
        raise EngineError(f"工作表「{layout_sheet}」不存在", field="sheet")
    ws = wb[layout_sheet]
    for i, (name, values) in enumerate(rows):
        r = first_data_row + i
        # what is written is made inert (xlsxscan.inert_cell); the department's own formulas stay formulas
        if unit_column:
            ws[f"{unit_column}{r}"] = name
            inert_cell(ws[f"{unit_column}{r}"])
        for key, addr in addresses.items():
            if not addr:
                continue
            v = values.get(key)
            if re.match(r"^[A-Z]{1,3}\d+$", addr):
                if i == 0:
                    ws[addr] = v
                    inert_cell(ws[addr])
            else:
                ws[f"{addr}{r}"] = v
                inert_cell(ws[f"{addr}{r}"])
    if note:
        where = f"A{ws.max_row + 2}"   # below all the form holds: nothing of the department's is overwritten
        ws[where] = note
        inert_cell(ws[where])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

"""The xlsx guard for Django code: `jianfu.core.xlsxscan`'s names, with the messages of the four functions that make
one (`merged_refusal`, `sheet_note`, `formula_without_value`, `formula_refusal`) put through gettext.

The scan itself lives in `xlsxscan`, which imports no Django, so the pure cores that read or write an xlsx
(`reports.engine`, `employment.matching`) stay pure (codereview16 #7); they import `xlsxscan`, never this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext

from . import xlsxscan
from .xlsxscan import (  # re-exported (__all__): the importers read every name from here
    FORMULA_START,
    MAX_COMPRESSION_RATIO,
    MAX_DIRECTORY_BYTES,
    MAX_ENTRIES,
    MAX_PART_BYTES,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_HEAD_BYTES,
    MAX_SHEETS,
    MAX_TOTAL_BYTES,
    MERGE_CELL,
    NOT_XLSX,
    RATIO_FLOOR_BYTES,
    UNREADABLE,
    SheetHeadTooLarge,
    SheetInfo,
    directory_refusal,
    file_tail,
    formulas_by_row,
    head_workbook,
    inert_cell,
    inert_workbook,
    scan_sheet_xml,
    shared_strings_count,
    sheet_info,
    sheet_members,
    sheet_refusal,
    shown_sheet,
    workbook_bytes,
    workbook_sheets,
    xlsx_refusal,
    xml_unescape,
)

__all__ = [
    "FORMULA_START",
    "MAX_COMPRESSION_RATIO",
    "MAX_DIRECTORY_BYTES",
    "MAX_ENTRIES",
    "MAX_PART_BYTES",
    "MAX_SHARED_STRINGS_BYTES",
    "MAX_SHEET_HEAD_BYTES",
    "MAX_SHEETS",
    "MAX_TOTAL_BYTES",
    "MERGE_CELL",
    "NOT_XLSX",
    "RATIO_FLOOR_BYTES",
    "SheetHeadTooLarge",
    "SheetInfo",
    "UNREADABLE",
    "directory_refusal",
    "file_tail",
    "formula_refusal",
    "formula_without_value",
    "formulas_by_row",
    "head_workbook",
    "inert_cell",
    "inert_workbook",
    "merged_refusal",
    "scan_sheet_xml",
    "shared_strings_count",
    "sheet_info",
    "sheet_members",
    "sheet_note",
    "sheet_refusal",
    "shown_sheet",
    "workbook_bytes",
    "workbook_sheets",
    "xlsx_refusal",
    "xml_unescape",
]


def merged_refusal(merged: Iterable[str], *, header_row: int, sheet_name: str) -> str | None:
    """`xlsxscan.merged_refusal`, translated."""
    return xlsxscan.merged_refusal(merged, header_row=header_row, sheet_name=sheet_name, gettext=gettext)


def sheet_note(names: Sequence[str], states: Sequence[str], chosen: int) -> str:
    """`xlsxscan.sheet_note`, translated."""
    return xlsxscan.sheet_note(names, states, chosen, gettext=gettext)


def formula_without_value(row: int, column: str) -> str:
    """`xlsxscan.formula_without_value`, translated."""
    return xlsxscan.formula_without_value(row, column, gettext=gettext)


def formula_refusal(info: SheetInfo, header: Sequence[object], *, header_row: int = 1) -> str | None:
    """`xlsxscan.formula_refusal`, translated."""
    return xlsxscan.formula_refusal(info, header, header_row=header_row, gettext=gettext)

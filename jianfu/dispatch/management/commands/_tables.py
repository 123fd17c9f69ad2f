"""Reading csv/xlsx tables for the routing commands (row numbers in errors count the header as row 1)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.core.management.base import CommandError


def read_table(path: str) -> tuple[list[str], list[list[str]]]:
    p = Path(path)
    if not p.exists():
        raise CommandError(f"找不到文件：{path}")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import io

        from openpyxl import load_workbook

        from jianfu.core.xlsxguard import NOT_XLSX, UNREADABLE, formula_refusal, sheet_info, xlsx_refusal

        data = p.read_bytes()
        # what the file unpacks to, before openpyxl holds it in memory (a zip bomb, an encrypted or renamed file)
        refusal = xlsx_refusal(data)
        if refusal:
            raise CommandError(f"无法读取 Excel 文件 {path}：{refusal}" if refusal != NOT_XLSX
                               else f"无法读取 Excel 文件 {path}：{NOT_XLSX}（加密的文件请先在 Excel 中取消密码再导出）")
        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:   # a damaged sheet is only found while its rows are read
                rows = [["" if c is None else str(c) for c in row]
                        for row in wb.worksheets[0].iter_rows(values_only=True)]
                # a formula saved without its result (a script's file, WPS's) reads as "": named, not trained on
                formula = formula_refusal(sheet_info(data, wb.worksheets[0].title), rows[0] if rows else [])
            finally:
                wb.close()
        except UNREADABLE:
            raise CommandError(f"无法读取 Excel 文件 {path}：{NOT_XLSX}") from None
        if formula:
            raise CommandError(f"{path}：{formula}")
    elif suffix in (".csv", ".txt", ""):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                with p.open(encoding=encoding, newline="") as f:
                    rows = list(csv.reader(f))
                break
            except UnicodeDecodeError:
                continue
        else:
            raise CommandError(f"无法识别文件编码（支持 UTF-8 和 GB18030）：{path}")
    else:
        raise CommandError(f"只支持 .csv 和 .xlsx 文件：{path}")
    if not rows:
        raise CommandError(f"文件为空：{path}")
    header = [h.strip() for h in rows[0]]
    return header, rows[1:]


def column(header: list[str], name: str, option: str) -> int:
    if name not in header:
        raise CommandError(f"找不到列「{name}」（{option}）。文件的列有：{'、'.join(header)}")
    return header.index(name)

"""Hostile xlsx files for the upload tests of every app: each is built from a real workbook, so the
file is valid except for the one thing it tests."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook


def xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rewrite(data: bytes, member: str, change) -> bytes:
    """The same zip with `member`'s bytes replaced by `change(old bytes)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


def with_string_bomb(data: bytes, unpacked_mb: int = 20) -> bytes:
    """The workbook with a shared-strings part of unused repeats of one string: a file of a few KB that
    unpacks to `unpacked_mb` MB (openpyxl holds every shared string in memory)."""
    entry = b"<si><t>a</t></si>"
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + entry * (unpacked_mb * 2**20 // len(entry)) + b"</sst>")
    relation = (b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org'
                b'/officeDocument/2006/relationships/sharedStrings"/></Relationships>')
    kind = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
            b'.spreadsheetml.sharedStrings+xml"/></Types>')
    data = rewrite(data, "xl/_rels/workbook.xml.rels", lambda old: old.replace(b"</Relationships>", relation))
    data = rewrite(data, "[Content_Types].xml", lambda old: old.replace(b"</Types>", kind))
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def with_sheet_bomb(data: bytes, unpacked_mb: int = 80) -> bytes:
    """The first sheet followed by empty rows to `unpacked_mb` MB of XML (openpyxl outside read-only
    mode builds every row it reads)."""
    row = b'<row r="9"><c r="A9" t="n"><v>1</v></c></row>'  # the same row again: still valid for openpyxl
    padding = row * (unpacked_mb * 2**20 // len(row))
    return rewrite(data, "xl/worksheets/sheet1.xml", lambda old: old.replace(b"</sheetData>", padding + b"</sheetData>"))


def with_truncated_sheet(data: bytes) -> bytes:
    """The first sheet's XML cut in the middle of a cell, as a failed copy leaves it."""
    return rewrite(data, "xl/worksheets/sheet1.xml", lambda old: old[: len(old) // 2])


def workbook_with_sheets(first: list[list], extra: int) -> bytes:
    """A workbook of a first sheet holding `first` and `extra` empty sheets named B0, B1, …"""
    wb = Workbook()
    for row in first:
        wb.active.append(row)
    for i in range(extra):
        wb.create_sheet(f"B{i}")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def with_padded_sheets(data: bytes, unpacked_mb: int = 8) -> bytes:
    """Every (empty) sheet but the first padded with the same row to just under `unpacked_mb` MB of XML each: each
    part stays under a per-part cap while all of them together unpack to many times more (security17 #1: a 101 KB
    upload took 54 s and +700 MB)."""
    row = b'<row r="9"><c r="A9" t="n"><v>1</v></c></row>'
    padding = b"<sheetData>" + row * ((unpacked_mb * 2**20 - 4096) // len(row)) + b"</sheetData>"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet") and n != "xl/worksheets/sheet1.xml"]
    for name in sheets:
        data = rewrite(data, name, lambda old: old.replace(b"<sheetData></sheetData>", padding))
    return data

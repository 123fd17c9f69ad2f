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


# ---------------------------------------------------------------------------------------------------------------- .docx

RELS_BOMB_PARTS = ("_rels/.rels", "word/_rels/document.xml.rels", "customXml/_rels/item1.xml.rels")


def docx_rels_bomb(part_bytes: int = 1_500_000, text: str = "某局关于报送台账的通知") -> bytes:
    """A python-docx document whose three relationships parts python-docx reads (RELS_BOMB_PARTS) each carry about
    `part_bytes` more of external hyperlinks: each part under the 2 MB cap, together past the 4 MB one (docx24). Valid
    for python-docx, which parses every one of them."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    for number, member in enumerate(RELS_BOMB_PARTS):
        links, size, k = [], 0, 0
        while size < part_bytes:
            link = (f'<Relationship Id="rIdX{number}_{k}" TargetMode="External" Target="https://x.gov.cn/{k * 7919}" '
                    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>')
            links.append(link)
            size += len(link)
            k += 1
        extra = "".join(links).encode()
        data = rewrite(data, member, lambda old, extra=extra: old.replace(b"</Relationships>", extra + b"</Relationships>"))
    return data


def docx_rels_chain(length: int, text: str = "某局关于报送台账的通知") -> bytes:
    """A python-docx document whose package also names p0.xml, whose relationships name p1.xml, and so on: `length`
    parts p0.xml … each but the last with its relationships part, all of which python-docx walks (docx24: 990 of
    them ended its nested walk in RecursionError)."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)

    def relationship(target: str) -> bytes:
        return f'<Relationship Id="rIdChain" Type="t" Target="{target}"/>'.encode()

    data = rewrite(out.getvalue(), "_rels/.rels",
                   lambda old: old.replace(b"</Relationships>", relationship("p0.xml") + b"</Relationships>"))
    chained = io.BytesIO(data)
    with zipfile.ZipFile(chained, "a", zipfile.ZIP_DEFLATED) as z:
        for k in range(length):
            z.writestr(f"p{k}.xml", "<x/>")
            if k + 1 < length:
                z.writestr(f"_rels/p{k}.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                           b'relationships">' + relationship(f"p{k + 1}.xml") + b"</Relationships>")
    return chained.getvalue()

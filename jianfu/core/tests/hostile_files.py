"""Hostile xlsx files for the upload tests of every app: each is built from a real workbook, so the
file is valid except for the one thing it tests."""

from __future__ import annotations

import io
import struct
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


def with_empty_entries(data: bytes, count: int, *, name: str = "x/{:07d}") -> bytes:
    """The workbook with `count` empty stored entries named `name` (formatted with 0, 1, …) after its own — a directory
    bomb: zipfile reads every entry on opening, and each costs a reader's loop over the parts (docx24: 108,000 entries
    of 9-byte names made a 10.2 MB upload that cost `xlsx_refusal` 1.82 s CPU before it passed). Written byte by byte
    (zipfile would take seconds to write them); the end record keeps 16-bit counts (0xFFFF past them: zipfile reads
    the directory by its size, never by its count)."""
    end = data.rfind(b"PK\x05\x06")
    directory_size, directory_at = struct.unpack("<II", data[end + 12 : end + 20])
    local, central = bytearray(), bytearray()
    for k in range(count):
        encoded = name.format(k).encode()
        offset = directory_at + len(local)
        local += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, 0, 0, 0, len(encoded), 0) + encoded
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, 0, 0, 0, len(encoded), 0, 0, 0, 0,
                               0, offset) + encoded
    entries = min(0xFFFF, struct.unpack("<H", data[end + 10 : end + 12])[0] + count)
    directory = data[directory_at : directory_at + directory_size] + central
    record = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, entries, entries, len(directory), directory_at + len(local), 0)
    return data[:directory_at] + bytes(local) + directory + record


def as_zip64(data: bytes, *, classic_size: int = 0) -> bytes:
    """`data` with a ZIP64 end record and locator before its end record, the ZIP64 record declaring the directory's
    real size and the end record `classic_size`: zipfile reads the directory by the ZIP64 size."""
    end = data.rfind(b"PK\x05\x06")
    count, size, offset = struct.unpack("<HII", data[end + 10 : end + 20])
    record = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, offset)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    classic = bytearray(data[end:])
    classic[12:16] = classic_size.to_bytes(4, "little")
    return data[:end] + record + locator + bytes(classic)


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

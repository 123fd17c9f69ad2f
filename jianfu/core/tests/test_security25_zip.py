"""security25: two ways past the caps the zip checks were written to hold (core.zipsizes, core.docxpackage).

1. `directory_size` searches for the end record one byte short of where zipfile does (`len - 22 - 0xFFFF` against
   zipfile's `len - 22 - (1 << 16)`): an end record followed by exactly 65,536 bytes is found by zipfile and not by the
   check, which answers None ("zipfile refuses the file itself") — zipfile opens it and reads the whole directory
   before the entry count refuses it (the cost the directory cap exists to spare: 1.0 s and +140 MB for a 20 MB
   review upload, 2.7 s and +300 MB for a 50 MB ledger, 0.5 s an attachment on the anonymous direct line).
2. The XML cap applies to part *names* ending in .xml/.rels, but python-docx parses a part as XML by its *content
   type*: a main part named word/d.bin (an Override in [Content_Types].xml) of 55 MB passes (the ratio and total caps
   only): 0.75 MB uploaded, 1.3 GB RSS and 3.6 s CPU in python-docx, on the review and on the anonymous direct line
   (whose clean_attachments accepts and stores it)."""

from __future__ import annotations

import io
import zipfile

import docx

from jianfu.core import docxpackage
from jianfu.core.xlsxscan import xlsx_refusal
from jianfu.core.zipsizes import directory_size

ENTRIES = 3_000  # a directory of ~150 KB (each entry 46 bytes and its name): past the docx cap of 256 KB below
PAD = 1 << 16


def _many_entries(entries: int, pad: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for i in range(entries):
            z.writestr(zipfile.ZipInfo(f"{i:08x}/{'x' * 60}"), b"")
    return out.getvalue() + b"\0" * pad


def _zipfile_directory(data: bytes) -> int:
    return zipfile._EndRecData(io.BytesIO(data))[zipfile._ECD_SIZE]  # type: ignore[attr-defined]


def test_the_end_record_is_found_where_zipfile_finds_it() -> None:
    for pad in (0, 100, PAD - 1, PAD):
        data = _many_entries(10, pad)
        # fails at pad 65,536: None, while zipfile reads a directory of 1,220 bytes
        assert (pad, directory_size(data)) == (pad, _zipfile_directory(data))


def test_a_directory_past_the_cap_is_refused_before_zipfile_reads_it_whatever_trails_the_end_record() -> None:
    data = _many_entries(ENTRIES, PAD)
    assert _zipfile_directory(data) > docxpackage.MAX_DIRECTORY_BYTES // 2
    limits = docxpackage.DocxLimits(max_directory_bytes=64 * 2**10)
    assert docxpackage.docx_refusal(data[:-PAD], limits).code == "directory"  # type: ignore[union-attr]  # as meant
    refusal = docxpackage.docx_refusal(data, limits)
    # fails: "parts" — zipfile read all 3,000 entries first
    assert refusal is not None and refusal.code == "directory", refusal


def test_an_xlsx_whose_directory_is_past_the_cap_is_refused_by_its_directory() -> None:
    data = _many_entries(12_000, PAD)
    assert "压缩目录" in (xlsx_refusal(data[:-PAD]) or "")  # as meant, without the trailing bytes
    # fails: the entries' refusal (文件内有 12,000 个压缩条目) — zipfile built 12,000 ZipInfos first
    assert "压缩目录" in (xlsx_refusal(data) or ""), xlsx_refusal(data)


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _main_part_named(name: str, paragraphs: int) -> bytes:
    ct = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/word/{name}" ContentType="{MAIN}"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="word/{name}"/></Relationships>'
    )
    body = f'<w:document xmlns:w="{W}"><w:body>{"<w:p/>" * paragraphs}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr(zipfile.ZipInfo(f"word/{name}"), body, zipfile.ZIP_STORED)  # stored: no ratio to catch
    return out.getvalue()


def test_a_main_part_past_the_xml_cap_is_refused_whatever_its_name() -> None:
    limits = docxpackage.DocxLimits(max_xml_bytes=2**20)
    paragraphs = 200_000  # 1.2 MB of XML, past the 1 MB cap set here
    as_xml, as_bin = _main_part_named("document.xml", paragraphs), _main_part_named("d.bin", paragraphs)
    assert docxpackage.docx_refusal(as_xml, limits) is not None and docxpackage.docx_refusal(as_xml, limits).code == "part_size"
    # python-docx parses the .bin part as the document all the same: every paragraph
    assert len(docx.Document(io.BytesIO(as_bin)).element.body) == paragraphs
    refusal = docxpackage.docx_refusal(as_bin, limits)
    # fails: None — only names ending in .xml/.rels are capped
    assert refusal is not None and refusal.code == "part_size", refusal

"""security18 #1, #5: the sheet cap counts the <sheet> entries the workbook lists (a reader builds one per entry), two
entries naming one part are refused, and the DTD check reads a part's whole prolog, not its first 64 KB."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from jianfu.core import xlsxguard
from jianfu.core.tests import hostile_files

HEADER = ["日期*", "名称*", "造成单位", "承受单位", "会议时长（分钟）*", "主要讲话时长（分钟）", "层层陪会"]
GOOD = ["2025-03-01", "防汛会议", "林业局", "", 90, 30, "否"]
SAME_PART = ("文件的工作簿中有多个工作表指向同一份内容（xl/worksheets/sheet1.xml），Excel 保存的文件不会这样，"
             "可能是恶意构造的文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")
DTD = ("文件内的 xl/sharedStrings.xml 含有 XML 实体或文档类型声明，Excel 保存的文件不会有这些内容，"
       "为安全起见已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传")
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def listing(n: int, *, rid: str | None = "rId1", targets: list[str] | None = None) -> bytes:
    """A one-sheet workbook whose workbook.xml lists `n` <sheet> entries: all with r:id `rid`, or (rid None) each
    with its own r:id rS{i}, whose relationship's Target is `targets[i]` (default: a part of its own)."""
    data = hostile_files.xlsx([HEADER, GOOD])

    def entries(old: bytes) -> bytes:
        text = old.decode()
        one = re.search(r"<sheet [^>]*/>", text).group(0)
        many = "".join(f'<sheet xmlns:r="{RELS}" name="S{i}" sheetId="{i + 1}" r:id="{rid or f"rS{i}"}"/>' for i in range(n))
        return text.replace(one, many).encode()

    data = hostile_files.rewrite(data, "xl/workbook.xml", entries)
    if rid is None:
        names = targets or [f"worksheets/s{i}.xml" for i in range(n)]
        rels = "".join(f'<Relationship Id="rS{i}" Target="{t}" Type="{SHEET_REL}"/>' for i, t in enumerate(names))
        data = hostile_files.rewrite(data, "xl/_rels/workbook.xml.rels",
                                     lambda old: old.replace(b"</Relationships>", rels.encode() + b"</Relationships>"))
    return data


def test_the_sheet_cap_counts_the_listed_entries_not_the_zip_parts():
    # 501 entries, each its own relationship to a part of its own (which the zip does not hold): one sheet part
    assert xlsxguard.xlsx_refusal(listing(500, rid=None)) is None
    assert xlsxguard.xlsx_refusal(listing(501, rid=None)) == (
        "文件有 501 个工作表，超过 500 个的上限，请删除无关的工作表后重新上传")
    assert xlsxguard.xlsx_refusal(listing(51, rid=None), max_sheets=50) == (
        "文件有 51 个工作表，超过 50 个的上限，请删除无关的工作表后重新上传")


@pytest.mark.parametrize("n", [2, 128_000])
def test_entries_repeating_one_r_id_are_refused(n):
    # the reported file: 128,000 entries naming one part, 0.7 MB, that cost 15 s CPU and +250 MB in load_workbook
    data = listing(n)
    assert xlsxguard.xlsx_refusal(data) == SAME_PART


@pytest.mark.parametrize("targets", [
    ["worksheets/sheet1.xml", "worksheets/sheet1.xml"],
    ["worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml"],                 # absolute
    ["worksheets/sheet1.xml", "../xl/./worksheets/sheet1.xml"],            # the same part spelled otherwise
])
def test_relationships_repeating_one_target_are_refused(targets):
    assert xlsxguard.xlsx_refusal(listing(2, rid=None, targets=targets)) == SAME_PART


def test_a_workbook_part_the_content_types_name_elsewhere_is_counted_too():
    """openpyxl finds the workbook by its content type, not by its name: the same bomb moved to x/book.xml."""
    data = listing(3)
    moved = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(moved, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            name = {"xl/workbook.xml": "x/book.xml", "xl/_rels/workbook.xml.rels": "x/_rels/book.xml.rels"}.get(
                info.filename, info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b'PartName="/xl/workbook.xml"', b'PartName="/x/book.xml"')
            if name == "x/_rels/book.xml.rels":
                content = content.replace(b'Target="worksheets/', b'Target="../xl/worksheets/')
            dst.writestr(name, content)
    # openpyxl reads it: three sheets built from one part
    assert [ws.title for ws in load_workbook(io.BytesIO(moved.getvalue()), read_only=True).worksheets] == [
        "S0", "S1", "S2"]
    assert xlsxguard.xlsx_refusal(moved.getvalue()) == SAME_PART


def test_workbooks_with_several_real_sheets_pass():
    assert xlsxguard.xlsx_refusal(hostile_files.workbook_with_sheets([HEADER, GOOD], 5)) is None


def with_shared_strings(prolog: bytes) -> bytes:
    strings = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
               b"<si><t>a</t></si></sst>")
    return hostile_files.rewrite(hostile_files.with_string_bomb(hostile_files.xlsx([["a"]]), unpacked_mb=0),
                                 "xl/sharedStrings.xml", lambda _old: prolog + strings)


LOL = b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


@pytest.mark.parametrize("prolog", [
    LOL,
    b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b"-->" + LOL,              # the reported file: after 64 KB
    b'<?xml version="1.0"?>' + b"<!-- -->\n" * 20_000 + b"<?pi x?>" + LOL,     # many small pieces
    (b'<?xml version="1.0" encoding="UTF-16"?><!--' + b"x" * 70_000 + b"-->").decode().encode("utf-16") + (
        LOL.decode().encode("utf-16-le")),                                     # UTF-16: no ASCII bytes to find
])
def test_a_declaration_anywhere_in_the_prolog_is_refused(prolog):
    if prolog.startswith(b"\xff\xfe"):
        data = hostile_files.rewrite(with_shared_strings(b""), "xl/sharedStrings.xml", lambda old: prolog + (
            old.decode().encode("utf-16-le")))
    else:
        data = with_shared_strings(prolog)
    assert xlsxguard.xlsx_refusal(data) == DTD


def test_a_long_prolog_without_a_declaration_passes_and_the_scan_stops_at_the_root():
    assert xlsxguard.xlsx_refusal(with_shared_strings(b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b"-->")) is None
    # after the first start tag a DOCTYPE is no declaration but malformed XML: the readers refuse it themselves
    assert xlsxguard.xlsx_refusal(hostile_files.rewrite(with_shared_strings(b""), "xl/sharedStrings.xml",
                                                        lambda old: old.replace(b"</sst>", b"</sst>" + LOL))) is None


def test_a_declaration_in_a_part_not_named_xml_is_refused_and_a_binary_part_passes():
    data = hostile_files.xlsx([["a"]])
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert xlsxguard.xlsx_refusal(out.getvalue()) is None
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet9", LOL + b"<worksheet/>")
    assert xlsxguard.xlsx_refusal(out.getvalue()) == (
        "文件内的 xl/worksheets/sheet9 含有 XML 实体或文档类型声明，Excel 保存的文件不会有这些内容，"
        "为安全起见已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传")


@pytest.mark.parametrize("prolog", [
    b'<?xml version="1.0" encoding="GBK"?>',
    b'<?xml version="1.0" encoding="cp037"?>',
    b'<?xml version="1.0"?>\n<!doctype sst>',       # lower case: not a DOCTYPE to expat, but not XML either
])
def test_an_xml_part_in_an_encoding_expat_does_not_read_is_refused(prolog):
    """libxml2 (openpyxl's workbook reader) reads GBK where expat does not: a DOCTYPE there would go unseen."""
    data = with_shared_strings(prolog)
    assert xlsxguard.xlsx_refusal(data) == (
        "文件内的 xl/sharedStrings.xml 的 XML 开头无法识别（编码或格式与 Excel 保存的不同），为安全起见已拒绝导入。"
        "请在 Excel 中另存为 .xlsx 后重新上传")



@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"])
def test_a_package_part_far_larger_than_excel_writes_is_refused_before_any_reader_parses_it(part):
    """fix-sec18's note: a reader parses the workbook part and the relationships whole before any row (a 19 MB
    workbook.xml of empty elements cost 647 MB in openpyxl's load); Excel's are kilobytes. Text that compresses as
    little as real XML (under the 100x bomb ratio) and is 17 MB passes every other check."""
    import os

    filler = b"<!--" + os.urandom(17 * 2**20 // 2).hex().encode() + b"-->"
    data = hostile_files.rewrite(hostile_files.xlsx([HEADER, GOOD]), part, lambda old: old + filler)
    assert xlsxguard.xlsx_refusal(data) == (
        f"文件内的 {part} 解压后有 17 MB，超过 16 MB 的上限（Excel 保存的文件中这一部分只有几 KB），"
        "不像 Excel 保存的表格，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")
    # the same filler in a sheet part is within that part's cap: only the package's own parts are this small
    sheet = hostile_files.rewrite(hostile_files.xlsx([HEADER, GOOD]), "xl/worksheets/sheet1.xml",
                                  lambda old: old + filler)
    assert xlsxguard.xlsx_refusal(sheet) is None


def moved_workbook(data: bytes, member: str, part_name: str) -> bytes:
    """`data` with its workbook part stored as zip member `member` (its relationships beside it, sheet targets
    absolute) and [Content_Types].xml naming it `part_name`."""
    moved = io.BytesIO()
    folder, base = member.rsplit("/", 1)
    renamed = {"xl/workbook.xml": member, "xl/_rels/workbook.xml.rels": f"{folder}/_rels/{base}.rels"}
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(moved, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b'PartName="/xl/workbook.xml"', f'PartName="{part_name}"'.encode())
            if info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(b'Target="worksheets/', b'Target="/xl/worksheets/')
            dst.writestr(renamed.get(info.filename, info.filename), content)
    return moved.getvalue()


def test_a_workbook_member_named_with_a_leading_slash_is_refused():
    """cr18 #1: member "/x/book.xml", PartName "//x/book.xml": openpyxl opens PartName[1:] and builds every sheet it
    lists (20,000 from 114 KB), where the count looked for "x/book.xml" (lstrip) and found none."""
    data = moved_workbook(listing(20_000), "/x/book.xml", "//x/book.xml")
    small = moved_workbook(listing(3), "/x/book.xml", "//x/book.xml")
    assert len(load_workbook(io.BytesIO(small), read_only=True).sheetnames) == 3    # what a reader makes of it
    assert xlsxguard.xlsx_refusal(data) == (
        "文件内的 /x/book.xml 的路径以“/”开头或含有“\\”“..”，Excel 保存的文件不会这样，"
        "可能是恶意构造的文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")


@pytest.mark.parametrize("member", ["x\\b.xml", "x/../b.xml", "../b.xml"])
def test_a_member_name_excel_never_writes_is_refused(member):
    data = hostile_files.xlsx([HEADER, GOOD])
    assert xlsxguard.xlsx_refusal(data) is None
    extra = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(extra, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(member, b"<x/>")
    assert xlsxguard.xlsx_refusal(extra.getvalue()) == (
        f"文件内的 {member} 的路径以“/”开头或含有“\\”“..”，Excel 保存的文件不会这样，"
        "可能是恶意构造的文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")


def test_the_workbook_part_is_found_as_openpyxl_finds_it():
    """PartName[1:], as openpyxl: a workbook moved to "x/book.xml" (PartName "/x/book.xml") is counted."""
    data = moved_workbook(listing(501, rid=None), "x/book.xml", "/x/book.xml")
    assert xlsxguard.xlsx_refusal(data) == "文件有 501 个工作表，超过 500 个的上限，请删除无关的工作表后重新上传"

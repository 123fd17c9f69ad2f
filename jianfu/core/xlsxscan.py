"""What an uploaded .xlsx may unpack to, checked before any reader opens it. Pure, no Django: the pure cores
(`reports.engine`, `employment.matching`) import it; Django code imports `jianfu.core.xlsxguard`, the same names with
the messages put through gettext (codereview16 #7: this module once imported gettext, which loaded Django into
every pure core that read or wrote an xlsx, and raised ImproperlyConfigured outside Django settings).

Every xlsx upload (registry ledgers and the employment imports through the ledger reader, the monitor
ledgers, the dispatch responsibility catalogue and the routing commands' tables, the reports' department
forms) goes through `xlsx_refusal` first: openpyxl holds the shared strings wholly in memory (and, outside
read-only mode, every cell), so a few megabytes of zip that unpack to gigabytes of XML would exhaust the
machine's memory before any row is read. The answer is a Chinese reason to show, or None.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from jianfu.core.zipsizes import TAIL_BYTES, directory_size, zip_size_refusal

Translate = Callable[[str], str]


def as_written(message: str) -> str:
    """The message as written (in the source language, Simplified Chinese): the pure cores' `gettext`."""
    return message


MAX_SHARED_STRINGS_BYTES = 64 * 2**20
MAX_PART_BYTES = 512 * 2**20
# all parts together, unpacked: each part under its cap is not enough — three 8 MB sheets of the same cell made a
# 101 KB upload that took 54 s and +700 MB in the report forms' full load (security17 #1)
MAX_TOTAL_BYTES = 600 * 2**20
MAX_SHEETS = 500  # a county's ledger may carry a sheet per village; more is not a ledger
# the parts that only describe the package (the workbook part, [Content_Types].xml, every .rels): a reader parses them
# whole before any row, and Excel's are kilobytes — a 19 MB workbook.xml of empty elements cost 647 MB in openpyxl's
# load (fix-sec18's note)
MAX_PACKAGE_PART_BYTES = 16 * 2**20
MAX_COMPRESSION_RATIO = 100  # plain XML compresses 5-20x; a part 100x smaller than its content is a bomb
RATIO_FLOOR_BYTES = 16 * 2**20  # small parts may compress as well as they like
# The zip's directory and entries, capped before any part is looked at (xlsx24): zipfile builds a ZipInfo for every
# entry before one can be counted, and the per-part loop below opens each — 108,000 empty entries in a 10.2 MB upload
# cost 1.66-1.82 s CPU before they passed, and the ledger reader 3.9 s (docx24, xlsx24). openpyxl writes 9 entries and
# 574 bytes of directory for a sheet of 100,000 postings, 2,008 entries and 150 KB for 500 sheets (MAX_SHEETS) with a
# comment each; Excel adds a few per sheet (.rels, drawings, printer settings) and one per picture. The directory's cap
# is checked first, from the end record: it bounds what zipfile reads (an entry takes at least 46 bytes: 22,300
# entries under the cap cost 0.13 s before the count refuses them).
MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = 2**20

# What openpyxl raises on a damaged file: at opening, or later while a read-only sheet's rows are read
# (a truncated or corrupt member, malformed XML, a missing part, an invalid cell reference). It includes KeyError
# and TypeError, so it wraps the reading alone — never the cleaning of rows, where it would report a bug as a
# damaged file.
UNREADABLE: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError, IndexError, OSError, EOFError, SyntaxError)

NOT_XLSX = "文件不是有效的 xlsx 文件（可能已损坏，或是改了扩展名的其他文件）"


def directory_refusal(tail: bytes) -> str | None:
    """The reason to refuse a zip whose end record declares a central directory past MAX_DIRECTORY_BYTES, or None —
    read from the file's bytes (or its last `zipsizes.TAIL_BYTES`: `file_tail`) before zipfile opens it."""
    size = directory_size(tail)
    if size is None or size <= MAX_DIRECTORY_BYTES:
        return None
    return (f"文件的压缩目录有 {-(-size // 1024):,} KB，超过 {MAX_DIRECTORY_BYTES // 1024:,} KB 的上限"
            "（Excel 保存的表格只有几 KB），不像 Excel 保存的表格，可能是恶意构造的文件，已拒绝导入。"
            "请在 Excel 中另存为 .xlsx 后重新上传")


def file_tail(file: IO[bytes] | str) -> bytes:
    """The last `zipsizes.TAIL_BYTES` of a file (a path, or a seekable file left at its start): what
    `directory_refusal` reads of a file not read whole."""
    if isinstance(file, str):
        with open(file, "rb") as fh:
            return file_tail(fh)
    file.seek(0, io.SEEK_END)
    file.seek(max(0, file.tell() - TAIL_BYTES))
    tail = file.read()
    file.seek(0)
    return tail


def _entries_refusal(count: int) -> str:
    return (f"文件内有 {count:,} 个压缩条目，超过 {MAX_ENTRIES:,} 个的上限（Excel 保存的表格一般只有几十个），"
            "不像 Excel 保存的表格，可能是恶意构造的文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传")


def xlsx_refusal(source: zipfile.ZipFile | bytes, *, max_part_bytes: int = MAX_PART_BYTES,
                 max_total_bytes: int = MAX_TOTAL_BYTES, max_sheets: int = MAX_SHEETS) -> str | None:
    """The reason to refuse an xlsx, or None: not a zip at all, a central directory or a number of entries past
    their caps (the directory's checked before zipfile reads it, when `source` is the bytes; a reader that opens the
    ZipFile itself calls `directory_refusal` first), a part or all parts together declaring a huge
    unpacked size (the declared size bounds what is read: more fails the CRC check) or compressed far beyond what
    XML compresses to, more sheets than `max_sheets`, a shared-strings part too large to hold in memory, or any DTD
    or entity declaration (Excel writes none; they are how XML parsers are abused)."""
    if isinstance(source, bytes):
        directory = directory_refusal(source)
        if directory:
            return directory
        try:
            with zipfile.ZipFile(io.BytesIO(source)) as zf:
                return xlsx_refusal(zf, max_part_bytes=max_part_bytes, max_total_bytes=max_total_bytes,
                                    max_sheets=max_sheets)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
            return NOT_XLSX
    try:
        if len(source.infolist()) > MAX_ENTRIES:
            return _entries_refusal(len(source.infolist()))
        for info in source.infolist():
            name, size = info.filename, info.file_size
            if name.startswith("/") or "\\" in name or ".." in name.split("/"):
                # Excel never writes these; a reader may still open one ("/x/book.xml" as the workbook part
                # "//x/book.xml" names) where the checks below, keyed on Excel's names, would not look
                return (f"文件内的 {name} 的路径以“/”开头或含有“\\”“..”，Excel 保存的文件不会这样，"
                        "可能是恶意构造的文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")
            mb = size / 2**20
            if size > RATIO_FLOOR_BYTES and size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                return (f"文件内的 {name} 解压后有 {mb:.0f} MB（压缩前仅 {info.compress_size / 2**20:.1f} MB），"
                        "不像 Excel 保存的台账，可能是恶意构造的压缩文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传")
            if size > max_part_bytes:
                return (f"文件内的 {name} 解压后有 {mb:.0f} MB，超过 {max_part_bytes // 2**20} MB 的上限，"
                        "请删除无关的工作表和内容，或拆分后上传")
            if _describes_package(name) and size > MAX_PACKAGE_PART_BYTES:
                return _package_part_refusal(name, size)
            if name.lower().endswith("sharedstrings.xml") and size > MAX_SHARED_STRINGS_BYTES:
                return (f"文件的文字内容解压后有 {mb:.0f} MB，超过 {MAX_SHARED_STRINGS_BYTES // 2**20} MB 的上限，"
                        "请删除无关的工作表和内容，或拆分后分批导入")
            # every part, whatever its name (a reader opens the part a relationship names, `.xml` or not)
            with source.open(info) as part:
                prolog = _prolog(part)
            if prolog == "declaration":
                return (f"文件内的 {name} 含有 XML 实体或文档类型声明，Excel 保存的文件不会有这些内容，"
                        "为安全起见已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传")
            if prolog == "unreadable" and name.lower().endswith((".xml", ".rels")):   # images are not XML
                return (f"文件内的 {name} 的 XML 开头无法识别（编码或格式与 Excel 保存的不同），为安全起见已拒绝导入。"
                        "请在 Excel 中另存为 .xlsx 后重新上传")
        # the parts together, once each passed alone (one part's reason names it)
        refusal = _totals_refusal(source, max_total_bytes=max_total_bytes, max_sheets=max_sheets)
        if refusal:
            return refusal
    # RuntimeError: an encrypted member (ZipFile.open asks for a password); LargeZipFile: ZIP64 refused
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError):
        return NOT_XLSX
    return None


def _describes_package(name: str) -> bool:
    """A part that describes the package by its name alone; the workbook part of another name, which
    [Content_Types].xml may give it, is capped where `_sheet_listing` finds it (security19 #1)."""
    lower = name.lower()
    return lower == "[content_types].xml" or lower.endswith((".rels", "/workbook.xml", "/workbook.bin"))


def _package_part_refusal(name: str, size: int) -> str:
    return (f"文件内的 {name} 解压后有 {size / 2**20:.0f} MB，超过 {MAX_PACKAGE_PART_BYTES // 2**20} MB 的上限"
            "（Excel 保存的文件中这一部分只有几 KB），不像 Excel 保存的表格，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")


def _capped(zf: zipfile.ZipFile, member: str) -> str | None:
    """The reason to refuse `member`, a part that describes the package and is parsed whole by a reader, when it
    unpacks past MAX_PACKAGE_PART_BYTES (its declared size bounds what is read: more fails the CRC check), else
    None: checked before it is read, whatever its name."""
    size = zf.getinfo(member).file_size
    return _package_part_refusal(member, size) if size > MAX_PACKAGE_PART_BYTES else None


def _totals_refusal(source: zipfile.ZipFile, *, max_total_bytes: int, max_sheets: int) -> str | None:
    """The reason to refuse the parts taken together (their number of sheets, their unpacked size, how far the
    whole compresses), or None: what the per-part checks let through when a bomb is split over many parts.

    The sheets are those the workbook lists (a reader builds one per <sheet> entry: 128,000 entries naming one part
    made a 0.7 MB upload cost 15 s CPU and +250 MB, security18 #1), or the sheet parts in the zip when they are
    more; two entries naming one part (the same r:id, or two relationships with the same target) are refused."""
    infos = source.infolist()
    parts = sum(1 for i in infos if i.filename.startswith(("xl/worksheets/", "xl/chartsheets/"))
                and i.filename.endswith(".xml") and "/_rels/" not in i.filename)
    if parts > max_sheets:
        return f"文件有 {parts} 个工作表，超过 {max_sheets} 个的上限，请删除无关的工作表后重新上传"
    sizes = zip_size_refusal(infos, max_ratio=MAX_COMPRESSION_RATIO, ratio_floor=RATIO_FLOOR_BYTES,
                             max_total=max_total_bytes)
    if sizes is not None and sizes.kind == "ratio":
        return (f"文件解压后共有 {sizes.total / 2**20:.0f} MB（压缩前仅 {sizes.packed / 2**20:.1f} MB），"
                "不像 Excel 保存的表格，可能是恶意构造的压缩文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")
    if sizes is not None:
        return (f"文件解压后共有 {sizes.total / 2**20:.0f} MB，超过 {max_total_bytes // 2**20} MB 的上限，"
                "请删除无关的工作表和内容，或拆分后上传")
    # the listing last: it reads the workbook part whole, once the sizes passed
    listing = _sheet_listing(source)
    if isinstance(listing, str):
        return listing
    if listing > max_sheets:
        return f"文件有 {listing} 个工作表，超过 {max_sheets} 个的上限，请删除无关的工作表后重新上传"
    return None


# ---------------------------------------------------------------- the sheets a workbook lists

# the workbook part's content types (openpyxl `reader.excel._find_workbook_part`): it need not be xl/workbook.xml
_WORKBOOK_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml"})


class _Unreadable(ValueError):
    pass


def _elements(zf: zipfile.ZipFile, member: str, local: str,
              take: Callable[[dict[str, str]], None]) -> None:
    """Each element of `member` whose local name is `local` (any namespace), its attributes by local name
    (`{ns}id` → "id"), given to `take` — in a streaming expat pass, the parser the readers use. Raises `_Unreadable`
    on XML expat cannot read (a reader would refuse it as well, or read what this pass did not see)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition(" ")[2] == local:
            take({key.rpartition(" ")[2]: value for key, value in attrs.items()})

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    try:
        with zf.open(member) as stream:
            while True:
                chunk = stream.read(_READ)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    return
    # ValueError, LookupError: an encoding expat does not read ("multi-byte encodings are not supported", "GBK")
    except (expat.ExpatError, _RefusedDeclaration, ValueError, LookupError) as exc:
        raise _Unreadable(str(exc)) from None


def _sheet_listing(zf: zipfile.ZipFile) -> int | str:
    """How many <sheet> entries the workbook part lists (each part openpyxl may take for it: xl/workbook.xml, or
    what [Content_Types].xml names), or the reason to refuse: two entries naming one part, or a workbook, its
    relationships or the content types that expat cannot read."""
    names = set(zf.namelist())
    workbooks = ["xl/workbook.xml"]

    def override(a: dict[str, str]) -> None:
        if a.get("ContentType") in _WORKBOOK_TYPES:
            workbooks.append(a.get("PartName", "")[1:])   # exactly openpyxl's `wb_part.PartName[1:]`

    try:
        if "[Content_Types].xml" in names:
            refusal = _capped(zf, "[Content_Types].xml")
            if refusal:
                return refusal
            _elements(zf, "[Content_Types].xml", "Override", override)
        count = 0
        for workbook in dict.fromkeys(w for w in workbooks if w in names):
            # the workbook part wherever [Content_Types].xml puts it (xl/book.xml escaped the cap on the name
            # `…/workbook.xml`: a 1.2 MB upload of a 40 MB xl/book.xml cost 13 s CPU and +1.4 GB, security19 #1)
            refusal = _capped(zf, workbook)
            if refusal:
                return refusal
            listed = _workbook_sheets(zf, workbook, names)
            if isinstance(listed, str):
                return listed
            count += listed
    except _Unreadable:
        return NOT_XLSX
    return count


def _workbook_sheets(zf: zipfile.ZipFile, workbook: str, names: set[str]) -> int | str:
    """How many <sheet> entries `workbook` lists, or the reason to refuse two of them naming one part: the same
    r:id, or two relationships with the same target (as openpyxl resolves it: `packaging.relationship.get_dependents`)."""
    rids: list[str] = []
    _elements(zf, workbook, "sheet", lambda a: rids.append(a.get("id", "")))
    folder, _slash, base = workbook.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    targets: dict[str, str] = {}

    def relationship(a: dict[str, str]) -> None:
        target = a.get("Target", "")
        if a.get("TargetMode") != "External" and a.get("Id"):
            targets[a["Id"]] = target[1:] if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))

    if rels_name in names:
        refusal = _capped(zf, rels_name)
        if refusal:
            return refusal
        _elements(zf, rels_name, "Relationship", relationship)
    seen: set[str] = set()
    for part in (targets.get(rid, f"r:id={rid}") for rid in rids if rid):
        if part in seen:
            return (f"文件的工作簿中有多个工作表指向同一份内容（{part}），Excel 保存的文件不会这样，"
                    "可能是恶意构造的文件，已拒绝。请在 Excel 中另存为 .xlsx 后重新上传")
        seen.add(part)
    return len(rids)


# ---------------------------------------------------------------- a part's prolog

class _PrologEnd(Exception):
    pass


def _root_reached(*_args: object) -> None:
    raise _PrologEnd


def _prolog(stream: Any) -> str:
    """What comes before a part's first start tag — its prolog, however long (a comment of 70 KB hid a DTD from a
    check that read 64 KB: security18 #5): "" when it declares nothing (or the part ends first), "declaration" for
    a DTD or an entity declaration, "unreadable" when expat (the parser the readers use) cannot read it (an
    encoding Excel never writes, not XML at all). Read in 64 kB pieces, never further than the first start tag."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.StartElementHandler = _root_reached
    while True:
        chunk = stream.read(_READ)
        try:
            parser.Parse(chunk, not chunk)
        except _PrologEnd:
            return ""
        except _RefusedDeclaration:
            return "declaration"
        except (expat.ExpatError, ValueError, LookupError):   # ValueError, LookupError: as in `_elements`
            return "unreadable" if chunk else ""
        if not chunk:
            return ""


# ------------------------------------------------------------------------------ merged cells

# A merged range in the sheet XML (`<mergeCells><mergeCell ref="A2:A3"/>…`): every importer refuses one in the
# data (only its first cell holds the value, the rows below read as empty) naming it, in the same words (B06).
MERGE_CELL = re.compile(rb'<mergeCell ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_ROW_OF_REF = re.compile(r"[A-Z]+(\d+)")


def _ref_row(ref: str) -> int:
    m = _ROW_OF_REF.match(ref)
    return int(m.group(1)) if m else 0


def merged_refusal(merged: Iterable[str], *, header_row: int, sheet_name: str,
                   gettext: Translate = as_written) -> str | None:
    """The reason to refuse a sheet with a merged range in its header row or below it, naming the range, or None."""
    for ref in merged:
        start, _sep, end = ref.partition(":")
        first, last = _ref_row(start), _ref_row(end or start)
        if first <= header_row <= last:
            return gettext("工作表“%(sheet)s”的表头（第%(row)d行）有合并单元格 %(ref)s，请把表头整理为一行、每列一个标题后再导入") % {
                "sheet": sheet_name, "row": header_row, "ref": ref}
        if first > header_row:
            return gettext("工作表“%(sheet)s”的数据区有合并单元格 %(ref)s（第%(row)d行），请取消合并并把值填到每一行") % {
                "sheet": sheet_name, "ref": ref, "row": first}
    return None


# ---------------------------------------------------------------- which sheet an import reads

def shown_sheet(states: Sequence[str], active: int) -> int:
    """The index of the sheet a user sees on opening the workbook, the one every import reads: the active
    sheet if it is visible, else the first visible sheet (a hidden first sheet of old data was imported while
    the visible one was ignored: badinput14 B01); 0 when no sheet is marked visible (Excel never writes that).
    `states`: each sheet's state in workbook order ("visible", "hidden", "veryHidden"; "" reads as visible)."""
    visible = [i for i, state in enumerate(states) if (state or "visible") == "visible"]
    if not visible:
        return 0
    return active if active in visible else visible[0]


def sheet_note(names: Sequence[str], states: Sequence[str], chosen: int, *, gettext: Translate = as_written) -> str:
    """The Chinese note for a result page naming the sheet read, when the workbook has more than one ("" else)."""
    if len(names) <= 1:
        return ""
    hidden = gettext("（隐藏）")
    others = [f"“{name}”" + (hidden if (state or "visible") != "visible" else "")
              for i, (name, state) in enumerate(zip(names, states, strict=True)) if i != chosen]
    return gettext("文件有 %(n)d 个工作表，导入的是“%(name)s”（打开文件时显示的工作表）；未导入：%(others)s") % {
        "n": len(names), "name": names[chosen], "others": "、".join(others)}


def workbook_sheets(zf: zipfile.ZipFile) -> tuple[list[tuple[str, str, str]], int]:
    """([(sheet name, state, relationship id)] in workbook order, the active tab's index) from xl/workbook.xml."""
    wb = zf.read("xl/workbook.xml").decode("utf-8")
    sheets = []
    for m in re.finditer(r"<(?:\w+:)?sheet\b([^>]*?)/?>", wb):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', m.group(1)))
        rid = next((v for k, v in attrs.items() if k == "r:id" or k.endswith(":id")), "")
        sheets.append((xml_unescape(attrs.get("name", "")), attrs.get("state", "visible"), rid))
    view = re.search(r"<(?:\w+:)?workbookView\b[^>]*?\bactiveTab=\"(\d+)\"", wb)
    return sheets, int(view.group(1)) if view else 0


def xml_unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def sheet_members(zf: zipfile.ZipFile) -> tuple[dict[str, str], list[str], int]:
    """(sheet name → zip member path, each sheet's state in workbook order, the active tab), from workbook.xml
    and its relationships: the public way to find a sheet's XML (openpyxl keeps the path in private attributes)."""
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {}
    for m in re.finditer(r"<Relationship\b([^>]*)/?>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"].lstrip("/")
            targets[attrs["Id"]] = target if target.startswith("xl/") else "xl/" + target
    sheets, active = workbook_sheets(zf)
    result = {name: targets[rid] for name, _state, rid in sheets if rid in targets}
    return result, [state for _name, state, _rid in sheets], active


# ------------------------------------------------------------- one streaming scan of a sheet's XML

@dataclass
class SheetInfo:
    """What the scan of a sheet's XML found, before (or beside) a reader's pass over its cells."""

    merged: list[str] = field(default_factory=list)  # "A1:C1"
    formulas_without_value: set[str] = field(default_factory=set)  # "D7"
    formula_count: int = 0
    max_row: int = 0  # the last row number written in the sheet's XML (0: none)
    max_shared_index: int = -1  # the largest shared-string index a cell names (-1: none)
    xml_error: str = ""  # why the sheet's XML is not well-formed ("" when it is): expat's words


# A formula cell and what follows its <f up to its </c>. Linear however the sheet is written (security19 #2: the
# former `"[^>]*>\s*<f[ >/](.*?)</c>` read a self-closed `<c r="A1"/>` as opening a cell, and each of 256 KB of
# `<c r="A1"/><f/>` without a `</c>` searched to the end of the megabyte: 19 s CPU holding the GIL): the opening tag
# holds no `<` (nor does any well-formed attribute) and is not self-closed, and the match stops at the next cell's
# opening tag, so every search ends within its own cell.
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^<>]*(?<!/)>\s*<f[ >/]((?:(?!<c[\s>/]).)*?)</c>', re.S)
_HAS_VALUE = re.compile(rb"<v>[^<]+</v>")
_ROW_NUMBER = re.compile(rb'[<:]row\b[^>]*?\br=["\'](\d+)')   # `<row r="7"`, `<x:row r='7'`
# a shared-string cell and the index it names, with or without a namespace prefix (`<x:c t='s'>`, OpenXML SDK)
# (in a sheet's head: `_shared_cells`) a cell with a value, its attributes and the value; `t="s"` is looked for in the
# attributes apart. No `<` in a tag (as in any well-formed one) and no backtracking into it: `[^>]*\bt=…[^>]*>` was
# quadratic on a tag that never closes (32 KB of `<c ` took 1.1 s; security19 #3)
_SHARED_CELL = re.compile(rb'<(?:\w+:)?c\b([^<>]*+)>\s*<(?:\w+:)?v>\s*(\d+)\s*</(?:\w+:)?v>')
_SHARED_TYPE = re.compile(rb'\bt=["\']s["\']')
# the same index, found from the attribute on (a literal start the regex engine searches for fast: 150 MB of sheet
# XML in 0.5 s where the pattern above takes 1.3 s); only `t` is written `t="s"` / `t='s'` in a sheet's XML
# The rest of the tag holds no `<` and no other `t=`: each search ends at the next tag or the next `t=`, so a sheet of
# `<c t="s" ` repeated without a `>` costs linear time (`[^>]*` took 2.5 s for 256 KB, quadratic; security19 #2)
_SHARED_INDEX = rb't=QsQ(?:(?!t=)[^<>])*>\s*<(?:\w+:)?v>\s*0*(\d{DIGITS,})'


def _shared_index_patterns(shared_strings: int | None) -> tuple[tuple[bytes, re.Pattern[bytes]], ...]:
    """The patterns for `t="s"` and `t='s'` cells, capturing only an index with as many digits as the count
    (`shared_strings`) or more: a shorter one is in range, and 3 million cells' indexes need no list."""
    digits = len(str(shared_strings)) if shared_strings else 1
    return tuple((b"t=%ss%s" % (quote, quote),
                  re.compile(_SHARED_INDEX.replace(b"Q", quote).replace(b"DIGITS", str(digits).encode())))
                 for quote in (b'"', b"'"))
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>]")


class _RefusedDeclaration(ValueError):
    pass


def _refuse_declaration(*_args: object) -> None:
    raise _RefusedDeclaration("DTD or entity declaration")


def _well_formedness_parser() -> Any:
    """An incremental expat parser with no content handlers (no tree is built: it only checks the XML is
    well-formed, at C speed) that stops at any DTD or entity declaration."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    return parser


def scan_sheet_xml(zf: zipfile.ZipFile, member: str, *, content: bool = False,
                   shared_strings: int | None = None) -> SheetInfo:
    """Merged ranges, formulas without a cached result (a file written by a script, or by WPS, never saved by a
    spreadsheet that computes: a reader gives None, which is not "empty") and the last row, in 1 MB chunks.
    With `content`, also the largest shared-string index a cell names and whether the XML is well-formed (an
    incremental expat parse, no tree): what a reader that loads only the sheet's head does not see (cr17b #1;
    about 1.7 s CPU for 150 MB of sheet XML, which a whole load's parser checks anyway). With `shared_strings`
    (the part's count), `max_shared_index` is the largest index with at least as many digits as the count (-1:
    none), enough to compare with it at a fraction of the cost."""
    from xml.parsers import expat

    info = SheetInfo()
    patterns = _shared_index_patterns(shared_strings) if content else ()
    tail = b""
    parser = _well_formedness_parser()
    with zf.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if content and not info.xml_error:
                try:
                    parser.Parse(chunk, not chunk)
                except (expat.ExpatError, _RefusedDeclaration) as exc:
                    info.xml_error = str(exc)
            if not chunk:
                break
            buf = tail + chunk
            # keep an incomplete trailing cell for the next round
            cut = _last_cell_start(buf, within=_CELL_TAIL)
            if cut == -1 or len(buf) - cut > _CELL_TAIL:
                cut = max(0, len(buf) - 256)
            head, tail = buf[:cut], buf[cut:]
            _scan_buffer(head, info, patterns)
        _scan_buffer(tail, info, patterns)
    return info


_CELL_TAIL = 4096    # an incomplete trailing cell kept for the next round is at most this long
_ROW_TAIL = 1 << 16  # where the last row tag of a chunk is looked for first


def _last_cell_start(buf: bytes, *, within: int = 0) -> int:
    """Where the last cell's opening tag (`<c ` or a prefixed `<x:c `) starts in `buf`, or -1; with `within`, only
    a tag in the last `within` bytes is looked for (a search for a tag the sheet never writes, `<x:c ` in a sheet
    without prefixes, no longer reads the whole megabyte back: mend18b #1)."""
    lo = max(0, len(buf) - within) if within else 0
    start = max(buf.rfind(b"<c ", lo), buf.rfind(b"<c>", lo), buf.rfind(b":c ", lo), buf.rfind(b":c>", lo))
    while start != -1:
        lt = buf.rfind(b"<", 0, start + 1)
        if lt != -1 and _CELL_START.match(buf, lt):
            return lt
        start = max(buf.rfind(b"<c ", lo, start), buf.rfind(b":c ", lo, start))
    return -1


def _last_row_tag(buf: bytes) -> int:
    """Where the last `<row ` (or prefixed `:row `) is in `buf`, or -1: looked for in the last 64 kB first."""
    lo = max(0, len(buf) - _ROW_TAIL)
    last = max(buf.rfind(b"<row ", lo), buf.rfind(b":row ", lo))
    if last == -1 and lo:
        last = max(buf.rfind(b"<row ", 0, lo + 5), buf.rfind(b":row ", 0, lo + 5))
    return last


def _scan_buffer(buf: bytes, info: SheetInfo, patterns: Sequence[tuple[bytes, re.Pattern[bytes]]]) -> None:
    last = _last_row_tag(buf)
    if last != -1:
        m = _ROW_NUMBER.match(buf, last)
        if m:
            info.max_row = max(info.max_row, int(m.group(1)))
    if b"<f" in buf:
        for m in _FORMULA_CELL.finditer(buf):
            info.formula_count += 1
            if not _HAS_VALUE.search(m.group(2)):
                info.formulas_without_value.add(m.group(1).decode())
    if b"<mergeCell " in buf:
        info.merged.extend(m.group(1).decode() for m in MERGE_CELL.finditer(buf))
    for needle, pattern in patterns:
        if needle in buf:
            indexes = pattern.findall(buf)
            if indexes:
                info.max_shared_index = max(info.max_shared_index, max(map(int, indexes)))


_SST_UNIQUE = re.compile(rb'<(?:\w+:)?sst\b[^>]*?\buniqueCount=["\'](\d+)["\']')
_SI_ITEM = re.compile(rb"<(?:\w+:)?si\b")


def shared_strings_part(zf: zipfile.ZipFile) -> str | None:
    """The zip member holding the shared strings (xl/sharedStrings.xml, whatever its case), or None."""
    return next((n for n in zf.namelist() if n.lower().endswith("sharedstrings.xml")), None)


def shared_strings_count(zf: zipfile.ZipFile) -> int:
    """How many strings the shared-strings part holds: its `uniqueCount` (Excel, WPS and openpyxl write it),
    else its `<si>` items counted in a streaming pass; 0 without the part."""
    member = shared_strings_part(zf)
    if member is None:
        return 0
    with zf.open(member) as stream:
        first = stream.read(_READ)
        m = _SST_UNIQUE.search(first)
        if m:
            return int(m.group(1))
        count, buf = 0, first
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                return count + len(_SI_ITEM.findall(buf))
            buf += chunk
            cut = buf.rfind(b"<")   # a match starts with "<" and holds no other: all before the last one is whole
            if cut > 0:
                count += len(_SI_ITEM.findall(buf, 0, cut))
                buf = buf[cut:]


def sheet_refusal(info: SheetInfo, shared_strings: int) -> str | None:
    """What makes a scanned sheet unreadable, in a few words for the reader's refusal, or None: XML that is not
    well-formed (an unclosed cell after the rows a head read loads), or a cell naming a shared string past the
    shared-strings part's count."""
    if info.xml_error:
        return f"XML: {info.xml_error}"
    if info.max_shared_index >= shared_strings:
        return f"shared string index {info.max_shared_index} out of range ({shared_strings})"
    return None


def sheet_info(data: bytes, sheet_name: str) -> SheetInfo:
    """The scan of the named sheet of an xlsx given as bytes (an empty SheetInfo when the workbook does not list
    it). Raises what `UNREADABLE` names on a damaged file."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members, _states, _active = sheet_members(zf)
        return scan_sheet_xml(zf, members[sheet_name]) if sheet_name in members else SheetInfo()


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def formulas_by_row(info: SheetInfo, columns: Iterable[int]) -> dict[int, list[int]]:
    """Row number → the given 0-based column indexes whose cell is a formula without a cached result (a file
    written by a program, never opened in Excel: its value is unknown, not empty)."""
    wanted = set(columns)
    found: dict[int, list[int]] = {}
    for ref in info.formulas_without_value:
        m = _CELL_REF.match(ref)
        if not m:
            continue
        index = 0
        for c in m.group(1):
            index = index * 26 + (ord(c) - 64)
        if index - 1 in wanted:
            found.setdefault(int(m.group(2)), []).append(index - 1)
    for cells in found.values():
        cells.sort()
    return found


# Every importer names such a cell in the same words (the registry, employment, the monitor, the catalogue).
def formula_without_value(row: int, column: str, *, gettext: Translate = as_written) -> str:
    """The reason for a formula cell saved without its result (every import names it by row and column)."""
    return gettext("第%(row)d行「%(column)s」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值") % {
        "row": row, "column": column}


def _column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters, index = "", index + 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def formula_refusal(info: SheetInfo, header: Sequence[object], *, header_row: int = 1,
                    gettext: Translate = as_written) -> str | None:
    """For a reader of a whole sheet (the command-line tables): the first formula below the header saved without
    its result, named by its row and its column's header (else its letter), in the importers' words; or None."""
    rows = {n: cells for n, cells in formulas_by_row(info, range(16384)).items() if n > header_row}
    if not rows:
        return None
    number = min(rows)
    index = rows[number][0]
    title = header[index] if index < len(header) else None
    column = str(title).strip() if title is not None and str(title).strip() else f"{_column_letter(index)}列"
    return formula_without_value(number, column, gettext=gettext)

# ---------------------------------------------------------------- exports: text that would start a formula

# The one rule for every xlsx jianfu writes (badinput15 #22). A text cell starting with = + - @ (or a tab or
# return, which some spreadsheets strip before reading the rest as a formula) is written as a text cell (type
# "s", never "f") with the quote-prefix style: Excel and WPS show the text exactly as it is — no visible
# apostrophe added to it — and keep it text when the user edits the cell. CSV exports keep the apostrophe
# (`jianfu.core.text.xlsx_text`): CSV has no styles.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(cell: Any) -> Any:
    """`cell` (a worksheet's or a write-only one), made text with the quote prefix if its text starts a formula."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def inert_workbook(wb: Any) -> None:
    """Every cell of every worksheet of a (not write-only) workbook through `inert_cell`."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                inert_cell(cell)


def workbook_bytes(wb: Any) -> bytes:
    """An export workbook, made inert (`inert_workbook`) and saved: every xlsx export ends here."""
    inert_workbook(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ------------------------------------------------------------- a workbook's head, without reading the whole sheets

# each with or without a namespace prefix (`<x:row>`, `<x:c t='s'>`: the OpenXML SDK) and with either quote (cr17b #2)
# no `<` in a tag (none in a well-formed one): each match holds one `<`, its first byte, so a search never reads past
# the next tag (`_sheet_head` relies on it to search only the new bytes)
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^<>]*)>")
_ROW_R = re.compile(rb'\br=["\'](\d+)["\']')
_SI_END = re.compile(rb"</(?:\w+:)?si>|<(?:\w+:)?si/>")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^<>]*/>")
_SST_COUNTS = re.compile(rb'\s(?:count|uniqueCount)=["\']\d+["\']')
_SST_OPEN = re.compile(rb"<((?:\w+:)?)sst\b")
_WORKSHEET_OPEN = re.compile(rb"<((?:\w+:)?)worksheet\b")
_HAS_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_READ = 1 << 16
# a sheet's XML before its row `rows` + 1 (what `head_workbook` keeps): Excel's first hundred rows are kilobytes to a
# few hundred; one row of 16 MB cost seconds in a search that re-read it for each 64 kB piece (security19 #3)
MAX_SHEET_HEAD_BYTES = 8 * 2**20


class SheetHeadTooLarge(ValueError):
    """A sheet's XML before the row a head ends at is larger than MAX_SHEET_HEAD_BYTES: `member` (the zip member),
    `row` (the row being read when the cap was passed, 0 before the first row), `rows` (the rows the head keeps)."""

    def __init__(self, member: str, row: int, rows: int) -> None:
        super().__init__(f"{member}: over {MAX_SHEET_HEAD_BYTES} bytes before row {rows + 1} (in row {row})")
        self.member, self.row, self.rows = member, row, rows


def _resume_at(buf: bytearray, gt: int) -> int:
    """Where the next search of `buf` begins, for a pattern whose matches hold one `<` (their first byte) and end
    with the first `>` after it, once every match up to `buf`'s last `>` (at `gt`) was looked for: only a `<` after
    that `>` may open a match not yet whole. So no byte is searched more than twice, however long a row."""
    lt = buf.rfind(b"<", gt)
    return lt if lt != -1 else len(buf)


def _sheet_head(zf: zipfile.ZipFile, member: str, rows: int) -> bytes:
    """The sheet's XML up to its row `rows` (its rows numbered by their r="…", or in order where a writer left it
    out), closed again; the whole XML when it has no more rows. Read in 64 kB pieces, never further than the cut,
    each byte searched once; raises SheetHeadTooLarge past MAX_SHEET_HEAD_BYTES before the cut."""
    buf, resume, number, cut = bytearray(), 0, 0, -1
    with zf.open(member) as stream:
        while cut < 0:
            chunk = stream.read(_READ)
            start = len(buf)
            buf += chunk
            gt = buf.rfind(b">", start)
            if gt != -1:   # else no tag ends in the new bytes: nothing to look for
                for m in _ROW_TAG.finditer(buf, resume):
                    r = _ROW_R.search(m.group(1))
                    following = int(r.group(1)) if r else number + 1
                    if following > rows:
                        cut = m.start()
                        break
                    number = following
                resume = _resume_at(buf, gt)
            if (cut if cut >= 0 else len(buf)) > MAX_SHEET_HEAD_BYTES:
                raise SheetHeadTooLarge(member, number, rows)
            if not chunk:
                break
    if cut < 0:
        return bytes(buf)
    root = _WORKSHEET_OPEN.search(buf)
    prefix = root.group(1) if root else b""
    return _DIMENSION.sub(b"", bytes(buf[:cut]), count=1) + b"</%ssheetData></%sworksheet>" % (prefix, prefix)


def _shared_strings_head(zf: zipfile.ZipFile, member: str, count: int) -> bytes:
    """The shared strings' XML up to its string number `count` (the first `count` of them), closed again. Each byte
    searched once (a string of megabytes was searched again for each 64 kB piece: security19 #3); the part's size
    is capped by `xlsx_refusal`."""
    buf, resume, seen = bytearray(), 0, 0
    with zf.open(member) as stream:
        while True:
            chunk = stream.read(_READ)
            start = len(buf)
            buf += chunk
            gt = buf.rfind(b">", start)
            for m in _SI_END.finditer(buf, resume) if gt != -1 else ():
                seen, pos = seen + 1, m.end()
                if seen >= count:
                    root = _SST_OPEN.search(buf)
                    if root is None:
                        raise ValueError("no <sst> in the shared strings")
                    opening, prefix = root.start(), root.group(1)
                    end = buf.find(b">", opening)
                    return (bytes(buf[:opening]) + _SST_COUNTS.sub(b"", bytes(buf[opening:end])) + bytes(buf[end:pos])
                            + b"</%ssst>" % prefix)
            if gt != -1:
                resume = _resume_at(buf, gt)
            if not chunk:
                return bytes(buf)


def _shared_cells(head: bytes) -> Iterator[int]:
    """The shared-string index each `t="s"` cell of a sheet's head names."""
    for m in _SHARED_CELL.finditer(head):
        if _SHARED_TYPE.search(m.group(1)):
            yield int(m.group(2))


def head_workbook(zf: zipfile.ZipFile, sheets: Iterable[str], *, rows: int) -> bytes:
    """The xlsx with each of `sheets` (their zip members) cut after its row `rows`, and its shared strings after the
    last one those rows name; every other part as it is. What a reader opens to read a sheet's header and first rows
    without loading the whole sheet (an upload's check in the request: a 20 MB sheet took 2.8 s CPU and 490 MB to
    load whole). Raises what `UNREADABLE` names on a damaged file."""
    heads = {member: _sheet_head(zf, member, rows) for member in sheets}
    names = zf.namelist()
    shared = shared_strings_part(zf)
    used = [index for head in heads.values() for index in _shared_cells(head)]
    # no shared-string cell found where the heads have cells: a form the pattern does not know, so every string
    # is kept rather than none (the header would read empty)
    whole_strings = not used and any(_HAS_CELL.search(head) for head in heads.values())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as head:
        for name in names:
            if name in heads:
                head.writestr(name, heads[name])
            elif name == shared and not whole_strings:
                head.writestr(name, _shared_strings_head(zf, name, max(used, default=-1) + 1))
            else:
                head.writestr(name, zf.read(name))
    return out.getvalue()

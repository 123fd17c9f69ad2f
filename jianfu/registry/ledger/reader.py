"""Reading ledger files (xlsx, csv) into a header and a stream of rows. Pure, no Django.

- xlsx: python-calamine (a Rust reader, cached values of formulas; 1.3 s of CPU for 100,000 rows × 14
  columns against 8.9 s for openpyxl's read-only mode), its cells normalised to what openpyxl gave
  (`_cells`); before reading, one streaming scan of the sheet XML finds merged cells, formulas without a
  cached value and the last row (refused over the limit before the sheet is loaded).
- csv: UTF-8, UTF-8 with BOM, GBK/GB18030 (detected), delimiter sniffed among , ; tab; an undecodable byte is
  refused naming its row and column (`_decoded_lines`).

Every problem raises `LedgerFileError` with a Chinese message naming the sheet/row/cell.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _

from jianfu.core.xlsxguard import (  # noqa: F401 - formula_without_value, formulas_by_row: the employment imports
    MAX_SHEET_HEAD_BYTES,
    MERGE_CELL,
    NOT_XLSX,
    SheetHeadTooLarge,
    SheetInfo,
    directory_refusal,
    file_tail,
    formula_without_value,
    formulas_by_row,
    head_workbook,
    merged_refusal,
    scan_sheet_xml,
    shared_strings_count,
    sheet_members,
    sheet_note,
    sheet_refusal,
    shown_sheet,
    xlsx_refusal,
)

from . import vocab

MAX_ROWS = 200_000  # data rows per file; a 1,000,000-row ledger is refused with a clear message
HEADER_SCAN_ROWS = 10


class LedgerFileError(ValueError):
    """The file as a whole cannot be read; `args[0]` is the Chinese reason."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


@dataclass
class Ledger:
    """An opened ledger: `headers` (as written), `header_row` (1-based) and `rows()` yielding
    (row_number, cells) for every non-empty data row."""

    kind: str
    sheet_name: str
    sheet_names: list[str]
    header_row: int
    headers: list[str]
    total_rows_hint: int | None
    _rows: Iterator[tuple[int, list[object]]]
    info: SheetInfo = field(default_factory=SheetInfo)
    _close: object = None
    sheet_note: str = ""   # which sheet was read, when the workbook has more than one (for the result page)

    def rows(self) -> Iterator[tuple[int, list[object]]]:
        return self._rows

    def close(self) -> None:
        if callable(self._close):
            self._close()


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def open_ledger(file: IO[bytes] | str, *, filename: str, sheet: str = "", header_row: int = 0,
                max_rows: int = MAX_ROWS, head_rows: int = 0) -> Ledger:
    """Open a ledger by its file name's extension. `header_row` 0 = detect (the first of the first rows
    that names at least two known registry fields, else the first non-empty row).

    `head_rows` (an upload's check in the request): an xlsx sheet is read up to that row only (`head_workbook`), its
    header found and checked as always, and the sheet's extent, merged cells and row cap taken from the streaming
    scan of its whole XML, without loading the sheet; its rows are the head's only. A CSV is read as it is iterated
    in any case."""
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return _open_xlsx(file, sheet=sheet, header_row=header_row, max_rows=max_rows, head_rows=head_rows)
    if lower.endswith((".csv", ".txt")):
        return _open_csv(file, header_row=header_row, max_rows=max_rows)
    if lower.endswith(".xls"):
        raise LedgerFileError("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入")
    raise LedgerFileError("只支持 .xlsx 和 .csv 文件")


# ---------------------------------------------------------------- xlsx

# the streaming scan of a sheet's XML (merged cells, formulas without a cached value, the last row) and the
# sheet → member map are shared with the other importers: jianfu.core.xlsxguard


def _check_xlsx_parts(zf: zipfile.ZipFile) -> None:
    """Refuse what would exhaust memory or abuse the XML parser (`jianfu.core.xlsxguard`, shared by
    every xlsx upload)."""
    reason = xlsx_refusal(zf)
    if reason:
        raise LedgerFileError(reason)


_UNREADABLE_XLSX = NOT_XLSX


def _open_xlsx(file: IO[bytes] | str, *, sheet: str, header_row: int, max_rows: int, head_rows: int = 0) -> Ledger:
    from python_calamine import CalamineError, CalamineWorkbook

    if not isinstance(file, str):
        file.seek(0)
    try:
        # the directory's declared size first: zipfile reads every entry of it on opening (xlsx24)
        directory = directory_refusal(file_tail(file))
        if directory:
            raise LedgerFileError(directory)
        zf = zipfile.ZipFile(file)
        _check_xlsx_parts(zf)
        members, states, active = sheet_members(zf)
        source = io.BytesIO(head_workbook(zf, members.values(), rows=head_rows)) if head_rows else file
    except SheetHeadTooLarge as exc:
        raise LedgerFileError(_head_too_large(exc, members)) from exc
    except (zipfile.BadZipFile, zlib.error, KeyError, UnicodeDecodeError, OSError, EOFError) as exc:
        raise LedgerFileError(_UNREADABLE_XLSX) from exc
    try:
        if not isinstance(source, str):
            source.seek(0)
        wb = CalamineWorkbook.from_path(source) if isinstance(source, str) else CalamineWorkbook.from_filelike(source)
        names = list(wb.sheet_names)
    except CalamineError as exc:
        raise LedgerFileError(_UNREADABLE_XLSX) from exc
    if not names:
        wb.close()
        raise LedgerFileError("文件中没有工作表")
    if len(states) != len(names):
        states = ["visible"] * len(names)
    if sheet:
        if sheet not in names:
            wb.close()
            raise LedgerFileError(f"文件中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）")
        name = sheet
    else:   # the sheet a user sees on opening the file (calamine lists the sheets in workbook order)
        name = names[shown_sheet(states, active)]
    # the streaming pre-scan (merged cells, formulas, the sheet's extent, well-formed XML, the shared strings its
    # cells name) runs before the sheet is loaded, so an oversized sheet is refused without reading it, and a sheet
    # broken past the head a check loads is refused as when it was loaded whole (cr17b #1)
    try:
        # the head alone is loaded: its XML and string indexes are checked here for the whole sheet (a whole load's
        # parser checks them itself, below)
        content = bool(head_rows) and name in members
        strings = shared_strings_count(zf) if content else 0
        info = (scan_sheet_xml(zf, members[name], content=content, shared_strings=strings) if name in members
                else SheetInfo())
        broken = sheet_refusal(info, strings) if content else None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:  # a bad CRC, a cut member (never a bug's error)
        wb.close()
        raise LedgerFileError(_unreadable_sheet(str(exc) or type(exc).__name__)) from exc
    finally:
        zf.close()
    if broken:
        wb.close()
        raise LedgerFileError(_unreadable_sheet(broken))
    max_row = info.max_row
    if max_row and max_row - 1 > max_rows:
        wb.close()
        raise LedgerFileError(f"工作表“{name}”有{max_row}行，超过单个文件{max_rows}行的上限，请拆分后分批导入")
    try:
        # absolute positions (row 1 is the sheet's first row, whatever is empty above the data)
        table = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except CalamineError as exc:  # malformed XML, a damaged zip member, an encrypted part
        wb.close()
        raise LedgerFileError(_unreadable_sheet(str(exc))) from exc
    wb.close()
    max_row = max_row or len(table)

    def numbered() -> Iterator[tuple[int, list[object]]]:
        for number, values in enumerate(table, start=1):
            yield number, _cells(values)

    stream = numbered()
    header_number, headers, pending = _find_header(stream, header_row=header_row, where=f"工作表“{name}”")
    _check_merged_header(info, header_number, name)
    rows = _data_rows(stream, pending, width=len(headers), max_rows=max_rows,
                      where=f"工作表“{name}”")
    return Ledger(kind="xlsx", sheet_name=name, sheet_names=names, header_row=header_number, headers=headers,
                  total_rows_hint=max(0, max_row - header_number) if max_row else None, _rows=rows, info=info,
                  _close=table.clear, sheet_note=sheet_note(names, states, names.index(name)))


def _head_too_large(exc: SheetHeadTooLarge, members: dict[str, str]) -> str:
    """The refusal of a sheet whose first rows are larger than any ledger's (security19 #3), naming it and the row."""
    sheet = next((name for name, member in members.items() if member == exc.member), exc.member)
    values = {"sheet": sheet, "row": exc.row, "mb": MAX_SHEET_HEAD_BYTES // 2**20}
    if exc.row:
        return _("工作表“%(sheet)s”读到第%(row)d行时内容已超过 %(mb)d MB，Excel 保存的台账不会这样，"
                 "请检查这一行（是否有极长的文字或大量空单元格）后重新上传") % values
    return _("工作表“%(sheet)s”在第一行之前的内容已超过 %(mb)d MB，Excel 保存的台账不会这样，"
             "请在 Excel 中另存为 .xlsx 后重新上传") % values


def _unreadable_sheet(detail: str) -> str:
    """The refusal of a sheet whose content cannot be read (calamine's words, or the scan's), in one form."""
    return f"文件内容不是有效的 Excel 格式（{detail[:80]}），请在 Excel 中另存为 .xlsx 后重新上传"


_EXACT_INT = 1e15   # Excel keeps 15 significant digits: an integral number below this was written as an integer


def _cells(values: Sequence[object]) -> list[object]:
    """A row as openpyxl's read-only mode gave it (what the importers were written against): None for an
    empty cell, an int for an integral number (Excel writes "42", which openpyxl read as int; calamine
    gives 42.0), a datetime for a date cell (calamine gives a date when the time part is zero)."""
    out: list[object] = []
    for v in values:
        kind = type(v)
        if kind is str:
            out.append(v if v else None)
        elif kind is float:
            f: float = v  # type: ignore[assignment]
            out.append(int(f) if f.is_integer() and -_EXACT_INT < f < _EXACT_INT else f)
        elif kind is dt.date:
            d: dt.date = v  # type: ignore[assignment]
            out.append(dt.datetime(d.year, d.month, d.day))  # noqa: DTZ001 - a cell has no zone (openpyxl: naive)
        else:
            out.append(v)
    return out


def _check_merged_header(info: SheetInfo, header_number: int, sheet_name: str) -> None:
    reason = merged_refusal(info.merged, header_row=header_number, sheet_name=sheet_name)
    if reason:
        raise LedgerFileError(reason)


# ---------------------------------------------------------------- csv

def detect_encoding(head: bytes) -> str:
    """'utf-8-sig' for a BOM, 'utf-8' when the bytes decode as UTF-8, else 'gb18030' (a superset of GBK)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still UTF-8
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    if _mostly_utf8(head):
        return "utf-8"  # with a bad byte or two, which the reader refuses naming their row (not read as GBK mojibake)
    try:
        head.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        return "gb18030"  # decoding errors are reported with their line below


def _mostly_utf8(head: bytes) -> bool:
    """UTF-8 with a few undecodable bytes, not GBK: its characters past U+0800 (the Chinese ones, three bytes each)
    outnumber its bad bytes four to one. GBK text decoded as UTF-8 is mostly bad bytes (a GBK pair is a valid
    3-byte UTF-8 sequence only by chance, about one in fifty)."""
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    wide = sum(1 for ch in text if ch >= "\u0800") - bad
    return wide >= 4 * bad


NOT_A_TABLE = "文件不是CSV/Excel表格（看起来是图片/二进制文件）"
# The first bytes of the files most often renamed to .csv by mistake: images, PDF, zip (an .xlsx too), old Office
# (.xls/.doc), programs, archives.
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
                 b"\x7fELF", b"\x1f\x8b", b"Rar!\x1a", b"7z\xbc\xaf", b"II*\x00", b"MM\x00*")
_BAD_SHARE = 0.1  # a text of which more than a tenth is control, unassigned or undecodable characters is not a table


def _not_text_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or (
        ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")))
    return bad / len(text)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes of `head` are all on the odd or all on the even positions
    (the high bytes of ASCII characters in UTF-16) and the decoding is text; else None."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if odd and not even else "utf-16-be" if even and not odd else None
    # a CSV's commas and line ends alone are more than 2% of its characters; a stray NUL in UTF-8 text is not UTF-16
    if encoding is None or max(even, odd) < len(head) // 2 * 0.02:
        return None
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")[:8192]
    return encoding if _not_text_share(text) <= _BAD_SHARE else None


def text_encoding(head: bytes) -> str:
    """`detect_encoding`, after the bytes are sniffed (badinput15 #9): a known binary file's magic number, or a
    decoding of which more than a tenth is NUL, control or unassigned characters → `LedgerFileError`
    (NOT_A_TABLE); UTF-16 without a BOM is recognised by where its NUL bytes are. Every CSV import reads here."""
    if head.startswith(_BINARY_MAGIC):
        raise LedgerFileError(NOT_A_TABLE)
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return detect_encoding(head)
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16:
            return utf16
    encoding = detect_encoding(head)  # a stray NUL is one bad character of many; NUL bytes throughout are binary
    if _not_text_share(head.decode(encoding, errors="replace")[:8192]) > _BAD_SHARE:
        raise LedgerFileError(NOT_A_TABLE)
    return encoding


def _open_csv(file: IO[bytes] | str, *, header_row: int, max_rows: int) -> Ledger:
    opened = isinstance(file, str)
    if isinstance(file, str):
        file = open(file, "rb")  # noqa: SIM115 - closed by Ledger.close
    file.seek(0)
    head = file.read(1 << 16)
    file.seek(0)
    if not head.strip():
        raise LedgerFileError("文件是空的")
    encoding = text_encoding(head)
    marked = _Marked()
    lines = _decoded_lines(file, encoding, marked)
    sample = head.decode(encoding, errors="ignore")[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(lines, dialect)

    def numbered() -> Iterator[tuple[int, list[object]]]:
        number = 0
        try:
            for number, values in enumerate(reader, start=1):  # noqa: B007
                if marked.seen:
                    _refuse_marked(number, values)
                yield number, list[object](values)
        except csv.Error as exc:
            raise LedgerFileError(_csv_error(number + 1, exc)) from None

    stream = numbered()
    header_number, headers, pending = _find_header(stream, header_row=header_row, where="文件")
    rows = _data_rows(stream, pending, width=len(headers), max_rows=max_rows, where="文件")
    return Ledger(kind="csv", sheet_name="", sheet_names=[], header_row=header_number, headers=headers,
                  total_rows_hint=None, _rows=rows, _close=file.close if opened else None)


# An undecodable byte is decoded as a lone surrogate (U+DC00 + the byte), which no strict decoding of UTF-8, GB18030
# or UTF-16 yields, and refused with the row the csv module reads it in. Refusing where the decoder meets it named the
# row being parsed when the decoder read ahead (its chunk of 64 KB), hundreds of rows before the bad byte (mend19b #1).
_MARK_ERRORS = "jianfu.ledger.mark"
_MARK = re.compile("[\udc00-\udcff]")


def _mark_bad_byte(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    # one byte at a time: a GB18030 "incomplete sequence" spans the bytes after it (a comma, a line end) too
    return chr(0xDC00 + exc.object[exc.start]), exc.start + 1


codecs.register_error(_MARK_ERRORS, _mark_bad_byte)


@dataclass
class _Marked:
    seen: bool = False   # a bad byte was decoded: from here on every row is searched for its mark


_CHUNK = 1 << 16


def _decoded_lines(file: IO[bytes], encoding: str, marked: _Marked) -> Iterator[str]:
    """The file's lines as `io.TextIOWrapper(newline="")` gives them (ends kept, split at \\r, \\n and \\r\\n
    only: a form feed inside a cell is no line end for the csv module), bad bytes marked. Each chunk is searched for a
    mark once, in C; the rows are searched only after one is found."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=_MARK_ERRORS)
    carry: list[str] = []   # the start of a line that goes on in the next chunk
    while True:
        chunk = file.read(_CHUNK)
        text = decoder.decode(chunk, final=not chunk)
        if not marked.seen and _MARK.search(text):
            marked.seen = True
        if chunk and "\n" not in text and "\r" not in text:
            carry.append(text)
            continue
        if carry:
            text = "".join(carry) + text
            carry = []
        lines = io.StringIO(text, newline="").readlines()
        if chunk and lines and not lines[-1].endswith("\n"):   # a "\r" may be the first half of "\r\n"
            carry.append(lines.pop())
        yield from lines
        if not chunk:
            return


def _refuse_marked(number: int, values: list[str]) -> None:
    for index, cell in enumerate(values):
        found = _MARK.search(cell)
        if found:
            raise LedgerFileError(_(
                "第%(row)d行%(col)s列有无法识别的字符（字节 0x%(byte)02X），文件中可能混有其他编码的内容或已损坏，"
                "请把文件另存为 UTF-8 或 GBK 编码后重新上传") % {
                "row": number, "col": col_letter(index), "byte": ord(found.group()) - 0xDC00})


def _csv_error(row: int, exc: csv.Error) -> str:
    """The csv module's English error as a Chinese reason naming the row (the column is not known: the module
    stops inside the row). "field larger than field limit (131072)" was shown as it was (badinput14 B09)."""
    text = str(exc)
    if "field larger than field limit" in text:
        limit = csv.field_size_limit()
        return _("第%(row)d行有超过 %(limit)d 字的单元格（每个单元格最多 %(limit)d 字），请缩短该行的内容；"
                 "如果该行并没有这么长的内容，请检查是否有未配对的英文引号") % {"row": row, "limit": limit}
    if "NUL" in text:
        return _("第%(row)d行含有空字符（NUL），文件可能不是文本格式的 CSV，请在 Excel 中另存为 .xlsx 或 CSV 后重新上传") % {
            "row": row}
    return _("第%(row)d行格式错误（可能有未配对的英文引号），请在 Excel 中另存为 .xlsx 或 CSV 后重新上传") % {"row": row}


# ---------------------------------------------------------------- shared

def _nonempty(values: list[object]) -> bool:
    return any(v is not None and str(v).strip() for v in values)


def _find_header(stream: Iterator[tuple[int, list[object]]], *, header_row: int, where: str
                 ) -> tuple[int, list[str], list[tuple[int, list[object]]]]:
    """Return (header row number, headers, data rows already read past the header)."""
    seen: list[tuple[int, list[object]]] = []
    for number, values in stream:
        seen.append((number, values))
        if header_row and number >= header_row:
            break
        if not header_row and len(seen) >= HEADER_SCAN_ROWS:
            break
    nonempty = [(n, v) for n, v in seen if _nonempty(v)]
    if not nonempty:
        raise LedgerFileError(f"{where}是空的，没有表头和数据")
    if header_row:
        chosen = next(((n, v) for n, v in seen if n == header_row), None)
        if chosen is None or not _nonempty(chosen[1]):
            raise LedgerFileError(f"{where}第{header_row}行（表头行）是空的")
    else:
        chosen = next(((n, v) for n, v in nonempty
                       if sum(1 for c in v if c is not None and vocab.guess_field(str(c))) >= 2), nonempty[0])
    number, values = chosen
    headers = [("" if c is None else str(c).strip()) for c in values]
    while headers and not headers[-1]:
        headers.pop()
    seen_names: dict[str, int] = {}
    for i, h in enumerate(headers):
        if not h:
            continue
        if h in seen_names:
            raise LedgerFileError(
                f"{where}表头第{number}行有重复的列名“{h}”（{col_letter(seen_names[h])}列和{col_letter(i)}列）")
        seen_names[h] = i
    pending = [(n, v) for n, v in seen if n > number]
    return number, headers, pending


def _data_rows(stream: Iterator[tuple[int, list[object]]], pending: list[tuple[int, list[object]]], *, width: int, max_rows: int, where: str) -> Iterator[tuple[int, list[object]]]:
    count = 0
    for source in (pending, stream):
        for number, values in source:
            if not _nonempty(values):
                continue
            count += 1
            if count > max_rows:
                raise LedgerFileError(f"{where}超过单个文件{max_rows}行数据的上限，请拆分后分批导入")
            if len(values) < width:
                values = list(values) + [None] * (width - len(values))
            yield number, values

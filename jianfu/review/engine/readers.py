"""Input readers: .docx, .pdf (text layer only), .txt (UTF-8/GBK/UTF-16, BOM aware), .md, pasted text.

Every reader returns a `SourceDocument`: a list of paragraphs with their page (when the format has
pages) and, for .docx, the index of the Word paragraph they came from (so comments can be anchored).
Anything the engine cannot read raises `ReviewInputError` with a Chinese message; nothing else escapes.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from jianfu.core import docxpackage
from jianfu.core.docxpackage import read_relationships as _read_relationships  # noqa: F401 (its tests read it here)
from jianfu.core.text import clean_text

from .errors import ReviewInputError

if TYPE_CHECKING:  # python-docx is imported where a .docx is read, not when the engine loads
    from docx.document import Document as DocxDocument
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

MAX_BYTES = 20 * 1024 * 1024  # 20 MB per file
MAX_PAGES = 100
# GB/T 9704 公文 page: 22 lines x 28 characters. Formats without pages are limited to the
# characters of 100 such pages.
CHARS_PER_PAGE = 22 * 28
MAX_CHARS = MAX_PAGES * CHARS_PER_PAGE

# A .docx is a zip: what it declares unpacked is capped before anything unpacks it (testzip, python-docx), its directory
# before zipfile reads it — the package check shared with the direct line's attachments (`jianfu.core.docxpackage`, where
# each cap is explained). The names stay here, read at each call: the review's caps, which tests lower.
MAX_DOCX_XML_BYTES = docxpackage.MAX_XML_BYTES                # any XML part unpacked
MAX_DOCX_TOTAL_BYTES = docxpackage.MAX_TOTAL_BYTES            # all parts unpacked (testzip inflates every one)
MAX_DOCX_RELS_BYTES = docxpackage.MAX_RELS_BYTES              # any relationships part (`.rels`) unpacked
MAX_DOCX_RELS_TOTAL_BYTES = docxpackage.MAX_RELS_TOTAL_BYTES  # all of them together
MAX_DOCX_RATIO = docxpackage.MAX_RATIO                        # unpacked / packed, past DOCX_RATIO_FLOOR_BYTES
DOCX_RATIO_FLOOR_BYTES = docxpackage.RATIO_FLOOR_BYTES
# Tables in a .docx (security21 #1: a 37 KB file of 900 merged rows tied the reader up 23.5 s). 100 pages of 公文 hold
# well under 5,000 table rows even in small type; Word itself allows at most 63 columns.
MAX_TABLE_ROWS = 5_000
MAX_TABLE_CELLS = 50_000
MAX_TABLE_COLUMNS = 63
# Tables nested in a cell (session 22): a form's table inside a table is read, two or three deep; deeper than this is
# refused (too_complex), as no 公文 nests so far and every level is another walk of the caps above.
MAX_TABLE_DEPTH = 5
# Paragraphs in a .docx, every <w:p> of the body counted over any nesting (tables, text boxes, content controls) before
# one is read (security22: 1.3 M empty paragraphs in a 7.8 MB file stored uncompressed, past every zip cap, held the
# upload request 131 s and 385 MB). A page holds at most ~50 lines even in small type and a body paragraph takes one:
# 100 pages, 5,000; a table's cells share their line, and every cell holds a paragraph, so the table caps allow 50,000
# more. 60,000 is past both together (600 a page): no document the other caps let through is refused by this one first
# unless its cells hold several paragraphs each.
MAX_DOCX_PARAGRAPHS = 60_000

SUPPORTED = {".docx", ".pdf", ".txt", ".md"}
MIN_CHARS_PER_PAGE = 10

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


@dataclass
class Paragraph:
    text: str
    page: int | None = None
    source_index: int | None = None  # index among the .docx paragraphs the reader walks (`_docx_body_paragraphs`)

    def __post_init__(self) -> None:
        # whatever the reader (txt, pdf text layer, docx), a character a .docx cannot hold would break
        # the annotated copy: it is dropped here, once
        self.text = clean_text(self.text)


@dataclass
class SourceDocument:
    paragraphs: list[Paragraph]
    fmt: str  # docx | pdf | txt | md | text
    pages: int | None = None
    filename: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def read_bytes(data: bytes, filename: str) -> SourceDocument:
    """Read an uploaded file. The extension decides the reader; the content is checked against it."""
    name = filename or ""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if ext not in SUPPORTED:
        raise ReviewInputError(
            f"不支持的文件类型“{ext or '无扩展名'}”：请上传 .docx、.pdf（含文字层）、.txt 或 .md 文件，或直接粘贴文本。",
            code="unsupported_type")
    if len(data) == 0:
        raise ReviewInputError("文件为空（0 字节），请检查后重新上传。", code="empty")
    if len(data) > MAX_BYTES:
        raise ReviewInputError(
            f"文件大小为 {len(data) / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限，请拆分或压缩后上传。",
            code="too_large")
    if ext == ".docx":
        doc = _read_docx(data, name)
    elif ext == ".pdf":
        doc = _read_pdf(data)
    else:
        doc = _paragraphs_from_text(_decode_text(data), fmt=ext[1:])
    doc.filename = name
    _check_content(doc)
    return doc


def read_path(path: str) -> SourceDocument:
    import os

    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise ReviewInputError(f"无法读取文件：{path}（{exc.strerror}）。", code="unreadable") from exc
    if size > MAX_BYTES:
        raise ReviewInputError(
            f"文件大小为 {size / 1024 / 1024:.1f} MB，超过 {MAX_BYTES // 1024 // 1024} MB 的上限，请拆分或压缩后上传。",
            code="too_large")
    with open(path, "rb") as fh:
        data = fh.read()
    return read_bytes(data, os.path.basename(path))


def read_text(text: str) -> SourceDocument:
    """Pasted text."""
    if text is None or not text.strip():
        raise ReviewInputError("粘贴的文本为空，请粘贴需要审查的文件正文。", code="empty")
    doc = _paragraphs_from_text(text, fmt="text")
    _check_content(doc)
    return doc


# ---------------------------------------------------------------------------------------------- txt

def _decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return _strict(data, "utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8 as a whole. If some lines are valid multi-byte UTF-8 while the file is not, the file
    # mixes encodings (typically UTF-8 and GBK pasted together): refuse rather than guess.
    utf8_lines, other_lines = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not any(b > 0x7F for b in line):
            continue
        try:
            line.decode("utf-8")
            utf8_lines.append(number)
        except UnicodeDecodeError:
            other_lines.append(number)
    if utf8_lines and other_lines:
        raise ReviewInputError(
            f"文本文件编码混杂：第{utf8_lines[0]}行为UTF-8编码，第{other_lines[0]}行不是UTF-8编码（可能为GBK）。"
            "请用同一种编码（建议UTF-8）另存后重新上传。", code="mixed_encoding")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line_number = data[: exc.start].count(b"\n") + 1
        raise ReviewInputError(
            f"无法识别文本文件的编码（第{line_number}行既不是UTF-8也不是GBK），请另存为UTF-8后重新上传。",
            code="bad_encoding") from exc


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReviewInputError(
            f"文本文件带有{encoding.upper()}标记，但第{line}行内容不是该编码，文件可能已损坏。",
            code="bad_encoding") from exc


_MD_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|>\s?)")


# Characters XML 1.0 (hence Word and PostgreSQL text) cannot hold: C0 controls other than tab and newline,
# and the non-characters U+FFFE/U+FFFF. Pasted text sometimes carries them (\x0b from Word line breaks).
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` with every XML-invalid character replaced by a space (same length, so spans still fit)."""
    return XML_INVALID.sub(" ", text)


def _paragraphs_from_text(text: str, *, fmt: str) -> SourceDocument:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # \x0b and \x0c are line and page breaks in text copied out of Word: keep them as line breaks; other
    # control characters are removed, as from every text input (jianfu.core.text), not turned into spaces
    text = xml_safe(clean_text(text.replace("\x0b", "\n").replace("\x0c", "\n")))
    paragraphs = []
    for line in text.split("\n"):
        if fmt == "md":
            line = _MD_PREFIX.sub("", line).replace("**", "").replace("__", "")
        line = line.strip().replace("\u3000", " ").strip()
        if line:
            paragraphs.append(Paragraph(text=line))
    return SourceDocument(paragraphs=paragraphs, fmt=fmt)


# --------------------------------------------------------------------------------------------- docx

def _docx_limits() -> docxpackage.DocxLimits:
    """The review's caps, read at each call (tests lower them here)."""
    return docxpackage.DocxLimits(
        max_xml_bytes=MAX_DOCX_XML_BYTES, max_total_bytes=MAX_DOCX_TOTAL_BYTES, max_rels_bytes=MAX_DOCX_RELS_BYTES,
        max_rels_total_bytes=MAX_DOCX_RELS_TOTAL_BYTES, max_ratio=MAX_DOCX_RATIO, ratio_floor=DOCX_RATIO_FLOOR_BYTES)


_REWRITE = "请在 Word 中另存为 .docx 后重新上传。"


def _package_error(refusal: docxpackage.DocxRefusal, filename: str) -> ReviewInputError:
    """The review's words for a refusal of the package check (`jianfu.core.docxpackage`), naming the file."""
    code, part, size, packed, cap = refusal.code, refusal.part, refusal.size, refusal.packed, refusal.cap
    if code == "directory":
        return ReviewInputError(f"“{filename}”的压缩目录有 {-(-size // 2**10)} KB，超过 {cap // 2**10} KB 的上限（部件过多），"
                                f"不像 Word 保存的文档，已拒绝。{_REWRITE}", code="too_large")
    if code == "parts":
        return ReviewInputError(f"“{filename}”包含 {size} 个部件，超过 {cap} 个的上限，不像 Word 保存的文档，已拒绝。"
                                f"{_REWRITE}", code="too_large")
    if code == "rels_parts":
        return ReviewInputError(f"“{filename}”的关系部件（.rels）超过 {cap} 个，不像 Word 保存的文档，已拒绝。{_REWRITE}",
                                code="too_complex")
    if code == "part_ratio":
        return ReviewInputError(f"“{filename}”内的 {part} 解压后有 {size / 2**20:.1f} MB（压缩前仅 {packed / 2**20:.2f} MB），"
                                f"不像 Word 保存的文档，可能是恶意构造的压缩文件，已拒绝。{_REWRITE}", code="too_large")
    if code == "part_size":
        return ReviewInputError(f"“{filename}”内的 {part} 解压后有 {size / 2**20:.1f} MB，超过 {cap // 2**20} MB "
                                "的上限，请删除无关内容或拆分后上传。", code="too_large")
    if code == "rels_total":
        return ReviewInputError(f"“{filename}”内的关系部件（.rels）解压后共有 {size / 2**20:.1f} MB，超过 "
                                f"{cap // 2**20} MB 的上限，不像 Word 保存的文档，已拒绝。{_REWRITE}", code="too_large")
    if code == "ratio":
        return ReviewInputError(f"“{filename}”解压后共有 {size / 2**20:.1f} MB（压缩前仅 {packed / 2**20:.2f} MB），"
                                f"不像 Word 保存的文档，可能是恶意构造的压缩文件，已拒绝。{_REWRITE}", code="too_large")
    if code == "total":
        return ReviewInputError(f"“{filename}”解压后共有 {size / 2**20:.1f} MB，超过 {cap // 2**20} MB "
                                "的上限，请删除无关内容（如大图片）或拆分后上传。", code="too_large")
    if code == "not_zip":
        return ReviewInputError("文件已损坏，无法作为 .docx 打开（压缩结构不完整）。", code="corrupt")
    if code == "no_main_part":
        return ReviewInputError("文件不是有效的 .docx 文档（缺少正文部分），文件可能已损坏。",
                                code="corrupt")
    if code == "unreadable_entry":
        # (fix-cr22a: an encrypted entry, or one packed by another method than the package format's two, was a 500)
        return ReviewInputError(f"文件已损坏或不是Word文档（压缩包内 {part} 已加密或使用了不支持的压缩方式），"
                                "无法读取正文，请在Word中重新保存为 .docx 后上传。", code="corrupt")
    if code == "bad_crc":
        return ReviewInputError(f"文件已损坏（压缩包内 {part} 校验失败），请重新导出后上传。", code="corrupt")
    if code == "too_deep":
        return _too_complex(filename)
    return ReviewInputError(CORRUPT_DOCX, code="corrupt")   # not_word


def _read_docx(data: bytes, filename: str = "") -> SourceDocument:
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in data[:65536] or _ENCRYPTED_MARK in data:
            raise ReviewInputError("文件已加密（设置了打开密码），请取消密码保护后重新上传。", code="encrypted")
        raise ReviewInputError(
            "该文件实际是旧版Word（.doc，Word 97-2003）格式，只是扩展名改成了 .docx。请在Word中“另存为”.docx 格式后重新上传。",
            code="doc_renamed")
    if not data.startswith(b"PK"):
        raise ReviewInputError("文件不是有效的 .docx 文档（内容不是Word文档格式），文件可能已损坏。", code="corrupt")
    refusal = docxpackage.docx_refusal(data, _docx_limits(), verify_crc=True)
    if refusal is not None:
        raise _package_error(refusal, filename or "文件")
    malformed = _malformed_docx_errors()
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except ReviewInputError:
        raise
    except malformed as exc:  # python-docx raises several types on malformed XML
        if _excessive_depth(exc):
            raise _too_complex(filename) from exc
        raise ReviewInputError(CORRUPT_DOCX, code="corrupt") from exc
    paragraphs: list[Paragraph] = []
    page = 1
    explicit_breaks = False
    chars = 0
    try:
        xpaths = _docx_xpaths()
        for index, para in enumerate(_docx_body_paragraphs(document, filename or "文件")):
            # python-docx's `para.text` (an XPath compiled per run) and `para._p.xml` (the paragraph serialised to find
            # its page breaks) cost ~40 µs a paragraph; two compiled XPaths give ~5 µs (security22), the text as if
            # every tracked change were accepted (session 23)
            breaks = int(xpaths.page_breaks(para._p))
            if breaks:
                explicit_breaks = True
            text = _accepted_text(para._p, xpaths)
            if text:
                paragraphs.append(Paragraph(text=text, page=page, source_index=index))
                chars += len(paragraphs[-1].text)
                if chars > MAX_CHARS:  # refused now, not after the rest is read (newuser20 #12: 6.2 s for 3M characters)
                    _refuse_length("文件")
            page += breaks
    except ReviewInputError:
        raise
    except (RecursionError, MemoryError) as exc:  # whatever structure still finds a deep or wide path (sec21 #1)
        raise _too_complex(filename) from exc
    except malformed as exc:  # python-docx raises several types on malformed XML (a gridSpan that is no number ...)
        raise ReviewInputError(CORRUPT_DOCX, code="corrupt") from exc
    doc = SourceDocument(paragraphs=paragraphs, fmt="docx", pages=page if explicit_breaks else None)
    if not explicit_breaks:
        for p in doc.paragraphs:
            p.page = None
    return doc


CORRUPT_DOCX = "文件已损坏或不是Word文档，无法读取正文，请在Word中重新保存为 .docx 后上传。"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_GRID_SPAN = f"{_W}gridSpan"


_SDT = f"{_W}sdt"
_SDT_CONTENT = f"{_W}sdtContent"
# What a paragraph's text is read through (session 23): a hyperlink (as python-docx reads it), a tracked insertion or
# move's destination (the text as if every change were accepted), a content control (`w:sdt`; its properties hold no
# run); and (mend23b) what Word shows in the paragraph's line: a smart tag (`w:smartTag`, around the dates of Chinese
# files: "于<chsdate>3月1日</chsdate>前报送"), inline custom XML (`w:customXml`; its `w:customXmlPr` holds no run), a
# simple field (`w:fldSimple`: its runs are the field's shown result, its `w:instr` an attribute), bidirectional
# embedding and override (`w:dir`, `w:bdo`). Anything else between a run and its paragraph keeps the run out: a
# deletion or a move's source (what the drafter removed), a text box's own paragraphs (inside a run). Field codes
# (`w:instrText`) are no run text.
_THROUGH = (
    "self::w:hyperlink or self::w:ins or self::w:moveTo or self::w:sdt or self::w:sdtContent"
    " or self::w:smartTag or self::w:customXml or self::w:fldSimple or self::w:dir or self::w:bdo"
)
_RUN_TEXT = "*[self::w:br or self::w:cr or self::w:noBreakHyphen or self::w:ptab or self::w:t or self::w:tab]"


@dataclass(frozen=True)
class _DocxXPaths:
    runs: Callable[..., list[Any]]                # a paragraph's runs read, called with p=the paragraph
    text: Callable[..., list[Any]]                # their text elements, called with p=the paragraph
    page_breaks: Callable[[object], float]        # a paragraph's page breaks
    blocks: Callable[[object], list[Any]]         # a body's, cell's or content control's <w:p>, <w:tbl>, <w:sdt>
    rows: Callable[[object], list[Any]]           # a table's <w:tr> and <w:sdt> children
    cells: Callable[[object], list[Any]]          # a row's <w:tc> and <w:sdt> children
    cell_props: Callable[[object], list[Any]]     # a cell's <w:gridSpan> and <w:vMerge>


@functools.cache
def _docx_xpaths() -> _DocxXPaths:
    """XPaths compiled once (lxml is imported where a .docx is read, not when the engine loads).

    `runs` selects the paragraph's runs as if every tracked change were accepted (session 23): each `w:r` whose
    nearest ancestor not in `_THROUGH` is the paragraph itself (passed as `$p`) — a run of the paragraph, of a
    hyperlink, an insertion, a move's destination, an inline content control, a smart tag, inline custom XML, a simple
    field's result or a `w:dir`/`w:bdo` (mend23b), nested in any order and depth; not a run of a deletion, a move's
    source, or of a text box's paragraph inside a run. `text`
    selects those runs' `w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab` in document order, what python-docx 1.2's
    `CT_R.text` joins, and `str(element)` is python-docx's own text of each (a page break's "" and a line break's
    "\n" ...): for a paragraph of plain runs and hyperlinks the text is python-docx's `CT_P.text` (security22).
    `page_breaks` counts `w:type="page"` attributes (breaks) and `<w:lastRenderedPageBreak>` elements (where Word's
    last layout broke the page), by namespace rather than by prefix, outside a deletion or a move's source.
    `blocks`, `rows` and `cells` are python-docx's `inner_content_elements`, `tr_lst` and `tc_lst` with content controls
    (`w:sdt`) besides, whose `w:sdtContent` the walk reads in their place (`_unwrapped`); `cell_props` what
    `CT_Tc.grid_span` and `CT_Tc.vMerge` look up child by child."""
    from lxml import etree

    ns = {"w": _W[1:-1]}
    # the paragraph's own runs directly (most of them: as fast as python-docx's "w:r | w:hyperlink"), the others
    # through what they are nested in
    nested = f"*[{_THROUGH}]//w:r[count(ancestor::*[not({_THROUGH})][1] | $p) = 1]"
    return _DocxXPaths(
        runs=etree.XPath(f"w:r | {nested}", namespaces=ns),
        text=etree.XPath(f"w:r/{_RUN_TEXT} | {nested}/{_RUN_TEXT}", namespaces=ns),
        page_breaks=etree.XPath(
            "count(.//@w:type[. = 'page'][not(ancestor::w:del or ancestor::w:moveFrom)])"
            " + count(.//w:lastRenderedPageBreak[not(ancestor::w:del or ancestor::w:moveFrom)])", namespaces=ns),
        blocks=etree.XPath("./w:p | ./w:tbl | ./w:sdt", namespaces=ns),
        rows=etree.XPath("./w:tr | ./w:sdt", namespaces=ns),
        cells=etree.XPath("./w:tc | ./w:sdt", namespaces=ns),
        cell_props=etree.XPath("./w:tcPr[1]/w:gridSpan[1] | ./w:tcPr[1]/w:vMerge[1]", namespaces=ns),
    )


def _accepted_text(p: object, xpaths: _DocxXPaths) -> str:
    """A paragraph's text as the reader reads it: every tracked change accepted, stripped, ideographic spaces as spaces
    (before `Paragraph`'s `clean_text`)."""
    return "".join(str(e) for e in xpaths.text(p, p=p)).strip().replace("\u3000", " ").strip()


def docx_paragraph_text(paragraph: DocxParagraph) -> str:
    """A walked paragraph's text exactly as the reader stored it (the clause's text): for the annotated copy."""
    return clean_text(_accepted_text(paragraph._p, _docx_xpaths()))


def docx_paragraph_runs(paragraph: DocxParagraph) -> list[Any]:
    """The run elements (`CT_R`) whose text the reader reads, in order: for the annotated copy to anchor on."""
    return list(_docx_xpaths().runs(paragraph._p, p=paragraph._p))


def _unwrapped(children: Callable[[object], list[Any]], element: object) -> Iterable[Any]:
    """`children(element)` with each content control (`w:sdt`) replaced by what its `w:sdtContent` holds, nested
    controls too, in document order: the list itself when it holds no control (most containers: no cost an item)."""
    found = children(element)
    if not any(child.tag == _SDT for child in found):
        return found
    return _through_controls(children, found)


def _through_controls(children: Callable[[object], list[Any]], found: list[Any]) -> Iterator[Any]:
    """`_unwrapped`'s walk into controls. A stack rather than recursion: an item nested in 100 controls costs one step,
    not 100 generator frames."""
    stack: list[Iterator[Any]] = [iter(found)]
    while stack:
        for child in stack[-1]:
            if child.tag == _SDT:
                stack.append(itertools.chain.from_iterable(children(c) for c in child.iterchildren(_SDT_CONTENT)))
                break
            yield child
        else:
            stack.pop()


@functools.cache
def _docx_classes() -> tuple[type, type, type, type, type]:
    """python-docx's element and proxy classes the walk uses, imported once (the walk runs per cell)."""
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph

    return CT_P, CT_Tbl, DocxParagraph, Table, _Cell


def _too_many_paragraphs(filename: str) -> ReviewInputError:
    return ReviewInputError(
        f"“{filename}”中的段落（含表格中的段落）超过 {MAX_DOCX_PARAGRAPHS} 个，超过上限（100 页的公文用不了这么多），"
        "结构过于复杂，无法读取。请删除多余的空段落或拆分后分别上传。", code="too_complex")


def _too_complex(filename: str) -> ReviewInputError:
    return ReviewInputError(f"“{filename or '文件'}”的结构过于复杂（表格合并或嵌套过多），无法读取。"
                            "请在 Word 中简化表格后另存为 .docx 重新上传。", code="too_complex")


def _excessive_depth(exc: BaseException) -> bool:
    """lxml (libxml2) refuses XML nested deeper than 256 elements (python-docx parses without XML_PARSE_HUGE): ~85 tables
    nested in one another. Structure, not a damaged file: the same refusal as a table nesting past MAX_TABLE_DEPTH."""
    return "Excessive depth in document" in str(exc)


def _package_shape_refusal(zf: zipfile.ZipFile, filename: str = "") -> ReviewInputError | None:
    """The package check's last step alone (`docxpackage.package_shape_refusal`), in the review's words."""
    refusal = docxpackage.package_shape_refusal(zf, _docx_limits())
    return None if refusal is None else _package_error(refusal, filename or "文件")


def _malformed_docx_errors() -> tuple[type[BaseException], ...]:
    """What python-docx, lxml and zipfile raise on a malformed package or XML — not every Exception: a programming error
    must surface as one, not as "文件已损坏" (session 21, fix-cr21a). AttributeError and IndexError, which python-docx
    raised on XML of another shape (reading an element it expects by attribute and a list by index), are no longer
    here: the shape of the parts it reads them on is checked first (`_package_shape_refusal`, session 22)."""
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from docx.oxml.exceptions import XmlchemyError
    from lxml.etree import LxmlError

    # (XmlchemyError, session 22: python-docx's InvalidXmlError on an element missing a required attribute — a table
    # cell's <w:gridSpan/> without w:val — was a 500; found by mutating a table-laden document's parts at random)
    return (PythonDocxError, OpcError, XmlchemyError, LxmlError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError,
            KeyError)


def _docx_body_paragraphs(document: DocxDocument, filename: str = "文件") -> Iterator[DocxParagraph]:
    """Body paragraphs in order, including paragraphs inside table cells (tables flattened row by row, each <w:tc>
    once in its row's order) and inside tables nested in a cell, read where they stand among the cell's paragraphs
    (session 22: a nested table's text escaped review), and inside content controls (`<w:sdt>`) — around paragraphs and
    tables of the body or of a cell, around rows of a table and cells of a row — read where they stand (session 23: a
    template's filled-in controls escaped review). A cell continuing a vertical merge (<w:vMerge/>) is skipped: it
    holds no text of its own, its text is the first cell's, read in an earlier row. python-docx's `row.cells` walked
    each such cell back up recursively and repeated a cell once per grid column it spans: 900 rows of one merged column
    took 23.5 s, 1000 raised RecursionError, a gridSpan of 2**31-1 asked for a 17 GB tuple (security21 #1). Tables past
    MAX_TABLE_ROWS / MAX_TABLE_CELLS (counted over every table, nested ones included), a cell spanning more than Word's
    MAX_TABLE_COLUMNS, or tables nested deeper than MAX_TABLE_DEPTH, are refused; so is a body of more than
    MAX_DOCX_PARAGRAPHS paragraphs, counted before any is walked (Document() has parsed the part already)."""
    # PRIVATE python-docx API below (`Document._body`, `_Cell(tc, table)`, `Table._tbl`, the `.val` of `<w:gridSpan>` /
    # `<w:vMerge>` that `CT_Tc.grid_span` / `CT_Tc.vMerge` read, the element classes `CT_P` / `CT_Tbl` that
    # `iter_inner_content` tells apart, the `str()` of run elements that `CT_R.text` joins): pinned to python-docx
    # 1.2.0 (pyproject.toml's pin) — re-check these, and `_docx_xpaths`, when the pin moves
    from docx.oxml.ns import qn

    # every <w:p> of the body counted first, over any nesting, stopping past the cap (2 ms for 10,000): a body of
    # empty paragraphs is refused before one is walked (security22)
    if next(itertools.islice(document.element.body.iter(qn("w:p")), MAX_DOCX_PARAGRAPHS, None), None) is not None:
        raise _too_many_paragraphs(filename)
    yield from _block_paragraphs(document.element.body, document._body, 0, _TableCounts(), filename)


@dataclass
class _TableCounts:
    """What the document's tables have used of the caps so far, nested tables included."""
    tables: int = 0
    rows: int = 0
    cells: int = 0


def _block_paragraphs(container: object, parent: Any, depth: int, counts: _TableCounts,
                      filename: str) -> Iterator[DocxParagraph]:
    """The paragraphs of a body or a cell (`container`, `parent` its python-docx object), its tables' paragraphs where
    the tables stand (`depth`: the tables the container is nested in), through content controls."""
    ct_p, ct_tbl, paragraph, table = _docx_classes()[:4]
    for element in _unwrapped(_docx_xpaths().blocks, container):
        if isinstance(element, ct_p):
            yield paragraph(element, parent)
        elif isinstance(element, ct_tbl):
            yield from _table_paragraphs(table(element, parent), depth + 1, counts, filename)


def _table_paragraphs(table: DocxTable, depth: int, counts: _TableCounts, filename: str) -> Iterator[DocxParagraph]:
    """One table's paragraphs, row by row, each cell's paragraphs and nested tables in the cell's order. Recursion is
    bounded by MAX_TABLE_DEPTH (checked before a nested table is entered)."""
    ct_p, ct_tbl, paragraph, table_of, cell_of = _docx_classes()
    xpaths = _docx_xpaths()
    blocks, rows, cells, cell_props = xpaths.blocks, xpaths.rows, xpaths.cells, xpaths.cell_props
    if depth > MAX_TABLE_DEPTH:
        raise ReviewInputError(
            f"“{filename}”中的表格嵌套超过 {MAX_TABLE_DEPTH} 层（表格中套表格），结构过于复杂，无法读取。"
            "请在 Word 中简化表格后另存为 .docx 重新上传。", code="too_complex")
    counts.tables += 1
    number_of_table = counts.tables
    if counts.tables > MAX_TABLE_ROWS:   # Word saves no table without a row: more tables than the row cap is no Word's
        _refuse_rows(filename)
    for number, tr in enumerate(_unwrapped(rows, table._tbl), start=1):
        counts.rows += 1
        if counts.rows > MAX_TABLE_ROWS:
            _refuse_rows(filename)
        for tc in _unwrapped(cells, tr):
            counts.cells += 1
            if counts.cells > MAX_TABLE_CELLS:
                raise ReviewInputError(
                    f"“{filename}”中的表格共超过 {MAX_TABLE_CELLS} 个单元格，超过上限（100 页的公文用不了这么多），"
                    "请删除无关表格或拆分后分别上传。", code="too_many_cells")
            # `tc.grid_span` and `tc.vMerge` (the first <w:tcPr>'s first <w:gridSpan> / <w:vMerge>, read by python-docx's
            # own `.val`, in the same order), found by one compiled XPath instead of four child lookups
            grid_span = v_merge = None
            for prop in cell_props(tc):
                if prop.tag == _GRID_SPAN:
                    grid_span = prop
                else:
                    v_merge = prop
            span = 1 if grid_span is None else grid_span.val
            if span > MAX_TABLE_COLUMNS:
                raise ReviewInputError(
                    f"“{filename}”第 {number_of_table} 个表格第 {number} 行有单元格声明横跨 {span} 列，超过 Word 表格 "
                    f"{MAX_TABLE_COLUMNS} 列的上限，不像 Word 保存的文档，已拒绝。请在 Word 中另存为 .docx 后重新上传。",
                    code="too_wide")
            if v_merge is not None and v_merge.val == "continue":
                continue
            # `_Cell(tc, table).iter_inner_content()`, with its XPath compiled once, through content controls (as
            # `_block_paragraphs`, written out: a generator less a cell)
            cell = cell_of(tc, table)
            for element in _unwrapped(blocks, tc):
                if isinstance(element, ct_p):
                    yield paragraph(element, cell)
                elif isinstance(element, ct_tbl):
                    yield from _table_paragraphs(table_of(element, cell), depth + 1, counts, filename)


def _refuse_rows(filename: str) -> NoReturn:
    raise ReviewInputError(
        f"“{filename}”中的表格共超过 {MAX_TABLE_ROWS} 行，超过上限（100 页的公文用不了这么多），"
        "请删除无关表格或拆分后分别上传。", code="too_many_rows")


def docx_body_paragraphs(document: DocxDocument) -> list[DocxParagraph]:
    return list(_docx_body_paragraphs(document))


# ---------------------------------------------------------------------------------------------- pdf

_NUMBERING_START = re.compile(r"^(第[一二三四五六七八九十百零]+[章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])")
_SENTENCE_END = tuple("。！？：；!?:;")


def _read_pdf(data: bytes) -> SourceDocument:
    if not data.startswith(b"%PDF"):
        raise ReviewInputError("文件不是有效的PDF（文件头不是 %PDF），文件可能已损坏或扩展名有误。", code="corrupt")
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError as exc:  # pragma: no cover - dependency is pinned
        raise ReviewInputError("服务器缺少PDF解析组件。", code="unavailable") from exc
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise ReviewInputError("PDF文件已加密（设置了打开密码），请取消密码保护后重新上传。", code="encrypted") from exc
    except Exception as exc:
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise ReviewInputError("PDF文件已加密（设置了打开密码），请取消密码保护后重新上传。", code="encrypted") from exc
        raise ReviewInputError("PDF文件已损坏，无法打开，请重新导出后上传。", code="corrupt") from exc
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise ReviewInputError("PDF文件已损坏，无法读取页面，请重新导出后上传。", code="corrupt") from exc
        if count > MAX_PAGES:
            raise ReviewInputError(f"PDF共 {count} 页，超过 {MAX_PAGES} 页的上限，请拆分后分别审查。", code="too_many_pages")
        lines: list[tuple[str, int]] = []
        for number, page in enumerate(pdf.pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:
                raise ReviewInputError(f"PDF第{number}页已损坏，无法提取文字，请重新导出后上传。",
                                       code="corrupt") from exc
            lines.extend((ln.strip(), number) for ln in text.split("\n") if ln.strip())
    # A scan sometimes carries a few characters (a page number, a stamp's text): fewer than
    # MIN_CHARS_PER_PAGE on average is treated as no text layer.
    if sum(len(t) for t, _ in lines) < MIN_CHARS_PER_PAGE * max(count, 1):
        raise ReviewInputError("该PDF无文本层（可能是扫描件或图片），不支持OCR。请上传Word版或带文字层的PDF。",
                               code="no_text_layer")
    return SourceDocument(paragraphs=_join_pdf_lines(lines), fmt="pdf", pages=count)


def _join_pdf_lines(lines: list[tuple[str, int]]) -> list[Paragraph]:
    """PDF text comes as layout lines; join them into paragraphs. A new paragraph starts at a numbered
    line, or after a line that ends a sentence and is clearly shorter than a full line."""
    full = max(len(t) for t, _ in lines)
    paragraphs: list[Paragraph] = []
    current, current_page, previous = "", None, ""
    for text, page in lines:
        starts_new = (not current or _NUMBERING_START.match(text)
                      or (previous.endswith(_SENTENCE_END) and len(previous) < full * 0.85)
                      or re.fullmatch(r"[-—\s\d第页/共]+", text) is not None)
        if re.fullmatch(r"[-—\s]*\d+[-—\s]*|第\s*\d+\s*页.*", text):  # page numbers
            continue
        if starts_new:
            if current:
                paragraphs.append(Paragraph(text=current, page=current_page))
            current, current_page = text, page
        else:
            current += text
        previous = text
    if current:
        paragraphs.append(Paragraph(text=current, page=current_page))
    return paragraphs


# -------------------------------------------------------------------------------------------- limits

def _check_content(doc: SourceDocument) -> None:
    chars = sum(len(p.text) for p in doc.paragraphs)
    what = "文本" if doc.fmt == "text" else "文件"  # pasted text is not a file (badinput15 #13)
    if chars == 0:
        raise ReviewInputError(f"{what}中没有可审查的文字内容。", code="no_text")
    if doc.pages and doc.pages > MAX_PAGES:
        raise ReviewInputError(f"文件共 {doc.pages} 页，超过 {MAX_PAGES} 页的上限，请拆分后分别审查。",
                               code="too_many_pages")
    if chars > MAX_CHARS:
        _refuse_length(what, chars)


def _refuse_length(what: str, chars: int | None = None) -> NoReturn:
    """Over MAX_CHARS: `chars` when the whole text was read; a .docx is refused as soon as its paragraphs pass the
    limit, with no total (reading the rest only to count it cost seconds)."""
    counted = f"共 {chars} 字，" if chars is not None else ""
    raise ReviewInputError(f"{what}{counted}超过 {MAX_PAGES} 页（约 {MAX_CHARS} 字）的上限，请拆分后分别审查。",
                           code="too_many_pages")

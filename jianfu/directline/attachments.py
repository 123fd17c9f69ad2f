"""Attachments to a direct-line report: what the content is decides the kind, and every kind is
rewritten without the metadata that can name its author.

- images: re-encoded by `jianfu.dispatch.photos.clean_photo` (EXIF/XMP/GPS and trailing bytes dropped);
- Word (.docx): core properties blanked (author, last editor, title, dates …), `app.xml` company and
  manager, custom properties, and the author names on comments and tracked changes;
- PDF: the Info dictionary and every XMP `/Metadata` stream removed, annotation authors blanked.

Anything else is refused with a Chinese message and nothing is stored.

`clean_attachments` works in two phases (dl-attach23): first every upload is checked cheaply — its count, its size,
its type by its magic bytes, an image's pixel size from its header (the report form's caps and words,
`jianfu.dispatch.photos.image_format`), a .docx's zip directory (parts, declared unpacked sizes), a PDF's header,
encryption and declared page count — and only when all pass is any of them decoded and rewritten. A post whose last
file is bad is refused in milliseconds, not after the large photos before it were decoded (session 22's DoS shape on
the report form, found here too).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any, Literal

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jianfu.core import docxpackage
from jianfu.core.errors import ApplicationError
from jianfu.core.uploads import TooLarge, read_within, too_many, watch_file_names

MAX_ATTACHMENT_BYTES = 10 * 2**20
MAX_ATTACHMENTS = 3
MAX_DOCX_UNCOMPRESSED = 60 * 2**20  # zip bombs: all parts unpacked
# A .docx's zip is judged by its directory before python-docx unpacks it, by the package check the review's reader
# makes too (`jianfu.core.docxpackage`, where each cap is explained): the direct line's caps, read at each call.
MAX_DOCX_PARTS = docxpackage.MAX_PARTS
MAX_DOCX_DIRECTORY_BYTES = docxpackage.MAX_DIRECTORY_BYTES
MAX_DOCX_XML_BYTES = docxpackage.MAX_XML_BYTES     # any one XML part unpacked
MAX_DOCX_RATIO = docxpackage.MAX_RATIO             # unpacked / packed, past DOCX_RATIO_FLOOR_BYTES
DOCX_RATIO_FLOOR_BYTES = docxpackage.RATIO_FLOOR_BYTES
# A PDF's pages, as it declares them (/Root /Pages /Count) before it is rewritten, and as its page tree holds them before
# the first is copied; a 100-page 公文 is long, a scanned annex rarely longer.
MAX_PDF_PAGES = 300
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# An uploaded file, a file-like object (tests and the benchmark pass BytesIO), or raw bytes.
Upload = UploadedFile | IO[bytes] | bytes


class InMemoryOnlyUploadHandler(MemoryFileUploadHandler):
    """Reporters' uploads never touch the disk: Django would spool a file over 5 MB to a temporary
    file, i.e. the unscrubbed, unencrypted attachment on the server's disk. Each file is kept in
    memory up to the limit + 1 byte (the rest is read and dropped, so `clean_attachment` refuses it
    with its Chinese message); the request itself is capped by JIANFU_MAX_REQUEST_BYTES."""

    def handle_raw_input(self, input_data: IO[bytes], META: dict[str, Any], content_length: int, boundary: str,
                         encoding: str | None = None) -> None:
        self.activated = True

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        room = MAX_ATTACHMENT_BYTES + 1 - self.file.tell()
        if room > 0:
            self.file.write(raw_data[:room])
        return None


def keep_uploads_in_memory(request: HttpRequest) -> None:
    """Call before the request body is read (the view must be csrf_exempt and check CSRF itself). The view then takes
    its files by `jianfu.core.uploads.files_named`, which refuses a file Django dropped (a raw GBK file name)."""
    request.upload_handlers = [InMemoryOnlyUploadHandler(request)]
    watch_file_names(request)


@dataclass(frozen=True)
class CleanAttachment:
    content: bytes
    content_type: str
    extension: str


def _error(index: int, message: str, code: str) -> ApplicationError:
    return ApplicationError(_("第 %(n)d 个附件：%(msg)s") % {"n": index, "msg": message}, code=code,
                            field="attachments")


def _read(upload: Upload, index: int) -> bytes:
    try:  # by its declared size, a single byte unread, else by reading no more than one byte past the limit
        data = read_within(upload, limit=MAX_ATTACHMENT_BYTES)
    except TooLarge:
        raise _error(index, _("文件过大，单个附件不能超过 %(max)d MB。") % {"max": MAX_ATTACHMENT_BYTES // 2**20},
                     "attachment_too_large") from None
    if not data:
        raise _error(index, _("是空文件。"), "attachment_empty")
    return data


Kind = Literal["pdf", "docx", "image"]


def _unsupported(index: int) -> ApplicationError:
    return _error(index, _("不是支持的文件类型（支持图片、Word 文档 .docx 和 PDF）。"), "attachment_invalid")


def _damaged_image(index: int) -> ApplicationError:
    return _error(index, _("图片已损坏，无法读取。"), "attachment_invalid")


def _check(upload: Upload, index: int) -> Kind:
    """Phase 1: the upload's kind once the cheap checks pass (nothing decoded, unpacked or rewritten), else the
    refusal naming attachment `index` and why."""
    from jianfu.dispatch.photos import (
        DamagedImage,
        NotAnImage,
        TooManyPixels,
        image_format,
        too_many_pixels_message,
    )

    data = _read(upload, index)
    if data.startswith(b"%PDF-"):
        _check_pdf(data, index)
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            _check_docx(data, index)
        except ApplicationError as exc:
            # a zip by its content under another name ("照片.jpg" that is an archive) is a type the line does not
            # take, not a broken Word document the reporter never meant to send
            name = str(getattr(upload, "name", None) or "")
            if exc.code == "attachment_invalid" and name and not name.lower().endswith(".docx"):
                raise _unsupported(index) from None
            raise
        return "docx"
    try:
        image_format(data)
    except TooManyPixels as exc:
        raise _error(index, too_many_pixels_message(_("图片"), exc), "attachment_too_large") from None
    except DamagedImage:
        raise _damaged_image(index) from None
    except NotAnImage:
        raise _unsupported(index) from None
    return "image"


def _clean(upload: Upload, index: int, kind: Kind) -> CleanAttachment:
    """Phase 2: the upload decoded and rewritten without its metadata (its kind from `_check`)."""
    data = _read(upload, index)
    if kind == "pdf":
        return CleanAttachment(_clean_pdf(data, index), "application/pdf", "pdf")
    if kind == "docx":
        return CleanAttachment(_clean_docx(data, index),
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
    from jianfu.dispatch.photos import clean_photo

    try:
        photo = clean_photo(io.BytesIO(data), index)
    except ApplicationError:   # its header passed: the pixels after it are damaged (a JPEG cut short)
        raise _damaged_image(index) from None
    return CleanAttachment(photo.content, photo.content_type, photo.extension)


def clean_attachment(upload: Upload, index: int = 1) -> CleanAttachment:
    """One upload checked, then cleaned (ApplicationError naming attachment `index` if it is refused)."""
    return _clean(upload, index, _check(upload, index))


def clean_attachments(files: Iterable[Upload] | None) -> list[CleanAttachment]:
    """Every upload checked (their count first, then each one's size, type and declared dimensions) before any is
    decoded: the first bad one is refused, by its number and reason, with none of them decoded (dl-attach23)."""
    uploads = list(files or ())
    if too_many(uploads, most=MAX_ATTACHMENTS):
        raise ApplicationError(_("最多上传 %(max)d 个附件（收到 %(n)d 个）。") % {"max": MAX_ATTACHMENTS, "n": len(uploads)},
                               code="too_many_attachments", field="attachments")
    kinds = [_check(u, i) for i, u in enumerate(uploads, start=1)]
    return [_clean(u, i, kind) for i, (u, kind) in enumerate(zip(uploads, kinds, strict=True), start=1)]


# --- PDF ------------------------------------------------------------------------------------------
_PDF_ERRORS = (ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError)


def _damaged_pdf(index: int) -> ApplicationError:
    return _error(index, _("PDF 文件已损坏，无法读取。"), "attachment_invalid")


def _too_many_pages(index: int, pages: int) -> ApplicationError:
    return _error(index, _("PDF 有 %(n)d 页，最多 %(max)d 页，请删减或拆分后再上传。") % {"n": pages, "max": MAX_PDF_PAGES},
                  "attachment_too_large")


def _check_pdf(data: bytes, index: int) -> None:
    """The PDF's trailer and cross-reference table read (no page, no content stream): refused when encrypted or when
    it declares more than MAX_PDF_PAGES pages."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    from pypdf.generic import DictionaryObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _error(index, _("PDF 已加密，请去掉密码后再上传。"), "attachment_encrypted")
        tree = reader.root_object["/Pages"]
        pages = tree["/Count"] if isinstance(tree, DictionaryObject) else None
    except ApplicationError:
        raise
    except (PdfReadError, *_PDF_ERRORS):
        raise _damaged_pdf(index) from None
    if not isinstance(pages, int) or pages < 0:
        raise _damaged_pdf(index)
    if pages > MAX_PDF_PAGES:
        raise _too_many_pages(index, pages)


def _clean_pdf(data: bytes, index: int) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import NameObject, TextStringObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _error(index, _("PDF 已加密，请去掉密码后再上传。"), "attachment_encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:   # its page tree holds more than its /Count declared
            raise _too_many_pages(index, len(reader.pages))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        for page in writer.pages:
            page.pop(NameObject("/Metadata"), None)
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                if "/T" in annotation:
                    annotation[NameObject("/T")] = TextStringObject("")
        writer._root_object.pop(NameObject("/Metadata"), None)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except ApplicationError:
        raise
    except (PdfReadError, *_PDF_ERRORS):
        raise _damaged_pdf(index) from None
    return out.getvalue()


# --- Word -----------------------------------------------------------------------------------------
_AUTHOR_ATTR = re.compile(rb'(w:(?:author|initials)=")[^"]*(")')
_APP_FIELDS = re.compile(rb"<(Company|Manager|Template|HyperlinkBase)>[^<]*</\1>")
_PEOPLE = re.compile(rb'(w15:(?:author|userId|providerId)=")[^"]*(")')
_EMPTY_CUSTOM = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
                 b'"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt='
                 b'"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')


def _check_docx(data: bytes, index: int) -> None:
    """The zip's directory and the parts python-docx reads first (nothing else unpacked): refused with too large a
    directory or too many parts, a part or all of them declaring too much unpacked (a zip bomb: a part unpacking past
    its declared size fails its CRC check), too many relationships parts or too large ones, an encrypted part or one
    packed as zipfile cannot unpack (was a 500), no word/document.xml, or no Word document by its shape
    (`jianfu.core.docxpackage`, the review reader's check: a relationship without its Target was python-docx's
    TypeError, a 500, here)."""
    limits = docxpackage.DocxLimits(
        max_directory_bytes=MAX_DOCX_DIRECTORY_BYTES, max_parts=MAX_DOCX_PARTS, max_xml_bytes=MAX_DOCX_XML_BYTES,
        max_total_bytes=MAX_DOCX_UNCOMPRESSED, max_ratio=MAX_DOCX_RATIO, ratio_floor=DOCX_RATIO_FLOOR_BYTES)
    refusal = docxpackage.docx_refusal(data, limits)
    if refusal is not None:
        raise _docx_error(index, refusal)


def _docx_error(index: int, refusal: docxpackage.DocxRefusal) -> ApplicationError:
    """The direct line's words for a refusal of the package check, naming attachment `index`."""
    code, size, cap = refusal.code, refusal.size, refusal.cap
    if code == "directory":
        return _error(index, _("文档包含的部件过多（目录 %(kb)d KB，最多 %(max)d KB），不像 Word 保存的文档。")
                      % {"kb": -(-size // 2**10), "max": cap // 2**10}, "attachment_too_large")
    if code == "parts":
        return _error(index, _("文档包含 %(n)d 个部件，最多 %(max)d 个，不像 Word 保存的文档。") % {"n": size, "max": cap},
                      "attachment_too_large")
    # an XML part both over its cap and far larger than packed is named by its cap, which the reporter can act on
    if code == "part_size" or (code == "part_ratio" and cap and size > cap):
        return _error(index, _("文档内的 %(part)s 解压后有 %(mb).1f MB，超过 %(max)d MB 的上限。")
                      % {"part": refusal.part, "mb": size / 2**20, "max": cap // 2**20}, "attachment_too_large")
    if code in ("part_ratio", "ratio"):
        return _error(index, _("文档解压后有 %(mb).1f MB（压缩前仅 %(packed).2f MB），不像 Word 保存的文档。")
                      % {"mb": size / 2**20, "packed": refusal.packed / 2**20}, "attachment_too_large")
    if code == "total":
        return _error(index, _("文档解压后有 %(mb).1f MB，超过 %(max)d MB 的上限。")
                      % {"mb": size / 2**20, "max": cap // 2**20}, "attachment_too_large")
    if code == "rels_total":
        return _error(index, _("文档内的关系部件（.rels）解压后共有 %(mb).1f MB，超过 %(max)d MB 的上限，不像 Word 保存的文档。")
                      % {"mb": size / 2**20, "max": cap // 2**20}, "attachment_too_large")
    if code == "rels_parts":
        return _error(index, _("文档的关系部件（.rels）超过 %(max)d 个，不像 Word 保存的文档。") % {"max": cap},
                      "attachment_too_large")
    return _invalid_docx(index)   # not a zip, no main part, an unreadable entry, no Word document's shape


def _invalid_docx(index: int) -> ApplicationError:
    return _error(index, _("不是有效的 Word 文档（.docx）。"), "attachment_invalid")


def _clean_docx(data: bytes, index: int) -> bytes:
    """The document without its authors (its zip's directory passed `_check_docx`)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError, zlib.error,
            SyntaxError):   # lxml's XMLSyntaxError is a SyntaxError; a deflate stream cut short, a zlib.error
        raise _invalid_docx(index) from None
    props = document.core_properties
    for name in ("author", "category", "comments", "content_status", "identifier", "keywords", "language",
                 "last_modified_by", "subject", "title", "version"):
        setattr(props, name, "")
    props.revision = 1
    props.created = props.modified = props.last_printed = _EPOCH
    staged = io.BytesIO()
    document.save(staged)
    # python-docx knows only the core properties: the rest is rewritten part by part.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(staged.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/custom.xml":
                content = _EMPTY_CUSTOM
            elif info.filename == "docProps/app.xml":
                content = _APP_FIELDS.sub(rb"<\1></\1>", content)
            elif info.filename.startswith("word/") and info.filename.endswith(".xml"):
                content = _PEOPLE.sub(rb"\1\2", _AUTHOR_ATTR.sub(rb"\1\2", content))
            clean = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            clean.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(clean, content)
    return out.getvalue()

"""Attachments to a direct-line report: what the content is decides the kind, and every kind is
rewritten without the metadata that can name its author.

- images: re-encoded by `jianfu.dispatch.photos.clean_photo` (EXIF/XMP/GPS and trailing bytes dropped);
- Word (.docx): core properties blanked (author, last editor, title, dates …), `app.xml` company and
  manager, custom properties, and the author names on comments and tracked changes;
- PDF: the Info dictionary and every XMP `/Metadata` stream removed, annotation authors blanked.

Anything else is refused with a Chinese message and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest
from django.utils.translation import gettext as _

from jianfu.core.errors import ApplicationError
from jianfu.core.uploads import TooLarge, read_within, too_many

MAX_ATTACHMENT_BYTES = 10 * 2**20
MAX_ATTACHMENTS = 3
MAX_DOCX_UNCOMPRESSED = 60 * 2**20  # zip bombs
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
    """Call before the request body is read (the view must be csrf_exempt and check CSRF itself)."""
    request.upload_handlers = [InMemoryOnlyUploadHandler(request)]


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


def clean_attachment(upload: Upload, index: int = 1) -> CleanAttachment:
    data = _read(upload, index)
    if data.startswith(b"%PDF-"):
        return CleanAttachment(_clean_pdf(data, index), "application/pdf", "pdf")
    if data.startswith(b"PK\x03\x04"):
        return CleanAttachment(_clean_docx(data, index),
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
    from jianfu.dispatch.photos import clean_photo

    try:
        photo = clean_photo(io.BytesIO(data), index)
    except ApplicationError:
        raise _error(index, _("不是支持的文件类型（支持图片、Word 文档 .docx 和 PDF）。"), "attachment_invalid") from None
    return CleanAttachment(photo.content, photo.content_type, photo.extension)


def clean_attachments(files: Iterable[Upload] | None) -> list[CleanAttachment]:
    uploads = list(files or ())
    if too_many(uploads, most=MAX_ATTACHMENTS):
        raise ApplicationError(_("最多上传 %(max)d 个附件（收到 %(n)d 个）。") % {"max": MAX_ATTACHMENTS, "n": len(uploads)},
                               code="too_many_attachments", field="attachments")
    return [clean_attachment(u, i) for i, u in enumerate(uploads, start=1)]


# --- PDF ------------------------------------------------------------------------------------------
def _clean_pdf(data: bytes, index: int) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import NameObject, TextStringObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _error(index, _("PDF 已加密，请去掉密码后再上传。"), "attachment_encrypted")
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
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise _error(index, _("PDF 文件已损坏，无法读取。"), "attachment_invalid") from None
    return out.getvalue()


# --- Word -----------------------------------------------------------------------------------------
_AUTHOR_ATTR = re.compile(rb'(w:(?:author|initials)=")[^"]*(")')
_APP_FIELDS = re.compile(rb"<(Company|Manager|Template|HyperlinkBase)>[^<]*</\1>")
_PEOPLE = re.compile(rb'(w15:(?:author|userId|providerId)=")[^"]*(")')
_EMPTY_CUSTOM = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
                 b'"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt='
                 b'"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')


def _clean_docx(data: bytes, index: int) -> bytes:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    invalid = _error(index, _("不是有效的 Word 文档（.docx）。"), "attachment_invalid")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_DOCX_UNCOMPRESSED:
                raise _error(index, _("文档解压后过大。"), "attachment_too_large")
            if "word/document.xml" not in archive.namelist():
                raise invalid
        document = docx.Document(io.BytesIO(data))
    except ApplicationError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError):
        raise invalid from None
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

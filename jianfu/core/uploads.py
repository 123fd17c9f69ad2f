"""The upload size rules every form shares, in one place (a code review found them in four).

A file over its form's byte limit is refused without being read when it declares its size (a Django UploadedFile
does), else found by reading at most limit + 1 bytes — never the whole of a 200 MB photo. More files than a form
takes are refused by their count, before any of them is read. Every form words its size refusal with
`too_large_message` (mend21 #1: the photos and the monitor's uploads showed "limit + 1 bytes read" as the file's size).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sized
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

from jianfu.core.errors import ApplicationError

_READ = 1 << 16


class TooLarge(Exception):
    """An upload past its limit; `size` is its declared size (`declared`: its own, or the length of raw bytes), or
    the bytes read before the limit was passed (not `declared`: limit + 1, no size to show a person)."""

    def __init__(self, size: int, *, declared: bool = True) -> None:
        super().__init__(size)
        self.size = size
        self.declared = declared

    @property
    def shown(self) -> int | None:
        """The size to tell a person: the declared one, else None (limit + 1 is no file's size)."""
        return self.size if self.declared else None


def chunks_within(upload: Any, *, limit: int) -> Iterator[bytes]:
    """An upload's bytes (raw bytes, or a file read from its start), in chunks; TooLarge once it is found over
    `limit` bytes — by its declared `size` before anything is read, else after at most limit + 1 bytes."""
    if isinstance(upload, (bytes, bytearray, memoryview)):
        if len(upload) > limit:
            raise TooLarge(len(upload))
        yield bytes(upload)
        return
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > limit:
        raise TooLarge(size)
    if hasattr(upload, "seek"):
        upload.seek(0)
    left = limit + 1
    while left > 0:
        chunk = upload.read(min(left, _READ))
        if not chunk:
            return
        left -= len(chunk)
        if left <= 0:
            raise TooLarge(limit + 1 - left, declared=False)
        yield bytes(chunk)


def read_within(upload: Any, *, limit: int) -> bytes:
    """An upload's bytes, TooLarge when over `limit` (see `chunks_within`: read no further than limit + 1)."""
    return b"".join(chunks_within(upload, limit=limit))


def too_many(uploads: Sized, *, most: int) -> bool:
    """More files than a form takes: refused by their count, none of them read."""
    return len(uploads) > most


def too_large_message(subject: str, *, limit: int, size: int | TooLarge | None = None) -> str:
    """The one wording of an upload refused over `limit` bytes: "<subject>大小为 X MB，超过 N MB 的上限。" when its size
    is known (declared, or the length of bytes in hand), else "<subject>大小超过 N MB 的上限。" — a TooLarge found by
    reading holds limit + 1, which is no file's size (mend21 #1)."""
    if isinstance(size, TooLarge):
        size = size.shown
    if size is None:
        return _("%(subject)s大小超过 %(max)d MB 的上限。") % {"subject": subject, "max": limit // 2**20}
    # rounded up to a tenth, so a size just over the limit never reads as the limit itself ("10.0 MB，超过 10 MB";
    # code review 21)
    return (_("%(subject)s大小为 %(mb).1f MB，超过 %(max)d MB 的上限。")
            % {"subject": subject, "mb": math.ceil(size * 10 / 2**20) / 10, "max": limit // 2**20})


# ------------------------------------------------------------------------------ file parts Django cannot read (mend23b)

_DISPOSITION = re.compile(rb"(?im)^content-disposition:([^\r\n]*)")
_FIELD_NAME = re.compile(rb'\bname="([^"]*)"')
_FILE_NAME = re.compile(rb"\bfilename\*?=")
_MAX_PART_HEADERS = 64 * 1024  # past Django's own cap on a part's headers (8 KB by default)


class _PartHeaderScan:
    """Reads through a multipart body's stream as Django's parser reads it, noting each file part's field name and
    whether its headers are UTF-8. Django skips a header line that is not UTF-8 (`parse_boundary_stream`: an invalid
    header), so a file whose name a browser or client sent raw in GBK reaches no upload handler and no `request.FILES`:
    the form went on without it, silently (dl-attach23). Only the part headers are looked at, in the chunks Django reads
    anyway; a header block is kept across chunks up to `_MAX_PART_HEADERS`."""

    def __init__(self, stream: Any, boundary: bytes) -> None:
        self._stream = stream
        self._separator = b"--" + boundary
        self._pending = b""
        self.file_parts: list[tuple[bytes, bool]] = []

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        data: bytes = self._stream.read(*args, **kwargs)
        self._scan(data)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _scan(self, data: bytes) -> None:
        buf, pos = self._pending + data, 0
        while (start := buf.find(self._separator, pos)) != -1:
            end = buf.find(b"\r\n\r\n", start)
            if end == -1:
                self._pending = buf[start:] if len(buf) - start <= _MAX_PART_HEADERS else b""
                return
            self._headers(buf[start + len(self._separator) : end])
            pos = end + 4
        self._pending = buf[max(pos, len(buf) - len(self._separator)) :]

    def _headers(self, block: bytes) -> None:
        disposition = _DISPOSITION.search(block)
        if disposition is None or not _FILE_NAME.search(disposition.group(1)):
            return
        name = _FIELD_NAME.search(disposition.group(1))
        try:
            block.decode()
            readable = True
        except UnicodeDecodeError:
            readable = False
        self.file_parts.append((name.group(1) if name else b"", readable))


class FileNameWatch(FileUploadHandler):
    """An upload handler that reads nothing itself: before Django parses the body (`handle_raw_input`, the hook Django
    gives handlers) it puts `_PartHeaderScan` between the parser and the request's stream, for `files_named`."""

    def handle_raw_input(self, input_data: Any, META: dict[str, Any], content_length: int, boundary: Any,
                         encoding: str | None = None) -> None:
        # (Django passes the boundary as bytes, typed str; the request's stream is HttpRequest._stream, what
        # HttpRequest.read reads and the multipart parser reads through it)
        stream = getattr(input_data, "_stream", None)
        if stream is not None and isinstance(boundary, bytes):
            scan = _PartHeaderScan(stream, boundary)
            input_data._stream = scan
            input_data._jianfu_file_parts = scan

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def watch_file_names(request: Any) -> None:
    """Call before the body is read, beside the view's other upload handlers (which must be set by then)."""
    request.upload_handlers = [FileNameWatch(request), *request.upload_handlers]


def files_named(request: Any, field: str, *, photos: bool = False) -> list[Any]:
    """`request.FILES.getlist(field)`, refused when one of the field's files was sent but is not among them (its part's
    headers were not UTF-8, so Django dropped it): "第 N 个附件……" ("第 N 张照片……" for `photos`), N its place among the
    field's file parts, nothing stored. A request whose body was read without the watch (`FileNameWatch`: set for every
    request in FILE_UPLOAD_HANDLERS, and by `watch_file_names` where a view sets its own handlers) is taken as Django
    parsed it."""
    files = list(request.FILES.getlist(field))
    scan = getattr(getattr(request, "_request", request), "_jianfu_file_parts", None)
    if scan is not None:
        parts = [readable for name, readable in scan.file_parts if name == field.encode()]
        for index, readable in enumerate(parts, 1):
            if not readable:
                message = (_("第 %(n)d 张照片的文件名无法识别（编码不是 UTF-8），请改用中文或英文文件名后重试。") if photos
                           else _("第 %(n)d 个附件的文件名无法识别（编码不是 UTF-8），请改用中文或英文文件名后重试。"))
                raise ApplicationError(message % {"n": index}, code="file_name_unreadable", field=field)
    return files

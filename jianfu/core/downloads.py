"""File downloads with the Chinese names people save them under (issue 11.6).

`Content-Disposition: attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>`
(RFC 6266 / RFC 5987): every current browser uses `filename*` (事件清单-2026-12-03.xlsx), an old client
the ASCII fallback."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def content_disposition(filename: str, *, inline: bool = False, fallback: str = "") -> str:
    """`inline` shows the file in the browser (a PDF poster) under the same name when saved; `fallback` is the ASCII
    name an old client saves under (default: the name's ASCII letters and digits)."""
    filename = re.sub(r'[\x00-\x1f\x7f/\\"]', "_", filename).strip() or "download"
    stem, dot, ext = filename.rpartition(".")
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem if dot else filename).strip("_-") or "download"
    if not (fallback and re.fullmatch(r"[A-Za-z0-9._-]+", fallback)):
        fallback = f"{ascii_stem}.{ext}" if dot and ext.isascii() else ascii_stem
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response

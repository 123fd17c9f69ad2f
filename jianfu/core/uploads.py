"""The upload size rules every form shares, in one place (a code review found them in four).

A file over its form's byte limit is refused without being read when it declares its size (a Django UploadedFile
does), else found by reading at most limit + 1 bytes — never the whole of a 200 MB photo. More files than a form
takes are refused by their count, before any of them is read. Every form words its size refusal with
`too_large_message` (mend21 #1: the photos and the monitor's uploads showed "limit + 1 bytes read" as the file's size).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sized
from typing import Any

from django.utils.translation import gettext as _

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

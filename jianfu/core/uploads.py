"""The upload size rules every form shares, in one place (a code review found them in four).

A file over its form's byte limit is refused without being read when it declares its size (a Django UploadedFile
does), else found by reading at most limit + 1 bytes — never the whole of a 200 MB photo. More files than a form
takes are refused by their count, before any of them is read. Each form keeps its own message: these only decide.
"""

from __future__ import annotations

from collections.abc import Iterator, Sized
from typing import Any

_READ = 1 << 16


class TooLarge(Exception):
    """An upload past its limit; `size` is its declared size (`declared`: its own, or the length of raw bytes), or
    the bytes read before the limit was passed (not `declared`: limit + 1, no size to show a person)."""

    def __init__(self, size: int, *, declared: bool = True) -> None:
        super().__init__(size)
        self.size = size
        self.declared = declared


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

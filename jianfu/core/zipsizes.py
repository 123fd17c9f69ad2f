"""The size checks of a zip before any part is unpacked — shared by the .xlsx scanner (`core.xlsxscan`) and the .docx
package check (`core.docxpackage`: the review's reader and the direct line's attachments), which had each written
them (cr20b #5, xlsx24):
- `directory_size`: the central directory's size as the end record declares it, read before zipfile reads the
  directory (zipfile builds a ZipInfo for every entry before one can be counted: 108,000 empty entries in a 10 MB
  file cost 1.9 s CPU, docx24);
- `zip_size_refusal`: the parts taken together, by their declared sizes (a part unpacking past its declared size
  fails its CRC check).

They only decide; each reader words its own refusal. Pure: no Django."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

_END = b"PK\x05\x06"  # the end of central directory record: 22 bytes, then a comment of up to 65,535
_END_SIZE = 22
_ZIP64_LOCATOR = (
    b"PK\x06\x07"  # 20 bytes right before the end record, naming a ZIP64 end record (56 bytes) before it
)
_LOCATOR_SIZE = 20
_ZIP64_END = b"PK\x06\x06"
_ZIP64_END_SIZE = 56
# How far back from the file's end zipfile searches for the end record (`zipfile._EndRecData`: 22 + 1 << 16 bytes,
# one byte more than the longest comment; security25 L1: a search one byte short answered None for an end record
# followed by exactly 65,536 bytes, which zipfile found, and the directory cap was passed by)
_SEARCH_BYTES = _END_SIZE + (1 << 16)
# The bytes at a zip's end that hold all `directory_size` reads: a reader of a file need only pass these
TAIL_BYTES = _ZIP64_END_SIZE + _LOCATOR_SIZE + _SEARCH_BYTES


@dataclass(frozen=True)
class EndRecord:
    """The end of central directory record zipfile reads (`zipfile._EndRecData`): its offset in the bytes given, the
    entries and the directory's size in bytes it declares — a ZIP64 end record's in their place when zipfile reads
    one."""

    offset: int
    entries: int
    size: int


def end_record(data: bytes) -> EndRecord | None:
    """The end record zipfile finds in the zip `data` (or its last TAIL_BYTES), mirroring `zipfile._EndRecData` on a
    BytesIO step by step: the last 22 bytes when they are an end record with no comment; else the last end record
    signature from 22 + 65,536 bytes before the end, if 22 bytes follow it (zipfile neither checks the comment's length
    nor looks further back); then, when a ZIP64 locator sits right before it and a ZIP64 end record right before the
    locator, that record's entries and size (a small size in the end record alone would let a large directory through).
    A read before the start of `data` starts at 0, as a BytesIO's seek does. None when zipfile finds no end record (it
    refuses the file itself)."""
    end = len(data) - _END_SIZE
    if not (end >= 0 and data[end : end + 4] == _END and data[-2:] == b"\0\0"):
        end = data.rfind(_END, max(0, len(data) - _SEARCH_BYTES))
        if end < 0 or len(data) < end + _END_SIZE:
            return None
    entries = int.from_bytes(data[end + 10 : end + 12], "little")
    size = int.from_bytes(data[end + 12 : end + 16], "little")
    locator = max(0, end - _LOCATOR_SIZE)
    if data[locator : locator + 4] == _ZIP64_LOCATOR and len(data) >= locator + _LOCATOR_SIZE:
        # (zipfile raises for a locator naming another disk: it then refuses the file, whatever is answered here)
        record = max(0, end - _LOCATOR_SIZE - _ZIP64_END_SIZE)
        if data[record : record + 4] == _ZIP64_END and len(data) >= record + _ZIP64_END_SIZE:
            entries = int.from_bytes(data[record + 32 : record + 40], "little")
            size = int.from_bytes(data[record + 40 : record + 48], "little")
    return EndRecord(end, entries, size)


def directory_size(data: bytes) -> int | None:
    """The central directory's size in bytes that the zip `data` (or its last TAIL_BYTES) declares — the size zipfile
    reads entries from —, found as zipfile finds it (`end_record`). None without an end record (zipfile refuses the
    file itself)."""
    record = end_record(data)
    return None if record is None else record.size


@dataclass(frozen=True)
class ZipSizeRefusal:
    """Why the parts together are refused — "ratio": they unpack to far more than they are packed (a zip bomb);
    "total": more than the cap — with their declared unpacked and packed totals in bytes, for the reader's message."""

    kind: Literal["ratio", "total"]
    total: int
    packed: int


def zip_size_refusal(
    infos: Iterable[zipfile.ZipInfo], *, max_ratio: int, ratio_floor: int, max_total: int
) -> ZipSizeRefusal | None:
    """The refusal of parts that together unpack past `ratio_floor` bytes and more than `max_ratio` times their packed
    size, else of parts past `max_total` bytes; None when neither."""
    total = packed = 0
    for info in infos:
        total += info.file_size
        packed += info.compress_size
    if total > ratio_floor and total > max_ratio * max(packed, 1):
        return ZipSizeRefusal("ratio", total, packed)
    if total > max_total:
        return ZipSizeRefusal("total", total, packed)
    return None

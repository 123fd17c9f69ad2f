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
_ZIP64_END = b"PK\x06\x06"
# The bytes at a zip's end that hold all `directory_size` reads: a reader of a file need only pass these
TAIL_BYTES = 56 + 20 + _END_SIZE + 0xFFFF


def directory_size(data: bytes) -> int | None:
    """The central directory's size in bytes that the zip `data` (or its last TAIL_BYTES) declares — the size zipfile
    reads entries from —, found as zipfile finds it (`zipfile._EndRecData`): the end record in the last 22 bytes when
    it has no comment, else the last end record signature within the final 22 + 65,535 bytes; and a ZIP64 end record's
    size in its place when a ZIP64 locator sits right before the end record (zipfile then reads that size: a small one
    in the end record alone would let a large directory through). None without an end record (zipfile refuses the
    file itself)."""
    end = len(data) - _END_SIZE
    if not (end >= 0 and data[end : end + 4] == _END and data[-2:] == b"\0\0"):
        end = data.rfind(_END, max(0, len(data) - _END_SIZE - 0xFFFF))
        if end < 0 or len(data) < end + _END_SIZE:
            return None
    size = int.from_bytes(data[end + 12 : end + 16], "little")
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == _ZIP64_LOCATOR:
        record = locator - 56
        if record >= 0 and data[record : record + 4] == _ZIP64_END:
            size = int.from_bytes(data[record + 40 : record + 48], "little")
    return size


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

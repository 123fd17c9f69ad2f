"""The size check of a zip's parts taken together, before any is unpacked — shared by the .xlsx scanner
(`core.xlsxscan`) and the .docx package check (`core.docxpackage`: the review's reader and the direct line's
attachments), which had each written it (cr20b #5).

It only decides, from the sizes the zip declares (a part unpacking past its declared size fails its CRC check); each
reader words its own refusal. Pure: no Django."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ZipSizeRefusal:
    """Why the parts together are refused — "ratio": they unpack to far more than they are packed (a zip bomb);
    "total": more than the cap — with their declared unpacked and packed totals in bytes, for the reader's message."""

    kind: Literal["ratio", "total"]
    total: int
    packed: int


def zip_size_refusal(infos: Iterable[zipfile.ZipInfo], *, max_ratio: int, ratio_floor: int,
                     max_total: int) -> ZipSizeRefusal | None:
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

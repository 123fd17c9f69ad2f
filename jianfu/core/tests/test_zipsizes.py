"""cr20b #5: the one size check of a zip's parts taken together (`core.zipsizes`), used by the .xlsx scanner and the
review's .docx reader, each with its own message (their tests: test_xlsx_listing.py, test_security19_workbook_part.py,
jianfu/api/tests/test_security20_permit_first.py)."""

from __future__ import annotations

import zipfile

from jianfu.core.zipsizes import ZipSizeRefusal, zip_size_refusal

MB = 2**20


def _parts(*sizes: tuple[int, int]) -> list[zipfile.ZipInfo]:
    infos = []
    for number, (size, packed) in enumerate(sizes):
        info = zipfile.ZipInfo(f"part{number}.xml")
        info.file_size, info.compress_size = size, packed
        infos.append(info)
    return infos


def _refusal(*sizes: tuple[int, int]) -> ZipSizeRefusal | None:
    return zip_size_refusal(_parts(*sizes), max_ratio=100, ratio_floor=MB, max_total=10 * MB)


def test_parts_that_together_compress_too_well_past_the_floor_are_a_bomb() -> None:
    # each part alone is under the floor; together 1.5 MB packed into 10 KB
    assert _refusal((MB // 2, 5000), (MB // 2, 5000), (MB // 2, 1)) == ZipSizeRefusal("ratio", 3 * MB // 2, 10001)


def test_under_the_floor_any_ratio_passes_and_past_the_cap_the_total_is_refused() -> None:
    assert _refusal((MB, 1)) is None                     # at the floor, not past it
    assert _refusal((6 * MB, 3 * MB), (5 * MB, 3 * MB)) == ZipSizeRefusal("total", 11 * MB, 6 * MB)
    assert _refusal((5 * MB, MB), (5 * MB, MB)) is None  # at the cap, not past it
    assert _refusal() is None

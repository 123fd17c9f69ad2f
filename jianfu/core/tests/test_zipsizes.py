"""cr20b #5: the one size check of a zip's parts taken together (`core.zipsizes`), used by the .xlsx scanner and the
review's .docx reader, each with its own message (their tests: test_xlsx_listing.py, test_security19_workbook_part.py,
jianfu/api/tests/test_security20_permit_first.py); and the directory's size as the end record declares it, read as
zipfile reads it (xlsx24; its callers' tests: test_xlsx24_directory.py, test_docxpackage.py)."""

from __future__ import annotations

import io
import zipfile

from jianfu.core.tests import hostile_files
from jianfu.core.zipsizes import TAIL_BYTES, ZipSizeRefusal, directory_size, zip_size_refusal

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
    assert _refusal((MB // 2, 5000), (MB // 2, 5000), (MB // 2, 1)) == ZipSizeRefusal(
        "ratio", 3 * MB // 2, 10001
    )


def test_under_the_floor_any_ratio_passes_and_past_the_cap_the_total_is_refused() -> None:
    assert _refusal((MB, 1)) is None  # at the floor, not past it
    assert _refusal((6 * MB, 3 * MB), (5 * MB, 3 * MB)) == ZipSizeRefusal("total", 11 * MB, 6 * MB)
    assert _refusal((5 * MB, MB), (5 * MB, MB)) is None  # at the cap, not past it
    assert _refusal() is None


# ---------------------------------------------------------------- the directory's declared size (xlsx24)


def _zip(count: int = 3) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for k in range(count):
            zf.writestr(f"part{k}.xml", b"<a/>")
    return out.getvalue()


def _listed(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return len(zf.infolist())


def test_the_directory_size_is_the_one_zipfile_reads() -> None:
    data = _zip()
    size = 3 * (46 + len("part0.xml"))
    assert (directory_size(data), _listed(data)) == (size, 3)
    # a comment after the end record: found by its signature, as zipfile finds it
    commented = data[:-2] + (5).to_bytes(2, "little") + b"notes"
    assert (directory_size(commented), _listed(commented)) == (size, 3)
    assert (directory_size(b"PK\x03\x04 no end record"), directory_size(data[:-1])) == (None, None)
    # the last 22 bytes are the end record (no comment): zipfile takes it even when its offset field holds the
    # signature again (zipfile locates the directory by its size, not by that offset) — a search for the last
    # signature alone found the one inside it, 6 bytes from the end, and answered None
    shifted = bytearray(data)
    shifted[-6:-2] = b"PK\x05\x06"
    assert (directory_size(bytes(shifted)), _listed(bytes(shifted))) == (size, 3)
    # only the tail is needed
    assert directory_size(b"\0" * 200_000 + data[-TAIL_BYTES:]) == size


def test_a_zip64_end_record_s_size_is_the_one_zipfile_reads() -> None:
    data = hostile_files.as_zip64(_zip(), classic_size=0)
    assert (directory_size(data), _listed(data)) == (3 * (46 + len("part0.xml")), 3)
    assert directory_size(data[-TAIL_BYTES:]) == directory_size(data)

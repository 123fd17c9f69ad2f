"""xlsx24: the .xlsx check (`xlsx_refusal`) caps the zip's central directory by the size its end record declares,
before zipfile reads it, then the number of entries — as the .docx check does (`core.docxpackage`), by the one reading
of the end record (`core.zipsizes.directory_size`). The registry's ledger reader, which opens the zip itself, and the
real large workbooks that pass: registry/tests/test_xlsx24_ledger_directory.py.

docx24 measured the bomb: 108,000 empty entries in a 10.2 MB upload passed `xlsx_refusal` after 1.82 s CPU."""

from __future__ import annotations

import io
import zipfile

import pytest

from jianfu.core import xlsxguard
from jianfu.core.tests import hostile_files
from jianfu.core.zipsizes import directory_size

DIRECTORY_BOMB = (
    "文件的压缩目录有 5,802 KB，超过 1,024 KB 的上限（Excel 保存的表格只有几 KB），不像 Excel 保存的表格，"
    "可能是恶意构造的文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"
)


def entries_refusal(count: int) -> str:
    return (
        f"文件内有 {count:,} 个压缩条目，超过 10,000 个的上限（Excel 保存的表格一般只有几十个），不像 Excel 保存的表格，"
        "可能是恶意构造的文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"
    )


def small() -> bytes:
    return hostile_files.xlsx([["姓名"], ["张三"]])


def bomb() -> bytes:
    """docx24's shape: 108,000 empty entries of 9-byte names after a real workbook's 9 parts, 10.2 MB."""
    return hostile_files.with_empty_entries(small(), 108_000)


def zipfile_never_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, opening any zip fails the test (the bomb is built first: openpyxl writes its workbook)."""

    def never(*args: object, **kwargs: object) -> None:  # pragma: no cover - must not be called
        raise AssertionError("zipfile read the directory")

    monkeypatch.setattr(zipfile.ZipFile, "__init__", never)


def test_the_caps() -> None:
    assert (xlsxguard.MAX_DIRECTORY_BYTES, xlsxguard.MAX_ENTRIES) == (2**20, 10_000)


def test_the_directory_bomb_is_refused_before_zipfile_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    data = bomb()
    zipfile_never_opens(monkeypatch)
    # 108,000 entries of 55 bytes after the workbook's 574; 10.2 MB (openpyxl's timestamps move it by a byte or so)
    assert (round(len(data) / 10**6, 1), directory_size(data)) == (10.2, 108_000 * 55 + 574)
    assert xlsxguard.xlsx_refusal(data) == DIRECTORY_BOMB


def test_a_directory_declared_by_a_zip64_end_record_is_capped_by_that_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the end record says 0; zipfile reads the ZIP64 record's size
    data = hostile_files.as_zip64(bomb(), classic_size=0)
    zipfile_never_opens(monkeypatch)
    assert xlsxguard.xlsx_refusal(data) == DIRECTORY_BOMB


def test_a_directory_at_the_cap_is_read_and_one_byte_past_it_is_not() -> None:
    data = bytearray(small())
    end = data.rfind(b"PK\x05\x06")
    data[end + 12 : end + 16] = (2**20).to_bytes(4, "little")
    # at the cap zipfile reads it (the declared size is past the file: not a zip), one byte more is the cap's refusal
    assert xlsxguard.xlsx_refusal(bytes(data)) == xlsxguard.NOT_XLSX
    data[end + 12 : end + 16] = (2**20 + 1).to_bytes(4, "little")
    assert xlsxguard.xlsx_refusal(bytes(data)) == (
        "文件的压缩目录有 1,025 KB，超过 1,024 KB 的上限（Excel 保存的表格只有几 KB），不像 Excel 保存的表格，"
        "可能是恶意构造的文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"
    )


def test_entries_past_the_cap_under_the_directory_cap_are_refused() -> None:
    # the most entries a directory under the cap holds: 1-byte names, 47 bytes each
    crowded = hostile_files.with_empty_entries(small(), 22_295, name="x")
    assert directory_size(crowded) == 22_295 * 47 + 574  # 1,048,439: under 1,048,576
    assert xlsxguard.xlsx_refusal(crowded) == entries_refusal(22_304)
    at_cap = hostile_files.with_empty_entries(small(), 10_000 - 9)
    assert xlsxguard.xlsx_refusal(at_cap) is None
    past = hostile_files.with_empty_entries(small(), 10_001 - 9)
    assert xlsxguard.xlsx_refusal(past) == entries_refusal(10_001)
    with zipfile.ZipFile(io.BytesIO(past)) as zf:  # a reader's own ZipFile: the count is checked there too
        assert xlsxguard.xlsx_refusal(zf) == entries_refusal(10_001)

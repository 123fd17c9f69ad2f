"""The one check every xlsx upload passes before a reader opens it."""

from __future__ import annotations

import io
import zipfile

from jianfu.core import xlsxguard
from jianfu.core.tests import hostile_files


def test_a_plain_workbook_passes():
    assert xlsxguard.xlsx_refusal(hostile_files.xlsx([["姓名"], ["张三"]])) is None


def test_not_a_zip_and_a_damaged_zip_are_not_xlsx():
    assert xlsxguard.xlsx_refusal(b"\xd0\xcf\x11\xe0 an old .xls") == xlsxguard.NOT_XLSX
    good = hostile_files.xlsx([["姓名"], ["张三"]])
    assert xlsxguard.xlsx_refusal(good[: len(good) // 2]) == xlsxguard.NOT_XLSX


def test_a_part_compressed_beyond_what_xml_compresses_to_is_refused():
    assert xlsxguard.xlsx_refusal(hostile_files.with_string_bomb(hostile_files.xlsx([["a"]]), unpacked_mb=20)) == (
        "文件内的 xl/sharedStrings.xml 解压后有 20 MB（压缩前仅 0.0 MB），不像 Excel 保存的台账，可能是恶意构造的压缩文件，"
        "已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传")


def test_a_caller_may_hold_parts_to_a_lower_size():
    data = hostile_files.with_sheet_bomb(hostile_files.xlsx([["a"]]), unpacked_mb=3)
    assert xlsxguard.xlsx_refusal(data) is None
    assert xlsxguard.xlsx_refusal(data, max_part_bytes=2 * 2**20) == (
        "文件内的 xl/worksheets/sheet1.xml 解压后有 3 MB，超过 2 MB 的上限，请删除无关的工作表和内容，或拆分后上传")


def test_a_corrupt_member_is_not_xlsx():
    good = hostile_files.xlsx([["姓名"], ["张三"] * 200])
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        offset = zf.getinfo("xl/worksheets/sheet1.xml").header_offset
    broken = bytearray(good)
    for i in range(offset + 80, offset + 120):  # inside the deflated data, after the local header
        broken[i] ^= 0xFF
    assert xlsxguard.xlsx_refusal(bytes(broken)) == xlsxguard.NOT_XLSX


def test_an_encrypted_member_is_not_xlsx_and_raises_nothing():
    # session 9 diff review: ZipFile.open raised RuntimeError (a password is needed), a 500 on every upload
    good = bytearray(hostile_files.xlsx([["姓名"], ["张三"]]))
    offset = 0
    while (offset := good.find(b"PK\x03\x04", offset)) >= 0:     # set the encryption bit of every member
        good[offset + 6] |= 1
        offset += 4
    offset = 0
    while (offset := good.find(b"PK\x01\x02", offset)) >= 0:
        good[offset + 8] |= 1
        offset += 4
    assert xlsxguard.xlsx_refusal(bytes(good)) == xlsxguard.NOT_XLSX

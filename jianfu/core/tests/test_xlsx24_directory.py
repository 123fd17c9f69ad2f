"""xlsx24: the .xlsx check (`xlsx_refusal`, and the registry's ledger reader, which opens the zip itself) caps the zip's
central directory by the size its end record declares, before zipfile reads it, then the number of entries — as the
.docx check does (`core.docxpackage`), by the one reading of the end record (`core.zipsizes.directory_size`).

docx24 measured the bomb: 108,000 empty entries in a 10.2 MB upload passed `xlsx_refusal` after 1.82 s CPU."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment

from jianfu.core import xlsxguard, xlsxscan
from jianfu.core.tests import hostile_files
from jianfu.core.zipsizes import directory_size
from jianfu.registry.ledger import reader

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


def test_the_ledger_reader_refuses_it_before_zipfile_reads_it(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = bomb()
    path = tmp_path / "台账.xlsx"
    path.write_bytes(data)
    zipfile_never_opens(monkeypatch)
    for file in (io.BytesIO(data), str(path)):
        with pytest.raises(reader.LedgerFileError) as refused:
            reader.open_ledger(file, filename="台账.xlsx", head_rows=110)
        assert refused.value.reason == DIRECTORY_BOMB


def test_a_directory_declared_by_a_zip64_end_record_is_capped_by_that_size(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hostile_files.as_zip64(bomb(), classic_size=0)  # the end record says 0; zipfile reads the ZIP64 size
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
    assert directory_size(crowded) <= 2**20
    assert xlsxguard.xlsx_refusal(crowded) == entries_refusal(22_304)
    at_cap = hostile_files.with_empty_entries(small(), 10_000 - 9)
    assert xlsxguard.xlsx_refusal(at_cap) is None
    past = hostile_files.with_empty_entries(small(), 10_001 - 9)
    assert xlsxguard.xlsx_refusal(past) == entries_refusal(10_001)
    with zipfile.ZipFile(io.BytesIO(past)) as zf:  # a reader's own ZipFile: the count is checked there too
        assert xlsxguard.xlsx_refusal(zf) == entries_refusal(10_001)
    with pytest.raises(reader.LedgerFileError) as refused:
        reader.open_ledger(io.BytesIO(past), filename="台账.xlsx")
    assert refused.value.reason == entries_refusal(10_001)


def test_a_workbook_of_500_sheets_each_with_a_comment_passes() -> None:
    """The most entries a real workbook here has: a county's ledger of a sheet per village (MAX_SHEETS), each with a
    comment (openpyxl writes the comments, their VML and both .rels per sheet)."""
    wb = Workbook()
    wb.remove(wb.active)
    for k in range(500):
        ws = wb.create_sheet(f"村{k:03d}")
        ws.append(["姓名", "身份证号"])
        ws.append(["张三", "450521199001011234"])
        ws["A1"].comment = Comment("说明", "村干部")
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert (len(zf.infolist()), directory_size(data)) == (2_008, 153_572)
    assert xlsxguard.xlsx_refusal(data) is None
    assert reader.open_ledger(io.BytesIO(data), filename="台账.xlsx", head_rows=110).headers == ["姓名", "身份证号"]


@pytest.mark.slow
def test_a_100000_row_postings_workbook_passes() -> None:
    """The brief's real large workbook: 100,000 postings of a job board's 14 columns, written by openpyxl (11 s CPU):
    9 entries and 574 bytes of directory, whatever the rows."""
    rng = random.Random(8)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("岗位")
    ws.append(["职位ID", "公司名称", "统一社会信用代码", "职位名称", "招聘人数", "学历", "年龄", "工作经验",
               "证书要求", "薪资", "工作地点", "职位描述", "福利", "截止日期"])
    for i in range(100_000):
        ws.append([f"J{i:07d}", f"合浦县企业{rng.randrange(2500)}有限公司", "91450521700000001X", "电子厂普工",
                   rng.randint(1, 30), "初中", "18-40岁", "不限", "", "3000-4000元/月", "廉州镇",
                   f"流水线装配，两班倒。岗位{i}号，工作地点廉州镇。", "五险、包住", "2099-12-31"])
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert (len(zf.infolist()), directory_size(data)) == (9, 574)
    assert xlsxscan.xlsx_refusal(data) is None
    ledger = reader.open_ledger(io.BytesIO(data), filename="岗位.xlsx", header_row=1, head_rows=110)
    assert ledger.headers[:2] == ["职位ID", "公司名称"]

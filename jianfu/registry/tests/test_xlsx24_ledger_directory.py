"""xlsx24: the registry's ledger reader (every ledger and employment import; it opens the zip itself) refuses a zip
whose directory is declared past the cap before zipfile reads it, and too many entries; the largest real workbooks
pass both caps — their figures, for the caps' margin (the caps and `xlsx_refusal`: core/tests/test_xlsx24_directory.py)."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.comments import Comment

from jianfu.core import xlsxguard, xlsxscan
from jianfu.core.tests import hostile_files
from jianfu.core.tests.test_xlsx24_directory import (
    DIRECTORY_BOMB,
    bomb,
    entries_refusal,
    small,
    zipfile_never_opens,
)
from jianfu.core.zipsizes import directory_size
from jianfu.registry.ledger import reader


def test_the_ledger_reader_refuses_it_before_zipfile_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bomb()
    path = tmp_path / "台账.xlsx"
    path.write_bytes(data)
    zipfile_never_opens(monkeypatch)
    for file in (io.BytesIO(data), str(path)):
        with pytest.raises(reader.LedgerFileError) as refused:
            reader.open_ledger(file, filename="台账.xlsx", head_rows=110)
        assert refused.value.reason == DIRECTORY_BOMB


def test_the_ledger_reader_refuses_entries_past_the_cap() -> None:
    past = hostile_files.with_empty_entries(small(), 10_001 - 9)
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
    assert reader.open_ledger(io.BytesIO(data), filename="台账.xlsx", head_rows=110).headers == [
        "姓名",
        "身份证号",
    ]


@pytest.mark.heavy  # a 100,000-row file: `make test-heavy`, not `make test` (ADR 0045)
@pytest.mark.slow
def test_a_100000_row_postings_workbook_passes() -> None:
    """The brief's real large workbook: 100,000 postings of a job board's 14 columns, written by openpyxl (11 s CPU):
    9 entries and 574 bytes of directory, whatever the rows."""
    rng = random.Random(8)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("岗位")
    ws.append(
        [
            "职位ID",
            "公司名称",
            "统一社会信用代码",
            "职位名称",
            "招聘人数",
            "学历",
            "年龄",
            "工作经验",
            "证书要求",
            "薪资",
            "工作地点",
            "职位描述",
            "福利",
            "截止日期",
        ]
    )
    for i in range(100_000):
        ws.append(
            [
                f"J{i:07d}",
                f"合浦县企业{rng.randrange(2500)}有限公司",
                "91450521700000001X",
                "电子厂普工",
                rng.randint(1, 30),
                "初中",
                "18-40岁",
                "不限",
                "",
                "3000-4000元/月",
                "廉州镇",
                f"流水线装配，两班倒。岗位{i}号，工作地点廉州镇。",
                "五险、包住",
                "2099-12-31",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert (len(zf.infolist()), directory_size(data)) == (9, 574)
    assert xlsxscan.xlsx_refusal(data) is None
    ledger = reader.open_ledger(io.BytesIO(data), filename="岗位.xlsx", header_row=1, head_rows=110)
    assert ledger.headers[:2] == ["职位ID", "公司名称"]

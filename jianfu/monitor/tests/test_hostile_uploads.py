"""The ledger import page against hostile files and cells, through the page a department uses: each
refusal is one Chinese message naming the row and field, and nothing is written."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.tests import hostile_files
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db

HEADER = ["日期*", "名称*", "造成单位", "承受单位", "会议时长（分钟）*", "主要讲话时长（分钟）", "层层陪会"]
GOOD = ["2025-03-01", "防汛会议", "林业局", "", 90, 30, "否"]


def _post(world, data: bytes, filename: str = "会议.xlsx"):
    client = world.client("dept_forestry")
    return client.post("/monitor/ledgers/meeting/import/", {"form_token": token_new(), "file": SimpleUploadedFile(filename, data)})


def _refused(response) -> str:
    assert response.status_code == 400
    assert LedgerMeeting.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.meeting.import").exists()
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(("build", "message"), [
    # a few KB that unpack to 20 MB of shared strings: refused before openpyxl holds them in memory
    (lambda: hostile_files.with_string_bomb(hostile_files.xlsx([HEADER, GOOD])),
     "文件内的 xl/sharedStrings.xml 解压后有 20 MB（压缩前仅 0.0 MB），不像 Excel 保存的台账，可能是恶意构造的压缩文件，已拒绝导入。"),
    # an entity declaration (how XML parsers are abused): openpyxl's parser expanded it
    (lambda: hostile_files.rewrite(hostile_files.xlsx([HEADER, ["2025-03-01", "NAME", "林业局", "", 90, 30, "否"]]),
                                   "xl/worksheets/sheet1.xml",
                                   lambda old: b'<!DOCTYPE worksheet [<!ENTITY e "entity">]>'
                                   + old.split(b"?>")[-1].replace(b"NAME", b"&e;")),
     "文件内的 xl/worksheets/sheet1.xml 含有 XML 实体或文档类型声明，Excel 保存的文件不会有这些内容，为安全起见已拒绝导入。"),
    # a directory bomb (xlsx24): 20,000 empty entries, refused before zipfile reads the directory
    (lambda: hostile_files.with_empty_entries(hostile_files.xlsx([HEADER, GOOD]), 20_000),
     "文件的压缩目录有 1,075 KB，超过 1,024 KB 的上限（Excel 保存的表格只有几 KB），不像 Excel 保存的表格，"
     "可能是恶意构造的文件，已拒绝导入。请在 Excel 中另存为 .xlsx 后重新上传"),
    # a sheet cut in the middle: was an unhandled ParseError (500)
    (lambda: hostile_files.with_truncated_sheet(hostile_files.xlsx([HEADER, GOOD] * 50)),
     "无法读取该 .xlsx 文件，文件可能已损坏。"),
    # a text file renamed .xlsx
    (lambda: "日期,名称\n2025-01-01,会议".encode("gb18030"), "请上传 .xlsx 或 .csv 格式的台账"),
    (lambda: b"", "文件为空（0 字节），请检查后重新上传。"),
    (lambda: hostile_files.xlsx([HEADER]), "没有可导入的数据行。"),
    (lambda: hostile_files.xlsx([]), "工作表为空：第 1 行应为表头。"),
])
def test_hostile_files_are_refused_with_a_reason_and_write_nothing(world, build, message):
    page = _refused(_post(world, build()))
    assert message in page


@pytest.mark.parametrize(("row", "message"), [
    (["2026-02-30", "防汛会议", "林业局", "", 90, 30, "否"], "第 2 行「日期」："),
    (["2025-03-01", "防汛会议", "林业局", "", -90, 30, "否"], "第 2 行「会议时长（分钟）」：“-90”不能为负数。"),
    (["2025-03-01", "防汛会议", "林业局", "", 10**12, 30, "否"], "第 2 行「会议时长（分钟）」：“1000000000000”不能超过 "),
    (["2025-03-01", "防汛会议", "林业局", "", "九十", 30, "否"], "第 2 行「会议时长（分钟）」：“九十”不是整数。"),
    # 5,000 digits: int() refuses past 4,300 with a ValueError that was not caught (500)
    (["2025-03-01", "防汛会议", "林业局", "", "9" * 5000, 30, "否"], "第 2 行「会议时长（分钟）」：“99999999999999999999…”不能超过 "),
    (["2025-03-01", "防汛会议", "住建局", "", 90, 30, "否"], "第 2 行：部门只能填报本部门造成的事项，不能代其他单位填报。"),
    (["2025-03-01", "防汛会议", "林业局", "450521200299", 90, 30, "否"], "第 2 行「被要求的单位」："),
])
def test_hostile_cells_name_row_and_field_and_write_nothing(world, row, message):
    page = _refused(_post(world, hostile_files.xlsx([HEADER, GOOD, row])))
    assert message.replace("第 2 行", "第 3 行") in page


def test_script_in_a_cell_is_refused_by_row_and_field(world):
    data = hostile_files.xlsx([HEADER, GOOD, ["2025-03-01", "<script>alert(1)</script>会议", "林业局", "", 90, 30, "否"]])
    page = _refused(_post(world, data))
    assert "第 3 行「名称」：“名称”不得包含网页代码或脚本" in page


def _merged(rows: list[list], ranges: list[str]) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    for ref in ranges:
        wb.active.merge_cells(ref)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(("ranges", "message"), [
    # B06: was "第 3 行「日期」：“日期”不能为空。" — the range is named as the employment import names it
    (["A2:A3"], "工作表“Sheet”的数据区有合并单元格 A2:A3（第2行），请取消合并并把值填到每一行。"),
    (["B1:C1"], "工作表“Sheet”的表头（第1行）有合并单元格 B1:C1，请把表头整理为一行、每列一个标题后再导入。"),
])
def test_merged_cells_are_named_and_nothing_written(world, ranges, message):
    second = ["", "防汛会议二", "林业局", "", 60, 10, "否"]
    page = _refused(_post(world, _merged([HEADER, GOOD, second], ranges)))
    assert message in page
    assert "不能为空" not in page

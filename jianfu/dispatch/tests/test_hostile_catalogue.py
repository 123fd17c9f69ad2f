"""The responsibility-catalogue import page against hostile files and cells: each refusal is one Chinese
message naming the row and column, and no catalogue version or matter is written."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.tests import hostile_files
from jianfu.dispatch import catalogue as cat
from jianfu.dispatch.models import CatalogueVersion, Matter

pytestmark = pytest.mark.django_db

HEADER = [label for _key, label in cat.XLSX_COLUMNS]
GOOD = ["OK-1", "正常事项", "测试", "", "", "", "林业局", "", "配合", 5, 24, ""]


def _refused(world, data: bytes) -> str:
    before = (CatalogueVersion.objects.count(), Matter.objects.count())
    response = world.client("county_office").post("/dispatch/catalogue/import/",
                                                   {"file": SimpleUploadedFile("清单.xlsx", data),
                                                    "form_token": token_new()})
    assert response.status_code == 400
    assert (CatalogueVersion.objects.count(), Matter.objects.count()) == before
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(("build", "message"), [
    (lambda: hostile_files.with_string_bomb(hostile_files.xlsx([HEADER, GOOD])),
     "文件内的 xl/sharedStrings.xml 解压后有 20 MB（压缩前仅 0.0 MB），不像 Excel 保存的台账，可能是恶意构造的压缩文件，已拒绝导入。"),
    # a sheet cut in the middle: was an unhandled ParseError (500)
    (lambda: hostile_files.with_truncated_sheet(hostile_files.xlsx([HEADER] + [[f"OK-{i}", *GOOD[1:]] for i in range(50)])),
     "无法读取该文件，请上传 .xlsx 格式的职责清单。"),
    (lambda: "事项编码,事项名称\nA,B".encode("gbk"), "无法读取该文件，请上传 .xlsx 格式的职责清单。"),
    (lambda: b"", "无法读取该文件，请上传 .xlsx 格式的职责清单。"),
    (lambda: hostile_files.xlsx([HEADER]), "文件中没有事项。"),
    (lambda: hostile_files.xlsx([]), "表头缺少列：事项编码、事项名称、牵头部门"),
])
def test_hostile_files_are_refused_and_write_nothing(world, build, message):
    assert message in _refused(world, build())


@pytest.mark.parametrize(("column", "value", "message"), [
    # text that reads as a number too large for an integer: was an unhandled OverflowError (500)
    (9, "1e999", "第 3 行「办理时限（工作日）」：必须是整数"),
    (9, -5, "第 3 行「办理时限（工作日）」：必须在 1 到 365 之间"),
    (10, 10**15, "第 3 行「紧急时限（小时）」：必须在 1 到 720 之间"),
    (10, "nan", "第 3 行「紧急时限（小时）」：必须是整数"),
    (0, "<script>", "第 3 行「事项编码」：必须是 1 到 40 位字母、数字或 _.-"),
    (0, "OK-1", "第 3 行「事项编码」：OK-1 重复"),
    (6, "另一县的局", "第 3 行「牵头部门」：找不到部门「另一县的局」"),
])
def test_hostile_cells_name_row_and_column_and_write_nothing(world, column, value, message):
    row = list(GOOD)
    row[0] = "OK-2"
    row[column] = value
    assert message in _refused(world, hostile_files.xlsx([HEADER, GOOD, row]))

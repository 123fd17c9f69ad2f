"""A ledger import with formula cells (session 15, left over from issue 8/10): a formula saved without its result —
a file written by a script, or by WPS without recalculating — was reported as "不能为空"; it is named as a formula
without a result, and nothing is written. A formula saved with its result is imported as that result."""

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


def _post(world, data: bytes):
    client = world.client("dept_forestry")
    return client.post("/monitor/ledgers/meeting/import/", {"form_token": token_new(), "file": SimpleUploadedFile("会议.xlsx", data)})


def test_a_formula_without_its_result_is_named_as_one_and_nothing_is_written(world):
    data = hostile_files.xlsx([HEADER, ["2025-03-01", "防汛会议", "林业局", "", 90, 30, "否"],
                               ["2025-03-02", "=B2", "林业局", "", "=SUM(60,30)", "=E3/3", "否"]])
    response = _post(world, data)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert ("导入失败，未写入任何记录。请修改以下问题后重新导入：<br>"
            "第3行「名称」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值<br>"
            "第3行「会议时长（分钟）」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值<br>"
            "第3行「主要讲话时长（分钟）」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值</div>") in page
    assert "不能为空" not in page
    assert LedgerMeeting.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.meeting.import").exists()


def test_a_formula_saved_with_its_result_is_imported_as_that_result(world):
    data = hostile_files.xlsx([HEADER, ["2025-03-01", "防汛会议", "林业局", "", "=SUM(60,30)", "=E2/3", "否"]])
    data = hostile_files.rewrite(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"<f>SUM(60,30)</f><v></v>", b"<f>SUM(60,30)</f><v>90</v>").replace(b"<f>E2/3</f><v></v>",
                                                                           b"<f>E2/3</f><v>30</v>"))
    response = _post(world, data)
    assert response.status_code == 302
    assert list(LedgerMeeting.objects.values_list("title", "duration_minutes", "speech_minutes")) == [
        ("防汛会议", 90, 30)]


def test_many_formulas_are_listed_up_to_fifty_and_counted(world):
    rows = [HEADER] + [["2025-03-01", f"会议{i}", "林业局", "", "=SUM(60,30)", 30, "否"] for i in range(60)]
    response = _post(world, hostile_files.xlsx(rows))
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "第51行「会议时长（分钟）」是公式" in page and "第52行「会议时长（分钟）」是公式" not in page
    assert "……另有 10 处公式未列出" in page
    assert LedgerMeeting.objects.count() == 0

"""newuser18 #3: the ledger imports read csv (UTF-8, UTF-8 with BOM, GBK) through the reader the postings import
uses (jianfu.registry.ledger.reader), and name a bad row's row and field in Chinese as for an xlsx."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor.models import LedgerDocument, LedgerMeeting

pytestmark = pytest.mark.django_db

MEETINGS = ("日期*,名称*,提出要求的单位,会议时长（分钟）*,层层陪会\n"
            "2025-03-01,防汛会议,林业局,90,否\n"
            "2025/03/02,森林防火会议,林业局,120,是\n")


def _post(world, data: bytes, filename: str, kind: str = "meeting"):
    return world.client("dept_forestry").post(f"/monitor/ledgers/{kind}/import/",
                                              {"form_token": token_new(), "file": SimpleUploadedFile(filename, data)})


@pytest.mark.parametrize("encoded", [
    MEETINGS.encode("gbk"),
    b"\xef\xbb\xbf" + MEETINGS.encode("utf-8"),   # what Excel's "CSV UTF-8" saves
    MEETINGS.encode("utf-8"),
], ids=["gbk", "utf8-bom", "utf8"])
def test_a_csv_imports_like_the_template(world, encoded):
    response = _post(world, encoded, "会议.csv")
    assert response.status_code == 302
    rows = list(LedgerMeeting.objects.order_by("date").values_list("date", "title", "org_code", "duration_minutes",
                                                                   "relayed"))
    assert [(str(d), t, o, m, r) for d, t, o, m, r in rows] == [
        ("2025-03-01", "防汛会议", "450521000000", 90, False), ("2025-03-02", "森林防火会议", "450521000000", 120, True)]
    assert AuditRecord.objects.get(action="monitor.meeting.import").changes["rows"] == 2


def test_the_users_gbk_documents_csv_imports(world):
    data = ("日期,名称,提出要求的单位,被要求的单位,文件类型,篇幅\n"
            "2025-12-01,关于开展冬季安全生产大检查的通知,林业局,合浦县,,5\n").encode("gbk")
    assert _post(world, data, "发文.csv", kind="document").status_code == 302
    assert list(LedgerDocument.objects.values_list("title", "org_code")) == [
        ("关于开展冬季安全生产大检查的通知", "450521000000")]


def _refused(response) -> str:
    assert response.status_code == 400
    assert LedgerMeeting.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.meeting.import").exists()
    return html.unescape(response.content.decode())


def test_a_bad_cell_names_its_row_and_field_and_writes_nothing(world):
    data = (MEETINGS + "2025-03-03,汛期调度会,林业局,九十,否\n").encode("gbk")
    page = _refused(_post(world, data, "会议.csv"))
    assert "第 4 行「会议时长（分钟）」：“九十”不是整数。" in page


def test_a_csv_in_neither_utf8_nor_gbk_is_refused_in_chinese(world):
    data = "日期*,名称*,会议时长（分钟）*".encode() + b",\xe9t\xe9\n" + "2025-03-01,防汛会议,90,\n".encode()
    page = _refused(_post(world, data, "会议.csv"))
    # the cell and the byte named too (mend19b #1)
    assert ("第1行D列有无法识别的字符（字节 0xE9），文件中可能混有其他编码的内容或已损坏，"
            "请把文件另存为 UTF-8 或 GBK 编码后重新上传") in page


def test_an_xls_is_still_refused(world):
    page = _refused(_post(world, b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "会议.xls"))
    assert "请上传 .xlsx 或 .csv 格式的台账（可先下载导入模板）；不支持 .xls 或其他格式。" in page

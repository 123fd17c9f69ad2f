"""newuser26 #1: one upload of a ledger import names every fault of every row — its cells and its units (target,
issuer, a secondment's lending unit) — and writes nothing. The tester's GBK file took three uploads: the units were
looked up only once the row's cells were right, and the lookup stopped at the first unknown unit."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting, LedgerSecondment

pytestmark = pytest.mark.django_db

HEADER = ("日期*,名称*,提出要求的单位,被要求的单位,备注,会议类型,会议层级,会议时长（分钟）*,主要讲话时长（分钟）,"
          "分管负责同志召集,要求乡镇主要负责同志参加,要求村（社区）书记参加,层层陪会,视频会议\n")
# the tester's meeting_gbk.csv (a date in 2030 is after "today" whenever these tests run)
TESTERS_FILE = HEADER + ("2026-12-01,全县冬季防火工作会议,林业局,合浦县,GBK导入测试,,,90,30,是,是,是,否,否\n"
                         "2026-12-02,曲樟乡环境整治推进会,农业农村局,曲樟乡,,,,两小时,,,,是,,\n"
                         "2030-01-01,<script>alert(1)</script>,不存在的局,火星,,,,60,,,,,,\n")


def _errors(response) -> list[str]:
    assert response.status_code == 400
    # read before unescaping: a quoted "<script>" is escaped on the page, the page's own tags end a line
    return [html.unescape(line) for line in re.findall(r"第 \d+ 行[^\n<]*", response.content.decode())]


def _post(world, kind: str, text: str, username: str = "county_office"):
    return world.client(username).post(f"/monitor/ledgers/{kind}/import/",
                                       {"form_token": token_new(), "file": SimpleUploadedFile("台账.csv", text.encode("gbk"))})


def test_one_upload_names_every_cell_and_every_unknown_unit(world):
    errors = _errors(_post(world, "meeting", TESTERS_FILE))
    assert errors == [
        "第 3 行「提出要求的单位」：未知的提出要求的单位“农业农村局”：请填写系统中已有单位的代码或全称。",
        "第 3 行「会议时长（分钟）」：“两小时”不是整数。",
        "第 4 行「日期」：“2030-01-01”不能晚于今天。",
        "第 4 行「名称」：“名称”不得包含网页代码或脚本（如 <script>、javascript:）。",
        "第 4 行「提出要求的单位」：未知的提出要求的单位“不存在的局”：请填写系统中已有单位的代码或全称。",
        "第 4 行「被要求的单位」：未知的被要求的单位“火星”：请填写系统中已有单位的代码或全称。",
    ]
    assert LedgerMeeting.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.meeting.import").exists()


def test_a_secondment_names_its_lending_unit_beside_the_other_units_and_cells(world):
    text = ("日期*,名称*,提出要求的单位,被要求的单位,借出单位*,人数,借调时长（月）*\n"
            "2025-05-01,借调抄表,林业局,合浦县,不存在的站,2,三个月\n"
            "2025-05-02,借调迎检,月球局,火星,曲樟乡,1,2\n")
    errors = _errors(_post(world, "secondment", text))
    assert errors == [
        "第 2 行「借出单位」：未知的借出单位“不存在的站”：请填写系统中已有单位的代码或全称。",
        "第 2 行「借调时长（月）」：“三个月”不是整数。",
        "第 3 行「提出要求的单位」：未知的提出要求的单位“月球局”：请填写系统中已有单位的代码或全称。",
        "第 3 行「被要求的单位」：未知的被要求的单位“火星”：请填写系统中已有单位的代码或全称。",
    ]
    assert LedgerSecondment.objects.count() == 0
    assert not AuditRecord.objects.filter(action="monitor.secondment.import").exists()


def test_the_service_raises_every_field_and_one_fault_keeps_its_code(world):
    with pytest.raises(ApplicationError) as caught:
        services.ledger_bulk_create(actor=world.users["county_office"], kind="meeting", rows=[
            (2, {"date": dt.date(2025, 3, 1), "title": "防汛会议", "issuer": "林业局", "target": "火星",
                 "duration_minutes": 90})])
    assert caught.value.details["errors"] == [
        "第 2 行「被要求的单位」：未知的被要求的单位“火星”：请填写系统中已有单位的代码或全称。"]
    with pytest.raises(ApplicationError) as one:
        services.ledger_create(actor=world.users["county_office"], kind="meeting", data={
            "date": "2025-03-01", "title": "防汛会议", "issuer": "林业局", "target": "火星", "duration_minutes": "90"})
    assert (one.value.code, one.value.field) == ("unknown_unit", "target")
    with pytest.raises(ApplicationError) as both:
        services.ledger_create(actor=world.users["county_office"], kind="meeting", data={
            "date": "2025-03-01", "title": "防汛会议", "issuer": "月球局", "target": "火星", "duration_minutes": "0"})
    assert (both.value.code, both.value.field) == ("invalid", "issuer")
    assert list(both.value.details["fields"]) == ["issuer", "target", "duration_minutes"]
    assert LedgerMeeting.objects.count() == 0


def test_a_too_long_issuer_is_told_its_length_not_that_it_is_missing(world):
    """sec26 #2: the cell's own reason was overwritten by the unit lookup's, which saw the refused cell as empty."""
    before = AuditRecord.objects.count()
    text = HEADER + f"2025-03-01,防汛会议,{'林' * 101},合浦县,,,,90,,,,,,\n"
    errors = _errors(_post(world, "meeting", text))
    assert errors == ["第 2 行「提出要求的单位」：“提出要求的单位”不能超过 100 个字。"]
    assert LedgerMeeting.objects.count() == 0 and AuditRecord.objects.count() == before

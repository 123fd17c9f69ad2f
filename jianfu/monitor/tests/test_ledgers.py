"""Filing ledger rows: who files what, and bad input refused with a Chinese message and nothing written."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook

from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.core.versioning import version_of
from jianfu.monitor import services
from jianfu.monitor.models import LedgerDocument, LedgerMeeting, LedgerPlaque, LedgerSecondment

pytestmark = pytest.mark.django_db

MEETING = {"date": "2025-03-18", "title": "全县防汛工作会议", "duration_minutes": "120", "speech_minutes": "45",
           "village_secretaries_required": "是"}


def snapshot():
    return (list(LedgerMeeting.objects.values_list("id", "title", "duration_minutes")),
            list(LedgerDocument.objects.values_list("id", "title", "length")),
            AuditRecord.objects.filter(action__startswith="monitor.").count())


def test_department_files_its_own_rows(world):
    row = services.ledger_create(actor=world.users["dept_housing"], kind="meeting", data=MEETING)
    assert (row.issuer_code, row.issuer_name, row.org_code, row.county_code, row.recorded_as) == (
        "450521000000D01", "住房和城乡建设局", "450521000000", "450521000000", "issuer")
    assert (row.duration_minutes, row.speech_minutes, row.village_secretaries_required) == (120, 45, True)
    audit = AuditRecord.objects.get(action="monitor.meeting.create")
    assert (audit.object_id, audit.actor_id) == (str(row.pk), world.users["dept_housing"].pk)


def test_department_cannot_file_for_another_department(world):
    before = snapshot()
    with pytest.raises(PermissionDeniedError, match="只能填报本部门"):
        services.ledger_create(actor=world.users["dept_housing"], kind="meeting",
                               data={**MEETING, "issuer": "450521000000D02"})
    assert snapshot() == before


def test_village_records_what_it_received(world):
    row = services.ledger_create(actor=world.users["village_a"], kind="meeting",
                                 data={**MEETING, "issuer": "林业局"})
    assert (row.issuer_code, row.org_code, row.recorded_as) == ("450521000000D02", "450521200206", "bearer")
    # the village cannot put it on another village
    with pytest.raises(ApplicationError, match="不在您的管辖范围内"):
        services.ledger_create(actor=world.users["village_a"], kind="meeting",
                               data={**MEETING, "issuer": "林业局", "target": "450521200201"})


@pytest.mark.parametrize(("field", "value", "message"), [
    ("duration_minutes", "-30", "“会议时长（分钟）”不能为负数。"),
    ("duration_minutes", "两小时", "“会议时长（分钟）”应为整数，收到“两小时”。"),
    ("date", "1999-12-31", "“日期”不能早于 2000 年 1 月 1 日。"),
    ("date", "2025-02-30", "“日期”不是有效的日期。"),
    ("title", "<script>alert(1)</script>", "“名称”不得包含网页代码或脚本（如 <script>、javascript:）。"),
    ("note", "见 javascript:alert(1)", "“备注”不得包含网页代码或脚本（如 <script>、javascript:）。"),
    ("title", "", "“名称”不能为空。"),
    ("issuer", "不存在的局", "未知的提出要求的单位“不存在的局”：请填写系统中已有单位的代码或全称。"),
    ("speech_minutes", "150", "“主要讲话时长”不能超过“会议时长”。"),
])
def test_bad_input_is_refused_and_nothing_written(world, field, value, message):
    before = snapshot()
    with pytest.raises(ApplicationError) as caught:
        services.ledger_create(actor=world.users["county_office"], kind="meeting",
                               data={**MEETING, "issuer": "住房和城乡建设局", field: value})
    assert caught.value.message == message
    assert snapshot() == before


def test_future_dates_refused(world):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError, match="不能晚于今天"):
        services.ledger_create(actor=world.users["dept_housing"], kind="meeting",
                               data={**MEETING, "date": tomorrow.isoformat()})
    assert LedgerMeeting.objects.count() == 0


def test_another_departments_rows_are_invisible_and_unchanged(world):
    row = services.ledger_create(actor=world.users["dept_housing"], kind="meeting", data=MEETING)
    before = snapshot()
    with pytest.raises(NotFoundError):
        services.ledger_update(actor=world.users["dept_forestry"], kind="meeting", pk=row.pk,
                               data={"title": "篡改"})
    with pytest.raises(NotFoundError):
        services.ledger_delete(actor=world.users["dept_forestry"], kind="meeting", pk=row.pk)
    assert snapshot() == before


def test_village_cannot_change_rows_filed_by_a_department(world):
    row = services.ledger_create(actor=world.users["county_office"], kind="meeting",
                                 data={**MEETING, "issuer": "林业局", "target": "450521200206"})
    with pytest.raises(PermissionDeniedError):
        services.ledger_update(actor=world.users["village_a"], kind="meeting", pk=row.pk, data={"title": "改"})
    row.refresh_from_db()
    assert row.title == MEETING["title"]


def test_update_is_audited_with_the_change(world):
    row = services.ledger_create(actor=world.users["dept_housing"], kind="meeting", data=MEETING)
    services.ledger_update(actor=world.users["dept_housing"], kind="meeting", pk=row.pk,
                           data={"speech_minutes": "50"})
    row.refresh_from_db()
    assert row.speech_minutes == 50
    audit = AuditRecord.objects.get(action="monitor.meeting.update")
    # and the version the save gave the row (what a stale form's message starts after, fix-back16)
    assert audit.changes == {"speech_minutes": [45, 50], "version": version_of(row)}
    with pytest.raises(ApplicationError, match="不能超过"):
        services.ledger_update(actor=world.users["dept_housing"], kind="meeting", pk=row.pk,
                               data={"speech_minutes": "121"})
    row.refresh_from_db()
    assert row.speech_minutes == 50


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_document_length_is_computed_from_the_uploaded_file(world):
    body = ["关于开展专项检查的通知", "各乡镇：", "一" * 3000, "二" * 2500, "附件：1. 检查表", "三" * 900]
    row = services.ledger_create(actor=world.users["dept_housing"], kind="document",
                                 data={"date": "2025-04-01", "title": "关于开展专项检查的通知", "length": "10"},
                                 file_data=_docx(body), filename="通知.docx")
    # the body without whitespace, counting stops at the attachments (the review readers' rule)
    assert row.length == len("关于开展专项检查的通知") + len("各乡镇：") + 3000 + 2500
    assert row.filename == "通知.docx" and row.file.name


def test_oversized_and_unreadable_attachments_refused(world):
    before = snapshot()
    with pytest.raises(ApplicationError, match="超过 20 MB 的上限"):
        services.ledger_create(actor=world.users["dept_housing"], kind="document",
                               data={"date": "2025-04-01", "title": "大文件"},
                               file_data=b"x" * (services.MAX_ATTACHMENT_BYTES + 1), filename="big.txt")
    with pytest.raises(ApplicationError, match="超过 20 MB 的上限"):
        services.attachment_size_check(200 * 2**20)
    with pytest.raises(ApplicationError, match="不支持的文件类型"):
        services.ledger_create(actor=world.users["dept_housing"], kind="document",
                               data={"date": "2025-04-01", "title": "可执行文件"}, file_data=b"MZ..", filename="a.exe")
    assert snapshot() == before


def test_secondment_resolves_the_lending_unit_level(world):
    row = services.ledger_create(actor=world.users["county_office"], kind="secondment", data={
        "date": "2025-01-08", "title": "借调乡镇干部", "issuer": "住房和城乡建设局", "from_unit": "曲樟乡",
        "months": "8", "people": "2"})
    assert (row.from_unit_code, row.from_unit_level, row.months) == ("450521200000", "town", 8)
    with pytest.raises(ApplicationError, match="未知的借出单位"):
        services.ledger_create(actor=world.users["county_office"], kind="secondment", data={
            "date": "2025-01-08", "title": "x", "issuer": "住房和城乡建设局", "from_unit": "火星乡", "months": "1"})
    assert LedgerSecondment.objects.count() == 1


def test_plaques_belong_to_villages(world):
    with pytest.raises(ApplicationError, match="被要求的单位应为村或社区"):
        services.ledger_create(actor=world.users["county_office"], kind="plaque", data={
            "date": "2025-01-08", "title": "综治中心", "issuer": "林业局", "placement": "outside",
            "target": "450521200000"})
    row = services.ledger_create(actor=world.users["town_quzhang"],
                                 kind="plaque", data={"date": "2025-01-08", "title": "综治中心", "issuer": "林业局",
                                                      "placement": "室外", "target": "450521200206001"})
    assert (row.org_code, row.placement) == ("450521200206", "outside")  # a grid's plaque is its village's
    assert LedgerPlaque.objects.count() == 1


def test_grid_workers_have_no_ledger_access(world):
    with pytest.raises(PermissionDeniedError):
        services.ledger_create(actor=world.users["grid_a"], kind="meeting", data={**MEETING, "issuer": "林业局"})
    assert LedgerMeeting.objects.count() == 0


def test_a_zero_minute_meeting_is_refused_by_form_api_and_import(world):
    """Session 12 (U18): a 0-minute meeting was accepted and added 60 travel minutes to the burden index.
    One rule (ledgers.FieldSpec.minimum) serves the service, the web form, the API and the xlsx import."""
    from openpyxl import Workbook

    message = "“会议时长（分钟）”不能少于 1。"
    before = snapshot()
    with pytest.raises(ApplicationError) as caught:
        services.ledger_create(actor=world.users["village_a"], kind="meeting",
                               data={**MEETING, "issuer": "林业局", "duration_minutes": "0", "speech_minutes": ""})
    assert (caught.value.message, caught.value.field) == (message, "duration_minutes")
    page = world.client("village_a").post("/monitor/ledgers/meeting/new/", {"form_token": token_new(),
        "date": "2025-03-01", "title": "测试会议C", "issuer": "生态环境局", "duration_minutes": "0",
        "village_secretaries_required": "1"})
    assert page.status_code == 400 and f'<span class="field-error">{message}</span>' in page.content.decode()
    assert 'name="duration_minutes" id="id_duration_minutes" aria-invalid="true"' in page.content.decode()
    api = world.api_client("village_a").post("/api/v1/monitor/ledgers/meeting/", {
        "date": "2025-03-01", "title": "推进会", "issuer": "林业局", "duration_minutes": 0}, format="json")
    assert (api.status_code, api.json()["error"]["fields"]) == (400, {"duration_minutes": [message]})
    wb = Workbook()
    wb.active.append(["日期*", "名称*", "提出要求的单位", "会议时长（分钟）*"])
    wb.active.append(["2025-03-01", "推进会", "林业局", 0])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ApplicationError) as caught:
        services.ledger_import(actor=world.users["village_a"], kind="meeting", data=buf.getvalue(),
                               filename="会议.xlsx")
    assert caught.value.details["errors"] == ["第 2 行「会议时长（分钟）」：“0”不能少于 1。"]
    assert snapshot() == before
    # the bound stays where it was at both ends: 1 minute and a week are accepted
    for minutes in ("1", str(60 * 24 * 7)):
        row = services.ledger_create(actor=world.users["village_a"], kind="meeting",
                                     data={**MEETING, "issuer": "林业局", "duration_minutes": minutes,
                                           "speech_minutes": "0"})
        assert row.duration_minutes == int(minutes)
    with pytest.raises(ApplicationError, match="不能超过 10080"):
        services.ledger_create(actor=world.users["village_a"], kind="meeting",
                               data={**MEETING, "issuer": "林业局", "duration_minutes": "10081"})


def test_counts_other_than_a_meetings_length_may_still_be_zero(world):
    row = services.ledger_create(actor=world.users["dept_housing"], kind="meeting",
                                 data={**MEETING, "speech_minutes": "0"})
    assert row.speech_minutes == 0
    row = services.ledger_create(actor=world.users["dept_housing"], kind="inspection",
                                 data={"date": "2025-03-18", "title": "检查", "onsite_visits": "0"})
    assert row.onsite_visits == 0


def test_invisible_format_characters_leave_every_monitor_text_field(world):
    """B11: a title "会\u202e反向\u200b" was stored as '会反向\u200b' (the zero-width space kept); the village pages'
    clean-up (`core.text.without_invisible`) now runs on every monitor text field: API, import, notices."""
    api = world.api_client("village_a").post("/api/v1/monitor/ledgers/meeting/", {
        "date": "2025-03-01", "title": "会\u202e反向\u200b", "issuer": "林业局", "duration_minutes": 30,
        "note": "\ufeff备\u200d注\u2066"}, format="json")
    assert api.status_code == 201
    row = LedgerMeeting.objects.get()
    assert (row.title, row.note) == ("会反向", "备注")
    wb = Workbook()
    wb.active.append(["日期*", "名称*", "提出要求的单位", "会议时长（分钟）*"])
    wb.active.append(["2025-03-02", "\u200b推进\u200c会\u00ad", "林业局", 40])
    buf = io.BytesIO()
    wb.save(buf)
    services.ledger_import(actor=world.users["village_a"], kind="meeting", data=buf.getvalue(), filename="会议.xlsx")
    assert list(LedgerMeeting.objects.order_by("date").values_list("title", flat=True)) == ["会反向", "推进会"]
    notice = services.notice_create(actor=world.users["county_office"], data={
        "title": "关于\u200b典型问题的通报\u202e", "issuer": "合浦县减负办\u2060", "date": "2025-03-01"})
    assert (notice.title, notice.issuer) == ("关于典型问题的通报", "合浦县减负办")
    # a title of nothing but invisible characters is empty: refused, nothing written
    before = snapshot()
    with pytest.raises(ApplicationError) as caught:
        services.ledger_create(actor=world.users["village_a"], kind="meeting",
                               data={**MEETING, "issuer": "林业局", "title": "\u200b\u200b"})
    assert caught.value.message == "“名称”不能为空。"
    assert snapshot() == before

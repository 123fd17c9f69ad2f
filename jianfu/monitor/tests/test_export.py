"""Per-ledger xlsx export: the list page's rows (filtered as the page, scoped as the user) in the import
template's shape, so an export imports back to the same rows."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor import services, xlsx
from jianfu.monitor.models import LEDGER_MODELS, LedgerMeeting

pytestmark = pytest.mark.django_db
# one row per ledger, with every kind of cell: choices, 是/否, numbers, a unit by name, text that a
# spreadsheet would take for a formula, a note over two lines
ROWS = {
    "document": {"title": "=关于森林防火的通知", "issuer": "林业局", "doc_kind": "special", "length": "4200",
                 "asks_report_back": "1", "note": "第一行\n第二行"},
    "meeting": {"title": "森林防火推进会", "issuer": "林业局", "meeting_kind": "relay", "level": "town",
                "duration_minutes": "150", "speech_minutes": "70", "relayed": "是", "by_video": "1",
                "village_secretaries_required": "1"},
    "inspection": {"title": "-专项督查", "issuer": "住房和城乡建设局", "in_annual_plan": "1", "filing_no": "合督备2025-3",
                   "onsite_visits": "2", "forms_demanded": "3", "photos_demanded": "40", "demanded_from": "各村"},
    "app": {"title": "巡林打卡小程序", "issuer": "林业局", "filing_no": "", "check_in": "1", "points": "1",
            "in_use": "1", "grassroots_facing": "1"},
    "secondment": {"title": "借调村干部", "issuer": "住房和城乡建设局", "from_unit": "450521200206", "people": "2",
                   "months": "8", "approved": "0"},
    "plaque": {"title": "@森林防火宣传站", "issuer": "林业局", "target": "450521200206", "placement": "outside",
               "status": "removed"},
    "activity": {"title": "生态文化节", "issuer": "林业局", "activity_kind": "festival", "fees_yuan": "3000",
                 "approved": "1", "approval_no": "合政函〔2025〕1号"},
    "demand": {"title": "林权证明", "issuer": "林业局", "target": "450521200206", "demand_kind": "certificate",
               "times": "6", "in_access_list": "0"},
}
SKIP = {"id", "recorded_by", "file", "created_at", "updated_at"}


def values(row) -> dict:
    return {k: v for k, v in model_to_dict(row).items() if k not in SKIP}


def sheet(content: bytes) -> list[list]:
    return [list(r) for r in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("kind", sorted(ROWS))
def test_an_export_imports_back_to_the_same_rows(world, kind):
    office, client = world.users["county_office"], world.client("county_office")
    for date in ("2025-03-01", "2025-04-02"):
        services.ledger_create(actor=office, kind=kind, data={"date": date, **ROWS[kind]})
    model = LEDGER_MODELS[kind]
    before = [values(r) for r in model.objects.order_by("date")]
    response = client.get(f"/monitor/ledgers/{kind}/export.xlsx")
    assert response.status_code == 200
    cells = sheet(response.content)
    template = sheet(xlsx.template(kind))
    assert cells[0] == template[0]  # the template's header, column for column
    assert len(cells) == 3
    model.objects.all().delete()
    assert services.ledger_import(actor=office, kind=kind, data=response.content, filename="导出.xlsx").imported == 2
    assert [values(r) for r in model.objects.order_by("date")] == before


def test_the_export_is_filtered_as_the_page_and_scoped_as_the_user(world):
    office = world.users["county_office"]
    for date, title, issuer in (("2024-05-01", "去年的会", "林业局"), ("2025-03-01", "防火会", "林业局"),
                                ("2025-03-02", "住建推进会", "住房和城乡建设局"), ("2025-03-03", "林业培训会", "林业局")):
        services.ledger_create(actor=office, kind="meeting", data={"date": date, "title": title, "issuer": issuer,
                                                                     "duration_minutes": "60"})

    def titles(username: str, query: str) -> list[str]:
        response = world.client(username).get(f"/monitor/ledgers/meeting/export.xlsx{query}")
        assert response.status_code == 200
        return [r[1] for r in sheet(response.content)[1:]]

    # the same order and filters as the list page
    assert titles("county_office", "?year=2025") == ["林业培训会", "住建推进会", "防火会"]
    assert titles("county_office", "?year=2025&q=林业") == ["林业培训会", "防火会"]
    assert titles("county_office", "") == ["林业培训会", "住建推进会", "防火会", "去年的会"]
    # a department exports what it caused, never another department's rows
    assert titles("dept_housing", "") == ["住建推进会"]
    assert titles("dept_forestry", "?year=2025") == ["林业培训会", "防火会"]
    api = world.api_client("dept_housing").get("/api/v1/monitor/ledgers/meeting/export/?year=2025")
    assert api.status_code == 200 and [r[1] for r in sheet(api.content)[1:]] == ["住建推进会"]
    assert world.client("grid_a").get("/monitor/ledgers/meeting/export.xlsx").status_code in (403, 404)


def test_the_download_has_a_chinese_name_and_an_ascii_fallback(world):
    today = timezone.localdate().isoformat()
    response = world.client("county_office").get("/monitor/ledgers/plaque/export.xlsx?year=2025")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = f"村级牌子台账-2025-导出{today}.xlsx"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"2025-_{today}.xlsx\"; filename*=UTF-8''{quote(name, safe='')}")
    everything = world.client("county_office").get("/monitor/ledgers/plaque/export.xlsx")
    assert quote(f"村级牌子台账-全部年度-导出{today}.xlsx", safe="") in everything["Content-Disposition"]


def test_an_export_too_big_to_import_back_is_refused_with_the_way_out(world, monkeypatch):
    office = world.users["county_office"]
    for day in (1, 2, 3):
        services.ledger_create(actor=office, kind="meeting", data={"date": f"2025-03-0{day}", "title": "会",
                                                                     "issuer": "林业局", "duration_minutes": "60"})
    monkeypatch.setattr(xlsx, "MAX_ROWS", 2)
    response = world.api_client("county_office").get("/api/v1/monitor/ledgers/meeting/export/")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "符合条件的记录超过 2 条，请按年度或关键词筛选后分批导出。"


# ------------------------------------------------------------------ B02: an import never doubles the ledger

def counts() -> dict[str, int]:
    return {kind: model.objects.count() for kind, model in LEDGER_MODELS.items()}


@pytest.mark.parametrize("kind", sorted(ROWS))
def test_importing_an_export_back_is_idempotent(world, kind):
    """B02: an export imported back into the ledger it came from writes nothing and names every row skipped."""
    office, client = world.users["county_office"], world.client("county_office")
    for date in ("2025-03-01", "2025-04-02"):
        services.ledger_create(actor=office, kind=kind, data={"date": date, **ROWS[kind]})
    model = LEDGER_MODELS[kind]
    before, totals = [values(r) for r in model.objects.order_by("id")], counts()
    content = client.get(f"/monitor/ledgers/{kind}/export.xlsx").content
    for _attempt in range(2):
        result = services.ledger_import(actor=office, kind=kind, data=content, filename="导出.xlsx")
        assert (result.imported, result.skipped, result.in_ledger) == (0, 2, [2, 3])
        assert result.notice() == "跳过重复 2 行（第 2、3 行与台账中已有记录相同）"
        assert [values(r) for r in model.objects.order_by("id")] == before and counts() == totals


def test_a_villages_export_imported_back_keeps_its_meetings_and_the_page_says_why(world):
    """The reporter's case (p19_reimport.py): village_a's meetings, its own and a department's, 2 → 4 on re-import."""
    village, office = world.users["village_a"], world.users["county_office"]
    meeting = {"issuer": "林业局", "duration_minutes": "60"}
    services.ledger_create(actor=village, kind="meeting", data={"date": "2025-03-01", "title": "防火会", **meeting})
    services.ledger_create(actor=office, kind="meeting",
                           data={"date": "2025-03-05", "title": "推进会", "target": "450521200206", **meeting})
    client = world.client("village_a")
    content = client.get("/monitor/ledgers/meeting/export.xlsx").content
    assert len(sheet(content)) == 3
    totals = counts()
    page = client.post("/monitor/ledgers/meeting/import/",
                       {"form_token": token_new(), "file": SimpleUploadedFile("导出.xlsx", content)}, follow=True)
    assert "已导入 0 行。跳过重复 2 行（第 2、3 行与台账中已有记录相同）。" in page.content.decode()
    assert counts() == totals
    audit = AuditRecord.objects.filter(action="monitor.meeting.import").get()
    assert audit.changes["rows"] == 0 and audit.changes["duplicates"] == {
        "count": 2, "in_ledger": [2, 3], "in_ledger_count": 2, "in_file": [], "in_file_count": 0}


def test_the_same_file_twice_and_repeats_within_a_file_are_imported_once(world):
    office = world.users["county_office"]
    header = [c.value for c in load_workbook(io.BytesIO(xlsx.template("meeting"))).worksheets[0][1]]
    index = {name.rstrip("*"): i for i, name in enumerate(header)}

    def row(date: str, title: str, minutes: int, target: str = "") -> list:
        cells: list = [None] * len(header)
        cells[index["日期"]], cells[index["名称"]], cells[index["提出要求的单位"]] = date, title, "林业局"
        cells[index["被要求的单位"]], cells[index["会议时长（分钟）"]] = target, minutes
        return cells

    rows = [row("2025-03-01", "防火会", 60), row("2025-03-01", "防火会", 90),  # same meeting, mistyped length
            row("2025-03-01", "防火会", 60, "450521200206"),  # the same title on another unit: another burden
            row("2025-03-02", "防火会", 60), row("2025-03-01", "防火会", 60)]
    wb = Workbook()
    for r in [header, *rows]:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    first = services.ledger_import(actor=office, kind="meeting", data=buf.getvalue(), filename="会议.xlsx")
    assert (first.imported, first.in_ledger, first.in_file) == (3, [], [(3, 2), (6, 2)])
    assert first.notice() == "跳过重复 2 行（第 3 行与第 2 行相同、第 6 行与第 2 行相同）"
    stored = list(LedgerMeeting.objects.order_by("id").values_list("org_code", "date", "title", "duration_minutes"))
    assert stored == [("450521000000", dt.date(2025, 3, 1), "防火会", 60),
                      ("450521200206", dt.date(2025, 3, 1), "防火会", 60),
                      ("450521000000", dt.date(2025, 3, 2), "防火会", 60)]
    again = services.ledger_import(actor=office, kind="meeting", data=buf.getvalue(), filename="会议.xlsx")
    # the second time every row is one the ledger holds
    assert (again.imported, again.in_ledger, again.in_file) == (0, [2, 3, 4, 5, 6], [])
    assert again.notice() == "跳过重复 5 行（第 2、3、4、5、6 行与台账中已有记录相同）"
    assert list(LedgerMeeting.objects.order_by("id").values_list(
        "org_code", "date", "title", "duration_minutes")) == stored
    # a file of one row the ledger holds, one new row and its repeat: the new row goes in once
    wb = Workbook()
    for r in [header, rows[0], row("2025-03-03", "复盘会", 30), row("2025-03-03", "复盘会", 30)]:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    mixed = services.ledger_import(actor=office, kind="meeting", data=buf.getvalue(), filename="会议.xlsx")
    assert (mixed.imported, mixed.notice()) == (1, "跳过重复 2 行（第 2 行与台账中已有记录相同；第 4 行与第 3 行相同）")
    assert LedgerMeeting.objects.filter(title="复盘会").count() == 1 and LedgerMeeting.objects.count() == 4

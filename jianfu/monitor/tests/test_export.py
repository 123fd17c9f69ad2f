"""Per-ledger xlsx export: the list page's rows (filtered as the page, scoped as the user) in the import
template's shape, so an export imports back to the same rows."""

from __future__ import annotations

import io
from urllib.parse import quote

import pytest
from django.forms.models import model_to_dict
from django.utils import timezone
from openpyxl import load_workbook

from jianfu.monitor import services, xlsx
from jianfu.monitor.models import LEDGER_MODELS

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
    assert services.ledger_import(actor=office, kind=kind, data=response.content, filename="导出.xlsx") == 2
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

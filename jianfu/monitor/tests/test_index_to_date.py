"""R07 (session 13): the burden index's 全年 column summed all 12 months of a year in progress — an app in use weighs
220 minutes on every month from its start to December, so a village "had" hours in months still to come. A year in
progress reads 今年累计 up to this month; the months to come are shown as "—" and counted nowhere (the totals, the
issuers' ranking, the trend, the export); a past year still reads 全年."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import pytest

from jianfu.monitor import selectors, services
from jianfu.monitor.rules import index as ic

QUMU = "450521200206"


def test_months_elapsed():
    today = dt.date(2026, 7, 15)
    assert [ic.months_elapsed(y, today) for y in (2025, 2026, 2027)] == [12, 7, 0]


def test_compute_leaves_the_months_to_come_out():
    app = ic.Contribution("apps", "app", 1, "D1", "林业局", 220.0, tuple(range(3, 13)), "450521", "打卡App")
    full = ic.compute([QUMU], [app], year=2026)
    to_date = ic.compute([QUMU], [app], year=2026, through=7)
    assert [full.hours(QUMU, m) for m in (2, 3, 7, 8, 12)] == [0.0, 3.7, 3.7, 3.7, 3.7]
    assert [to_date.hours(QUMU, m) for m in (2, 3, 7, 8, 12)] == [0.0, 3.7, 3.7, 0.0, 0.0]
    assert full.issuer_ranking() == [{"issuer_code": "D1", "issuer_name": "林业局", "hours": 36.7}]   # 10 × 220 min
    assert to_date.issuer_ranking() == [{"issuer_code": "D1", "issuer_name": "林业局", "hours": 18.3}]  # 5 × 220 min
    assert ic.compute([QUMU], [app], year=2026, through=2).issuer_ranking() == []


@pytest.mark.django_db
def test_a_year_in_progress_reads_to_date_and_a_past_year_whole(world):
    office = world.users["county_office"]
    services.ledger_bulk_create(actor=office, kind="app", rows=[
        (2, {"date": "2026-03-02", "title": "打卡App", "issuer": "林业局", "target": "450521000000", "check_in": "是"}),
        (3, {"date": "2025-03-02", "title": "旧打卡App", "issuer": "林业局", "target": "450521000000",
             "check_in": "是", "in_use": "否"})])
    client = world.client("county_office")
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 7, 15)):
        data = selectors.burden_index(user=office, year=2026)
        page = client.get("/monitor/index/", {"year": "2026"}).content.decode()
        dash = client.get("/monitor/dashboard/", {"year": "2026"}).content.decode()
        export = client.get("/monitor/dashboard/export.xlsx", {"year": "2026"})
        api = world.api_client("county_office").get("/api/v1/monitor/index/", {"year": "2026"}).json()
        trace_july = client.get(f"/monitor/index/{QUMU}/7/", {"year": "2026"})
        trace_august = client.get(f"/monitor/index/{QUMU}/8/", {"year": "2026"})
    assert trace_july.status_code == 200 and "打卡App" in trace_july.content.decode()
    assert trace_august.status_code == 404 and "2026年8月尚未到来" in trace_august.content.decode()
    assert (api["through"], api["total_label"]) == (7, "今年累计（1—7月）")
    assert next(v["total"] for v in api["villages"] if v["code"] == QUMU) == 18.5
    # months to come are null in the API too, as in the export (diffreview13 D11)
    assert next(v["months"] for v in api["villages"] if v["code"] == QUMU) == [
        0.0, 0.0, 3.7, 3.7, 3.7, 3.7, 3.7, None, None, None, None, None]
    assert all(t["months"][7:] == [None] * 5 for t in api["towns"]) and api["towns"]
    qumu = next(v for v in data["villages"] if v["code"] == QUMU)
    assert (data["through"], data["total_label"]) == (7, "今年累计（1—7月）")
    assert qumu["months"] == [0.0, 0.0, 3.7, 3.7, 3.7, 3.7, 3.7, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert qumu["total"] == 18.5   # the five months' rounded figures; not 37.0 projected to December
    assert data["trend"][6] == 3.7 and data["trend"][7:] == [None] * 5
    assert data["issuers"][0]["hours"] == round(5 * 220 / 60 * len(data["villages"]), 1)
    assert '<th class="num">今年累计（1—7月）</th>' in page and ">全年<" not in page
    assert 'id="to-date-note"' in page
    row = page[:page.index(f'href="/monitor/index/{QUMU}/3/?year=2026"')]
    row = page[row.rindex("<tr>"):]
    row = row[:row.index("</tr>")]
    # the total comes first, after the name (newuser20 #2: on a phone it was off to the right)
    assert row.count('<span class="muted">—</span>') == 5
    assert '</td><td class="num key" data-label="今年累计（1—7月）">18.5</td><td class="num" data-label="1月">' in row
    assert '<th class="num">今年累计（1—7月）</th>' in dash and 'id="to-date-note"' in dash
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.content))["基层负担指数（村）"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "今年累计（1—7月）"
    qumu_row = next([c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[0].value == QUMU)
    assert qumu_row[2:] == [0, 0, 3.7, 3.7, 3.7, 3.7, 3.7, None, None, None, None, None, 18.5]
    with mock.patch("django.utils.timezone.localdate", return_value=dt.date(2026, 7, 15)):
        past = selectors.burden_index(user=office, year=2025)
        past_page = client.get("/monitor/index/", {"year": "2025"}).content.decode()
    assert (past["through"], past["total_label"]) == (12, "全年")
    assert '<th class="num">全年</th>' in past_page and 'id="to-date-note"' not in past_page

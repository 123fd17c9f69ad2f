"""本月收到的要求 (N09): a village sees what it, its township and its county were asked this month — nothing of
another township's or another village's, within the one scoping rule."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from jianfu.monitor import selectors, services
from jianfu.monitor.models import LedgerDemand

pytestmark = pytest.mark.django_db
COUNTY, QUZHANG, LIANZHOU = "450521000000", "450521200000", "450521100000"


def _titles(data) -> dict[str, list[tuple[str, str, str]]]:
    return {s["kind"]: [(r["title"], r["issuer_name"], r["to"]) for r in s["rows"]] for s in data["sections"]}


def test_a_village_sees_this_months_requests_from_its_township_and_county_only(world):
    office = world.users["county_office"]
    today = timezone.localdate()
    last_month = today.replace(day=1) - dt.timedelta(days=1)
    services.ledger_bulk_create(actor=office, kind="document", rows=[
        (2, {"date": today.isoformat(), "title": "全县通知", "issuer": "林业局", "target": COUNTY, "length": 1000}),
        (3, {"date": last_month.isoformat(), "title": "上月通知", "issuer": "林业局", "target": COUNTY}),
        (4, {"date": today.isoformat(), "title": "廉州镇通知", "issuer": "林业局", "target": LIANZHOU})])
    services.ledger_bulk_create(actor=office, kind="meeting", rows=[
        (2, {"date": today.isoformat(), "title": "村书记培训", "issuer": "林业局", "target": QUZHANG,
             "duration_minutes": "60", "village_secretaries_required": 1}),
        (3, {"date": today.isoformat(), "title": "乡镇干部会", "issuer": "林业局", "target": QUZHANG,
             "duration_minutes": "60"})])
    services.ledger_bulk_create(actor=office, kind="inspection", rows=[
        (2, {"date": today.isoformat(), "title": "曲樟乡检查", "issuer": "林业局", "target": QUZHANG})])
    for village in ("village_a", "village_b"):
        services.ledger_bulk_create(actor=world.users[village], kind="demand", rows=[
            (2, {"date": today.isoformat(), "title": f"{village}的证明", "issuer": "林业局",
                 "demand_kind": "certificate", "times": 1})])
    data = selectors.received_in_month(user=world.users["village_a"], year=today.year, month=today.month)
    assert _titles(data) == {
        "document": [("全县通知", "林业局", "合浦县")],
        "meeting": [("村书记培训", "林业局", "曲樟乡")],
        "inspection": [("曲樟乡检查", "林业局", "曲樟乡")],
        "demand": [("village_a的证明", "林业局", "曲木村委会")]}
    assert data["total"] == 4
    # each row's minutes as the burden index weighs it, and the month's total
    assert {s["kind"]: [r["minutes"] for r in s["rows"]] for s in data["sections"]} == {
        "document": [18.0], "meeting": [120.0], "inspection": [30.0], "demand": [30.0]}
    assert (data["total_minutes"], data["total_hours"]) == (198.0, 3.3)
    # the page: this month by default; only the village's own row links to its (scoped) detail page
    page = world.client("village_a").get("/monitor/received/").content.decode()
    own = LedgerDemand.objects.get(title="village_a的证明")
    assert f'<a href="/monitor/ledgers/demand/{own.pk}/">village_a的证明</a>' in page
    assert "全县通知" in page and re.search(r"/monitor/ledgers/document/\d+/", page) is None and "廉州镇通知" not in page
    # last month, asked for by name
    before = world.client("village_a").get("/monitor/received/", {"month": last_month.strftime("%Y-%m")})
    assert "上月通知" in before.content.decode() and "全县通知" not in before.content.decode()
    # another township's village sees none of 曲樟乡's; a department receives nothing this way
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    community = User.objects.create(username="village_c", role="village", org_unit=OrgUnit.objects.get(code="450521100001"))
    other = selectors.received_in_month(user=community, year=today.year, month=today.month)
    assert _titles(other) == {"document": [("廉州镇通知", "林业局", "廉州镇"), ("全县通知", "林业局", "合浦县")],
                              "meeting": [], "inspection": [], "demand": []}
    dept = selectors.received_in_month(user=world.users["dept_forestry"], year=today.year, month=today.month)
    assert dept["total"] == 0
    assert 'id="received-link"' in world.client("village_a").get("/monitor/").content.decode()
    assert 'id="received-link"' not in world.client("dept_forestry").get("/monitor/").content.decode()


def test_received_says_what_the_index_adds_and_the_two_pages_link_each_other(world):
    """Session 12 (U06): 本月收到的要求 said 1.9 h and 基层负担指数 7.2 h for the same village and month, with nothing
    between them. The page now names what the index adds (in-use apps, 一表同享 reports due) and links the month's
    trace; the trace links back."""
    from jianfu.reports.models import Submission, Template

    today = timezone.localdate()
    village = world.users["village_a"]
    services.ledger_create(actor=world.users["county_office"], kind="meeting", data={
        "date": today.isoformat(), "title": "村书记培训", "issuer": "林业局", "target": QUZHANG,
        "duration_minutes": "60", "village_secretaries_required": 1})
    services.ledger_create(actor=village, kind="app", data={
        "date": today.replace(day=1).isoformat(), "title": "打卡App", "issuer": "林业局", "check_in": "是"})
    template = Template.objects.create(code="MZ-DB", name="低保月报", department="MZ", department_name="民政局",
                                       period_type="monthly")
    Submission.objects.create(template=template, org_code="450521200206", period=today.strftime("%Y-%m"),
                              manual_cells=4, due_date=today, generated_at=timezone.now())
    data = selectors.received_in_month(user=village, year=today.year, month=today.month)
    assert data["total_minutes"] == 120.0                                  # the meeting: 60 + 60 travel
    assert data["index"] == {"village": "450521200206", "hours": round((120 + 220 + 10 + 4 * 2) / 60, 1),
                             "apps": 220.0, "reporting": 18.0}
    page = world.client("village_a").get("/monitor/received/").content.decode()
    line = page.split('<p id="received-index">')[1].split("</p>")[0]
    trace_url = f"/monitor/index/450521200206/{today.month}/?year={today.year}"
    assert line == (f"基层负担指数中本村 {today.year}年{today.month}月为 6 小时：除以下各项外，还计入在用的政务应用"
                    f"（220 分钟）和一表同享当月应报的报表（18 分钟）。<a href=\"{trace_url}\">查看指数构成</a>")
    # the index's own figure for the month is the one the line gives
    assert selectors.burden_index_page(user=village, year=today.year)["villages"][0]["months"][today.month - 1] == 6.0
    trace = world.client("village_a").get(trace_url).content.decode()
    assert (f'<a href="/monitor/received/?month={today:%Y-%m}">{today.month}月收到的要求</a>') in trace
    # a township's account gets no village line; the county office's trace of a village does not link its own page
    assert 'id="received-index"' not in world.client("town_quzhang").get("/monitor/received/").content.decode()
    assert 'id="trace-received"' not in world.client("county_office").get(trace_url).content.decode()

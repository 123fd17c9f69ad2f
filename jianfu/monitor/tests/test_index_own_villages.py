"""N09 (session 11): a village cadre opening 基层负担指数 saw no figure of their own village. A village reads its own
row (each month linked to its trace), a township its villages' rows in division-code order — never ranked — with
every row that reached them, sent down from the township or the county included; nothing of another village."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor import selectors, services
from jianfu.monitor.models import LedgerDemand, LedgerMeeting
from jianfu.monitor.tests.test_views_api import _reporting_submission

pytestmark = pytest.mark.django_db
COUNTY, QUZHANG, LIANZHOU = "450521000000", "450521200000", "450521100000"
QUMU, ZHANGJIA, COMMUNITY = "450521200206", "450521200201", "450521100001"


@pytest.fixture
def burdens(world):
    """March 2025. 曲木 (village_a): 180 + 18 + 40 + 60 = 298 min; 璋嘉 (village_b): 180 + 18 = 198 min;
    廉州镇某社区: 18 + 18 = 36 min."""
    import datetime as dt

    office = world.users["county_office"]
    services.ledger_bulk_create(actor=office, kind="meeting", rows=[
        (2, {"date": "2025-03-05", "title": "村书记培训会", "issuer": "林业局", "target": QUZHANG,
             "duration_minutes": "120", "village_secretaries_required": 1})])          # 120 + 60 travel
    services.ledger_bulk_create(actor=office, kind="document", rows=[
        (2, {"date": "2025-03-06", "title": "全县森林防火通知", "issuer": "住房和城乡建设局", "target": COUNTY,
             "length": 1000}),                                                             # 15 + 3
        (3, {"date": "2025-03-07", "title": "廉州镇通知", "issuer": "住房和城乡建设局", "target": LIANZHOU,
             "length": 1000})])
    services.ledger_bulk_create(actor=world.users["village_a"], kind="demand", rows=[
        (2, {"date": "2025-03-10", "title": "开具居住证明", "issuer": "林业局", "demand_kind": "certificate",
             "times": 2})])                                                                # 2 × 30
    _reporting_submission(QUMU, dt.date(2025, 3, 10), manual=15)                            # 10 + 15 × 2


def test_a_village_reads_its_own_row_and_the_issuers_that_weigh_on_it(world, burdens):
    data = selectors.burden_index_page(user=world.users["village_a"], year=2025)
    assert data["county_wide"] is False
    # the own-village heading follows the account's unit, not the number of villages shown (R07)
    assert (data["is_village"], selectors.burden_index_page(user=world.users["town_quzhang"], year=2025)["is_village"]) \
        == (True, False)
    assert [(v["code"], v["months"][2], v["total"]) for v in data["villages"]] == [(QUMU, 5.0, 5.0)]
    assert data["towns"] == []
    assert [(r["issuer_name"], r["hours"]) for r in data["issuers"]] == [
        ("林业局", 4.0), ("民政局", 0.7), ("住房和城乡建设局", 0.3)]
    # the same figure as the county office's table
    county = selectors.burden_index_page(user=world.users["county_office"], year=2025)
    assert next(v for v in county["villages"] if v["code"] == QUMU)["months"][2] == 5.0

    page = world.client("village_a").get("/monitor/index/?year=2025").content.decode()
    assert "本村（社区）：曲木村委会" in page
    assert f'<a href="/monitor/index/{QUMU}/3/?year=2025">5.0</a>' in page
    assert "璋嘉村委会" not in page and "廉州镇" not in page and "趋势" not in page
    # its trace: every row behind the figure; only its own ledger row links to its (scoped) page
    trace = world.client("village_a").get(f"/monitor/index/{QUMU}/3/?year=2025").content.decode()
    demand = LedgerDemand.objects.get()
    assert "曲木村委会 2025年3月：5.0" in trace
    assert f'<a href="/monitor/ledgers/demand/{demand.pk}/">开具居住证明</a>' in trace
    assert "村书记培训会" in trace and "全县森林防火通知" in trace and "低保月报" in trace
    assert "/monitor/ledgers/meeting/" not in trace and "/monitor/ledgers/document/" not in trace
    assert "廉州镇通知" not in trace
    # a sibling village's figure and trace are not found
    assert world.client("village_a").get(f"/monitor/index/{ZHANGJIA}/3/?year=2025").status_code == 404
    other = world.client("village_b").get("/monitor/index/?year=2025").content.decode()
    assert "本村（社区）：璋嘉村委会" in other and f'href="/monitor/index/{ZHANGJIA}/3/?year=2025">3.3</a>' in other
    assert "曲木村委会" not in other and "开具居住证明" not in other


def test_a_township_reads_its_villages_in_division_code_order_not_ranked(world, burdens):
    data = selectors.burden_index_page(user=world.users["town_quzhang"], year=2025)
    # 璋嘉 (…201, 3.3 h) before 曲木 (…206, 5.0 h): by code, not by hours
    assert [(v["name"], v["months"][2]) for v in data["villages"]] == [("璋嘉村委会", 3.3), ("曲木村委会", 5.0)]
    assert [(t["name"], t["months"][2]) for t in data["towns"]] == [("曲樟乡", 4.1)]
    page = world.client("town_quzhang").get("/monitor/index/?year=2025").content.decode()
    assert "按行政区划代码排列，不排名；本月在前。" in page and "廉州镇某社区" not in page
    assert page.index("璋嘉村委会") < page.index("曲木村委会")
    assert re.search(rf'href="/monitor/index/{QUMU}/3/\?year=2025">5.0</a>', page)
    assert world.client("town_quzhang").get(f"/monitor/index/{COMMUNITY}/3/?year=2025").status_code == 404
    # its own village's meeting row is linked in the trace (the township covers its villages, not the county)
    trace = world.client("town_quzhang").get(f"/monitor/index/{QUMU}/3/?year=2025").content.decode()
    assert "/monitor/ledgers/demand/" in trace and "/monitor/ledgers/document/" not in trace
    assert LedgerMeeting.objects.get().org_code == QUZHANG


def test_a_department_has_no_index_page(world, burdens):
    assert world.client("dept_forestry").get("/monitor/index/?year=2025").status_code == 404
    assert world.client("dept_forestry").get(f"/monitor/index/{QUMU}/3/?year=2025").status_code == 404


def test_a_row_addressed_above_the_county_weighs_the_same_for_the_village_as_for_the_county_office(world, burdens):
    """The index counts rows addressed within the county, whoever reads it (diff review R01, session 12): a document
    the administrator records for 北海市 once added 0.3 h to 曲木村's March for the village and its township, but not
    for the county office."""
    services.ledger_bulk_create(actor=world.users["admin"], kind="document", rows=[
        (2, {"date": "2025-03-08", "title": "北海市通知", "issuer": "住房和城乡建设局", "target": "450500000000",
             "length": 1000})])
    figures = []
    for who in ("village_a", "town_quzhang", "county_office"):
        data = selectors.burden_index_page(user=world.users[who], year=2025)
        figures.append(next(v for v in data["villages"] if v["code"] == QUMU)["months"][2])
    assert figures == [5.0, 5.0, 5.0]

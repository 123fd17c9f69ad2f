"""A small Open311 world: 合浦县 with a published catalogue (one service with required attributes), a
second county with its own catalogue and client (to prove isolation), and api keys for both."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from jianfu.dispatch.models import CatalogueVersion, Event, Matter
from jianfu.open311clients.models import Open311Client, ServiceAttribute
from jianfu.open311clients.services import client_issue
from jianfu.orgs.models import OrgUnit, UnitKind

HEPU_KEY = "hepu-test-key-0123456789"
HEPU_BATCH_KEY = "hepu-batch-key-0123456789"
TIESHAN_KEY = "tieshan-test-key-0123456789"


def _unit(code, name, kind, level, parent="", short=""):
    unit, _ = OrgUnit.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "level": level, "parent_code": parent, "short_code": short})
    return unit


def _catalogue(county: str, matters: list[tuple]) -> CatalogueVersion:
    version = CatalogueVersion.objects.create(org_code=county, number=1, name="职责清单", state="published",
                                              effective_from=dt.date(2020, 1, 1))
    for code, name, group, dept, keywords in matters:
        Matter.objects.create(version=version, org_code=county, code=code, name=name, group=group,
                              description=f"{name}的受理与调处", keywords=keywords, department_code=dept,
                              grassroots_role="assist", time_limit_days=5, urgent_hours=24)
    return version


@pytest.fixture
def o311(db):
    _unit("450000000000", "广西壮族自治区", UnitKind.PROVINCE, 1)
    _unit("450500000000", "北海市", UnitKind.PREFECTURE, 2, "450000000000")
    hepu = _unit("450521000000", "合浦县", UnitKind.COUNTY, 3, "450500000000")
    _unit("450521200000", "曲樟乡", UnitKind.TOWN, 4, "450521000000")
    qumu = _unit("450521200206", "曲木村", UnitKind.VILLAGE, 5, "450521200000")
    _unit("450521200201", "璋嘉村", UnitKind.VILLAGE, 5, "450521200000")
    forestry = _unit("450521000000D07", "合浦县林业局", UnitKind.DEPARTMENT, 3, "450521000000", "LY")
    housing = _unit("450521000000D03", "合浦县住房和城乡建设局", UnitKind.DEPARTMENT, 3, "450521000000", "ZJ")
    tieshan = _unit("450512000000", "铁山港区", UnitKind.COUNTY, 3, "450500000000")
    _unit("450512100000", "南康镇", UnitKind.TOWN, 4, "450512000000")
    ts_dept = _unit("450512000000D07", "铁山港区林业局", UnitKind.DEPARTMENT, 3, "450512000000", "LY")

    _catalogue(hepu.code, [
        ("LY-001", "林地权属争议", "林业", forestry.code, ["林地", "山林", "权属"]),
        ("ZJ-003", "危房排查", "住房城乡建设", housing.code, ["危房", "房屋"]),
    ])
    _catalogue(tieshan.code, [("LY-001", "林地权属争议", "林业", ts_dept.code, ["林地"])])
    ServiceAttribute.objects.create(
        org_code=hepu.code, matter_code="LY-001", code="kind", description="争议类型",
        datatype="singlevaluelist", required=True, order=1,
        values=[{"key": "land", "name": "林地"}, {"key": "tree", "name": "林木"}])
    ServiceAttribute.objects.create(org_code=hepu.code, matter_code="LY-001", code="area_mu",
                                    description="涉及面积（亩）", datatype="number", required=True, order=2)

    hepu_client, _ = client_issue(actor=None, name="合浦测试客户端", org_code="450521", raw_key=HEPU_KEY)
    batch_client, _ = client_issue(actor=None, name="合浦批量客户端", org_code="450521000000",
                                   mode=Open311Client.Mode.BATCH, raw_key=HEPU_BATCH_KEY)
    ts_client, _ = client_issue(actor=None, name="铁山港测试客户端", org_code="450512", raw_key=TIESHAN_KEY)
    return SimpleNamespace(hepu=hepu, qumu=qumu, forestry=forestry, housing=housing, tieshan=tieshan,
                           client=hepu_client, batch_client=batch_client, ts_client=ts_client)


def make_event(*, county="450521000000", org_code="450521200206", source="open311", text="山林边界争议",
               matter_code="LY-001", status="dispatched", age_days=1, department="450521000000D07", **extra) -> Event:
    """An event as the dispatch app stores it, dated `age_days` ago (test data set up directly)."""
    matter = Matter.objects.filter(org_code=county, code=matter_code).first() if matter_code else None
    when = timezone.now() - dt.timedelta(days=age_days)
    event = Event.objects.create(org_code=org_code, county_code=county, text=text, source=source,
                                 matter=matter, department_code=department, status=status,
                                 due_at=when + dt.timedelta(days=7), **extra)
    Event.objects.filter(pk=event.pk).update(created_at=when, updated_at=when + dt.timedelta(hours=1))
    event.refresh_from_db()
    return event


@pytest.fixture(autouse=True)
def _fresh_service_cache():
    from jianfu.api.open311 import adapter

    adapter.clear_cache()
    yield
    adapter.clear_cache()

"""newuser15 F8: a village records who asked for something as it says it — "派出所", "司法所", "卫生院" — meaning its own
township's station (乡镇站所: a department hung under the township in the org tree). The name finds that station; an
unknown name is refused with the closest registered names (the township's first, and the county department that runs
such stations), nothing written; the form's datalist offers the writer's township's stations first."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core.errors import ApplicationError
from jianfu.monitor import selectors, services
from jianfu.monitor.models import LedgerDemand
from jianfu.orgs.services import department_create

pytestmark = pytest.mark.django_db
COUNTY, QUZHANG, LIANZHOU = "450521000000", "450521200000", "450521100000"


@pytest.fixture
def stations(world):
    made = {}
    for parent, name in ((QUZHANG, "曲樟派出所"), (QUZHANG, "曲樟乡司法所"), (QUZHANG, "卫生院"),
                         (LIANZHOU, "廉州派出所"), (LIANZHOU, "卫生院"), (COUNTY, "公安局")):
        made[(parent, name)] = department_create(actor=None, parent_code=parent, name=name).code
    return made


def _demand(user, issuer: str, **extra) -> LedgerDemand:
    return services.ledger_create(actor=user, kind="demand", data={
        "date": "2026-11-10", "title": "要求开具无犯罪记录证明", "issuer": issuer, "demand_kind": "certificate",
        "times": 1, **extra})


def test_a_village_names_its_townships_stations_as_it_says_them(world, stations):
    village = world.users["village_a"]   # 曲木村委会, in 曲樟乡
    got = [(typed, _demand(village, typed).issuer_code) for typed in
           ("派出所", "曲樟派出所", "曲樟乡派出所", "司法所", "卫生院", "廉州派出所", "公安局")]
    assert got == [("派出所", stations[(QUZHANG, "曲樟派出所")]), ("曲樟派出所", stations[(QUZHANG, "曲樟派出所")]),
                   ("曲樟乡派出所", stations[(QUZHANG, "曲樟派出所")]), ("司法所", stations[(QUZHANG, "曲樟乡司法所")]),
                   ("卫生院", stations[(QUZHANG, "卫生院")]), ("廉州派出所", stations[(LIANZHOU, "廉州派出所")]),
                   ("公安局", stations[(COUNTY, "公安局")])]
    row = LedgerDemand.objects.get(issuer_code=stations[(QUZHANG, "曲樟乡司法所")])
    assert (row.issuer_name, row.org_code) == ("曲樟乡司法所", "450521200206")


def test_an_unknown_name_is_refused_with_the_closest_names_and_nothing_is_written(world, stations):
    village = world.users["village_a"]
    department_create(actor=None, parent_code=COUNTY, name="财政局")
    before = LedgerDemand.objects.count()
    with pytest.raises(ApplicationError) as refused:
        _demand(village, "财政所")       # 曲樟乡 has no 财政所 in the org tree: the county department that runs them
    assert (refused.value.code, refused.value.field) == ("unknown_unit", "issuer")
    assert refused.value.message == ("未知的提出要求的单位“财政所”：请填写系统中已有单位的代码或全称。相近的单位：财政局。")
    # at county level no township is meant: every 派出所 is offered, and the department that runs them
    with pytest.raises(ApplicationError) as county:
        services.resolve_unit("派出所", county_code=COUNTY, field="issuer", label="提出要求的单位")
    assert county.value.message == ("未知的提出要求的单位“派出所”：请填写系统中已有单位的代码或全称。"
                                    "相近的单位：公安局、廉州派出所、曲樟派出所。")
    # the burden's township's first
    with pytest.raises(ApplicationError) as near:
        services.resolve_unit("镇派出所", county_code=COUNTY, field="issuer", label="提出要求的单位",
                              town_code=QUZHANG)
    assert near.value.message.endswith("相近的单位：曲樟派出所、公安局、廉州派出所。")
    with pytest.raises(ApplicationError) as nothing:
        _demand(village, "不存在的局")
    assert nothing.value.message == "未知的提出要求的单位“不存在的局”：请填写系统中已有单位的代码或全称。"
    assert LedgerDemand.objects.count() == before


def test_the_datalist_offers_the_writers_townships_stations_first(world, stations):
    cache.clear()   # the county's names are cached; the drop on save runs on commit, which a test never reaches
    names = selectors.unit_names(user=world.users["village_a"])["issuer"]
    assert names[:3] == ["曲樟派出所", "曲樟乡司法所", "卫生院"]
    assert {"廉州派出所", "公安局", "曲樟乡", "合浦县"} <= set(names)
    assert "曲木村委会" not in names

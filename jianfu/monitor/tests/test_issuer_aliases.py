"""Session 13: a village cadre recording who asked for something (本月收到的要求, the ledgers) writes the issuer as
people say it — "生态局", "人社局", "县教育局", "卫健局" — and was refused (未知的提出要求的单位). The short form finds
the county's own department by its registered name and proposes it (diffreview13 D10: never written silently); two
departments answering to one short form are offered, not guessed; another county's department is never taken."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.monitor import services
from jianfu.monitor.models import LedgerDemand
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.orgs.services import department_create

pytestmark = pytest.mark.django_db
COUNTY, OTHER = "450521000000", "450512000000"


@pytest.fixture
def departments(world):
    made = {name: department_create(actor=None, parent_code=COUNTY, name=name).code
            for name in ("生态环境局", "人力资源和社会保障局", "卫生健康局", "教育局", "农业农村局", "农业机械化服务局")}
    OrgUnit.objects.create(code=OTHER, name="铁山港区", kind=UnitKind.COUNTY, level=3, parent_code="450500000000")
    made["other"] = department_create(actor=None, parent_code=OTHER, name="生态环境局").code
    return made


def _demand(user, issuer: str) -> LedgerDemand:
    return services.ledger_create(actor=user, kind="demand", data={
        "date": "2026-11-10", "title": f"{issuer}要求开具证明", "issuer": issuer, "demand_kind": "certificate",
        "times": 1})


def test_short_names_are_proposed_by_full_name_and_nothing_is_written(world, departments):
    """diffreview13 D10: one department answering a short form is proposed with its full name, not taken silently;
    the full name (or "县…" before it) is taken."""
    village = world.users["village_a"]
    before = LedgerDemand.objects.count()
    for short, full in (("生态局", "生态环境局"), ("人社局", "人力资源和社会保障局"), ("卫健局", "卫生健康局"),
                        ("合浦县生态局", "生态环境局")):
        with pytest.raises(ApplicationError) as asked:
            _demand(village, short)
        assert (asked.value.code, asked.value.field) == ("confirm_unit", "issuer")
        assert asked.value.message == (f"提出要求的单位“{short}”不是单位全称，是指“{full}”（{departments[full]}）吗？"
                                       f"是，请改填全称“{full}”；不是，请填写正确单位的全称或代码。")
    assert LedgerDemand.objects.count() == before
    got = [(r.issuer_code, r.issuer_name) for r in (_demand(village, s) for s in ("生态环境局", "县教育局"))]
    assert got == [(departments["生态环境局"], "生态环境局"), (departments["教育局"], "教育局")]
    # the short form is looked up in the writer's county: the other county's office is offered its own 生态环境局
    with pytest.raises(ApplicationError) as other:
        services.resolve_unit("生态局", county_code=OTHER, field="issuer", label="提出要求的单位")
    assert f"（{departments['other']}）" in other.value.message


def test_gongshangju_is_not_written_as_the_industry_and_commerce_bureau(world, departments):
    """"工商局" is what cadres still call the market regulator (市场监督管理局, once 工商行政管理局); every character
    of it is in 工业和信息化商务局 in order, so it used to be written as that bureau without a word."""
    gongxin = department_create(actor=None, parent_code=COUNTY, name="工业和信息化商务局").code
    village = world.users["village_a"]
    with pytest.raises(ApplicationError) as asked:
        _demand(village, "工商局")
    assert asked.value.code == "confirm_unit"
    assert asked.value.message == (f"提出要求的单位“工商局”不是单位全称，是指“工业和信息化商务局”（{gongxin}）吗？"
                                   "是，请改填全称“工业和信息化商务局”；不是，请填写正确单位的全称或代码。")
    assert LedgerDemand.objects.count() == 0


def test_an_ambiguous_short_name_is_asked_about_and_nothing_is_written(world, departments):
    village = world.users["village_a"]
    before = LedgerDemand.objects.count()
    with pytest.raises(ApplicationError) as refused:
        _demand(village, "农业局")
    assert refused.value.code == "ambiguous_unit" and refused.value.field == "issuer"
    assert refused.value.message == (f"提出要求的单位“农业局”可能是：农业农村局（{departments['农业农村局']}）、"
                                     f"农业机械化服务局（{departments['农业机械化服务局']}）。请填写全称或单位代码。")
    with pytest.raises(ApplicationError) as unknown:
        _demand(village, "财政局")
    assert unknown.value.code == "unknown_unit"
    assert LedgerDemand.objects.count() == before


def test_the_web_form_says_which_departments_a_short_name_may_be(world, departments):
    client = world.client("village_a")
    page = client.post("/monitor/ledgers/demand/new/", {"form_token": token_new(),
        "date": "2026-11-10", "title": "开具证明", "issuer": "农业局", "demand_kind": "certificate", "times": "1"})
    assert page.status_code == 400   # the form again, with the question on the issuer field
    assert "提出要求的单位“农业局”可能是：农业农村局" in page.content.decode()
    assert LedgerDemand.objects.count() == 0
    proposed = client.post("/monitor/ledgers/demand/new/", {"form_token": token_new(),
        "date": "2026-11-10", "title": "开具证明", "issuer": "卫健局", "demand_kind": "certificate", "times": "1"})
    assert proposed.status_code == 400 and LedgerDemand.objects.count() == 0
    assert "提出要求的单位“卫健局”不是单位全称，是指“卫生健康局”" in proposed.content.decode()
    done = client.post("/monitor/ledgers/demand/new/", {"form_token": token_new(),
        "date": "2026-11-10", "title": "开具证明", "issuer": "卫生健康局", "demand_kind": "certificate", "times": "1"})
    assert done.status_code == 302
    assert list(LedgerDemand.objects.values_list("issuer_name", flat=True)) == ["卫生健康局"]

import datetime as dt

import pytest

from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.core.models import AuditRecord
from jianfu.orgs import selectors, services
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_grid_codes_extend_the_village(world):
    grid = services.grid_create(actor=world.users["admin"], village_code="450521200201", name="璋嘉第一网格")
    assert (grid.code, grid.parent_code, grid.level) == ("450521200201001", "450521200201", 6)
    nxt = services.grid_create(actor=world.users["admin"], village_code="450521200206", name="第三网格")
    assert nxt.code == "450521200206003"  # the world already has 001 and 002


def test_grid_bad_input_writes_nothing(world):
    before = OrgUnit.objects.count(), AuditRecord.objects.count()
    with pytest.raises(ApplicationError, match="请填写网格名称"):
        services.grid_create(actor=None, village_code="450521200201", name="  ")
    with pytest.raises(NotFoundError):
        services.grid_create(actor=None, village_code="450521200000", name="乡镇不能有网格")
    with pytest.raises(ApplicationError, match="已存在"):
        services.grid_create(actor=None, village_code="450521200206", name="重复", number=1)
    assert (OrgUnit.objects.count(), AuditRecord.objects.count()) == before


def test_department_codes_and_duplicates(world):
    dept = services.department_create(actor=None, parent_code="450521000000", name="民政局", short_code="MZ")
    assert dept.code == "450521000000D03"
    with pytest.raises(ApplicationError, match="已有部门“民政局”"):
        services.department_create(actor=None, parent_code="450521000000", name="民政局")
    with pytest.raises(NotFoundError):
        services.department_create(actor=None, parent_code="450521200206", name="村里不设部门")


def test_rename_keeps_history(world):
    services.unit_rename(actor=None, code="450521200201", name="璋嘉社区", effective=dt.date(2026, 1, 1))
    unit = OrgUnit.objects.get(code="450521200201")
    assert unit.name == "璋嘉社区"
    assert list(unit.name_history.values_list("name", "valid_until")) == [("璋嘉村委会", dt.date(2026, 1, 1))]


def test_merge_moves_grids_and_records(world):
    from jianfu.accounts.models import User

    services.grid_create(actor=None, village_code="450521200201", name="璋嘉第一网格")
    moved = services.unit_merge(actor=None, source_code="450521200201", target_code="450521200206",
                                effective=dt.date(2026, 6, 1))
    source = OrgUnit.objects.get(code="450521200201")
    assert (source.is_active, source.merged_into_code) == (False, "450521200206")
    assert OrgUnit.objects.filter(code="450521200206003", parent_code="450521200206").exists()
    assert not OrgUnit.objects.filter(code="450521200201001").exists()
    assert isinstance(moved, dict)
    assert User.objects.get(username="village_b").org_unit.code == "450521200201"  # accounts are not records
    rec = AuditRecord.objects.get(action="orgs.unit.merge")
    assert rec.changes["codes"] == {"450521200201": "450521200206", "450521200201001": "450521200206003"}


def test_merge_refuses_mismatched_kinds(world):
    with pytest.raises(ApplicationError, match="只能在同类"):
        services.unit_merge(actor=None, source_code="450521200201", target_code="450521200000",
                            effective=dt.date(2026, 6, 1))
    assert OrgUnit.objects.get(code="450521200201").is_active


def test_retire_refuses_units_with_children(world):
    with pytest.raises(ApplicationError, match="仍有有效的下级单位"):
        services.unit_retire(actor=None, code="450521200206", effective=dt.date(2026, 6, 1))
    services.unit_retire(actor=None, code="450521100001", effective=dt.date(2026, 6, 1))
    assert OrgUnit.objects.get(code="450521100001").retired_on == dt.date(2026, 6, 1)


def test_children_with_counts(world):
    county = OrgUnit.objects.get(code="450521000000")
    rows = {r["unit"].code: r["below"] for r in selectors.unit_children_with_counts(county)}
    assert rows["450521200000"] == {"village": 2, "grid": 2}
    assert rows["450521100000"] == {"village": 1}
    assert rows["450521000000D01"] == {}


def test_search(world):
    assert [u.code for u in selectors.unit_search("曲木")] == ["450521200206", "450521200206001", "450521200206002"]
    assert [u.code for u in selectors.unit_search("4505212002")] == [
        "450521200201", "450521200206", "450521200206001", "450521200206002"]
    assert list(selectors.unit_search("")) == []


def test_merge_with_clashing_records_is_refused_whole(world):
    from jianfu.registry.models import Household

    Household.objects.create(org_code="450521200201", number="0001")
    Household.objects.create(org_code="450521200206", number="0001")
    with pytest.raises(ApplicationError, match="无法合并"):
        services.unit_merge(actor=None, source_code="450521200201", target_code="450521200206",
                            effective=dt.date(2026, 6, 1))
    assert OrgUnit.objects.get(code="450521200201").is_active
    assert sorted(Household.objects.values_list("org_code", flat=True)) == ["450521200201", "450521200206"]

import io

import pytest

from jianfu.accounts import demo as accounts_demo
from jianfu.accounts.models import User
from jianfu.orgs import demo as orgs_demo
from jianfu.orgs.models import OrgUnit
from jianfu.orgs.tests.test_divisions import npm_folder  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_demo_hierarchy_and_accounts(npm_folder):  # noqa: F811
    orgs_demo.load(stdout=io.StringIO(), source=npm_folder)
    accounts_demo.load(stdout=io.StringIO())
    assert OrgUnit.objects.filter(kind="department", parent_code="450521000000").count() == 24
    # 曲樟乡's stations (乡镇站所) hang under the township (newuser15 F8)
    assert list(OrgUnit.objects.filter(kind="department", parent_code="450521200000").order_by("code")
                .values_list("code", "name")) == [
        ("450521200000D01", "曲樟派出所"), ("450521200000D02", "曲樟乡司法所"), ("450521200000D03", "曲樟乡财政所"),
        ("450521200000D04", "曲樟乡卫生院")]
    assert sorted(OrgUnit.objects.filter(kind="grid").values_list("code", flat=True)) == [
        "450521200201001", "450521200201002", "450521200201003",
        "450521200206001", "450521200206002", "450521200206003"]
    units = dict(User.objects.values_list("username", "org_unit__code"))
    assert units == {
        "admin": None, "county_office": "450521000000", "dept_housing": "450521000000D01",
        "dept_forestry": "450521000000D02", "dept_hrss": "450521000000D04", "town_quzhang": "450521200000", "village_a": "450521200206",
        "village_b": "450521200201", "grid_a": "450521200206001"}
    assert User.objects.get(username="grid_a").check_password("jianfu-demo")
    # Loading again changes nothing.
    orgs_demo.load(stdout=io.StringIO(), source=npm_folder)
    accounts_demo.load(stdout=io.StringIO())
    assert (OrgUnit.objects.count(), User.objects.count()) == (7 + 24 + 4 + 6, 9)  # 合浦县 subtree + depts + stations + grids

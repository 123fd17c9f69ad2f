import pytest

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import NotFoundError, PermissionDeniedError
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def visible_units(user) -> list[str]:
    return sorted(scope_for(user).filter(OrgUnit.objects.all(), field="code").values_list("code", flat=True))


def test_subtree_prefixes(world):
    assert visible_units(world.users["village_a"]) == ["450521200206", "450521200206001", "450521200206002"]
    assert visible_units(world.users["grid_a"]) == ["450521200206001"]
    assert "450521100001" not in visible_units(world.users["town_quzhang"])
    assert visible_units(world.users["town_quzhang"]) == [
        "450521200000", "450521200201", "450521200206", "450521200206001", "450521200206002"]
    assert len(visible_units(world.users["county_office"])) == 10  # county + its towns, villages, grids, depts
    assert len(visible_units(world.users["admin"])) == OrgUnit.objects.count()


def test_department_sees_what_is_addressed_to_it(world):
    scope = scope_for(world.users["dept_forestry"])
    assert scope.department_code == "450521000000D02"
    qs = OrgUnit.objects.all()
    # "addressed to": filtering by the department column
    assert list(scope.filter(qs, field="code", department_field="code").values_list("code", flat=True)) == [
        "450521000000D02"]
    assert not scope.can(Capability.REGISTRY_READ)
    assert not scope.may_write("450521200206", Capability.REGISTRY_WRITE)


def test_disabled_or_anonymous_sees_nothing(world):
    user = world.users["village_a"]
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.refresh_from_db()
    assert visible_units(user) == []
    from django.contrib.auth.models import AnonymousUser

    assert visible_units(AnonymousUser()) == []


def test_get_and_require(world):
    scope = scope_for(world.users["village_a"])
    with pytest.raises(NotFoundError):
        scope.get(OrgUnit.objects.all(), field="code", code="450521200201")
    assert scope.get(OrgUnit.objects.all(), field="code", code="450521200206").name == "曲木村委会"
    with pytest.raises(PermissionDeniedError):
        scope.require(Capability.ACCOUNTS_MANAGE)
    with pytest.raises(NotFoundError):
        scope.require_write("450521200201", Capability.REGISTRY_WRITE)
    scope.require_write("450521200206001", Capability.REGISTRY_WRITE)


def test_retired_unit_account_has_no_scope(world):
    OrgUnit.objects.filter(code="450521200201").update(is_active=False)
    user = User.objects.get(username="village_b")
    assert visible_units(user) == []


def test_the_hrss_department_manages_postings_and_nothing_else_more(world):
    """N02 (session 11): the county's 人社局 (short code RS) is a department granted EMPLOYMENT_MANAGE by its
    function; another department is not, and the 人社局 still reads no person and writes no record of a unit."""
    from jianfu.employment import access
    from jianfu.employment.tests.factories import hrss_account

    hrss_account(world)
    hrss, forestry = scope_for(world.users["dept_hrss"]), scope_for(world.users["dept_forestry"])
    assert (hrss.is_department, hrss.can(Capability.EMPLOYMENT_MANAGE)) == (True, True)
    assert forestry.can(Capability.EMPLOYMENT_MANAGE) is False
    assert hrss.capabilities - forestry.capabilities == {Capability.EMPLOYMENT_MANAGE}
    assert access.manage_scope(world.users["dept_hrss"]).covers("450521200000")
    assert not hrss.may_write("450521200206", Capability.REGISTRY_WRITE)
    with pytest.raises(PermissionDeniedError):
        access.county_scope(world.users["dept_hrss"])        # visit rules stay the county office's
    with pytest.raises(PermissionDeniedError):
        access.manage_scope(world.users["dept_forestry"])
    # the demo prints it with the other accounts (scripts/run.py)
    from jianfu.accounts.demo import accounts_table

    assert "  dept_hrss      县直/乡镇部门    县人力资源和社会保障局（可发布岗位）" in accounts_table().splitlines()

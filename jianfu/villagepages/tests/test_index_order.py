"""newuser20 #11: on the citizen's /villages/ the only town with a public list came last, after 14 towns with
"0 个已公开清单". Towns with a public list come first, then the rest by name (pinyin), not by division code."""

from __future__ import annotations

import re

import pytest

from jianfu.orgs.models import OrgUnit
from jianfu.villagepages import selectors
from jianfu.villagepages.tests.factories import QUMU, list_in
from jianfu.villagepages.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def shiwan(world):
    """A third town whose code sorts first (…050000) and whose name sorts last (石 shí after 廉 lián, 曲 qū)."""
    OrgUnit.objects.create(code="450521050000", name="石湾镇", kind="town", level=4, parent_code="450521000000")
    OrgUnit.objects.create(code="450521050001", name="石湾村委会", kind="village", level=5, parent_code="450521050000")


def _towns(client, **params) -> list[str]:
    page = client.get("/villages/", params).content.decode()
    return re.findall(r"<summary><strong>([^<]+)</strong>", page)


def test_without_a_public_list_the_towns_are_in_name_order(world, shiwan):
    list_in(QUMU, status=Status.SUBMITTED)          # submitted, not public: no town is ahead
    assert [t.town.name for t in selectors.public_index()] == ["廉州镇", "曲樟乡", "石湾镇"]
    assert _towns(world.client(None)) == ["廉州镇", "曲樟乡", "石湾镇"]


def test_the_town_with_a_public_list_comes_first_then_the_rest_by_name(world, shiwan):
    list_in(QUMU)
    assert [(t.town.name, t.published) for t in selectors.public_index()] == [
        ("曲樟乡", 1), ("廉州镇", 0), ("石湾镇", 0)]
    client = world.client(None)
    assert _towns(client) == ["曲樟乡", "廉州镇", "石湾镇"]
    page = client.get("/villages/").content.decode()
    assert page.index("（2 个，1 个已公开清单）") < page.index("（1 个，0 个已公开清单）")
    # a search keeps the order rule among what it finds
    assert _towns(client, q="村") == ["曲樟乡", "石湾镇"]

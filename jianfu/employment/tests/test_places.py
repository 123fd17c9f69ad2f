"""Place names of a county → codes (PlaceResolver): a registered name, the name without its committee and the bare
name, tried in that order, so a community and a village that share a bare name are each found by what people write."""

import pytest

from jianfu.employment.places import PlaceResolver
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db

VILLAGE, COMMUNITY = "450521200207", "450521200208"


@pytest.fixture
def resolver(world):
    OrgUnit.objects.create(code=VILLAGE, name="廉东村委会", kind="village", level=5, parent_code="450521200000")
    OrgUnit.objects.create(code=COMMUNITY, name="廉东社区居委会", kind="village", level=5, parent_code="450521200000")
    return PlaceResolver("450521")


@pytest.mark.parametrize(("text", "code"), [
    ("廉东村委会", VILLAGE), ("廉东村", VILLAGE), ("曲樟乡廉东村", VILLAGE),
    ("廉东社区居委会", COMMUNITY), ("廉东社区", COMMUNITY), ("曲樟乡廉东社区", COMMUNITY),
    ("曲木村委会", "450521200206"), ("曲木村", "450521200206"), ("曲木", "450521200206"),
])
def test_a_village_and_a_community_sharing_a_bare_name_are_each_found(resolver, text, code):
    assert resolver.resolve(text).code == code


def test_the_bare_name_they_share_names_neither(resolver):
    assert resolver.resolve("廉东") is None

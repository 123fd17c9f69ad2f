"""Session 15 (emp-dev15): readings dev6's errors (a county job board's larger pool) showed to be general (issue 8).
Own sentences, none of dev6's rows verbatim."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations

GAZ = Gazetteer.builtin()
LIANZHOU, SHIKANG, BEIHAI_PROPER, TIESHANGANG = "450521100", "450521111", ("450502", "450503"), ("450512",)


@pytest.mark.parametrize(("home", "text", "level", "named"), [
    # a district outside the home county named beside the county seat: that district, not the whole home county
    ("廉州镇某社区", "县城、北海市区", 1, BEIHAI_PROPER),
    ("闸口镇", "县城或者铁山港", 1, (LIANZHOU,) + TIESHANGANG),
    ("石湾镇", "石湾、北海市区都行", 1, BEIHAI_PROPER),
    ("闸口镇", "廉州镇、广东东莞", 1, (LIANZHOU, "4419")),
    # as before: the county named, a scope word, a far place alone, a far place beside home
    ("闸口镇", "合浦县、北海市区", 2, BEIHAI_PROPER),
    ("闸口镇", "县内、北海市区", 2, BEIHAI_PROPER),
    ("闸口镇", "北海市区", 0, BEIHAI_PROPER),
    ("闸口镇", "去广东也行", 2, ("44",)),
])
def test_a_place_outside_the_county_named_beside_a_town_does_not_widen_to_the_county(home, text, level, named):
    assert GAZ.acceptable(text, home=GAZ.resolve(home)) == (level, named)


def test_a_seeker_of_the_county_seat_and_the_city_is_not_sent_to_another_town():
    seeker = Seeker(id="S1", age=45, residence="廉州镇某社区", desired="保洁", places="县城、北海市区")
    town = Job(id="J1", title="保洁员", place="石康镇", description="办公楼保洁")
    seat = Job(id="J2", title="保洁员", place="廉州镇", description="商场保洁")
    city = Job(id="J3", title="保洁员", place="北海市海城区", description="小区保洁")
    assert violations(seeker, town, GAZ) == ["place"]
    assert violations(seeker, seat, GAZ) == violations(seeker, city, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[town, seat, city], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)]
    assert sorted(ranked) == ["J2", "J3"]

"""Session 8 (emp-dev2): "北海市区" is the prefecture city's own districts, not the prefecture with its counties."""

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations

GAZ = Gazetteer.builtin()
HOME = "450521103"      # a town of the county (沙岗镇)


def test_the_city_proper_named_is_its_two_districts_only():
    # before: "市区" and "北海市" inside it were scope words, the prefecture (level 3) with the county in it
    assert GAZ.acceptable("北海市区", home=HOME) == (0, ("450502", "450503"))
    assert GAZ.acceptable("市区", home=HOME) == (0, ("450502", "450503"))
    # "也可以" keeps home; "北海" alone is still the prefecture
    assert GAZ.acceptable("北海市区也可以", home=HOME) == (2, ("450502", "450503"))
    assert GAZ.acceptable("北海都行", home=HOME) == (3, ())


def test_a_city_seeker_keeps_their_own_district_and_gets_the_other():
    assert GAZ.acceptable("北海市区", home="450503") == (2, ("450502",))


def test_a_county_posting_is_outside_the_city_proper_and_a_city_posting_inside():
    seeker = Seeker(id="S", age=40, residence="北海市银海区", desired="保洁", places="北海市区")
    county = Job(id="J1", title="保洁员", place="公馆镇")
    city = Job(id="J2", title="保洁员", place="北海市海城区")
    other_district = Job(id="J3", title="保洁员", place="铁山港区")
    assert violations(seeker, county, GAZ) and violations(seeker, other_district, GAZ)
    assert not violations(seeker, city, GAZ)
    ranked = [r.job_id for r in Matcher(jobs=[county, city, other_district], gazetteer=GAZ).jobs_for(seeker, top=10)]
    assert ranked == ["J2"]


def test_a_county_town_and_the_city_proper_named_together_keep_both():
    seeker = Seeker(id="S", age=40, residence="沙岗镇", desired="保洁", places="县城、北海市区")
    assert not violations(seeker, Job(id="J1", title="保洁员", place="廉州镇"), GAZ)
    assert not violations(seeker, Job(id="J2", title="保洁员", place="北海市银海区"), GAZ)

"""Session 8 (emp-dev2), kinds read on blind8 (own sentences): "北海市区" is the city proper; "要包住" is a limit."""

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


def test_a_seeker_who_must_be_housed_is_not_offered_a_posting_that_houses_nobody():
    from jianfu.employment.matching.parse import houses_worker, infer_job_demands, infer_seeker_limits

    assert "NO_HOUSING" in infer_seeker_limits("外地人，一定要包住")
    # a plain wish ("需要住宿舍", "要包住") is no limit since session 16: it refuses only a posting saying it houses nobody
    assert "NO_HOUSING" not in infer_seeker_limits("需要住宿舍")
    assert "NO_HOUSING" not in infer_seeker_limits("不要包住，家就在附近")
    assert "NO_HOUSING" not in infer_seeker_limits("只上白班")
    assert not houses_worker("搬运工，日结")
    assert not houses_worker("搬运工", benefits="不包住，包午餐")
    assert houses_worker("搬运工", benefits="包吃住")
    assert houses_worker("住家保姆，照顾老人")
    assert "NO_HOUSING" not in infer_job_demands("搬运工，日结")       # the work's demands say nothing of beds
    seeker = Seeker(id="S", age=35, residence="沙岗镇", desired="普工", places="哪里都行", notes="要包住")
    none = Job(id="J1", title="普工", place="廉州镇", benefits="不包住")
    housed = Job(id="J2", title="普工", place="廉州镇", benefits="包住，有空调宿舍")
    silent = Job(id="J3", title="普工", place="廉州镇", description="流水线装配")
    assert violations(seeker, none, GAZ) and not violations(seeker, silent, GAZ) and not violations(seeker, housed, GAZ)
    # session 16: a plain "要包住" is refused by "不包住" only; the posting that houses first, the silent one after it
    assert [r.job_id for r in Matcher(jobs=[none, housed, silent], gazetteer=GAZ).jobs_for(seeker, top=10)] == ["J2", "J3"]
    firm = Seeker(id="F", age=35, residence="沙岗镇", desired="普工", places="哪里都行", notes="一定要包住")
    assert [r.job_id for r in Matcher(jobs=[none, housed, silent], gazetteer=GAZ).jobs_for(firm, top=10)] == ["J2"]
    # a seeker who says nothing of housing is offered all three
    other = Seeker(id="T", age=35, residence="沙岗镇", desired="普工", places="哪里都行")
    assert len(Matcher(jobs=[none, housed, silent], gazetteer=GAZ).jobs_for(other, top=10)) == 3


def test_the_explanation_says_housing_is_given_when_the_wish_is_met():
    seeker = Seeker(id="S", age=35, residence="沙岗镇", desired="普工", places="哪里都行", notes="一定要包住")
    housed = Job(id="J2", title="普工", place="廉州镇", benefits="包吃住")
    (rec,) = Matcher(jobs=[housed], gazetteer=GAZ).jobs_for(seeker, top=10)
    assert "提供住宿" in rec.reasons and not any("不提供住宿" in r for r in rec.reasons)


def test_housing_said_not_to_be_needed_or_not_given_is_read_as_such():
    # session 8's diff review: negations before the whole demand, and a posting's own "no housing" words
    from jianfu.employment.matching.parse import houses_worker, infer_seeker_limits

    for said in ("不需要包住", "不一定要包住", "我不需要住宿", "不用住宿舍", "无需住宿"):
        assert "NO_HOUSING" not in infer_seeker_limits(said), said
    for said in ("必须有宿舍", "家远，一定要包吃住"):
        assert "NO_HOUSING" in infer_seeker_limits(said), said
    assert "NO_HOUSING" not in infer_seeker_limits("要包住")     # a plain wish (session 16, `parse.housing_wish`)
    assert [houses_worker(t) for t in ("不提供住宿", "住宿自理", "宿舍已满不提供", "无宿舍", "不包住")] == [False] * 5
    assert [houses_worker(t) for t in ("包吃住", "提供宿舍", "包住，不提供住宿补贴")] == [True] * 3

"""Session 9 (emp-dev2), kinds read on blind9 (own sentences, not the split's rows): someone else's illness is no
limit of the seeker's own; "当天要回来" rules out trips of days, not a boat back the same day; a learner who takes a
lower wage names no floor."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    Wage,
    infer_job_demands,
    infer_seeker_limits,
    normalise_occupation,
    parse_wage,
)

GAZ = Gazetteer.builtin()


@pytest.mark.parametrize("notes", ["家里有病人", "老人有病要照顾", "家里有病号"])
def test_someone_elses_illness_is_no_limit_of_the_seekers_own(notes):
    assert infer_seeker_limits(notes) == frozenset()


def test_the_seekers_own_illness_still_limits_heavy_work():
    assert infer_seeker_limits("自己有病，身体不好") == frozenset({"HEAVY"})


def test_home_the_same_day_rules_out_days_at_sea_not_a_boat_back_the_same_afternoon():
    assert infer_seeker_limits("当天要回来") == frozenset({"AWAY"})
    assert infer_job_demands("近海放网收网，凌晨出海下午回港") == frozenset({"SEA"})
    assert infer_job_demands("近海拖网捕捞，一次出海十几天") == frozenset({"SEA", "AWAY"})
    seeker = Seeker(id="S", age=48, residence="党江镇", desired="渔工", places="北海", notes="当天要回来，家里有病人")
    day_boat = Job(id="J1", title="渔船帮工", place="铁山港区", description="近海放网收网，凌晨出海下午回港")
    long_trip = Job(id="J2", title="渔船帮工", place="铁山港区", description="近海拖网捕捞，一次出海十几天")
    assert violations(seeker, day_boat, GAZ) == []
    assert violations(seeker, long_trip, GAZ) != []
    ranked = [r.job_id for r in Matcher(jobs=[day_boat, long_trip], gazetteer=GAZ).jobs_for(seeker, top=10)]
    assert ranked == ["J1"]


@pytest.mark.parametrize("text", ["学徒工资低点也行", "少点也行", "低些没关系"])
def test_a_lower_wage_accepted_is_no_floor_not_an_unreadable_wage(text):
    assert parse_wage(text) == Wage()


def test_an_amount_written_beside_it_is_still_read():
    assert parse_wage("三千以上，低点也行") == Wage(low=3000)


@pytest.mark.parametrize(("text", "code"), [
    ("屋顶光伏安装工", "6-31-01"),         # before: 装卸搬运工
    ("充电桩安装维护", "6-31-01"),
    ("海鸭蛋腌制、咸蛋黄加工", "6-01-02"),
    ("育苗池管理、投喂、出苗装袋", "5-04-01"),   # before: 包装工 (装袋)
    ("沙虫滩涂养护工", "5-04-01"),          # before: 养老护理员 (护工)
    ("挖沙虫、赶海", "5-04-01"),
    ("做陶瓷，拉坯、修坯", "6-08-01"),        # before: nothing
])
def test_coast_county_trade_words_are_read_as_their_trade(text, code):
    assert normalise_occupation(text)[:1] == [code]


def test_a_refuse_truck_driver_drives_and_a_cleaner_may_sweep_roads():
    from jianfu.employment.matching.occupations import RELATED

    assert normalise_occupation("垃圾清运车司机")[:1] == ["4-02-01"]     # before: 环卫工 (垃圾清运)
    assert normalise_occupation("开压缩式垃圾车收运县城垃圾")[:1] == ["4-09-02"]
    assert RELATED["4-09-01"]["4-09-02"] == 0.6 and RELATED["4-09-02"]["4-09-01"] == 0.6

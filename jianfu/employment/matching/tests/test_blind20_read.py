"""Session 20 (emp-read20): blind20 read after its one run — when and how long people can work, against the terms a
posting states. Own sentences, none of blind20's rows verbatim: for each reading one that must fire and a look-alike
that must not, in the kernel, the numpy path and the oracle (`constraints.violations`) alike where a constraint is
involved."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.hours import seeker_busy
from jianfu.employment.matching.parse import (
    ALL_BODY_BITS,
    ALL_TERM_BITS,
    TERM_BITS,
    TERM_SHIFT,
    infer_job_demands,
    term_conditions,
    term_limits,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers


def _free(text: str) -> tuple[float, float] | None:
    """The first and last free hour of a seeker's day, from `seeker_busy` (None when no hour is busy)."""
    busy = seeker_busy(text)
    if not busy:
        return None
    free = [k / 2 for k in range(48) if not busy >> k & 1]
    return free[0], free[-1] + 0.5


# ------------------------------------------------------------------------------------------------ "在家" said of family life


@both_paths
def test_looking_after_a_parent_at_home_is_no_work_at_home_only(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seeker = Seeker(id="S1", age=40, residence="廉州镇", desired="超市理货", places="县城", notes="白天在家照顾老母亲，只能晚上出来")
    shop = Job(id="J1", title="超市理货员", place="廉州镇", age="18-55岁", description="晚上补货上架")
    assert violations(seeker, shop, GAZ) == []
    assert offered(seeker, [shop], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]
    # the look-alike: work done at home only still narrows the place to home outwork
    homebound = Seeker(id="S2", age=40, residence="廉州镇", desired="手工活", places="县城", notes="腿不方便，只能在家做")
    assert violations(homebound, shop, GAZ) == ["place"]
    assert offered(homebound, [shop], kernel=kernel, monkeypatch=monkeypatch) == []


def test_spending_the_new_year_at_home_keeps_the_places_ticked() -> None:
    assert GAZ.acceptable("县城", home="450521100", notes="春节要在家过年") == (1, ())
    assert GAZ.acceptable("县城", home="450521100", notes="只想在家干点活") == (0, ())


# ------------------------------------------------------------------------------------------------ a clock window said


def test_a_clock_window_said_as_the_only_one_is_read() -> None:
    assert _free("孩子上学，只能8点半到3点半") == (8.5, 15.5)
    assert _free("上午9点到12点都可以") == (9.0, 12.0)
    # not a wage ("4到6千都可以") nor a length of time ("做到3个月都可以")
    assert _free("工资5到8千都可以") is None
    assert _free("做到3个月都可以") is None


@both_paths
def test_a_school_hours_window_refuses_a_post_ending_after_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seeker = Seeker(id="S1", age=35, residence="廉州镇", desired="包装工", places="县城", notes="要接送小孩，只能8点半到3点半")
    late = Job(id="J1", title="包装工", place="廉州镇", age="18-50岁", description="成品装箱，8:30-17:00")
    inside = Job(id="J2", title="包装工", place="廉州镇", age="18-50岁", description="成品装箱，9:00-15:00")
    assert violations(seeker, late, GAZ) == ["hours"]
    assert violations(seeker, inside, GAZ) == []
    assert offered(seeker, [late, inside], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


# ------------------------------------------------------------------------------------------------ a night post left to choice


def test_night_posts_offered_by_choice_ask_no_night() -> None:
    assert "NIGHT" not in infer_job_demands("长白班，夜班岗位自愿报名")
    assert "NIGHT" not in infer_job_demands("白班为主，夜班可选")
    assert "NIGHT" in infer_job_demands("夜班为主，晚上十点上班")


# ------------------------------------------------------------------------------------------------ the terms of a hire


def test_the_terms_a_posting_states() -> None:
    assert term_conditions("流水线组装，须做满四个月，包吃住") == {"MIN_TERM"}
    assert term_conditions("签合同一年起，不招临时工") == {"MIN_TERM"}
    # a bonus for staying is pay, not a term
    assert term_conditions("做满三个月奖励800元") == frozenset()
    assert term_conditions("做满60天返费1000元") == frozenset()
    assert term_conditions("春节期间不放假，三倍工资") == {"SPRING_DUTY"}
    assert term_conditions("除夕到初五每天上班") == {"SPRING_DUTY"}
    assert term_conditions("春节期间自愿加班，另发红包") == frozenset()
    assert term_conditions("正月初九到厂报到") == {"AFTER_SPRING"}
    assert term_conditions("人力公司劳务派遣到园区电子厂") == {"DISPATCH"}
    assert term_conditions("厂方直招，不派遣") == frozenset()
    assert term_conditions("每月休4天，8:00-17:00") == {"WEEKDAYS"}
    assert term_conditions("周六周日两天兼职") == frozenset()


def test_the_windows_a_seeker_states() -> None:
    before_spring = {"MIN_TERM", "SPRING_DUTY", "AFTER_SPRING"}
    assert term_limits("只做到腊月二十五，过完年去广州") == before_spring
    assert term_limits("先干一两个月") == before_spring
    assert term_limits("过年前干，春节回家") == before_spring
    assert term_limits("大二学生，寒假打工") == {"MIN_TERM"}
    assert term_limits("春节要回老家") == {"SPRING_DUTY"}
    assert term_limits("过年不回老家，能上班") == frozenset()
    assert term_limits("不去派遣的厂") == {"DISPATCH"}
    assert term_limits("派遣的也可以") == frozenset()
    assert term_limits("只能周六日做") == {"WEEKDAYS"}
    assert term_limits("长期短期都行，年前年后都可以") == frozenset()
    # an experience of two months is no window
    assert term_limits("去年在鞋厂干了两个月") == frozenset()


def test_an_experience_asked_for_is_no_minimum_stay() -> None:
    # codereview20 #1: a span in years asked as experience is no stay; a stay or contract word still binds
    assert term_conditions("要求1年以上工作经验") == frozenset()
    assert term_conditions("至少1年相关经验") == frozenset()
    assert term_conditions("需3年以上驾龄") == frozenset()
    assert term_conditions("要求工作3年以上") == frozenset()
    assert term_conditions("需半年以上工作经验") == frozenset()
    assert term_conditions("需做满3个月") == {"MIN_TERM"}
    assert term_conditions("合同一年起") == {"MIN_TERM"}
    assert term_conditions("不招短期") == {"MIN_TERM"}
    assert term_conditions("至少做一年") == {"MIN_TERM"}
    assert term_conditions("需签一年合同") == {"MIN_TERM"}
    assert term_conditions("服务期一年") == {"MIN_TERM"}
    assert term_conditions("要求3年以上工作经验，需做满半年") == {"MIN_TERM"}


def test_a_childs_break_and_an_accepted_window_are_no_limits() -> None:
    # codereview20 #2: a parent minding a child on 寒假 is no student on break; a window said as acceptable is no limit
    before_spring = {"MIN_TERM", "SPRING_DUTY", "AFTER_SPRING"}
    assert term_limits("孩子放寒假要在家带") == frozenset()
    assert term_limits("寒假期间要接送孩子，想找长期的") == frozenset()
    assert term_limits("我孙子放寒假了要带") == frozenset()
    assert term_limits("干到年底也行，长期更好") == frozenset()
    assert term_limits("做到年底都行") == frozenset()
    assert term_limits("学生寒假打工") == {"MIN_TERM"}
    assert term_limits("放寒假了想找个活") == {"MIN_TERM"}
    assert term_limits("寒假想找个带孩子的活") == {"MIN_TERM"}
    assert term_limits("放寒假了，孩子他爸在外地") == {"MIN_TERM"}
    assert term_limits("只做到年前") == before_spring
    assert term_limits("只干到年前，也行吗") == before_spring


def test_the_terms_sit_above_the_health_conditions() -> None:
    assert TERM_SHIFT == 56 and len(TERM_BITS) == 5 and ALL_TERM_BITS == 0x1F << 56
    assert ALL_TERM_BITS & ALL_BODY_BITS == 0


@both_paths
def test_a_year_end_window_refuses_a_three_month_minimum(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="进厂", places="县城", notes="只做到腊月二十五，年后回广州")
    minimum = Job(id="J1", title="普工", place="合浦工业园", age="18-45岁", description="注塑，长白班，须做满四个月")
    open_post = Job(id="J2", title="普工", place="合浦工业园", age="18-45岁", description="注塑，长白班，做满30天返费300元")
    assert violations(seeker, minimum, GAZ) == ["terms:MIN_TERM"]
    assert violations(seeker, open_post, GAZ) == []
    assert offered(seeker, [minimum, open_post], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


@both_paths
def test_new_year_duty_refuses_a_seeker_going_home_and_admits_one_staying(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    duty = Job(id="J1", title="超市收银员", place="廉州镇", age="18-50岁", description="春节不打烊，除夕至初六需在岗")
    home = Seeker(id="S1", age=45, residence="廉州镇", desired="收银", places="县城", notes="春节一定要回老家")
    stays = Seeker(id="S2", age=45, residence="廉州镇", desired="收银", places="县城", notes="过年不回去，春节可以上班")
    assert violations(home, duty, GAZ) == ["terms:SPRING_DUTY"]
    assert violations(stays, duty, GAZ) == []
    assert takers(duty, [home, stays], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


@both_paths
def test_a_start_after_the_new_year_refuses_a_window_ending_before_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seeker = Seeker(id="S1", age=28, residence="廉州镇", desired="进厂", places="县城", notes="年前干一个多月就回去")
    later = Job(id="J1", title="普工", place="合浦工业园", age="18-45岁", description="正月初十开工，长白班")
    now = Job(id="J2", title="普工", place="合浦工业园", age="18-45岁", description="即招即上，长白班")
    assert violations(seeker, later, GAZ) == ["terms:AFTER_SPRING"]
    assert offered(seeker, [later, now], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


@both_paths
def test_a_seeker_refusing_dispatch_is_not_sent_to_a_dispatched_post(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seeker = Seeker(id="S1", age=26, residence="廉州镇", desired="仓库", places="县城", notes="只要厂里直招的")
    dispatched = Job(id="J1", title="仓管员", place="合浦工业园", age="18-40岁", description="劳务派遣，派驻物流园")
    direct = Job(id="J2", title="仓管员", place="合浦工业园", age="18-40岁", description="厂方直招，不走派遣")
    assert violations(seeker, dispatched, GAZ) == ["terms:DISPATCH"]
    assert violations(seeker, direct, GAZ) == []
    assert offered(seeker, [dispatched, direct], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


@both_paths
def test_weekend_only_refuses_stated_weekday_work(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    seeker = Seeker(id="S1", age=38, residence="廉州镇", desired="保洁", places="县城", notes="平日上班，只能周末做")
    weekdays = Job(id="J1", title="保洁员", place="廉州镇", age="18-55岁", description="写字楼保洁，做六休一")
    weekend = Job(id="J2", title="保洁员", place="廉州镇", age="18-55岁", description="商场保洁，只招周六日")
    assert violations(seeker, weekdays, GAZ) == ["terms:WEEKDAYS"]
    assert violations(seeker, weekend, GAZ) == []
    assert offered(seeker, [weekdays, weekend], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]

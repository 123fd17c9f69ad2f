"""Session 30 (emp-read30): blind30 read after its one run — a 文旅与餐饮住宿用工对接站 (酒店 前台/客房/PA, 餐厅 and 夜宵,
厨房, 饮品, 景区, 导游, 民宿, seasonal and students' posts). The readings: hours that end on the next day ("18:00至次日2:00"),
an evening cut-off at 23:00 or midnight that leaves the evening before it, a child named beside the hour the evening ends,
the front office's and the travel desk's post names, a hotel named beside another trade as its place, a card never got
("没办过", "可以去办"), and Mandarin asked as a must.
Own sentences, none of blind30's rows: for each reading one that must fire and a look-alike that must not, in the
kernel, the numpy path and the oracle (`constraints.violations`) alike."""

import contextlib
import io

import pytest

from jianfu.employment.matching import Job, Seeker, hours
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    ages_counted_in,
    day_work_only,
    held_certificates,
    infer_job_demands,
    infer_seeker_limits,
    occupation_scores,
    title_trades,
    works_late,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

WAITER, FRONT_DESK, ROOMS, CLERK, GUARD = "4-03-02", "4-03-05", "4-03-04", "3-01-01", "4-07-01"


def seeker(sid: str, *, desired: str = "餐厅服务员", notes: str = "", certificates: str = "健康证",
           category: str = "") -> Seeker:
    return Seeker(id=sid, age=30, gender="女", residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates=certificates, category=category, education="高中", wage="3000")


def post(jid: str, title: str = "服务员", description: str = "", *, certificates: str = "无") -> Job:
    return Job(id=jid, title=title, employer="合浦某餐饮店", place="廉州镇", description=description, age="18-50岁",
               wage="3000-3500", certificates=certificates, benefits="包吃")


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


# ------------------------------------------------------------------------------------------------ hours


def test_hours_that_end_on_the_next_day_run_past_midnight() -> None:
    assert hours.job_hours("18:00至次日2:00，点单、上菜").ranges == ((18.0, 26.0),)
    assert hours.job_hours("夜班20:00-次日8:00").ranges == ((20.0, 32.0),)
    # a code review: the 12-hour reading ("8点到5点半" is 17:30) does not turn 次日's hour into the evening first
    assert hours.job_hours("21点到次日10点").ranges == hours.job_hours("21:00到次日10:00").ranges == ((21.0, 34.0),)
    assert hours.job_hours("8点到5点半").ranges == ((8.0, 17.5),)
    assert hours.job_hours("晚上8点到第二天早上6点").ranges == ((20.0, 30.0),)
    assert hours.job_hours("8:00至次日9:00").ranges == ()          # no shift of 25 hours
    assert hours.job_hours("10:00-14:00、17:00-21:00").ranges == ((10.0, 14.0), (17.0, 21.0))
    assert works_late("17:00至次日1:00") and not works_late("10:00-22:00")
    assert "NIGHT" in infer_job_demands("收台，17:00至次日2:00。", (WAITER,))
    assert "NIGHT" not in infer_job_demands("两头班10:00-14:00、17:00-21:30。", (WAITER,))


@both_paths
def test_a_seeker_off_nights_takes_no_shift_ending_on_the_next_day(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    late, split = post("J1", description="17:00至次日2:00，点单、上菜。"), post("J2", description="两头班10:00-14:00、17:00-21:00。")
    off_nights, nights_fine = seeker("S1", notes="不上夜班"), seeker("S2", notes="夜班没问题")
    assert (broken(off_nights, late), broken(off_nights, split), broken(nights_fine, late)) == (["limits:NIGHT"], [], [])
    assert takers(late, [off_nights, nights_fine], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert takers(split, [off_nights, nights_fine], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


def test_a_cut_off_at_eleven_or_midnight_is_no_night_limit() -> None:
    assert "NIGHT" not in infer_seeker_limits("晚上12点前要下班")
    assert "NIGHT" not in infer_seeker_limits("晚上11点以后不行")
    assert "NIGHT" in infer_seeker_limits("晚上10点前要下班")
    assert "NIGHT" in infer_seeker_limits("晚上9点以后不上班")


@both_paths
def test_a_midnight_cut_off_takes_the_evening_before_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    to_eleven = post("J1", "店员", "早班10:00-17:00、晚班17:00-23:00轮换。")
    to_three = post("J2", "店员", "20:00至次日3:00。")
    by_midnight, by_ten = seeker("S1", notes="晚上12点前要下班"), seeker("S2", notes="晚上10点前要下班")
    assert broken(by_midnight, to_eleven) == []
    assert broken(by_midnight, to_three) != [] and broken(by_ten, to_eleven) != []
    assert takers(to_eleven, [by_midnight, by_ten], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert takers(to_three, [by_midnight, by_ten], kernel=kernel, monkeypatch=monkeypatch) == []


def test_a_child_beside_the_hour_the_evening_ends_is_its_reason() -> None:
    assert not day_work_only("孩子小，晚上10点以后不上班（不上夜班）")
    assert day_work_only("孩子小，晚上要回家")
    assert day_work_only("要接送孩子")


@both_paths
def test_a_mother_free_until_ten_takes_a_shift_ending_at_ten(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    to_ten = post("J1", "前台", "早班7:00-15:00、中班15:00-22:00轮换，不排夜班。")
    to_eleven = post("J2", "前台", "早班7:00-15:00、中班15:00-23:00轮换。")
    with_clock = seeker("S1", desired="酒店前台", notes="孩子小，晚上10点以后不上班")
    without = seeker("S2", desired="酒店前台", notes="孩子小，晚上要回家")
    assert broken(with_clock, to_ten) == [] and broken(without, to_ten) != []
    assert broken(with_clock, to_eleven) != []
    assert takers(to_ten, [with_clock, without], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert takers(to_eleven, [with_clock, without], kernel=kernel, monkeypatch=monkeypatch) == []


# ------------------------------------------------------------------------------------------------ trades


def test_the_front_offices_and_the_travel_desks_post_names() -> None:
    assert title_trades("总机/预订员") == (FRONT_DESK,)
    assert title_trades("行李员/礼宾") == (FRONT_DESK,)
    assert title_trades("夜审") == (FRONT_DESK,)
    assert title_trades("计调") == (CLERK,)
    assert title_trades("电话客服") == ("4-04-01",)          # a call centre stays one
    assert title_trades("中式烹调师") == ("4-03-01",)         # 调 of a cook stays the cook's


def test_a_hotel_beside_another_trade_is_where_it_is_done() -> None:
    assert occupation_scores("酒店保安") == {GUARD: 2.0}
    assert set(occupation_scores("酒店或者景区接送司机、保安")) == {"4-02-01", GUARD, "4-13-02"}
    assert occupation_scores("酒店客房服务员") == {ROOMS: 7.0}
    assert occupation_scores("酒店服务员") == {ROOMS: 5.0}
    assert occupation_scores("想去酒店") == {ROOMS: 2.0}
    assert occupation_scores("导游、讲解、酒店") == {"4-13-01": 4.0, ROOMS: 2.0}     # a wish of its own in a list
    assert occupation_scores("酒店前台") == {FRONT_DESK: 4.0}                       # a trade's own word
    assert set(occupation_scores("酒店，保安也行")) == {ROOMS, GUARD}     # two clauses: two wishes


# ------------------------------------------------------------------------------------------------ cards, language, terms


def test_a_card_never_got_is_not_held() -> None:
    assert held_certificates("无（健康证没办过，可以去办）") == frozenset()
    assert held_certificates("健康证可以去办") == frozenset()
    assert held_certificates("健康证（有效）") == frozenset({"健康证"})
    assert held_certificates("健康证已办好") == frozenset({"健康证"})
    assert held_certificates("办过健康证") == frozenset({"健康证"})


@both_paths
def test_a_card_to_be_got_meets_only_a_post_that_lets_it_be_got(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    strict = post("J1", "洗碗工", "白班。", certificates="须持有效健康证上岗")
    lenient = post("J2", "洗碗工", "白班。", certificates="健康证入职办理")
    to_get, holder = seeker("S1", desired="洗碗", certificates="无（健康证没办过，可以去办）"), seeker("S2", desired="洗碗")
    assert (broken(to_get, strict), broken(to_get, lenient), broken(holder, strict)) == (["certificate"], [], [])
    assert takers(strict, [to_get, holder], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert takers(lenient, [to_get, holder], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


def test_mandarin_asked_as_a_must() -> None:
    for asked in ("须会普通话和白话；11:00-20:00。", "普通话、白话（须）", "要会讲普通话", "普通话（须）"):
        assert "MANDARIN" in infer_job_demands(asked, (WAITER,)), asked
    for not_asked in ("会普通话优先", "不要求会普通话", "普通话、白话都行", "会讲普通话更好",
                      # a code review: the 要 of 需要 after 不 / 无 / 必 starts no must
                      "不需要会普通话，会白话就行", "无需会普通话", "不必要会普通话"):
        assert "MANDARIN" not in infer_job_demands(not_asked, (WAITER,)), not_asked


@both_paths
def test_a_seeker_without_mandarin_takes_no_post_that_must_have_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    must, preferred = post("J1", description="须会普通话和白话。"), post("J2", description="会普通话优先。")
    cantonese_only, both = seeker("S1", notes="不会普通话，只讲白话"), seeker("S2", notes="会普通话、白话")
    assert (broken(cantonese_only, must), broken(cantonese_only, preferred)) == (["limits:MANDARIN"], [])
    assert takers(must, [cantonese_only, both], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert takers(preferred, [cantonese_only, both], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


# ------------------------------------------------------------------------------------------------ the split


def test_blind30_after_its_reading() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        seekers, jobs, qrels = ev.load_split("blind30")
    with ages_counted_in(ev.EVAL_YEAR):
        m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, year=ev.EVAL_YEAR, today=ev.EVAL_DATE)
        rows = ev.summary(ev.per_query(ev.matcher_ranker(m), qrels))
    # first run (the session's starting code 6cad6afb): 0.794 / 0.852 (NDCG@10, seekers / postings); after its reading
    # (emp-read30): see docs/matching.md "Session 30 (branch emp-read30)"
    # 0.84965 → 0.85684 with the fourth certificate word's licences (emp-bits30: docs/matching.md "Session 30 (branch
    # emp-bits30)")
    # 0.85684 / 0.89002 → 0.86304 / 0.90763 with the seekers' dated windows and "only a stated period" (emp-window31:
    # docs/matching.md "Session 31 (branch emp-window31)")
    # 0.86304 / 0.90763 → 0.87490 / 0.91406 with languages as skills (emp-lang31: docs/matching.md "Session 31 (branch
    # emp-lang31)": J003, J134 ask English, J112 白话, met only by the rows stating it)
    # 0.87490 / 0.91406 → 0.88938 / 0.91736 with the employer's kind (emp-lang31: S17, S39 "不去民宿", S23 "不去酒店",
    # S29 "只做饮品店")
    # 0.88938 / 0.91736 → 0.89562 / 0.92213 (fixcr35a: S07's "不想再去广东" refuses 广东, read before as a place named)
    assert (round(rows["seekers"][0], 5), round(rows["jobs"][0], 5)) == (0.89562, 0.92213)

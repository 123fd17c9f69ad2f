"""Session 34 (emp-read34): blind34 read after its one run — a county's 劳务协作 station placing people outside the county
(广东, 福建, 浙江, 江苏, 海南, 北海市区, 钦州, 南宁) and with the county's own employers. The readings: a region named as a
place (珠三角: nine cities, not 湛江), "省外/区外" (outside the home province only), a city covering its county-level cities
(泉州 ⊃ 晋江, 石狮; 苏州 ⊃ 昆山; 义乌 in 金华), a start only after 春节 against a post to be joined before it, 春节 duty
written "春节在岗", going home for 春节 (not each day), a couple's room asked against a post with none, and a labour
company sending its hires to a factory (dispatch). Own sentences, none of blind34's rows: for each reading one that must
fire and a look-alike that must not, in the kernel, the numpy path and the oracle (`constraints.violations`) alike."""

import contextlib
import io

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching import evaluate as ev
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    CERT_BITS,
    NO_COUPLE_ROOM_OK,
    START_BEFORE_SPRING_OK,
    TOP_OF_FIFTH_WORD,
    ages_counted_in,
    infer_seeker_limits,
    posting_has_no_couple_room,
    posting_starts_before_spring,
    seeker_needs_couple_room,
    seeker_starts_after_spring,
    term_conditions,
    term_limits,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")


def seeker(sid: str, *, places: str = "县内", notes: str = "", desired: str = "电子厂普工",
           residence: str = "石湾镇") -> Seeker:
    return Seeker(id=sid, age=30, gender="男", residence=residence, desired=desired, places=places, notes=notes,
                  certificates="无", education="初中", wage="4000", experience="电子厂普工2年")


def post(jid: str, *, place: str = "廉州镇", description: str = "手机配件组装；长白班。", benefits: str = "包吃住",
         title: str = "电子厂普工") -> Job:
    return Job(id=jid, title=title, employer="某电子有限公司", place=place, description=description,
               age="18-45周岁", wage="4000-5500", certificates="无", education="不限", benefits=benefits)


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


# ------------------------------------------------------------------------- a region named: 珠三角


def test_the_pearl_river_delta_is_its_nine_cities_not_guangdong() -> None:
    home = GAZ.resolve("石湾镇")
    level, named = GAZ.acceptable("去珠三角进厂", home=home)
    assert level == 0 and set(named) == {"4401", "4403", "4404", "4406", "4407", "4412", "4413", "4419", "4420"}
    # look-alike: the province is every city of it, 湛江 included
    assert GAZ.acceptable("广东哪里都行", home=home) == (5, ("44",))
    assert GAZ.acceptable("广东", home=home) == (0, ("44",))


@both_paths
def test_a_delta_seeker_takes_zhaoqing_and_dongguan_not_zhanjiang_nor_home(kernel, monkeypatch) -> None:
    s = seeker("S", places="珠三角")
    jobs = [post("ZQ", place="广东肇庆高要区"), post("DG", place="广东东莞塘厦镇"), post("ZJ", place="广东湛江麻章区"),
            post("HP", place="廉州镇")]
    assert offered(s, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["DG", "ZQ"]
    assert [broken(s, j) for j in jobs] == [[], [], ["place"], ["place"]]
    # look-alike: a seeker naming the province takes 湛江 too (and no home post)
    g = seeker("G", places="广东")
    assert offered(g, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["DG", "ZJ", "ZQ"]


# ------------------------------------------------------------------------- outside the province: 省外 / 区外


def test_out_of_province_said_alone_is_every_other_province_not_home() -> None:
    home = GAZ.resolve("石湾镇")
    level, named = GAZ.acceptable("区外", home=home)
    assert level == 0 and "45" not in named and {"44", "35", "33", "32", "46"} <= set(named)
    assert GAZ.acceptable("出省打工", home=home)[0] == 0
    # look-alikes: out or home ("省外也行"), beside the county ("县内、省外都可以"), refused ("不出省"), said of the past in
    # the notes only ("前几年一直在省外干")
    assert GAZ.acceptable("省外也行", home=home) == (5, ())
    assert GAZ.acceptable("县内、省外都可以", home=home) == (5, ())
    assert GAZ.acceptable("不出省", home=home) == (4, ())
    # corrected by fixcr34c: a past stay names no place wished — the default county, not anywhere
    assert GAZ.acceptable("", home=home, notes="前几年一直在省外干") == (2, ())


@both_paths
def test_an_out_of_province_seeker_takes_fujian_not_the_county_nor_nanning(kernel, monkeypatch) -> None:
    s = seeker("S", places="省外")
    jobs = [post("FJ", place="福建厦门集美区"), post("NN", place="南宁市西乡塘区"), post("HP", place="合浦工业园")]
    assert offered(s, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["FJ"]
    assert [broken(s, j) for j in jobs] == [[], ["place"], ["place"]]
    also = seeker("A", places="省外也行")
    assert offered(also, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["FJ", "HP", "NN"]


# ------------------------------------------------------------------------- a city covers its county-level cities


def test_a_county_level_city_is_inside_the_city_that_covers_it() -> None:
    assert (GAZ.resolve("福建晋江陈埭镇"), GAZ.resolve("石狮市"), GAZ.resolve("江苏昆山周市镇")) == ("350582", "350581",
                                                                                                  "320583")
    assert GAZ.resolve("浙江义乌").startswith("3307") and not GAZ.resolve("浙江义乌").startswith("3302")


@both_paths
def test_a_quanzhou_seeker_takes_shishi_and_a_ningbo_seeker_not_yiwu(kernel, monkeypatch) -> None:
    jobs = [post("SS", place="福建石狮市"), post("YW", place="浙江义乌市"), post("KS", place="江苏昆山市")]
    assert offered(seeker("Q", places="福建泉州"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["SS"]
    assert offered(seeker("N", places="浙江宁波"), jobs, kernel=kernel, monkeypatch=monkeypatch) == []
    assert offered(seeker("Z", places="苏州"), jobs, kernel=kernel, monkeypatch=monkeypatch) == ["KS"]
    assert broken(seeker("N", places="浙江宁波"), jobs[1]) == ["place"]


# ------------------------------------------------------------------------- a start only after 春节


def test_a_start_after_spring_said_and_a_post_to_be_joined_before_it() -> None:
    assert [seeker_starts_after_spring(t) for t in ("过完年才出去", "开年再走", "正月初十以后", "年前走不了")] == [True] * 4
    # look-alikes: a window before 春节, going home for it, after it offered as fine
    assert [seeker_starts_after_spring(t) for t in ("年前可以去，过年回家", "年后也可以", "过年要回家")] == [False] * 3
    assert [posting_starts_before_spring(t) for t in ("春节前到岗", "12月20日前到岗", "十二月内入职", "年前急招司机")] == [True] * 4
    # corrected by fixcr34c: a bare "急招" hires now in any month, it says nothing of 春节
    assert posting_starts_before_spring("急招司机") is False
    # look-alikes: a start after it, a start before it rewarded not asked, silent
    assert [posting_starts_before_spring(t) for t in ("年后开工，急招", "年前到岗有奖励", "长白班，包吃住")] == [False] * 3
    assert TOP_OF_FIFTH_WORD[START_BEFORE_SPRING_OK] == 58 and CERT_BITS[START_BEFORE_SPRING_OK].word == 4


@both_paths
def test_an_after_spring_seeker_is_not_sent_to_a_post_joined_before_it(kernel, monkeypatch) -> None:
    late = seeker("L", notes="过完年才出去")
    ready = seeker("R", notes="年前可以去，过年回家")
    now = post("NOW", description="十二月内入职，长白班。")
    after = post("AFT", description="正月初十到岗，长白班。")
    silent = post("SIL")
    assert takers(now, [late, ready], kernel=kernel, monkeypatch=monkeypatch) == ["R"]
    assert takers(after, [late, ready], kernel=kernel, monkeypatch=monkeypatch) == ["L", "R"]
    assert takers(silent, [late, ready], kernel=kernel, monkeypatch=monkeypatch) == ["L", "R"]
    assert (broken(late, now), broken(late, after), broken(ready, now)) == (["start"], [], [])


# ------------------------------------------------------------------------- 春节 duty, and home for 春节


def test_spring_duty_written_on_duty_and_home_for_spring_not_each_day() -> None:
    assert term_conditions("过年期间留厂，节后调休") == {"SPRING_DUTY"}
    assert term_conditions("春节在岗，另行补休") == {"SPRING_DUTY"}
    # look-alikes: a bonus for those on duty, not a condition
    assert term_conditions("春节在岗的发双倍工资") == frozenset() == term_conditions("过年留厂有补贴")
    assert term_limits("年前能干，春节得回家") == {"SPRING_DUTY"}
    assert "AWAY" not in infer_seeker_limits("年前能干，春节得回家")
    # look-alike: home every evening is each day's
    assert "AWAY" in infer_seeker_limits("每天要回家")


@both_paths
def test_home_for_spring_keeps_a_post_away_from_home_and_refuses_spring_duty(kernel, monkeypatch) -> None:
    s = seeker("S", places="广东东莞", notes="年前能干，春节得回家")
    away = post("AW", place="广东东莞长安镇", description="驻外项目，长白班。")
    duty = post("DU", place="广东东莞长安镇", description="过年期间留厂，节后调休。")
    assert offered(s, [away, duty], kernel=kernel, monkeypatch=monkeypatch) == ["AW"]
    assert (broken(s, away), broken(s, duty)) == ([], ["terms:SPRING_DUTY"])


# ------------------------------------------------------------------------- a couple's room


def test_a_couple_room_asked_or_wished_and_a_post_with_none() -> None:
    assert seeker_needs_couple_room("两口子一起，必须安排夫妻房")
    assert not seeker_needs_couple_room("两口子一起，希望能有夫妻房") and not seeker_needs_couple_room("有夫妻房就更好")
    assert posting_has_no_couple_room("宿舍四人间，不提供夫妻房") and posting_has_no_couple_room("只招单身，不招夫妻")
    assert not posting_has_no_couple_room("可提供夫妻房") and not posting_has_no_couple_room("欢迎夫妻一起来")
    assert TOP_OF_FIFTH_WORD[NO_COUPLE_ROOM_OK] == 57


@both_paths
def test_a_couple_asking_a_room_is_not_sent_where_there_is_none(kernel, monkeypatch) -> None:
    needs = seeker("N", notes="两口子一起，必须安排夫妻房")
    wishes = seeker("W", notes="两口子一起，希望能有夫妻房")
    none = post("NO", benefits="包住，宿舍四人间，不提供夫妻房")
    room = post("RM", benefits="包吃住，可提供夫妻房")
    assert takers(none, [needs, wishes], kernel=kernel, monkeypatch=monkeypatch) == ["W"]
    assert takers(room, [needs, wishes], kernel=kernel, monkeypatch=monkeypatch) == ["N", "W"]
    assert (broken(needs, none), broken(wishes, none), broken(needs, room)) == (["couple_room"], [], [])


# ------------------------------------------------------------------------- a labour company sending hires to a factory


def test_a_labour_company_sending_its_hires_is_dispatch() -> None:
    assert term_conditions("人力资源公司统一输送，进厂做包装") == {"DISPATCH"}
    assert term_conditions("由劳务服务公司组织外派到电子厂") == {"DISPATCH"}
    # look-alike: a company's own staff posted away
    assert term_conditions("本公司员工外派海外项目") == frozenset()


@both_paths
def test_a_direct_hire_only_seeker_refuses_a_labour_companys_placement(kernel, monkeypatch) -> None:
    direct = seeker("D", notes="只要工厂直招")
    any_ = seeker("A")
    sent = post("SE", description="由劳务服务公司组织外派到电子厂，长白班。")
    assert takers(sent, [direct, any_], kernel=kernel, monkeypatch=monkeypatch) == ["A"]
    assert broken(direct, sent) == ["terms:DISPATCH"]


# ------------------------------------------------------------------------- the split itself


def test_blind34_after_its_reading() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        seekers, jobs, qrels = ev.load_split("blind34")
    with ages_counted_in(ev.EVAL_YEAR):
        m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ, year=ev.EVAL_YEAR, today=ev.EVAL_DATE)
        rows = ev.summary(ev.per_query(ev.matcher_ranker(m), qrels))
    # first run (the session's starting code b1b572a1): 0.872 / 0.895 (NDCG@10, seekers / postings); after its reading
    # (emp-read34): see eval/README.md "Session 34 (branch emp-read34)"; emp-left34 (an end of work said alone past 22:00,
    # a start after 春节 preferred): 0.95322 → 0.96142 for the seekers; "外出" alone outside the county: → 0.96261 / 0.9621
    # (`S05`, 外出, now ranks first on two far posts graded 0 for him, above their graded seekers)
    assert (round(rows["seekers"][0], 5), round(rows["jobs"][0], 5)) == (0.96261, 0.9621)

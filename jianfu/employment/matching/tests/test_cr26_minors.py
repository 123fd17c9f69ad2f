"""fix-cr26a: the code review of session 26's readings (minors.py, `parse.withholds_wages`). Each finding's sentence
must now read as the reviewer says, and a look-alike that must still fire still does — in the kernel, the numpy path
and the oracle (`constraints.violations`) alike where a pair is asked."""

from collections.abc import Iterator

import pytest

from jianfu.employment.matching import minors
from jianfu.employment.matching.parse import (
    MINOR_LEVELS,
    NOT_INTERN_SEEKER,
    ages_counted_in,
    negated,
    withholds_wages,
)
from jianfu.employment.matching.tests.test_blind26_read import broken, post, seeker
from jianfu.employment.matching.tests.two_paths import both_paths, takers

INTERN = seeker("S1", 17, desired="岗位实习，普工", education="中职在读（2027届数控技术应用）", category="在校生")
ADULT = seeker("S2", 30)


@pytest.fixture(autouse=True)
def _in_2026() -> Iterator[None]:
    with ages_counted_in(2026):
        yield


# ------------------------------------------------------------------------------------ #1 a wage never withheld


@both_paths
def test_no_arrears_and_no_cash_are_no_wage_withheld(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ("长白班，无工资拖欠，按月发放", "工资不发现金，每月10号打卡", "无薪资拖欠，按时发放"):
        assert not withholds_wages(text), text
        job = post("J1", "普工", text)
        assert [broken(p, job) for p in (INTERN, ADULT)] == [[], []], text
        assert takers(job, [INTERN, ADULT], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"], text
    for text in ("学徒期不发工资", "前三个月没有工资", "只包吃住不发工资", "学徒期工资不发，只包吃住"):
        assert withholds_wages(text), text
        job = post("J2", "普工", text)
        assert [broken(p, job) for p in (INTERN, ADULT)] == [["wages"], ["wages"]], text
        assert takers(job, [INTERN, ADULT], kernel=kernel, monkeypatch=monkeypatch) == [], text


# ------------------------------------------------------------------------------------ #2 an agency


@both_paths
def test_a_post_refusing_agencies_and_an_estate_agent_are_open_to_an_intern(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_posts = [post("J1", "普工", "厂家直招，非中介，长白班，做五休二"), post("J2", "普工", "拒绝中介，长白班"),
                  post("J3", "普工", "谢绝中介，不接受劳务派遣，长白班"),
                  post("J4", "普工", "长白班", employer="本公司非劳务公司"),
                  post("J5", "实习置业顾问", "带客户看房，白班，双休", employer="合浦某房产中介有限公司"),
                  # the lead's re-read: the two commonest ways a posting turns agencies away
                  post("J9", "普工", "中介勿扰，厂家直招，长白班"), post("J10", "普工", "不收任何费用，不收中介费，长白班")]
    for job in open_posts:
        assert [broken(p, job) for p in (INTERN, ADULT)] == [[], []], job.description
        assert takers(job, [INTERN, ADULT], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"], job.description
    for job in (post("J6", "普工", "经中介介绍进厂，长白班"), post("J7", "数控学徒", "长白班", employer="北海某劳务派遣有限公司"),
                post("J8", "普工", "长白班", employer="合浦某职业介绍所"), post("J11", "普工", "收取中介费300元，长白班")):
        assert [broken(p, job) for p in (INTERN, ADULT)] == [["minor:" + MINOR_LEVELS[2]], []], job.employer
        assert takers(job, [INTERN, ADULT], kernel=kernel, monkeypatch=monkeypatch) == ["S2"], job.employer


# ------------------------------------------------------------------------------------ #3 a games company, #4 不锈钢


@both_paths
def test_a_games_software_company_is_no_games_hall(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    minor, adult = seeker("S1", 17, desired="美工"), seeker("S2", 19, desired="美工")
    software = post("J1", "美工", "游戏原画设计", employer="合浦某电子游戏软件有限公司")
    hall = post("J2", "收银员", "白班，充值", employer="合浦某电子游戏厅")
    assert [broken(p, software) for p in (minor, adult)] == [[], []]
    assert takers(software, [minor, adult], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]
    assert [broken(p, hall) for p in (minor, adult)] == [["minor:" + MINOR_LEVELS[0]], []]
    assert takers(hall, [minor, adult], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


@both_paths
def test_stainless_steel_and_seamless_pipe_are_welding_still(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    minor, adult = seeker("S1", 17, desired="焊工"), seeker("S2", 19, desired="焊工")
    for job in (post("J1", "焊工", "不锈钢焊接"), post("J2", "焊工", "无缝管焊接")):
        assert [broken(p, job) for p in (minor, adult)] == [["minor:" + MINOR_LEVELS[1]], []], job.description
        assert takers(job, [minor, adult], kernel=kernel, monkeypatch=monkeypatch) == ["S2"], job.description
    for job in (post("J3", "装配工", "无需焊接，装配不锈钢件"), post("J4", "装配工", "不涉及焊接"),
                post("J5", "装修杂工", "递工具，不喷漆")):
        assert [broken(p, job) for p in (minor, adult)] == [[], []], job.description
        assert takers(job, [minor, adult], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"], job.description


# ------------------------------------------------------------------------------------ #5 备案, 不定时加班


@both_paths
def test_an_employers_own_filing_and_irregular_overtime_bar_an_internship(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for job in (post("J1", "普工", "正规企业，用工已在人社局备案，两班倒，月休4天"), post("J2", "普工", "白班，不定时加班"),
                post("J3", "普工", "白班，不定期加班")):
        assert [broken(p, job) for p in (INTERN, ADULT)] == [["minor:" + MINOR_LEVELS[2]], []], job.description
        assert takers(job, [INTERN, ADULT], kernel=kernel, monkeypatch=monkeypatch) == ["S2"], job.description
    for job in (post("J4", "护理实习生", "跟带教老师上白班和夜班，夜班按规定报教育局备案"), post("J5", "普工", "白班，不加夜班"),
                post("J6", "普工", "白班，不强制加班")):
        assert [broken(p, job) for p in (INTERN, ADULT)] == [[], []], job.description
        assert takers(job, [INTERN, ADULT], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"], job.description


# ------------------------------------------------------------------------------------ #6 a graduate


def test_a_graduate_who_won_a_prize_at_school_is_no_student() -> None:
    assert minors.seeker_lacks(19, "中专毕业（在校期间获奖学金）", "", "实习、普工") == frozenset()
    assert minors.seeker_lacks(19, "中职在读（2027届毕业）", "在校生", "岗位实习") == {MINOR_LEVELS[2], MINOR_LEVELS[3]}
    assert minors.seeker_lacks(17, "技校在校", "", "寒假工") == {MINOR_LEVELS[0], MINOR_LEVELS[1], MINOR_LEVELS[3]}
    nights = post("J1", "普工", "两班倒")
    graduate = seeker("S3", 19, desired="实习、普工", education="中专毕业（在校期间获奖学金）")
    assert [broken(p, nights) for p in (INTERN, graduate)] == [["minor:" + MINOR_LEVELS[2]], []]


# ------------------------------------------------------------------------------------ #7 one negation


def test_one_negation_whole_words_or_a_single_character_right_before() -> None:
    def neg(s: str, word: str) -> bool:
        return negated(s, s.index(word))
    assert [neg(s, w) for s, w in (("不喷漆", "喷漆"), ("无夜班", "夜班"), ("非中介", "中介"), ("拒绝中介", "中介"),
                                   ("不需要上外墙", "外墙"), ("不加夜班", "夜班"), ("绝不会不发工资", "不发工资"))] == [True] * 7
    assert [neg(s, w) for s, w in (("不锈钢焊接", "焊接"), ("无缝管焊接", "焊接"), ("不定时加班", "加班"),
                                   ("不用，夜班", "夜班"))] == [False] * 4
    assert NOT_INTERN_SEEKER not in minors.posting_needs("合浦某厂", "普工", "不用加班")

"""Session 31 (emp-window31): a seeker's dated window against a posting's stated period, and a seeker who takes only a
post stating its period (`seasons`; `SeekerTable.window_from`/`window_to`, `JobTable.end`, `parse.PERIOD_UNSTATED_OK`).
Own sentences: a wording that must fire beside a look-alike that must not, in the kernel, the numpy path and the oracle
(`constraints.violations`) alike."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from jianfu.employment.matching import Job, Seeker, matcher, seasons
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import build_jobs, build_seekers
from jianfu.employment.matching.parse import CERT_BITS, NOT_CERTIFICATES, PERIOD_UNSTATED_OK
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths

pytestmark = pytest.mark.usefixtures("ages_in_2026")

TODAY = date(2026, 12, 7)


def student(sid: str, notes: str) -> Seeker:
    return Seeker(id=sid, age=20, gender="男", residence="廉州镇", desired="服务员", places="县城", notes=notes,
                  certificates="健康证", education="高中", wage="3000")


def post(jid: str, description: str, title: str = "餐厅服务员") -> Job:
    return Job(id=jid, title=title, employer="合浦某饭店", place="廉州镇", description=description, age="18-50岁",
               wage="3500", certificates="", benefits="包吃")


def offered(s: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    m = matcher.Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ, today=TODAY)
    return sorted(r.job_id for r in m.jobs_for(s))


def takers(j: Job, seekers: list[Seeker], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    m = matcher.Matcher(jobs=[j], seekers=seekers, gazetteer=GAZ, today=TODAY)
    return sorted(r.seeker_id for r in m.seekers_for(j))


# ------------------------------------------------------------------------------------------------- the readings


@pytest.mark.parametrize(("text", "window"), [
    ("放寒假了，2027年1月12日到2月26日可以上班", (20270112, 20270226)),
    ("寒假1月12号至2月26号", (20270112, 20270226)),                       # no year: the next coming
    ("只做6月到9月底", (20270601, 20270930)),                                # a month's 底 is its last day
    ("学校1月13号放假，2月27号开学", (20270113, 20270226)),                  # the days between
    ("只做6、7两个月", (20270601, 20270731)),
    ("寒假1月18号放到2月25号", (20270118, 20270225)),
    # look-alikes: a time away, a past job, a span too long to be a window, no dates
    ("1月12日到2月26日要回老家", (0, 0)),
    ("2020年3月到2024年5月在东莞电子厂", (0, 0)),
    ("2027年1月至2027年12月", (0, 0)),
    ("寒假想打工", (0, 0)),
])
def test_a_seekers_window(text: str, window: tuple[int, int]) -> None:
    assert seasons.seeker_window(text, TODAY) == window


@pytest.mark.parametrize(("today", "window"), [
    (date(2026, 6, 30), (20260701, 20260831)),     # before the months: this year's
    (date(2026, 7, 15), (20260701, 20260831)),     # inside them (the code review's case: it read next year's)
    (date(2026, 8, 31), (20260701, 20260831)),     # their last day
    (date(2026, 9, 1), (20270701, 20270831)),      # after them: next year's
])
def test_months_named_without_a_year_are_this_years_until_the_last_has_passed(today: date,
                                                                             window: tuple[int, int]) -> None:
    assert seasons.seeker_window("只做7、8月", today) == window
    # a post of this summer is inside the window in July, not refused as outside it
    lo, hi = window
    assert seasons.outside_window(lo, hi, 20260720, 20260820) is (lo > 20260820)


def test_a_window_without_its_year_needs_today() -> None:
    assert seasons.seeker_window("寒假1月12号至2月26号") == (0, 0)
    assert seasons.seeker_window("2027年1月12日至2月26日") == (20270112, 20270226)


@pytest.mark.parametrize(("text", "end", "states"), [
    ("2027年1月22日至2月18日，午市晚市两班。", 20270218, True),
    ("1月22号到2月18号，包吃住。", 20270218, True),
    ("2026年12月20日至2027年2月28日冬季旺季。", 20270228, True),
    ("2027年6月至9月。", 20270930, True),                      # a month alone ends on its last day
    ("寒假工，包吃。", 0, True),                                # a break named for the work: a period, undated
    # look-alikes: an application's dates, a clock range, a silent post
    ("报名时间1月2日至1月9日，长白班8:00-17:00。", 0, False),
    ("11:00-14:00、17:00-21:00两班。", 0, False),
    ("长期招聘，月休4天。", 0, False),
])
def test_a_postings_stated_period(text: str, end: int, states: bool) -> None:
    assert seasons.posting_end(text, TODAY) == end
    assert seasons.states_period(text, TODAY) is states


@pytest.mark.parametrize(("text", "only"), [
    ("只找写明寒假期间的短期工", True),
    ("只做注明期限的临时工", True),
    ("寒假打工，长期的不去", True),
    ("寒假打工，长期的也可以", False),
    ("想找长期的，冬天也要有活", False),
    ("短期长期都行", False),
])
def test_only_a_stated_period(text: str, only: bool) -> None:
    assert seasons.only_stated_period(text) is only


def test_the_flag_is_no_certificate() -> None:
    assert CERT_BITS[PERIOD_UNSTATED_OK].word == 3
    assert PERIOD_UNSTATED_OK in NOT_CERTIFICATES          # never named in an explanation


def test_the_tables_carry_the_dates() -> None:
    S = build_seekers([student("s", "寒假2027年1月12日到2月26日")], GAZ, today=TODAY)
    J = build_jobs([post("j", "2027年1月22日至2月18日。"), post("k", "长白班8:00-17:00。")], GAZ, today=TODAY)
    assert (int(S.window_from[0]), int(S.window_to[0])) == (20270112, 20270226)
    assert J.end.tolist() == [20270218, 0]
    assert J.start.tolist() == [20270122, 0]


# ---------------------------------------------------------------------------------------- in both paths and the oracle

WINTER = "寒假2027年1月12日到2月26日"
POSTS = [
    post("inside", "2027年1月22日至2月18日，午市晚市两班。"),
    post("overlap", "2027年1月5日至2月10日，春节前后。"),           # overlaps the window: the writers disagree, kept
    post("summer", "2027年7月1日至8月31日暑期。", title="暑期服务员"),    # wholly after it
    post("early", "2026年12月10日至2027年1月8日元旦档。"),            # wholly before it
    post("starts_late", "2027年3月1日入职，长期。"),                  # starts after its last day
    post("silent", "长白班9:00-18:00，月休4天。"),                    # silent on its term: open to a window
]


@both_paths
def test_a_window_refuses_a_period_wholly_outside_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = student("s", WINTER)
    assert offered(s, POSTS, kernel=kernel, monkeypatch=monkeypatch) == ["inside", "overlap", "silent"]
    for j in POSTS:
        assert ("window" in violations(s, j, GAZ, today=TODAY)) is (j.id in ("summer", "early", "starts_late"))


@both_paths
def test_no_window_refuses_nothing(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    s = student("s", "寒假想打工，做什么都行")
    assert offered(s, POSTS, kernel=kernel, monkeypatch=monkeypatch) == sorted(j.id for j in POSTS)
    assert all(not violations(s, j, GAZ, today=TODAY) for j in POSTS)


@both_paths
def test_only_a_stated_period_refuses_a_silent_post(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    only = student("only", WINTER + "，只找写明寒假期间的短期工")
    plain = student("plain", WINTER)
    silent, dated = POSTS[-1], POSTS[0]
    named = post("named", "寒假工，午市晚市两班。", title="寒假服务员")
    assert takers(silent, [only, plain], kernel=kernel, monkeypatch=monkeypatch) == ["plain"]
    assert takers(dated, [only, plain], kernel=kernel, monkeypatch=monkeypatch) == ["only", "plain"]
    assert takers(named, [only, plain], kernel=kernel, monkeypatch=monkeypatch) == ["only", "plain"]
    assert violations(only, silent, GAZ, today=TODAY) == ["period"]
    assert violations(only, dated, GAZ, today=TODAY) == []
    assert violations(plain, silent, GAZ, today=TODAY) == []


def test_the_kernels_feasible_columns_agree() -> None:
    from jianfu.employment.matching import kernel as k
    S = build_seekers([student("s", WINTER)], GAZ, today=TODAY)
    J = build_jobs(POSTS, GAZ, today=TODAY)
    mask = k.feasible(S, 0, J, np.arange(len(POSTS)))
    assert [j.id for j, ok in zip(POSTS, mask, strict=True) if ok] == ["inside", "overlap", "silent"]

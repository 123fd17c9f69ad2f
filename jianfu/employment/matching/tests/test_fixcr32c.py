"""Session 32 (fixcr32c): the code review's findings on session 32's term, last-day and height readings mended — a
bonus or experience after a term and a term negated are no term (`seasons.posting_term_months`), a last day written
without its year is this year's while the stretch to it runs (`seasons.seeker_until`), a seeker stating no height is
told their own sex's minimum alone (`explain`), and one reading of a range's end (`minors.end_of`). Own sentences: each
wording beside a look-alike, in the kernel, the numpy path and the oracle alike."""

from __future__ import annotations

from datetime import date

import pytest

from jianfu.employment.matching import Job, Seeker, matcher, minors, seasons
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths

pytestmark = pytest.mark.usefixtures("ages_in_2026")

TODAY = date(2026, 12, 7)


def offered(s: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    m = matcher.Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ, today=TODAY)
    return sorted(r.job_id for r in m.jobs_for(s))


# ------------------------------------------------------------------ 1. a bonus or experience after a prefixed term


# Look-alikes of a term (the code review's): experience asked, a bonus for a stay — with 须/需/要求/服务期 before them.
# The one list (session 33, emp-product33 #5): test_left32.py's stated-term cases carried three of them again.
PREFIXED_TERM_LOOKALIKES = ("需工作满3年以上经验", "要求工作满2年经验", "须做满3个月返费", "须做满3个月返费500元",
                            "服务期1年奖励2000元", "必须干满一个月发全勤奖")


@pytest.mark.parametrize(("text", "months"), [
    # a term still read: its clause ends before the bonus, or nothing follows it
    ("须做满3个月，返费另计", 3),
    ("需工作满3年", 36),
    ("要求工作满2年，工资面议", 24),
    ("服务期1年，2027年3月上岗", 12),
    *((text, 0) for text in PREFIXED_TERM_LOOKALIKES),
])
def test_a_term_followed_by_a_bonus_or_experience_is_none(text: str, months: int) -> None:
    assert seasons.posting_term_months(text) == months


# ------------------------------------------------------------------ 3. a term negated by more than 不


@pytest.mark.parametrize(("text", "months"), [
    ("无需做满3个月，随时可走", 0),
    ("无须做满6个月", 0),
    ("毋须做满6个月", 0),
    ("不必须做满3个月", 0),
    ("并不要求必须做满3个月", 0),
    ("没有要求做满6个月", 0),
    ("不需要做满3个月", 0),
    ("不必做满3个月", 0),
    # look-alikes: a negation in another clause, a term asked right after a refusal
    ("无需经验，须做满3个月", 3),
    ("不包住，须做满6个月", 6),
    ("不加班须做满6个月", 6),
])
def test_a_term_negated_is_none(text: str, months: int) -> None:
    assert seasons.posting_term_months(text) == months


def graduate(sid: str, notes: str) -> Seeker:
    return Seeker(id=sid, age=23, gender="女", residence="廉州镇", desired="社区工作者", places="县城", notes=notes,
                  education="本科", wage="2800")


def community(jid: str, description: str) -> Job:
    return Job(id=jid, title="社区工作者", employer="合浦县廉州镇人民政府", place="廉州镇", age="18-35周岁",
               education="大专及以上", wage="3000", description=description, certificates="", benefits="五险")


EXPERIENCE = community("J-experience", "需工作满3年以上经验。居民服务。")
BONUS = community("J-bonus", "须做满3个月返费，居民服务。")
WAIVED = community("J-waived", "无需做满3个月，随时可走。居民服务。")
TERM = community("J-term", "须做满6个月。居民服务。")


@both_paths
def test_a_short_window_keeps_postings_asking_no_term(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [EXPERIENCE, BONUS, WAIVED, TERM]
    # to 2027-02-28: short of the six months from today (to 2027-06-06), longer than none
    assert offered(graduate("a", "只能做到2027年2月"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-bonus", "J-experience", "J-waived"]
    assert offered(graduate("b", "想稳定"), jobs, kernel=kernel,
                   monkeypatch=monkeypatch) == ["J-bonus", "J-experience", "J-term", "J-waived"]


def test_the_oracle_keeps_postings_asking_no_term() -> None:
    s = graduate("a", "只能做到2027年2月")
    assert [violations(s, j, GAZ, today=TODAY) for j in (EXPERIENCE, BONUS, WAIVED, TERM)] == [[], [], [], ["term"]]


# ------------------------------------------------------------------ 2. a last day written without its year


@pytest.mark.parametrize(("text", "today", "window"), [
    # the month we are in: this year's (the code review's: both read 2027-12-31 on 2026-12-07)
    ("最多做到12月底", TODAY, (20261207, 20261231)),
    ("只能干到12月", TODAY, (20261207, 20261231)),
    ("只能做到6月", date(2026, 6, 7), (20260607, 20260630)),
    ("只干到6月底", date(2026, 6, 30), (20260630, 20260630)),
    # look-alikes: a month to come this year, a month passed (next year's), a day passed in the month we are in
    ("只能做到9月", date(2026, 6, 7), (20260607, 20260930)),
    ("只干到3月", TODAY, (20261207, 20270331)),
    # a day passed in the month we are in is next year's; so is a month passed
    ("只能做到6月5日", date(2026, 6, 7), (20260607, 20270605)),
    ("只能做到1月5日", date(2026, 6, 7), (20260607, 20270105)),
    ("最多做到2026年12月", TODAY, (20261207, 20261231)),
])
def test_a_last_day_without_its_year_is_this_years_while_it_runs(text: str, today: date,
                                                                  window: tuple[int, int]) -> None:
    assert seasons.seeker_window(text, today) == window


@both_paths
def test_a_window_to_this_months_end_refuses_a_term_beyond_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # read as 2027-12-31 before, the window met the six months' term; to 2026-12-31 it does not
    assert offered(graduate("a", "最多做到12月底"), [TERM], kernel=kernel, monkeypatch=monkeypatch) == []
    assert violations(graduate("a", "最多做到12月底"), TERM, GAZ, today=TODAY) == ["term"]


# ------------------------------------------------------------------ 4. a height not stated: the own sex's figure


def applicant(sid: str, gender: str, notes: str) -> Seeker:
    return Seeker(id=sid, age=24, gender=gender, residence="廉州镇", desired="辅警", places="县城", notes=notes,
                  education="高中", wage="3000")


WOMEN = Job(id="J-women", title="勤务辅警", employer="合浦县公安局", place="廉州镇", age="18-30周岁",
            education="高中及以上", wage="3500", description="女性身高160cm以上。参与巡逻防控。", certificates="",
            benefits="五险一金")
BOTH = Job(id="J-both", title="勤务辅警", employer="合浦县公安局", place="廉州镇", age="18-30周岁",
           education="高中及以上", wage="3500", description="男性身高170cm以上、女性160cm以上。参与巡逻防控。",
           certificates="", benefits="五险一金")


def heights_unmet(s: Seeker, j: Job) -> list[str]:
    [r] = matcher.Matcher(jobs=[j], seekers=[s], gazetteer=GAZ, today=TODAY).jobs_for(s)
    return [u for u in r.unmet if "身高" in u]


@pytest.mark.parametrize(("gender", "job", "said"), [
    ("男", WOMEN, []),                                              # the code review's: no women's figure told a man
    ("女", WOMEN, ["身高未填，岗位要求女性160cm以上"]),
    ("男", BOTH, ["身高未填，岗位要求男性170cm以上"]),
    ("女", BOTH, ["身高未填，岗位要求女性160cm以上"]),
    ("", BOTH, ["身高未填，岗位要求男性170cm以上、女性160cm以上"]),  # sex unknown: each sex's
    ("", WOMEN, []),                                                # sex unknown, one sex's figure: binds nobody
])
def test_a_height_not_stated_is_told_its_own_sexs_minimum(gender: str, job: Job, said: list[str]) -> None:
    assert heights_unmet(applicant("x", gender, "裸眼5.0"), job) == said


# ------------------------------------------------------------------ 5. one reading of a range's end


def test_one_reading_of_a_ranges_end() -> None:
    assert minors.end_of("8", "20", None, TODAY) == (8, 20)
    assert minors.end_of("2", None, "底", TODAY) == (2, 28)
    assert minors.end_of("9", None, "初", TODAY) == (9, 1)
    assert minors.end_of("8", None, None, TODAY) == (8, 31)
    # unreadable: no such month or day, no today
    assert [minors.end_of("13", None, None, TODAY), minors.end_of("8", "32", None, TODAY),
            minors.end_of("8", None, None, None)] == [None, None, None]
    assert not hasattr(seasons, "_end_of")
    # the start reading it: a range still running on today is this year's
    assert minors.start_date("7月1日到8月底招暑假工", date(2026, 8, 10)) == 20260810
    assert minors.start_date("7月1日到8月底招暑假工", date(2026, 9, 1)) == 20270701

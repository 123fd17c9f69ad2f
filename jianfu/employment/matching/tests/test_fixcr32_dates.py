"""fixcr32 (code review of session 31, findings 1 and 2): a day 0 ("1月0日") is no date, never an error; one row's
unreadable date never fails the others; a range written without its year is the one still running today (not next
year's), on the seeker's side and the posting's alike (`minors.start_year`, the one helper)."""

from __future__ import annotations

from datetime import date

import pytest

from jianfu.employment.matching import Job, Seeker, matcher, minors, seasons
from jianfu.employment.matching.features import build_jobs, build_seekers
from jianfu.employment.matching.tests.two_paths import GAZ

pytestmark = pytest.mark.usefixtures("ages_in_2026")

TODAY = date(2026, 12, 7)


def student(sid: str, notes: str) -> Seeker:
    return Seeker(id=sid, age=20, gender="男", residence="廉州镇", desired="服务员", places="县城", notes=notes,
                  certificates="健康证", education="高中", wage="3000")


def post(jid: str, description: str) -> Job:
    return Job(id=jid, title="餐厅服务员", employer="合浦某饭店", place="廉州镇", description=description, age="18-50岁",
               wage="3500", certificates="", benefits="包吃")


# ------------------------------------------------------------------------------------------------ finding 1: day 0

@pytest.mark.parametrize("text", ["1月0日至2月3日", "1月0号放假，2月22号开学", "1月32日至2月3日", "1月16号放假，2月0号开学"])
def test_a_day_outside_1_to_31_is_no_date_and_no_error(text: str) -> None:
    assert seasons.seeker_window(text, TODAY) == (0, 0)
    assert seasons.posting_end(text, TODAY) == 0
    assert seasons.states_period(text, TODAY) is False
    assert minors.start_date(text, TODAY) == 0


def test_the_near_miss_with_a_real_day_is_still_read() -> None:
    assert seasons.seeker_window("1月1日至2月3日", TODAY) == (20270101, 20270203)
    assert seasons.seeker_window("1月16号放假，2月22号开学", TODAY) == (20270116, 20270221)
    assert minors.start_date("1月1日至2月3日", TODAY) == 20270101


def test_one_rows_day_0_leaves_the_other_rows_read() -> None:
    J = build_jobs([post("bad", "1月0日至2月3日。"), post("good", "2027年1月22日至2月18日。")], GAZ, today=TODAY)
    assert J.start.tolist() == [0, 20270122]
    assert J.end.tolist() == [0, 20270218]
    S = build_seekers([student("bad", "1月0号放假，2月22号开学"), student("good", "寒假2027年1月12日到2月26日")], GAZ,
                      today=TODAY)
    assert S.window_from.tolist() == [0, 20270112]
    assert S.window_to.tolist() == [0, 20270226]


def test_a_reader_that_raises_is_read_as_none_for_that_row_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from jianfu.employment.matching import features

    def boom(text: object, today: date | None = None) -> int:
        if "坏" in str(text):
            raise ValueError("day is out of range for month")
        return 20270301

    reading = features._unfailing(boom, 0)
    assert [reading("坏日期", TODAY), reading("好日期", TODAY)] == [0, 20270301]


def test_the_matcher_over_a_day_0_posting_lists_the_others() -> None:
    s = student("s", "寒假2027年1月12日到2月26日")
    m = matcher.Matcher(jobs=[post("bad", "1月0日至2月3日。"), post("good", "2027年1月22日至2月18日。")], seekers=[s],
                        gazetteer=GAZ, today=TODAY)
    assert sorted(r.job_id for r in m.jobs_for(s)) == ["bad", "good"]


# ------------------------------------------------------------------------------ finding 2: a range running today

@pytest.mark.parametrize(("text", "today", "window"), [
    ("7月到8月底有空", date(2026, 8, 10), (20260701, 20260831)),        # was 2027
    ("只做6月到9月底", date(2026, 7, 15), (20260601, 20260930)),        # was 2027
    ("6月1日到8月31日有空", date(2026, 8, 15), (20260601, 20260831)),   # was 2027
    ("6月1日到8月31日有空", date(2026, 8, 31), (20260601, 20260831)),   # its last day: still running
    # near-misses: a range already over is next year's, one to come this year's
    ("6月1日到8月31日有空", date(2026, 9, 1), (20270601, 20270831)),
    ("7月到8月底有空", date(2026, 5, 2), (20260701, 20260831)),
    ("只做7、8月", date(2026, 8, 10), (20260701, 20260831)),
    # a range over the new year still running is last year's start
    ("12月20日到2月10日有空", date(2027, 1, 5), (20261220, 20270210)),
    ("12月20日到2月10日有空", date(2026, 12, 7), (20261220, 20270210)),
])
def test_a_seekers_range_running_today_is_this_years(text: str, today: date, window: tuple[int, int]) -> None:
    assert seasons.seeker_window(text, today) == window


@pytest.mark.parametrize(("text", "today", "start", "end"), [
    ("7月到8月底招暑假工", date(2026, 8, 10), 20260810, 20260831),       # running: hires now, ends this August
    ("6月1日到8月31日景区服务", date(2026, 8, 15), 20260815, 20260831),
    ("6月1日到8月31日景区服务", date(2026, 9, 1), 20270601, 20270831),   # over: next year's
    ("6月1日到8月31日景区服务", date(2026, 5, 1), 20260601, 20260831),   # to come: this year's
    ("6月1日入职", date(2026, 8, 15), 20270601, 0),                      # a start alone, 75 days past: its next coming
])
def test_a_postings_range_running_today_is_this_years(text: str, today: date, start: int, end: int) -> None:
    assert minors.start_date(text, today) == start
    assert seasons.posting_end(text, today) == end


@pytest.mark.parametrize(("today", "year"), [
    (date(2026, 8, 10), 2026), (date(2026, 9, 1), 2027), (date(2026, 5, 1), 2026)])
def test_the_one_helper_guesses_the_year(today: date, year: int) -> None:
    assert minors.start_year(7, 1, today, (8, 31)) == year


def test_a_summer_window_running_today_keeps_this_summers_post() -> None:
    today = date(2026, 8, 10)
    s = student("s", "7月到8月底有空")
    jobs = [post("this_summer", "2026年7月1日至8月31日暑期。"), post("next_winter", "2027年1月22日至2月18日。")]
    m = matcher.Matcher(jobs=jobs, seekers=[s], gazetteer=GAZ, today=today)
    assert sorted(r.job_id for r in m.jobs_for(s)) == ["this_summer"]

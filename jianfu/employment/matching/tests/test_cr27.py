"""fix-cr27: the matcher's findings of session 27's code review (numbers are the review's) — a start date read
against today, a deadline that is no start, a 夜班 the posting states itself, a relative's pension, an age limit and a
post sent to a client's site read as conditions, a 专升本 student's 大专 diploma. Pure core: exact values."""

from __future__ import annotations

from datetime import date

import pytest

from jianfu.employment.matching import minors, parse, pensions

TODAY = date(2026, 12, 6)
CONTRACT = frozenset({parse.LABOUR_CONTRACT})
PENSIONER = frozenset({parse.PENSIONER})


# ------------------------------------------------------------------------------ #1 the month we are in, a date just past
@pytest.mark.parametrize(("text", "today", "start"), [
    ("12月到岗", TODAY, 20261206),              # was 20271201
    ("12月1日到岗", TODAY, 20261206),           # was 20271201
    ("11月20日到岗", TODAY, 20261206),          # 16 days past: hiring now
    ("12月20日到岗", date(2027, 1, 10), 20270110),   # last December's, 21 days past across the new year
    ("10月1日到岗", TODAY, 20271001),           # 66 days past: next year's
    ("11月到岗", TODAY, 20271101),              # a month gone by: next year's
    ("1月到岗", TODAY, 20270101),
    ("12月20日到岗", TODAY, 20261220),
])
def test_a_start_month_or_day_read_against_today(text: str, today: date, start: int) -> None:
    assert minors.start_date(text, today) == start


# ------------------------------------------------------------------------------ #2 inside the break: today
@pytest.mark.parametrize(("text", "today", "start"), [
    ("暑假工", date(2027, 7, 20), 20270720),    # was 20280701
    ("寒假工", date(2027, 2, 5), 20270205),     # was 20280115
    ("寒假工", TODAY, 20270115),
    ("暑假工", TODAY, 20270701),
    ("暑假工", date(2027, 9, 1), 20280701),
])
def test_a_break_read_from_today_while_inside_it(text: str, today: date, start: int) -> None:
    assert minors.start_date(text, today) == start


# ------------------------------------------------------------------------------ #3 a dated deadline is no start
def test_a_full_date_deadline_is_no_start() -> None:
    assert minors.start_date("2027年2月28日前到岗", TODAY) == 0          # was 20270228
    assert minors.start_date("2027年3月前到岗", TODAY) == 0
    assert minors.start_date("2027年2月28日前报名，2027年3月1日到岗", TODAY) == 20270301
    assert minors.start_date("2027年3月1日到岗", TODAY) == 20270301


# ------------------------------------------------------------------------------ #4 a 夜班 the posting states itself
def test_stated_day_hours_do_not_cancel_a_stated_night_shift() -> None:
    assert minors._internship_bars("某电子厂", "需上夜班，工作时间8:00-12:00，13:30-17:30", "3000") is True
    assert "NIGHT" in parse.infer_job_demands("需上夜班，工作时间8:00-12:00，13:30-17:30")
    # a 晚班 that ends by 22:00 is still day work
    assert minors._internship_bars("某商场", "晚班14:00-22:00", "3000") is False
    assert parse.night_lifted_by_hours("晚班14:00-22:00") is True
    assert parse.night_lifted_by_hours("需上夜班，工作时间8:00-12:00，13:30-17:30") is False


# ------------------------------------------------------------------------------ #6 a relative's pension
@pytest.mark.parametrize(("text", "draws"), [
    ("老伴已退休", False), ("丈夫有退休金", False), ("父母已退休", False), ("父亲退休金3000", False),
    ("本人已退休", True), ("我和老伴都已退休", True), ("老伴在家，我已退休", True), ("退休金3000", True),
])
def test_a_relatives_pension_is_not_the_seekers(text: str, draws: bool) -> None:
    assert pensions.draws_pension(text) is draws
    lacks = pensions.seeker_lacks("男", 55, notes=text, year=2026)
    assert lacks == (CONTRACT if draws else PENSIONER)


# ------------------------------------------------------------------------------ #7, #8 an age limit; a 派遣 that is none
@pytest.mark.parametrize(("description", "needs"), [
    ("年龄限退休年龄以下", frozenset()),                 # was the pensioner's post
    ("派遣到客户小区值守", frozenset()),                 # was the labour contract
    ("不是劳务派遣，公司直招", frozenset()),
    ("无需劳务派遣", frozenset()),
    ("非劳务派遣", frozenset()),
    ("劳务派遣岗位", CONTRACT),
    ("派遣制员工", CONTRACT),
    ("本岗位为派遣工", CONTRACT),
    ("限已退休人员", PENSIONER),
    ("年龄限55岁以内，限已退休人员", PENSIONER),
])
def test_posting_needs_read_only_what_is_stated(description: str, needs: frozenset[str]) -> None:
    assert pensions.posting_needs("保安", description) == needs


# ------------------------------------------------------------------------------ #9b 专升本 holds the 大专 diploma
def test_a_top_up_student_holds_the_junior_college_diploma() -> None:
    assert minors.studying("本科在读（专升本）") == (4, 0)
    assert minors.studying("本科在读") == (3, 0)
    assert minors.studying("大专在读，2027年6月毕业") == (3, 20270601)
    assert minors.education_on(5, minors.studying("本科在读（专升本）"), False, 0) == 4


# ------------------------------------------------------------------------------ #14 one `stated`, calendar's month end
def test_one_stated_helper_and_calendar_month_ends() -> None:
    assert not hasattr(minors, "_stated") and not hasattr(pensions, "_stated")
    assert parse.stated(minors._ADULT_WORK, "不焊接") is False
    assert parse.stated(minors._ADULT_WORK, "需焊接") is True
    assert [minors._last_day(2028, 2), minors._last_day(2100, 2), minors._last_day(2027, 4)] == [29, 28, 30]
    assert minors.birth_date("2008年2月出生") == 20080229

"""Working-day arithmetic on China's official calendar (chinese_calendar), incl. 调休."""

from __future__ import annotations

import datetime as dt

from jianfu.dispatch import deadlines as d

BJ = d.BEIJING


def test_holidays_are_skipped_and_make_up_saturday_counts():
    # 2026 National Day: Oct 1-7 off; Saturday Oct 10 is a 调休 working day.
    start = dt.datetime(2026, 9, 30, 10, 0, tzinfo=BJ)
    assert d.due_at(start, workdays=1) == dt.datetime(2026, 10, 8, 23, 59, 59, tzinfo=BJ)
    assert d.due_at(start, workdays=3) == dt.datetime(2026, 10, 10, 23, 59, 59, tzinfo=BJ)
    assert d.due_at(start, workdays=4) == dt.datetime(2026, 10, 12, 23, 59, 59, tzinfo=BJ)


def test_spring_festival_make_up_days():
    # 2026-02-14 (Sat) is a make-up working day, 02-15..02-23 are off.
    start = dt.datetime(2026, 2, 13, 18, 0, tzinfo=BJ)
    assert d.add_workdays(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 14)
    assert d.add_workdays(dt.date(2026, 2, 13), 2) == dt.date(2026, 2, 24)
    assert d.due_at(start, workdays=2) == dt.datetime(2026, 2, 24, 23, 59, 59, tzinfo=BJ)
    assert d.workdays_between(dt.date(2026, 2, 13), dt.date(2026, 2, 24)) == 2


def test_reporting_day_itself_does_not_count_and_utc_input_is_converted():
    # 2026-03-02 17:30 UTC is already Tuesday 01:30 in Beijing: the clock starts from Tuesday.
    start = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)
    assert d.due_at(start, workdays=1) == dt.datetime(2026, 3, 4, 23, 59, 59, tzinfo=BJ)


def test_urgent_events_count_wall_clock_hours_through_holidays():
    start = dt.datetime(2026, 10, 1, 9, 0, tzinfo=BJ)
    due = d.due_at(start, hours=24)
    assert due == dt.datetime(2026, 10, 2, 9, 0, tzinfo=BJ)
    assert d.remind_at(start, due, hours=24) == dt.datetime(2026, 10, 2, 3, 0, tzinfo=BJ)
    assert d.county_escalation_at(due, hours=24) == dt.datetime(2026, 10, 2, 21, 0, tzinfo=BJ)


def test_reminder_and_county_escalation_for_working_day_deadlines():
    start = dt.datetime(2026, 9, 30, 10, 0, tzinfo=BJ)
    due = d.due_at(start, workdays=3)
    assert d.remind_at(start, due) == dt.datetime(2026, 10, 10, 0, 0, tzinfo=BJ)
    # two further working days after Saturday Oct 10: Mon 12, Tue 13
    assert d.county_escalation_at(due) == dt.datetime(2026, 10, 13, 23, 59, 59, tzinfo=BJ)


def test_escalation_level_from_the_clock():
    due = dt.datetime(2026, 5, 6, 23, 59, 59, tzinfo=BJ)
    county = d.county_escalation_at(due)
    assert d.escalation_level(due - dt.timedelta(seconds=1), due, county) == 0
    assert d.escalation_level(due + dt.timedelta(seconds=1), due, county) == 1
    assert d.escalation_level(county + dt.timedelta(seconds=1), due, county) == 2


def test_year_beyond_the_calendar_falls_back_to_weekdays():
    assert d.calendar_known(dt.date(2026, 6, 1)) is True
    assert d.calendar_known(dt.date(2031, 6, 2)) is False
    # Friday 2031-06-06 + 1 working day = Monday 2031-06-09 (no crash)
    assert d.add_workdays(dt.date(2031, 6, 6), 1) == dt.date(2031, 6, 9)

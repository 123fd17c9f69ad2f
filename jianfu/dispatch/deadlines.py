"""Deadline arithmetic on China's official working-day calendar.

Plain functions over aware datetimes (no ORM): the services and the deadline scan call them.

- Normal events get N *working days* (`chinese_calendar.is_workday`, so public holidays are skipped
  and 调休 make-up Saturdays/Sundays count). The reporting day itself does not count (自受理之次日起算);
  the event is due at the end (23:59:59) of the N-th working day after it, Beijing time.
- Urgent events get H wall-clock hours: an emergency does not wait for the holiday.
- A reminder is due at the start of the last working day (normal) or when a quarter of the hours
  remain (urgent, at least one hour).
- Escalation: overdue → township (level 1); overdue by more than `COUNTY_GRACE_WORKDAYS` further
  working days (urgent: `COUNTY_GRACE_HOURS` hours) → county office (level 2).

chinese_calendar ships the State Council's holiday notices for 2004-2026. For a year it does not know
yet we fall back to Monday-Friday and say so in `calendar_known()`; the deployment upgrades the
package when the State Council publishes the next year's notice (usually in November).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar

BEIJING = ZoneInfo("Asia/Shanghai")
END_OF_DAY = dt.time(23, 59, 59)
COUNTY_GRACE_WORKDAYS = 2
COUNTY_GRACE_HOURS = 12

ESCALATION_NONE = 0
ESCALATION_TOWN = 1
ESCALATION_COUNTY = 2


@lru_cache(maxsize=8192)
def is_workday(day: dt.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # year not covered by the installed calendar
        return day.weekday() < 5


def calendar_known(day: dt.date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def add_workdays(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (n >= 1); n == 0 returns `day` itself."""
    if n < 0:
        raise ValueError("n must be >= 0")
    current = day
    remaining = n
    while remaining:
        current += dt.timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: 0 when end <= start."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_workday(current):
            count += 1
    return count


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(BEIJING).date()


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=BEIJING)


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=BEIJING)


def due_at(start: dt.datetime, *, workdays: int | None = None, hours: int | None = None) -> dt.datetime:
    """The deadline: `hours` wall-clock hours when given (urgent), else `workdays` working days."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    if hours:
        return start + dt.timedelta(hours=hours)
    if not workdays or workdays < 1:
        raise ValueError("workdays must be >= 1 when hours is not given")
    return end_of(add_workdays(local_date(start), workdays))


def remind_at(start: dt.datetime, due: dt.datetime, *, hours: int | None = None) -> dt.datetime:
    if hours:
        lead = max(dt.timedelta(hours=1), (due - start) / 4)
        return max(start, due - lead)
    return max(start, start_of(local_date(due)))


def county_escalation_at(due: dt.datetime, *, hours: int | None = None) -> dt.datetime:
    """When an overdue event goes up from the township to the county office."""
    if hours:
        return due + dt.timedelta(hours=COUNTY_GRACE_HOURS)
    return end_of(add_workdays(local_date(due), COUNTY_GRACE_WORKDAYS))


def escalation_level(now: dt.datetime, due: dt.datetime | None, county_at: dt.datetime | None) -> int:
    """The level an event *should* be at, from the clock alone: a catch-up after downtime may jump
    straight to the county; the scan records every level it passes, once."""
    if due is None or now <= due:
        return ESCALATION_NONE
    if county_at is not None and now > county_at:
        return ESCALATION_COUNTY
    return ESCALATION_TOWN


def overdue_workdays(now: dt.datetime, due: dt.datetime) -> int:
    return workdays_between(local_date(due), local_date(now)) if now > due else 0

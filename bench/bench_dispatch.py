"""网格通 deadline scan over 1,000,000 open events: time and peak memory.

The table holds N open events (default 1,000,000; `JIANFU_BENCH_DISPATCH_N` to change), of which 1% are
past their deadline and 1% due for a reminder; 0.2% are also past the county escalation time.

Rows:
- `deadline_scan (1% due)`: `escalation.deadline_scan()` — reminders, township and county escalation with
  timeline entries, notifications and audit — against the floor: the same three steps as hand-written
  set-based SQL (`UPDATE … WHERE …` + `INSERT INTO timeline SELECT …`), no Python per row.
- `deadline_scan (nothing due)`: the steady state every 5 minutes, against the floor `SELECT count(*)`
  with the same WHERE clauses.
Each timed run starts from the same state (the rows it moved are put back, untimed).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path

from bench.common import SMOKE, max_rss_mb, peak_mb, row, setup_django

N = 2_000 if SMOKE else int(os.environ.get("JIANFU_BENCH_DISPATCH_N", "1000000"))
DUE_SHARE = 0.01
COUNTY_SHARE = 0.002
REPEAT = 1 if SMOKE else 3
DB = Path("var/bench/dispatch_smoke.sqlite3" if SMOKE else "var/bench/dispatch.sqlite3")
# The columns the benchmark sets; every other column of dispatch_event gets its model default, so a
# column added to Event later (an encrypted contact, a case number) does not break the bulk insert.
COLUMNS = ("org_code", "county_code", "text", "status", "urgency", "source", "address", "attributes",
           "reporter_name", "reporter_contact", "withhold_identity", "client_id", "feedback_token", "department_code",
           "routing_mode", "routing_candidates", "dispatched_at", "due_at", "remind_at", "county_escalation_at",
           "reminded", "escalation_level", "return_count", "reopen_count", "was_overdue", "resolution", "created_at",
           "updated_at")
CLOCK = ("dispatched", "accepted", "in_progress")


def _populate(now: dt.datetime) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM dispatch_event")
        if cur.fetchone()[0] == N:
            return
        cur.execute("DELETE FROM dispatch_event")
    rng = random.Random(4)
    fmt = "%Y-%m-%d %H:%M:%S"
    nowu = now.astimezone(dt.UTC).replace(tzinfo=None)
    rows = []
    for i in range(1, N + 1):
        r = rng.random()
        if r < COUNTY_SHARE:
            due, county = nowu - dt.timedelta(days=5), nowu - dt.timedelta(days=2)
        elif r < DUE_SHARE:
            due, county = nowu - dt.timedelta(hours=5), nowu + dt.timedelta(days=2)
        else:
            due, county = nowu + dt.timedelta(days=rng.randint(2, 20)), nowu + dt.timedelta(days=25)
        remind = due - dt.timedelta(hours=12) if r < DUE_SHARE * 2 else due - dt.timedelta(days=1)
        if DUE_SHARE <= r < DUE_SHARE * 2:
            remind = nowu - dt.timedelta(hours=1)
        village = f"450521200{rng.randint(201, 215):03d}"
        rows.append((
            village + "001", "450521000000", "事件", CLOCK[i % 3], "normal", "grid", "", "{}", "", "", False, "",
            f"tok{i}", f"450521000000D{rng.randint(1, 22):02d}", "catalogue", "[]",
            (nowu - dt.timedelta(days=3)).strftime(fmt), due.strftime(fmt), remind.strftime(fmt), county.strftime(fmt),
            False, 0, 0, 0, False, "", (nowu - dt.timedelta(days=3)).strftime(fmt), (nowu - dt.timedelta(days=3)).strftime(fmt)))
        if len(rows) == 50_000:
            _insert(rows)
            rows = []
    if rows:
        _insert(rows)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def _defaulted_columns():
    """(column, value or callable) for every NOT NULL column of Event the benchmark does not set."""
    from django.db import connection

    from jianfu.dispatch.models import Event

    out = []
    for field in Event._meta.concrete_fields:
        if field.primary_key or field.column in COLUMNS or field.null:
            continue
        if field.unique:  # a unique default (a token) must be drawn per row
            out.append((field.column, lambda f=field: f.get_db_prep_save(f.get_default(), connection)))
        else:
            out.append((field.column, field.get_db_prep_save(field.get_default(), connection)))
    return out


def _insert(rows) -> None:
    from django.db import connection, transaction

    extra = _defaulted_columns()
    columns = COLUMNS + tuple(c for c, _ in extra)
    if extra:
        rows = [r + tuple(v() if callable(v) else v for _, v in extra) for r in rows]
    with transaction.atomic(), connection.cursor() as cur:  # one transaction per batch, not per row
        cur.executemany(f"INSERT INTO dispatch_event ({', '.join(columns)}) VALUES ("
                        + ", ".join(["%s"] * len(columns)) + ")", rows)


def _reset() -> None:
    """Put back what a scan moved (untimed)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE dispatch_event SET reminded = false, escalation_level = 0, was_overdue = false "
                    "WHERE id IN (SELECT event_id FROM dispatch_timelineentry)")
        cur.execute("DELETE FROM dispatch_timelineentry")
        cur.execute("DELETE FROM dispatch_notification")


FLOOR_STEPS = [
    ("remind", "NOT reminded AND status IN ('dispatched','accepted','in_progress') AND remind_at <= %s",
     "reminded = true"),
    ("escalate_town", "escalation_level < 1 AND status IN ('dispatched','accepted','in_progress') AND due_at < %s",
     "escalation_level = 1, was_overdue = true"),
    ("escalate_county", "escalation_level < 2 AND status IN ('dispatched','accepted','in_progress') "
     "AND county_escalation_at < %s", "escalation_level = 2, was_overdue = true"),
]


def _floor_scan(now_s: str) -> int:
    from django.db import connection, transaction

    moved = 0
    for action, where, sets in FLOOR_STEPS:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "INSERT INTO dispatch_timelineentry (event_id, org_code, at, actor_label, action, from_status, "
                "to_status, note, data, public) SELECT id, org_code, %s, '系统', %s, '', '', '', '{}', false "
                f"FROM dispatch_event WHERE {where}", [now_s, action, now_s])
            cur.execute(f"UPDATE dispatch_event SET {sets} WHERE {where}", [now_s])
            moved += cur.rowcount
    return moved


def _floor_count(now_s: str) -> int:
    from django.db import connection

    total = 0
    with connection.cursor() as cur:
        for _action, where, _sets in FLOOR_STEPS:
            cur.execute(f"SELECT count(*) FROM dispatch_event WHERE {where}", [now_s])
            total += cur.fetchone()[0]
    return total


def _timed(fn, before=None) -> tuple[float, list[float]]:
    timings = []
    for _ in range(REPEAT):
        if before:
            before()
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), timings


def run() -> list[dict]:
    DB.parent.mkdir(parents=True, exist_ok=True)
    setup_django(str(DB))
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from jianfu.dispatch.escalation import ON_CLOCK, deadline_scan
    from jianfu.dispatch.models import Event

    call_command("migrate", verbosity=0)
    now = timezone.now()
    started = time.perf_counter()
    _populate(now)
    build_s = time.perf_counter() - started
    now_s = now if connection.vendor == "postgresql" else now.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    _reset()
    result = deadline_scan(now=now)
    moved = result.reminded + result.escalated_town + result.escalated_county
    _reset()
    floor_moved = _floor_scan(now_s)
    qs = Event.objects.filter(ON_CLOCK, escalation_level__lt=1, due_at__lt=now).order_by().values("id")
    plan = " | ".join(line.strip() for line in qs.explain().splitlines())

    scan_s, _ = _timed(lambda: deadline_scan(now=now), before=_reset)
    floor_s, _ = _timed(lambda: _floor_scan(now_s), before=_reset)
    _reset()
    peak = peak_mb(lambda: deadline_scan(now=now))
    # steady state: everything already handled, the scan finds nothing
    idle_s, _ = _timed(lambda: deadline_scan(now=now))
    idle_floor_s, _ = _timed(lambda: _floor_count(now_s))
    idle_peak = peak_mb(lambda: deadline_scan(now=now))
    _reset()
    return [
        row(f"deadline_scan {N:,} open, 1% due", scan_s, floor_median_s=floor_s, peak=peak, moved=moved,
            floor_moved=floor_moved, events_per_s=round(moved / scan_s), rss_mb=round(max_rss_mb(), 1),
            build_s=round(build_s, 1), plan=plan[:120]),
        row(f"deadline_scan {N:,} open, nothing due", idle_s, floor_median_s=idle_floor_s, peak=idle_peak),
    ]


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())

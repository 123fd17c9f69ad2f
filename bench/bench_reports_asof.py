"""Reports as of a period's 统计时点: the key person's status on the reference date, read from the status history.

20,000 key persons in 300 villages, 5 dated status changes each (100,000 history rows, as the services write them:
an intake, then moves, some on one day, some after the reference date), and a report of 6 figures on that status
(people, seeking, graduates seeking, hard-to-employ seeking, placed, exited) at 2026-11-30, county-wide.

Engine = `planner.scan_query` as it is: the status computed once per person and joined once (`status_at_join`).
Floor   = the old form in the same run (`scan_query(as_of_join=False)`): two correlated subqueries per row in each
          of the 6 figures' conditions (`status_at_sql`). Here the "floor" is the form replaced, so the ratio is
          new / old (below 1 = faster).
Both run the SQL alone (execute + fetch), median of 5 after a warm-up; the figures of the two are compared (diffs).
SQLite: an in-memory database; PostgreSQL too when DATABASE_URL points at one (tables bench_asof_*).

    python -m bench reports_asof
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import sqlite3
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import SMOKE, row, timed  # noqa: E402
from jianfu.reports.engine.model import Predicate  # noqa: E402
from jianfu.reports.engine.planner import Aggregate, _normalise, scan_query  # noqa: E402
from jianfu.reports.engine.schema import DDL, STATUS_AT_END, SUBJECTS, TableNames  # noqa: E402

PERSONS = 500 if SMOKE else int(os.environ.get("BENCH_ASOF_PERSONS", 20_000))
CHANGES = 5
REPEAT = 1 if SMOKE else 5
COUNTY = "450521"
REF = dt.date(2026, 11, 30)
TABLES = TableNames({k: f"bench_asof_{s.table}" for k, s in SUBJECTS.items()})
PERSON_T, HISTORY_T = TABLES.of("employment_person"), TABLES.of("employment_status_change")
SEEKING = ("unemployed", "referred", "interviewing")
# where a person goes from each status (the services' moves), with their weights
MOVES = {
    "unemployed": (("referred", 0.6), ("flexible", 0.15), ("employed", 0.15), ("exited", 0.1)),
    "referred": (("interviewing", 0.5), ("unemployed", 0.3), ("employed", 0.2)),
    "interviewing": (("employed", 0.5), ("unemployed", 0.3), ("referred", 0.2)),
    "employed": (("unemployed", 0.6), ("exited", 0.4)),
    "flexible": (("employed", 0.5), ("unemployed", 0.5)),
    "exited": (("unemployed", 1.0),),
}


def generate(n: int, seed: int = 28):
    """Key persons and their histories: an intake between 2025-06 and 2026-10, then moves 1–60 days apart (one in
    ten on the same day as the one before); ids in the order the changes happened."""
    rng = np.random.default_rng(seed)
    villages = [f"{COUNTY}{100 + t:03d}{v + 1:03d}" for t in range(20) for v in range(15)]
    start = dt.date(2025, 6, 1).toordinal()
    persons, changes = [], []
    for pid in range(1, n + 1):
        org = villages[int(rng.integers(len(villages)))]
        day = start + int(rng.integers(0, 500))
        identified = dt.date.fromordinal(day)
        status, before = "unemployed", ""
        own = [(day, before, status)]
        for _ in range(CHANGES - 1):
            day += 0 if rng.random() < 0.1 else int(rng.integers(1, 60))
            options, weights = zip(*MOVES[status], strict=True)
            before, status = status, str(rng.choice(options, p=weights))
            own.append((day, before, status))
        persons.append(
            (pid, org, status, identified.isoformat(), bool(rng.random() < 0.2), bool(rng.random() < 0.15))
        )
        changes.extend((d, pid, org, frm, to) for d, frm, to in own)
    changes.sort(key=lambda c: c[0])  # ids in time order, as the services write them
    history = [
        (i, org, pid, frm, to, dt.date.fromordinal(d).isoformat())
        for i, (d, pid, org, frm, to) in enumerate(changes, start=1)
    ]
    return persons, history


def aggregates(status: str = STATUS_AT_END) -> list[Aggregate]:
    """The report's 6 figures on the status as of REF (`status="status"`: the same on today's status, no history)."""
    figures = [
        [Predicate(status, "ne", "exited")],
        [Predicate(status, "in", SEEKING)],
        [Predicate("is_graduate", "eq", True), Predicate(status, "in", SEEKING)],
        [Predicate("is_hard_to_employ", "eq", True), Predicate(status, "in", SEEKING)],
        [Predicate(status, "in", ("employed", "flexible"))],
        [Predicate(status, "eq", "exited")],
    ]
    return [Aggregate("employment_person", "count", _normalise("employment_person", f, REF)) for f in figures]


def _load(cur, persons, history, mark: str) -> None:
    for subject in ("employment_person", "employment_status_change"):
        table = TABLES.of(subject)
        cur.execute(f"DROP TABLE IF EXISTS {table}")
        cur.execute(DDL[subject].format(table=table))
        cur.execute(f"CREATE INDEX {table}_org_idx ON {table} (org_code)")
    # the key person's foreign key is indexed, as Django indexes employment_statuschange.key_person_id
    cur.execute(f"CREATE INDEX {HISTORY_T}_kp_idx ON {HISTORY_T} (key_person_id)")
    marks = ", ".join(mark for _ in range(6))
    cur.executemany(
        f"INSERT INTO {PERSON_T} (id, org_code, status, identified_on, is_graduate, is_hard_to_employ) "
        f"VALUES ({marks})",
        persons,
    )
    cur.executemany(
        f'INSERT INTO {HISTORY_T} (id, org_code, key_person_id, from_status, to_status, "on") '
        f"VALUES ({marks})",
        history,
    )
    for table in (PERSON_T, HISTORY_T):
        cur.execute(f"ANALYZE {table}")


def _measure(cur, backend: str, paramstyle: str) -> list[dict]:
    aggs = aggregates()
    new = scan_query("employment_person", aggs, COUNTY, PERSON_T, history=HISTORY_T, paramstyle=paramstyle)
    old = scan_query(
        "employment_person",
        aggs,
        COUNTY,
        PERSON_T,
        history=HISTORY_T,
        paramstyle=paramstyle,
        as_of_join=False,
    )
    results = {}

    def run(q):
        def go():
            cur.execute(q.sql, q.params)
            results[q.sql] = {r[0]: tuple(int(v or 0) for v in r[1:]) for r in cur.fetchall()}

        return go

    # the same scan on today's status, no history read: what the as-of figures cost above a plain scan
    plain = scan_query("employment_person", aggregates("status"), COUNTY, PERSON_T, paramstyle=paramstyle)
    new_s, _ = timed(run(new), repeat=REPEAT)
    old_s, _ = timed(run(old), repeat=REPEAT)
    plain_s, _ = timed(run(plain), repeat=REPEAT)
    diffs = sum(
        results[new.sql].get(k) != results[old.sql].get(k)
        for k in set(results[new.sql]) | set(results[old.sql])
    )
    totals = [sum(v[i] for v in results[new.sql].values()) for i in range(len(aggs))]
    size = f"{PERSONS:,} persons × {CHANGES} changes, {len(aggs)} figures"
    return [
        row(
            f"as-of report, status joined once ({backend}, {size})",
            new_s,
            floor_median_s=old_s,
            queries=1,
            floor_queries=1,
            subqueries_per_row=new.sql.count("LIMIT 1"),
            floor_subqueries_per_row=old.sql.count("LIMIT 1"),
            plain_scan_s=round(plain_s, 4),
            villages=len(results[new.sql]),
            totals=totals,
            diffs=diffs,
        )
    ]


def run() -> list[dict]:
    persons, history = generate(PERSONS)
    con = sqlite3.connect(":memory:")
    cur = con.cursor()
    _load(cur, persons, history, "?")
    con.commit()
    out = _measure(cur, f"sqlite {sqlite3.sqlite_version}", "qmark")
    con.close()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        with psycopg.connect(url, autocommit=True) as pcon:
            pcur = pcon.cursor()
            _load(pcur, persons, history, "%s")
            out.extend(_measure(pcur, "postgresql", "format"))
            for table in (PERSON_T, HISTORY_T):
                pcur.execute(f"DROP TABLE {table}")
    return out


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())

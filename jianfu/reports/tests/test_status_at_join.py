"""Session 28: the key person's status on a reference date is joined once per scan (`planner.status_at_join`) instead
of two correlated subqueries per row and per aggregate (`planner.status_at_sql`). Property: over random key persons
and random status histories (same-day changes, ids out of date order, changes before and after the day, histories
begun after the intake, people with none), every aggregate of a scan at one or two reference dates equals a pure-Python
reference, per village — in the FILTER and the CASE form — and equals the old correlated form (hypothesis)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.reports.engine import make_plan, parse_period
from jianfu.reports.engine.model import Predicate
from jianfu.reports.engine.planner import Aggregate, _normalise, scan_query
from jianfu.reports.engine.schema import KEY_STATUSES, STATUS_AT_END, TableNames, create_tables

from .engine_fixture import shipped_catalog

VILLAGES = ["450521100001", "450521100002", "450521200201"]
DAYS = [
    dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(0, 92, 13)
]  # 8 days, October to December: same-day changes are common
# taken in before any change; a reference day before every change (each status read from the first change after it)
INTAKE, BEFORE = dt.date(2026, 9, 1), dt.date(2026, 9, 15)
TABLES = TableNames()
PERSON_T, HISTORY_T = TABLES.of("employment_person"), TABLES.of("employment_status_change")

person = st.fixed_dictionaries(
    {
        "org_code": st.sampled_from(VILLAGES),
        "status": st.sampled_from(KEY_STATUSES),
        "identified_on": st.sampled_from((INTAKE, *DAYS)),
        "is_graduate": st.booleans(),
        "is_hard_to_employ": st.booleans(),
    }
)
# a person's change: (day, from status ('' = none: an intake), to status)
change = st.tuples(st.sampled_from(DAYS), st.sampled_from(("", *KEY_STATUSES)), st.sampled_from(KEY_STATUSES))
condition = st.one_of(
    st.tuples(st.just("eq"), st.sampled_from(KEY_STATUSES)),
    st.tuples(st.just("ne"), st.sampled_from(KEY_STATUSES)),
    st.tuples(
        st.just("in"), st.lists(st.sampled_from(KEY_STATUSES), min_size=1, max_size=3, unique=True).map(tuple)
    ),
    st.tuples(
        st.just("not_in"),
        st.lists(st.sampled_from(KEY_STATUSES), min_size=1, max_size=3, unique=True).map(tuple),
    ),
)
flag = st.sampled_from((None, "is_graduate", "is_hard_to_employ"))


def _db(persons: list[dict], changes: list[tuple[int, dt.date, str, str]]) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    cur = con.cursor()
    create_tables(cur)
    for i, p in enumerate(persons, start=1):
        cur.execute(
            f"INSERT INTO {PERSON_T} (id, org_code, status, identified_on, is_graduate, is_hard_to_employ) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                i,
                p["org_code"],
                p["status"],
                p["identified_on"].isoformat(),
                p["is_graduate"],
                p["is_hard_to_employ"],
            ),
        )
    # ids in the order drawn, whatever the days: id order is not date order
    for hid, (who, on, frm, to) in enumerate(changes, start=1):
        if who < len(persons):
            cur.execute(
                f'INSERT INTO {HISTORY_T} (id, org_code, key_person_id, from_status, to_status, "on") '
                "VALUES (?, ?, ?, ?, ?, ?)",
                (hid, persons[who]["org_code"], who + 1, frm, to, on.isoformat()),
            )
    return con


def status_on(p: dict, own: list[tuple[int, dt.date, str, str]], day: dt.date) -> str:
    """The reference: the new status of the latest change on or before `day` (the higher id on one day); else the
    old status of the earliest change after it (the lower id on one day), '' being none; else the status now."""
    before = [(on, hid, to) for hid, on, _frm, to in own if on <= day]
    if before:
        return max(before)[2]
    after = [(on, hid, frm) for hid, on, frm, _to in own if on > day]
    if after and min(after)[2]:
        return min(after)[2]
    return p["status"]


def _holds(op: str, value: object, got: str) -> bool:
    if op == "eq":
        return got == value
    if op == "ne":
        return got != value
    assert isinstance(value, tuple)
    return got in value if op == "in" else got not in value


def reference(persons, changes, aggs: list[tuple[str | None, str, object, dt.date]]) -> dict[str, list[int]]:
    """Per village: for each aggregate (flag or None, op, value, reference date), the people taken in by that day
    whose flag is set and whose status on that day satisfies the condition."""
    history: dict[int, list[tuple[int, dt.date, str, str]]] = {}
    for hid, (who, on, frm, to) in enumerate(changes, start=1):
        if who < len(persons):
            history.setdefault(who, []).append((hid, on, frm, to))
    out: dict[str, list[int]] = {}
    for i, p in enumerate(persons):
        row = out.setdefault(p["org_code"], [0] * len(aggs))
        for j, (fl, op, value, day) in enumerate(aggs):
            if (
                p["identified_on"] <= day
                and (fl is None or p[fl])
                and _holds(op, value, status_on(p, history.get(i, []), day))
            ):
                row[j] += 1
    return {code: vals for code, vals in out.items() if any(vals)}


def _scan(cur, aggs: list[Aggregate], style: str, join: bool) -> dict[str, list[int]]:
    q = scan_query(
        "employment_person", aggs, "450521", PERSON_T, style=style, history=HISTORY_T, as_of_join=join
    )
    assert ("LEFT JOIN" in q.sql) is join and (
        q.sql.count("ROW_NUMBER()") == len({a.predicates[-1].at for a in aggs})
        if join
        else "ROW_NUMBER()" not in q.sql
    )
    cur.execute(q.sql, q.params)
    return {r[0]: [int(v or 0) for v in r[1:]] for r in cur.fetchall() if any(r[1:])}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    persons=st.lists(person, max_size=8),
    histories=st.lists(st.lists(change, max_size=6), min_size=8, max_size=8),
    rnd=st.randoms(use_true_random=False),
    conds=st.lists(st.tuples(flag, condition), max_size=4),
    days=st.lists(st.sampled_from((BEFORE, *DAYS)), min_size=1, max_size=2, unique=True),
)
def test_joined_status_on_a_day_equals_the_reference_and_the_correlated_form(
    persons, histories, rnd, conds, days
):
    # the changes of all persons in a random order of ids: id order is neither date order nor person order
    changes = [(who, on, frm, to) for who, own in enumerate(histories) for on, frm, to in own]
    rnd.shuffle(changes)
    con = _db(persons, changes)
    cur = con.cursor()
    wanted: list[tuple[str | None, str, object, dt.date]] = []
    aggs: list[Aggregate] = []
    # one figure per status (any wrong status shows), then the drawn conditions
    everyone = [(None, ("eq", status)) for status in KEY_STATUSES]
    for day in days:
        for fl, (op, value) in everyone + conds:
            preds = [Predicate(STATUS_AT_END, op, value)] + ([Predicate(fl, "eq", True)] if fl else [])
            agg = Aggregate("employment_person", "count", _normalise("employment_person", preds, day))
            if agg not in aggs:
                aggs.append(agg)
                wanted.append((fl, op, value, day))
    # the status predicate sorts last (column name), so predicates[-1].at is each aggregate's day
    assert all(a.predicates[-1].column == STATUS_AT_END for a in aggs)
    want = reference(persons, changes, wanted)
    for style in ("filter", "case"):
        assert _scan(cur, aggs, style, join=True) == want, style
        assert _scan(cur, aggs, style, join=False) == want, style
    con.close()


def test_the_shipped_key_group_form_joins_the_status_once_and_reads_it_in_every_aggregate():
    cat = shipped_catalog()
    t = cat.template("rs_key_groups")
    plan = make_plan(cat, t, "450521", parse_period("monthly", "202611"))
    (q,) = [q for q in plan.queries if q.subject == "employment_person"]
    reads = q.sql.count('COALESCE(as_of_0.as_of_status, employment_keyperson."status")')
    # one join, no correlated subquery (before: ten, two in each of the five figures); the five figures on the status
    # (people, seeking, graduates and hard-to-employ seeking, placed) read the joined column
    assert (q.sql.count("LEFT JOIN"), q.sql.count("ROW_NUMBER()"), q.sql.count("LIMIT 1"), reads) == (
        1,
        1,
        0,
        5,
    )
    # the join's four; identified_on <= the day, shared by the five, once in WHERE
    assert q.params.count("2026-11-30") == 4 + 1
    assert q.sql.endswith('WHERE org_code >= ? AND org_code < ? AND "identified_on" <= ? GROUP BY org_code')
    old = scan_query(
        "employment_person", plan.aggregates["employment_person"], "450521", PERSON_T, as_of_join=False
    )
    assert (old.sql.count("LEFT JOIN"), old.sql.count("LIMIT 1"), old.params.count("2026-11-30")) == (
        0,
        10,
        11,
    )


def test_two_changes_on_one_day_before_or_after_the_reference_day_the_id_decides():
    """Of two changes on the latest day on or before the reference day, the higher id; of two on the earliest day
    after it (none before), the lower id — as the correlated form orders them."""
    d1, d2 = DAYS[1], DAYS[3]
    persons = [
        dict(
            org_code=VILLAGES[0],
            status="exited",
            identified_on=INTAKE,
            is_graduate=False,
            is_hard_to_employ=False,
        )
        for _ in range(4)
    ]
    # ids: 1 … 6 in this order; the later id first on purpose for person 1 and 3
    changes = [
        (0, d1, "unemployed", "employed"),
        (0, d1, "unemployed", "referred"),  # before: referred (id 2)
        (1, d1, "unemployed", "referred"),
        (1, d1, "referred", "flexible"),  # before: flexible (id 4)
        (2, d2, "interviewing", "employed"),
        (2, d2, "referred", "exited"),  # after only: interviewing (5)
        (3, d2, "", "employed"),
        (3, d2, "referred", "unemployed"),
    ]  # after only: '' → status now
    con = _db(persons, changes)
    day = DAYS[2]
    aggs, wanted = [], []
    for status in KEY_STATUSES:
        aggs.append(
            Aggregate(
                "employment_person",
                "count",
                _normalise("employment_person", [Predicate(STATUS_AT_END, "eq", status)], day),
            )
        )
        wanted.append((None, "eq", status, day))
    # unemployed, referred, interviewing, employed, flexible, exited
    want = {VILLAGES[0]: [0, 1, 1, 0, 1, 1]}
    assert reference(persons, changes, wanted) == want
    for join in (True, False):
        assert _scan(con.cursor(), aggs, "filter", join) == want, join

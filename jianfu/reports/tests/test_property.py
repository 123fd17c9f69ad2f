"""Property: for any registry, a county total equals the sum of its towns, and each town's total the
sum of its villages — for every cell of every shipped template (hypothesis).

The engine scans once grouped by village and adds up in Python; each town row is also checked
against an independent query grouped by ``substr(org_code, 1, 9)`` in the CASE form."""

from __future__ import annotations

import datetime as dt
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianfu.reports.engine import compute, make_plan, parse_period
from jianfu.reports.engine.planner import AggSource, scan_query
from jianfu.reports.engine.schema import PERSON, TableNames, create_tables

from .engine_fixture import shipped_catalog

VILLAGES = ["450521100001", "450521100002", "450521200201", "450521200206", "450521201001"]
TOWNS = sorted({v[:9] for v in VILLAGES})
PERIODS = {"monthly": "202506", "quarterly": "2025Q2", "half_yearly": "2025H1", "yearly": "2025",
           "ad_hoc": "20250630"}

person = st.fixed_dictionaries({
    "org_code": st.sampled_from(VILLAGES),
    "household_id": st.integers(1, 12),
    "gender": st.sampled_from(["M", "F"]),
    "birth_date": st.dates(dt.date(1915, 1, 1), dt.date(2025, 6, 30)).map(dt.date.isoformat),
    "residence_status": st.sampled_from(PERSON.columns["residence_status"].choices),
    "employment_status": st.sampled_from(PERSON.columns["employment_status"].choices),
    "political_status": st.sampled_from(PERSON.columns["political_status"].choices),
    "disability_category": st.sampled_from(PERSON.columns["disability_category"].choices),
    "disability_grade": st.one_of(st.none(), st.integers(1, 4)),
    "health_insurance": st.sampled_from(["employee", "resident", "none"]),
    "pension_insurance": st.sampled_from(["employee", "resident", "none"]),
    "status": st.sampled_from(["active", "active", "active", "deceased", "moved_out"]),
    **{flag: st.booleans() for flag in ("is_dibao", "is_tekun", "is_orphan", "is_left_behind_child",
                                        "is_left_behind_elder", "is_veteran", "is_poverty_alleviated",
                                        "is_monitoring_target", "is_entitled_group")},
})
org = st.tuples(st.sampled_from(VILLAGES), st.sampled_from(["enterprise", "individual_business", "cooperative"]),
                st.integers(0, 500), st.booleans())


def _db(persons, orgs):
    con = sqlite3.connect(":memory:")
    cur = con.cursor()
    create_tables(cur)
    for i, p in enumerate(persons, start=1):
        # a household lives in one village: make household ids village-specific
        p = {**p, "household_id": VILLAGES.index(p["org_code"]) * 100 + p["household_id"]}
        cols = ", ".join(p)
        cur.execute(f"INSERT INTO registry_person (id, {cols}) VALUES (?, {', '.join('?' for _ in p)})",
                    [i, *p.values()])
    cur.executemany("INSERT INTO registry_organisation (org_code, kind, employees, is_active) VALUES (?,?,?,?)",
                    orgs)
    cur.executemany("INSERT INTO registry_household (org_code) VALUES (?)", [(p["org_code"],) for p in persons])
    return con


def _close(a, b):
    if a is None or b is None:
        return a == b
    return abs(a - b) < 1e-6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(persons=st.lists(person, min_size=0, max_size=40), orgs=st.lists(org, max_size=8))
def test_county_is_sum_of_towns_is_sum_of_villages(persons, orgs):
    cat = shipped_catalog()
    con = _db(persons, orgs)
    cur = con.cursor()
    for t in cat.templates.values():
        period = parse_period(t.period_type, PERIODS[t.period_type])
        county = compute(cat, t, "450521", period, cur, children=TOWNS)
        by_town = _grouped_by_prefix(cat, t, period, cur)
        for town_row in county.rows:
            for key, (subject, i) in by_town["cells"].items():
                want = by_town[subject].get(town_row.code, [0] * (i + 1))[i] or 0
                assert town_row.values[key] == want, (t.code, town_row.code, key)
        additive = [c.key for c in county.columns if c.kind in ("count", "count_distinct", "sum")]
        for key in additive:
            assert county.total.values[key] == sum(r.values[key] for r in county.rows), (t.code, key)
        for town_row in county.rows:
            town = compute(cat, t, town_row.code, period, cur,
                           children=[v for v in VILLAGES if v.startswith(town_row.code)])
            for c in county.columns:  # every cell, ratios included: same parts → same ratio
                assert _close(town.total.values[c.key], town_row.values[c.key]), (t.code, town_row.code, c.key)
            for key in additive:
                assert town.total.values[key] == sum(r.values[key] for r in town.rows), (t.code, key)
            for v_row in town.rows:
                village = compute(cat, t, v_row.code, period, cur)
                for key in additive:
                    assert village.total.values[key] == v_row.values[key], (t.code, v_row.code, key)
    con.close()


def _grouped_by_prefix(cat, t, period, cur) -> dict:
    """The town rows straight from SQL: one query per subject grouped by the town prefix, CASE form."""
    plan = make_plan(cat, t, "450521", period, sql=False)
    out: dict = {"cells": {k: (s.subject, s.index) for k, s in plan.sources.items() if isinstance(s, AggSource)}}
    for subject, aggs in plan.aggregates.items():
        q = scan_query(subject, aggs, "450521", TableNames().of(subject), style="case", group_len=9)
        assert "GROUP BY substr(org_code, 1, 9)" in q.sql
        cur.execute(q.sql, q.params)
        out[subject] = {r[0]: list(r[1:]) for r in cur.fetchall()}
    return out

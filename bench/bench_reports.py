"""Reports: every shipped template for a county of 1,000,000 persons (300 villages in 20 towns), at
every level, against a floor measured in the same run; and header-matching accuracy.

Levels: county → its towns, county → its 300 villages, one town → its villages, one village.
Engine = the whole report (plan, grouped queries, result assembly, ratios, manual values).
Floor  = per template, the same conditional aggregates written out as literal SQL (no parameters,
no planning, no assembly): what the database must do anyway. The engine's numbers are checked
against the floor's in the same run.

SQLite file: var/bench/reports_1m.sqlite3 (built once with raw inserts, reused). When DATABASE_URL
points at PostgreSQL, the same rows are loaded there (tables bench_registry_*) and measured too.

    python -m bench reports          # or: python bench/bench_reports.py
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import sqlite3
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import SMOKE, peak_mb, row, timed  # noqa: E402
from jianfu.reports.engine import compute, load_directory, make_plan, parse_period  # noqa: E402
from jianfu.reports.engine.model import AGE  # noqa: E402
from jianfu.reports.engine.periods import years_before  # noqa: E402
from jianfu.reports.engine.runner import compute_levels, compute_many, pool_queries  # noqa: E402
from jianfu.reports.engine.schema import SUBJECTS, TableNames  # noqa: E402

PERSONS = 3_000 if SMOKE else int(os.environ.get("BENCH_REPORTS_PERSONS", 1_000_000))
TOWNS = 20
VILLAGES_PER_TOWN = 15
COUNTY = "450521"
DATA_VERSION = 2
TABLES = TableNames({k: f"bench_{s.table}" for k, s in SUBJECTS.items()})
PERIODS = {"monthly": "202506", "quarterly": "2025Q2", "half_yearly": "2025H1", "yearly": "2024",
           "ad_hoc": "20250630"}
REPEAT = 1 if SMOKE else int(os.environ.get("BENCH_REPORTS_REPEAT", 3))


def villages() -> list[str]:
    return [f"{COUNTY}{100 + t:03d}{v + 1:03d}" for t in range(TOWNS) for v in range(VILLAGES_PER_TOWN)]


# ---------------------------------------------------------------- synthetic data


def generate(n: int, seed: int = 7):
    """Column arrays for n persons: an age pyramid, realistic special-group rates, households of ~3."""
    rng = np.random.default_rng(seed)
    vs = np.array(villages())
    weights = rng.gamma(4.0, 1.0, len(vs))
    village_idx = np.sort(rng.choice(len(vs), size=n, p=weights / weights.sum()))
    ages = np.concatenate([rng.integers(0, 60, int(n * 0.78)), rng.integers(60, 101, n - int(n * 0.78))])
    rng.shuffle(ages)
    ref = dt.date(2025, 6, 30).toordinal()
    births = ref - (ages * 365.25).astype(int) - rng.integers(0, 365, n)
    birth_iso = [dt.date.fromordinal(int(b)).isoformat() for b in births]
    household = np.cumsum(np.concatenate([[1], (rng.random(n - 1) < 0.34) | (np.diff(village_idx) != 0)]))

    def pick(options, probs):
        return np.array(options)[rng.choice(len(options), size=n, p=probs)]

    def flag(rate):
        return (rng.random(n) < rate).astype(int)

    cols = {
        "org_code": vs[village_idx],
        "household_id": household,
        "gender": pick(["M", "F"], [0.51, 0.49]),
        "birth_date": birth_iso,
        "political_status": pick(["party_member", "probationary_member", "league_member", "masses", "other"],
                                 [0.06, 0.004, 0.05, 0.881, 0.005]),
        "residence_status": pick(["huji", "changzhu", "liudong"], [0.85, 0.07, 0.08]),
        "employment_status": np.where(ages < 16, "student", np.where(ages >= 60, pick(
            ["retired", "not_in_labour_force", "employed"], [0.3, 0.5, 0.2]), pick(
            ["employed", "unemployed", "flexible", "not_in_labour_force", "student"],
            [0.62, 0.04, 0.18, 0.12, 0.04]))),
        "disability_category": np.where(rng.random(n) < 0.06, pick(
            ["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"],
            [0.12, 0.2, 0.03, 0.4, 0.08, 0.1, 0.07]), ""),
        "is_dibao": flag(0.04), "is_tekun": flag(0.005), "is_orphan": flag(0.0005),
        "is_left_behind_child": np.where(ages < 16, flag(0.08), 0),
        "is_left_behind_elder": np.where(ages >= 60, flag(0.1), 0),
        "is_veteran": flag(0.015), "is_poverty_alleviated": flag(0.08), "is_monitoring_target": flag(0.01),
        "is_entitled_group": flag(0.005),
        "health_insurance": pick(["employee", "resident", "none"], [0.18, 0.78, 0.04]),
        "pension_insurance": pick(["employee", "resident", "none"], [0.2, 0.6, 0.2]),
        "status": pick(["active", "deceased", "moved_out"], [0.97, 0.02, 0.01]),
    }
    grade = rng.integers(1, 5, n)
    cols["disability_grade"] = [int(g) if c else None for g, c in zip(grade, cols["disability_category"], strict=True)]
    households = [(int(h), str(vs[v])) for h, v in
                  zip(*np.unique(household, return_index=True), strict=True) for v in [village_idx[v]]]
    orgs = []
    n_orgs = n // 50
    org_v = rng.integers(0, len(vs), n_orgs)
    kinds = pick(["enterprise", "individual_business", "social_org", "cooperative", "institution"],
                 [0.3, 0.5, 0.05, 0.12, 0.03])[:n_orgs]
    emp = rng.integers(1, 200, n_orgs)
    active = rng.random(n_orgs) < 0.92
    for i in range(n_orgs):
        orgs.append((i + 1, str(vs[org_v[i]]), str(kinds[i]), int(emp[i]), bool(active[i])))
    return cols, households, orgs


PERSON_COLS = ["id", "org_code", "household_id", "gender", "birth_date", "political_status", "residence_status",
               "employment_status", "disability_category", "disability_grade", "is_dibao", "is_tekun", "is_orphan",
               "is_left_behind_child", "is_left_behind_elder", "is_veteran", "is_poverty_alleviated",
               "is_monitoring_target", "is_entitled_group", "health_insurance", "pension_insurance", "status"]


def person_rows(cols, n, as_bool=False):
    conv = {c: (lambda x: bool(int(x))) if (as_bool and c.startswith("is_")) else
            (lambda x: int(x) if hasattr(x, "item") and not isinstance(x, str) else x) for c in PERSON_COLS}
    data = [cols[c] for c in PERSON_COLS[1:]]
    for i, values in enumerate(zip(*data, strict=True)):
        yield (i + 1, *[conv[c](v) if not isinstance(v, np.str_) else str(v)
                        for c, v in zip(PERSON_COLS[1:], values, strict=True)])


def build_sqlite(path: pathlib.Path) -> sqlite3.Connection:
    stamp = f"{DATA_VERSION}:{PERSONS}"
    if path.exists():
        con = sqlite3.connect(path)
        try:
            if con.execute("SELECT v FROM bench_meta").fetchone()[0] == stamp:
                return con
        except sqlite3.Error:
            pass
        con.close()
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    cur = con.cursor()
    for subject, table in TABLES.names.items():
        from jianfu.reports.engine.schema import DDL

        cur.execute(DDL[subject].format(table=table))
    cols, households, orgs = generate(PERSONS)
    marks = ", ".join("?" for _ in PERSON_COLS)
    cur.executemany(f"INSERT INTO {TABLES.of('person')} ({', '.join(PERSON_COLS)}) VALUES ({marks})",
                    person_rows(cols, PERSONS))
    cur.executemany(f"INSERT INTO {TABLES.of('household')} (id, org_code) VALUES (?, ?)", households)
    cur.executemany(f"INSERT INTO {TABLES.of('organisation')} (id, org_code, kind, employees, is_active) "
                    "VALUES (?, ?, ?, ?, ?)", orgs)
    for table in TABLES.names.values():
        cur.execute(f"CREATE INDEX {table}_org_idx ON {table} (org_code)")
    cur.execute("CREATE TABLE bench_meta (v TEXT)")
    cur.execute("INSERT INTO bench_meta VALUES (?)", (stamp,))
    con.commit()
    cur.execute("ANALYZE")
    print(f"  built {path} with {PERSONS:,} persons in {time.perf_counter() - started:.1f} s", flush=True)
    return con


def build_postgres(url: str):
    import psycopg

    con = psycopg.connect(url, autocommit=True)
    cur = con.cursor()
    stamp = f"{DATA_VERSION}:{PERSONS}"
    cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (v TEXT)")
    cur.execute("SELECT v FROM bench_meta")
    got = cur.fetchone()
    if got and got[0] == stamp:
        return con
    started = time.perf_counter()
    from jianfu.reports.engine.schema import DDL

    for subject, table in TABLES.names.items():
        cur.execute(f"DROP TABLE IF EXISTS {table}")
        cur.execute(DDL[subject].format(table=table).replace("INTEGER PRIMARY KEY", "BIGINT PRIMARY KEY"))
    cols, households, orgs = generate(PERSONS)
    with cur.copy(f"COPY {TABLES.of('person')} ({', '.join(PERSON_COLS)}) FROM STDIN") as cp:
        for r in person_rows(cols, PERSONS, as_bool=True):
            cp.write_row(r)
    with cur.copy(f"COPY {TABLES.of('household')} (id, org_code) FROM STDIN") as cp:
        for r in households:
            cp.write_row(r)
    with cur.copy(f"COPY {TABLES.of('organisation')} (id, org_code, kind, employees, is_active) FROM STDIN") as cp:
        for r in orgs:
            cp.write_row(r)
    for table in TABLES.names.values():
        cur.execute(f"CREATE INDEX {table}_org_idx ON {table} (org_code)")
        cur.execute(f"ANALYZE {table}")
    cur.execute("DELETE FROM bench_meta")
    cur.execute("INSERT INTO bench_meta VALUES (%s)", (stamp,))
    print(f"  loaded PostgreSQL with {PERSONS:,} persons in {time.perf_counter() - started:.1f} s", flush=True)
    return con


# ---------------------------------------------------------------- the floor


def _lit(v) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | float):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def _cond(p, ref: dt.date, pg: bool) -> str:
    col, op, v = p.column, p.op, p.value
    if col == AGE:  # written out by hand as birth-date cut-offs
        a = int(v) + (1 if op in ("gt", "lte") else 0)
        cut = years_before(ref, a).isoformat()
        return f"birth_date {'<=' if op in ('gte', 'gt') else '>'} '{cut}'"
    if isinstance(v, bool) and not pg:
        v = int(v)
    if op == "is_null":
        return f"{col} IS {'' if v else 'NOT '}NULL"
    if op in ("in", "not_in"):
        return f"{col} {'IN' if op == 'in' else 'NOT IN'} ({', '.join(_lit(x) for x in v)})"
    return f"{col} {dict(eq='=', ne='<>', gte='>=', gt='>', lte='<=', lt='<')[op]} {_lit(v)}"


def floor_sql(catalog, template, prefix: str, group_len: int, ref: dt.date, pg: bool,
              cellmap: dict | None = None) -> list[str]:
    """One literal grouped query per subject table the template reads, written as a person who
    knows SQL would: each figure ``COUNT(*) FILTER (WHERE …)`` / ``SUM(col) FILTER (WHERE …)`` with
    the rare condition first, the conditions every figure shares in WHERE, grouped by the level's
    code prefix (``substr(org_code, 1, 9)`` for towns, ``org_code`` itself for villages).

    cellmap, when given, receives cell key → (subject, column index) for the directly computed cells."""
    per_subject: dict[str, list[list]] = {}

    def add(el, by):
        if el.is_ratio:
            add(catalog.element(el.numerator.element), el.numerator.by)
            add(catalog.element(el.denominator.element), el.denominator.by)
            return None
        if not el.is_computed:
            return None
        preds = list(el.predicates) + [p for c, o in by for p in catalog.categories[c].option(o).predicates]
        cols = {p.column for p in preds}
        conds = [(_rank(p), _cond(p, ref, pg)) for p in preds]
        if el.subject == "person" and "status" not in cols:
            conds.append((1, "status = 'active'"))
        if el.subject == "organisation" and "is_active" not in cols:
            conds.append((0, "is_active = " + ("TRUE" if pg else "1")))
        conds = [c for _r, c in sorted(set(conds))]
        lst = per_subject.setdefault(el.subject, [])
        item = [el.kind, el.field, conds]
        if item not in lst:
            lst.append(item)
        return el.subject, lst.index(item)

    for cell in template.cells:
        where = add(catalog.element(cell.element), cell.by)
        if cellmap is not None and where:
            cellmap[cell.key] = where
    hi = str(int(prefix) + 1).zfill(len(prefix))
    if cellmap is not None:
        cellmap["__subjects__"] = sorted(per_subject)
    group = "org_code" if group_len == 12 else f"substr(org_code, 1, {group_len})"
    out = []
    for s, items in sorted(per_subject.items()):
        shared = set(items[0][2]).intersection(*(set(i[2]) for i in items[1:]))
        exprs = []
        for kind, fld, conds in items:
            rest = " AND ".join(c for c in conds if c not in shared)
            expr = {"count": "COUNT(*)", "sum": f"SUM({fld})", "count_distinct": f"COUNT(DISTINCT {fld})"}[kind]
            exprs.append(f"{expr} FILTER (WHERE {rest})" if rest else expr)
        where = " AND ".join([f"org_code >= '{prefix}'", f"org_code < '{hi}'",
                              *(c for c in items[0][2] if c in shared)])
        out.append(f"SELECT {group}, {', '.join(exprs)} FROM {TABLES.of(s)} WHERE {where} GROUP BY {group}")
    return out


def _rank(p) -> int:
    """The order a person would write the conditions in: the rare flag first, ranges last."""
    if p.op == "eq":
        return 0 if p.value is True else (4 if p.value is False else 1)
    if p.op in ("in", "is_null"):
        return 2 if p.value else 5
    return 3 if p.op in ("gte", "gt", "lte", "lt") else 5


# ---------------------------------------------------------------- measuring


def levels():
    vs = villages()
    return [
        ("county→towns", COUNTY, None),
        ("county→villages", COUNTY, 12),
        ("town→villages", vs[0][:9], None),
        ("village", vs[0], None),
    ]


# The synthetic county has the registry's tables only; templates over other subjects (the employment
# records of 就业帮扶) are measured by their own app, so the figures here stay those of the registry forms.
BENCH_SUBJECTS = {"person", "household", "organisation"}


def _subjects(catalog, element_code: str) -> set[str]:
    el = catalog.element(element_code)
    if el.is_ratio:
        return _subjects(catalog, el.numerator.element) | _subjects(catalog, el.denominator.element)
    return {el.subject} if el.is_computed else set()


def jobs(catalog):
    return [(t, parse_period(t.period_type, PERIODS[t.period_type])) for t in catalog.templates.values()
            if set().union(*(_subjects(catalog, c.element) for c in t.cells)) <= BENCH_SUBJECTS]


def measure(con, *, backend: str, paramstyle: str, pg: bool) -> list[dict]:
    """A: each template on demand for the county (by town), engine vs floor.
    B: every template at every level — engine: one scan grouped by village per template, rolled up
    to each level in Python (compute_levels); floor: one literal grouped query per template and level.
    C: the same as B with all templates together — one scan per subject table (compute_many)."""
    catalog = load_directory(ROOT / "jianfu" / "reports" / "forms")
    cur = con.cursor()
    out = []
    views = [(unit, glen) for _name, unit, glen in levels()]
    a_eng = a_floor = b_eng = b_floor = 0.0
    a_peak = b_peak = 0.0
    for t, period in jobs(catalog):

        def engine(t=t, period=period):
            return compute(catalog, t, COUNTY, period, cur, tables=TABLES, paramstyle=paramstyle)

        def floor_for(unit, glen, t=t, period=period):
            sqls = floor_sql(catalog, t, unit, glen, period.reference_date, pg)

            def run_floor():
                for sql in sqls:
                    cur.execute(sql)
                    cur.fetchall()
            return run_floor

        county_floor = floor_for(COUNTY, 9)
        med, _ = timed(engine, repeat=REPEAT, warmup=0)
        fmed, _ = timed(county_floor, repeat=REPEAT, warmup=0)
        peak = peak_mb(engine)
        a_eng, a_floor, a_peak = a_eng + med, a_floor + fmed, max(a_peak, peak)
        _emit(out, row(f"{backend} {t.code} county→towns", med, floor_median_s=fmed, peak=peak, cells=len(t.cells)))

        def all_levels(t=t, period=period):
            return compute_levels(catalog, t, period, cur, views, tables=TABLES, paramstyle=paramstyle)

        floors = [floor_for(u, g or make_plan(catalog, t, u, period).child_len) for u, g in views]

        def all_floors(floors=floors):
            for f in floors:
                f()

        med, _ = timed(all_levels, repeat=REPEAT, warmup=0)
        fmed, _ = timed(all_floors, repeat=REPEAT, warmup=0)
        b_eng, b_floor, b_peak = b_eng + med, b_floor + fmed, max(b_peak, peak_mb(all_levels))
    n = len(jobs(catalog))
    _emit(out, row(f"{backend} A: all {n} templates on demand, county→towns", a_eng,
                   floor_median_s=a_floor, peak=a_peak, persons=PERSONS))
    _emit(out, row(f"{backend} B: all {n} templates × {len(views)} levels, one scan per template "
                   "(county→towns, county→villages, town, village)", b_eng, floor_median_s=b_floor, peak=b_peak,
                   persons=PERSONS))

    def together():
        return compute_many(catalog, jobs(catalog), cur, views, tables=TABLES, paramstyle=paramstyle)

    pooled, _plans, _maps = pool_queries(catalog, jobs(catalog), [u for u, _g in views], tables=TABLES,
                                         paramstyle=paramstyle)

    def pooled_sql_only():  # the engine's own queries, nothing else: the database's share of C
        for q in pooled:
            cur.execute(q.sql, q.params)
            cur.fetchall()

    sql_only, _ = timed(pooled_sql_only, repeat=REPEAT, warmup=0)
    med, _ = timed(together, repeat=REPEAT, warmup=0)
    _emit(out, row(f"{backend} C: all {n} templates × {len(views)} levels, one scan per subject table",
                   med, floor_median_s=b_floor, peak=peak_mb(together), persons=PERSONS,
                   sql_only_s=round(sql_only, 3)))
    return out


def _emit(out: list, r: dict) -> None:
    """Keep a row and show it at once (a long run shows its progress)."""
    out.append(r)
    print(f"  {r['name']}: {r['median_s']:.3f} s, floor {r['floor_median_s'] or 0:.3f} s, ratio {r['ratio']}",
          flush=True)


def check_equal(con, paramstyle: str, pg: bool) -> int:
    """Compare every directly computed cell of every template, per town, with the floor's figure —
    for the engine on demand and for all templates computed together."""
    catalog = load_directory(ROOT / "jianfu" / "reports" / "forms")
    cur = con.cursor()
    diffs = 0
    together = compute_many(catalog, jobs(catalog), cur, [(COUNTY, None)], tables=TABLES, paramstyle=paramstyle)
    for (t, period), (many,) in zip(jobs(catalog), together, strict=True):
        rep = compute(catalog, t, COUNTY, period, cur, tables=TABLES, paramstyle=paramstyle)
        cellmap: dict = {}
        sqls = floor_sql(catalog, t, COUNTY, 9, period.reference_date, pg, cellmap)
        floor: dict[str, dict[str, tuple]] = {}
        for subject, sql in zip(cellmap.pop("__subjects__"), sqls, strict=True):
            cur.execute(sql)
            floor[subject] = {r[0]: r[1:] for r in cur.fetchall()}
        for got in (rep, many):
            for r in got.rows:
                for key, (subject, i) in cellmap.items():
                    want = floor[subject].get(r.code)
                    want = float(want[i] or 0) if want else 0.0
                    diffs += abs(float(r.values[key] or 0) - want) > 1e-9
    return diffs


def run() -> list[dict]:
    out = []
    name = "reports_1m" if PERSONS == 1_000_000 else f"reports_{PERSONS}"
    path = ROOT / "var" / "bench" / f"{name}.sqlite3"
    con = build_sqlite(path)
    diffs = check_equal(con, "qmark", False)
    import sqlite3 as _sqlite3

    rows = measure(con, backend=f"sqlite {_sqlite3.sqlite_version}", paramstyle="qmark", pg=False)
    rows[-1]["engine_vs_floor_diffs"] = diffs
    out.extend(rows)
    con.close()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        pcon = build_postgres(url)
        diffs = check_equal(pcon, "format", True)
        rows = measure(pcon, backend="postgresql", paramstyle="format", pg=True)
        rows[-1]["engine_vs_floor_diffs"] = diffs
        out.extend(rows)
        pcon.close()
    out.append(header_row())
    return out


def header_row() -> dict:
    from jianfu.reports.headers_eval import evaluate

    r = evaluate()
    h = evaluate(name="holdout.yaml")
    return row("header matching (eval set)", r.seconds / max(r.total, 1), headers=r.total,
               accuracy=round(r.accuracy, 3), top3=round(r.top3_accuracy, 3),
               holdout_headers=h.total, holdout_accuracy=round(h.accuracy, 3))


if __name__ == "__main__":
    from bench.__main__ import print_table

    print_table(run())

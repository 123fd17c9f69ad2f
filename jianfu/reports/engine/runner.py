"""Run plans on a DB-API cursor and assemble the reports: one row per child unit plus the total (pure).

Every query is grouped by village; rows at any level (towns, the county, villages) are the villages
added up in Python — exact for counts and sums, and for distinct households too, a household
belonging to one village. Ratios are computed from the summed parts of each row, never averaged.
Manual values are summed from the villages beneath each row.

`compute` — one template, one unit; `compute_levels` — one template at several levels from one scan;
`compute_many` — many templates and periods at several levels from one scan per subject table.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Catalog, DataElement, Template
from .periods import Period
from .planner import (
    Aggregate,
    AggSource,
    ManualSource,
    Plan,
    RatioSource,
    Source,
    SubjectQuery,
    make_plan,
    scan_query,
    view_of,
)
from .schema import SUBJECTS, Cursor, TableNames
from .units import significant_prefix

Number = int | float
#: subject → group (village) code → the values of the subject's aggregate columns
Raw = dict[str, dict[str, list[Number]]]


@dataclass
class Column:
    key: str
    label: str
    element: str
    kind: str  # count / count_distinct / sum / ratio / manual
    unit: str
    decimals: int
    address: str = ""
    # the figure reads a column of which only today's value is kept (`schema.Column.current`), or the registry as it
    # stands today (`schema.Subject.current`): for a period that has ended it is what is recorded now, not what was
    # true on the reference date (`Report.current_only_columns`); `current_reason` says which (CURRENT_NO_HISTORY /
    # CURRENT_REGISTRY, "" for neither)
    current_only: bool = False
    current_reason: str = ""

    @property
    def is_manual(self) -> bool:
        return self.kind == "manual"

    @property
    def shown_unit(self) -> str:
        """The unit to show after the label: none when the label ends with it already ("就业率(%)" is not
        "就业率(%)（%）", tryout27 #10e — a cell labelled with a department's own header)."""
        return "" if label_carries_unit(self.label, self.unit) else self.unit


def label_carries_unit(label: str, unit: str) -> bool:
    """`label` ends with `unit` in brackets — （%）, (%), [户], 【人】 — or, for a percentage, with a bare %."""
    if not unit:
        return False
    m = re.search(r"[（(\[【]\s*([^（()）\[\]【】]+?)\s*[）)\]】]\s*$", label)
    if m:
        return m.group(1) == unit
    return unit == "%" and label.rstrip().endswith(("%", "％"))


#: Beside a past period's column whose figure is today's record (tryout27 #1: never a silent today's figure under a
#: past date).
CURRENT_NOTE = "按当前登记数"
#: … and beside one of a report already sent (报送), whose figures are the record of the day it was sent (cr28 #1).
SENT_NOTE = "按报送时登记数"
#: Why a column is today's record: a column of which no history is kept (the key-group flags), or the registry as it
#: stands today (its change log is not read for a past period; session 28).
CURRENT_NO_HISTORY, CURRENT_REGISTRY = "no_history", "registry"
#: What the API says a figure is (session 28): the period's 统计时点, or today's record (the page's 按当前登记数 badge).
AS_OF_REFERENCE_DATE, AS_OF_TODAY = "reference_date", "today"


@dataclass
class Row:
    code: str
    name: str
    values: dict[str, float | int | None]
    manual_missing: int = 0  # manual cells with no value below this row


@dataclass
class Report:
    template: Template
    unit: str
    level: str
    child_level: str
    period: Period
    columns: list[Column]
    rows: list[Row]
    total: Row
    queries: int = 0
    elapsed_s: float = 0.0
    sql: list[str] = field(default_factory=list)

    def current_only_columns(self, today: dt.date) -> list[Column]:
        """The columns that show today's record although the period ended before `today` (`current_only_of`)."""
        return current_only_of(self.columns, self.period, today)

    def to_dict(self, today: dt.date | None = None) -> dict[str, object]:
        """The report as data. Each column says what its figures are (`as_of`): as of the period's 统计时点
        ("reference_date"), or today's record for a period that ended before `today` ("today", with the badge the
        page shows under its heading, "按当前登记数"); `note` is the line the page shows under the table (session 28).
        Without `today` no column is marked."""
        current = self.current_only_columns(today) if today else []
        return {
            "template": self.template.code, "template_name": self.template.name,
            "unit": self.unit, "level": self.level, "child_level": self.child_level,
            "period": self.period.id, "period_label": self.period.label,
            "reference_date": self.period.reference_date.isoformat(),
            "columns": [{"key": c.key, "label": c.label, "element": c.element, "kind": c.kind,
                         "unit": c.unit, "manual": c.is_manual,
                         "as_of": AS_OF_TODAY if c in current else AS_OF_REFERENCE_DATE,
                         "badge": CURRENT_NOTE if c in current else ""} for c in self.columns],
            "rows": [{"code": r.code, "name": r.name, "values": r.values} for r in self.rows],
            "total": {"code": self.total.code, "name": self.total.name, "values": self.total.values},
        }


def current_only_of(columns: list[Column], period: Period, today: dt.date) -> list[Column]:
    """The columns that show today's record although `period` ended before `today` (`Column.current_only`); none for
    a period still running. The one rule of `Report.current_only_columns` and of the submission page (ops29 #3)."""
    if period.reference_date >= today:
        return []
    return [c for c in columns if c.current_only]


def columns_of(catalog: Catalog, template: Template) -> list[Column]:
    out: list[Column] = []
    for c in template.cells:
        el = catalog.element(c.element)
        reason = current_reason(catalog, el, c.by)
        out.append(Column(c.key, c.label, el.code, el.kind, el.unit, el.decimals, c.address,
                          current_only=bool(reason), current_reason=reason))
    return out


def reads_current_only(catalog: Catalog, el: DataElement, by: tuple[tuple[str, str], ...] = ()) -> bool:
    """Whether the figure of `el` is today's record for a past period (`current_reason`)."""
    return bool(current_reason(catalog, el, by))


def current_reason(catalog: Catalog, el: DataElement, by: tuple[tuple[str, str], ...] = ()) -> str:
    """Why the figure of `el` (split `by` category options; a ratio through its parts) is today's record for a past
    period: CURRENT_NO_HISTORY when it reads a column of which no history is kept (`schema.Column.current`), its
    subject's defaults included; else CURRENT_REGISTRY when it counts the registry as it stands today
    (`schema.Subject.current`); "" when neither (typed in for the period, or events and statuses dated in it)."""
    if el.is_manual:
        return ""
    if el.is_ratio:
        reasons = {current_reason(catalog, catalog.element(o.element), o.by) for o in el.ratio_operands}
        return next((r for r in (CURRENT_NO_HISTORY, CURRENT_REGISTRY) if r in reasons), "")
    assert el.subject is not None, el.code
    subject = SUBJECTS[el.subject]
    preds = list(el.predicates)
    for cat_code, opt_code in by:
        preds.extend(catalog.categories[cat_code].checked_option(opt_code).predicates)
    columns = {p.column for p in preds} | {column for column, _op, _v in subject.defaults}
    if el.field:
        columns.add(el.field)
    if any(subject.columns[c].current for c in columns if c in subject.columns):
        return CURRENT_NO_HISTORY
    return CURRENT_REGISTRY if subject.current else ""


def compute(catalog: Catalog, template: Template, unit_code: str, period: Period, cursor: Cursor, *,
            names: Mapping[str, str] | None = None, children: list[str] | None = None,
            manual: Mapping[tuple[str, str], float] | None = None,
            tables: TableNames | None = None, paramstyle: str = "qmark",
            group_len: int | None = None, style: str | None = None) -> Report:
    """Compute `template` for `unit_code` and `period`.

    cursor   — a DB-API cursor (sqlite3, psycopg, or Django's ``connection.cursor()`` with
               ``paramstyle="format"``).
    names    — code prefix → display name, for rows and the total.
    children — the expected child prefixes (rows with no registry data still show, as zeros).
    manual   — (element code, village code) → value entered for this period.
    style    — "filter" (``COUNT(*) FILTER (WHERE …)``) or "case"; default: FILTER where supported.

    One query per subject table grouped by village, added up to the rows' level in Python.
    """
    started = time.perf_counter()
    plan = make_plan(catalog, template, unit_code, period, tables=tables, paramstyle=paramstyle,
                     group_len=group_len, style=style)
    raw = rollup(fetch(plan.queries, cursor), plan.unit, plan.child_len)
    report = assemble(catalog, template, plan, raw, names=names, children=children, manual=manual)
    report.elapsed_s = time.perf_counter() - started
    return report


def fetch(queries: list[SubjectQuery], cursor: Cursor) -> Raw:
    """Run grouped queries: raw[subject][group code] = the aggregate values."""
    raw: Raw = {}
    for q in queries:
        cursor.execute(q.sql, q.params)
        got = raw.setdefault(q.subject, {})
        for rec in cursor.fetchall():
            got[rec[0]] = [_num(v) for v in rec[1:]]
    return raw


def rollup(raw: Raw, prefix: str, child_len: int) -> Raw:
    """Village-level raw aggregates → the children (`child_len`) of `prefix`. Exact: every aggregate
    is additive across villages (counts, sums, and distinct households, a household being in one
    village)."""
    out: Raw = {}
    for subject, rows in raw.items():
        acc: dict[str, list[Number]] = {}
        for code, values in rows.items():
            if not code.startswith(prefix):
                continue
            key = code[:child_len]
            cur = acc.get(key)
            if cur is None:
                acc[key] = list(values)
            else:
                for i, v in enumerate(values):
                    cur[i] += v
        out[subject] = acc
    return out


def compute_levels(catalog: Catalog, template: Template, period: Period, cursor: Cursor,
                   views: list[tuple[str, int | None]], *, tables: TableNames | None = None,
                   paramstyle: str = "qmark", names: Mapping[str, str] | None = None,
                   manual: Mapping[tuple[str, str], float] | None = None, style: str | None = None) -> list[Report]:
    """Several views of one template and period — (unit, grouping length) pairs, e.g. a county by
    town, the county by village, one town, one village — from ONE scan grouped by village, rolled up
    in Python (DHIS2's analytics idea: aggregate the finest level once, add up the rest)."""
    return compute_many(catalog, [(template, period)], cursor, views, tables=tables, paramstyle=paramstyle,
                        names=names, manual={period.id: manual or {}}, style=style)[0]


def common_unit(units: list[str]) -> str:
    """The smallest division (significant prefix) containing every unit."""
    prefixes = [significant_prefix(u) for u in units]
    common = prefixes[0]
    for p in prefixes[1:]:
        while not p.startswith(common):
            common = common[:-1]
    return next((common[:n] for n in (12, 9, 6, 4, 2) if len(common) >= n), common[:2])


def pool_queries(catalog: Catalog, jobs: list[tuple[Template, Period]], units: list[str], *,
                 tables: TableNames | None = None, paramstyle: str = "qmark", style: str | None = None
                 ) -> tuple[list[SubjectQuery], list[Plan], list[dict[str, tuple[int, list[int]]]]]:
    """The pooled queries of `compute_many` (one per subject table, grouped by village, over the
    smallest division containing `units`), each job's plan, and per job and subject: the column of
    its presence count and the columns of its own aggregates."""
    tables = tables or TableNames()
    common = common_unit(units)
    plans = [make_plan(catalog, t, common, p, tables=tables, paramstyle=paramstyle, group_len=12, style=style,
                       sql=False) for t, p in jobs]
    pool: dict[str, list[Aggregate]] = {}
    where: dict[str, dict[Aggregate, int]] = {}
    maps: list[dict[str, tuple[int, list[int]]]] = []
    for plan in plans:
        m: dict[str, tuple[int, list[int]]] = {}
        for subject, aggs in plan.aggregates.items():
            lst, idx = pool.setdefault(subject, []), where.setdefault(subject, {})
            # rows the job's own query would return: those matching its shared predicates
            shared = set(aggs[0].predicates).intersection(*(a.predicates for a in aggs[1:]))
            present = Aggregate(subject, "count", tuple(p for p in aggs[0].predicates if p in shared))
            for a in (present, *aggs):
                if a not in idx:
                    idx[a] = len(lst)
                    lst.append(a)
            m[subject] = (idx[present], [idx[a] for a in aggs])
        maps.append(m)
    queries = [scan_query(s, pool[s], common, tables.of(s), paramstyle=paramstyle, style=style,
                          history=tables.of("employment_status_change")) for s in sorted(pool)]
    return queries, plans, maps


def compute_many(catalog: Catalog, jobs: list[tuple[Template, Period]], cursor: Cursor,
                 views: list[tuple[str, int | None]], *, tables: TableNames | None = None,
                 paramstyle: str = "qmark", names: Mapping[str, str] | None = None,
                 manual: Mapping[str, Mapping[tuple[str, str], float]] | None = None,
                 style: str | None = None) -> list[list[Report]]:
    """Many (template, period) jobs, each at several views, from ONE scan per subject table.

    The aggregates of every job are pooled (a figure several templates ask for with the same filter
    and reference date is one column), the pool is computed grouped by village, and each job's
    views are rolled up from those rows. `manual` maps a period id to that period's
    (element, village) → value. Returns the reports per job, in the order of `views`."""
    started = time.perf_counter()
    queries, plans, maps = pool_queries(catalog, jobs, [u for u, _g in views], tables=tables,
                                        paramstyle=paramstyle, style=style)
    raw = fetch(queries, cursor)
    scanned = time.perf_counter() - started
    out: list[list[Report]] = []
    for plan, m in zip(plans, maps, strict=True):
        own = {s: {code: [vals[j] for j in js] for code, vals in raw.get(s, {}).items() if vals[present]}
               for s, (present, js) in m.items()}
        reports: list[Report] = []
        for unit, group_len in views:
            t0 = time.perf_counter()
            view = view_of(plan, unit, group_len)
            rep = assemble(catalog, plan.template, view, rollup(own, view.unit, view.child_len), names=names,
                           manual=(manual or {}).get(plan.period.id))
            rep.queries, rep.sql = len(queries), [q.sql for q in queries]
            rep.elapsed_s = scanned + time.perf_counter() - t0
            reports.append(rep)
        out.append(reports)
    return out


def assemble(catalog: Catalog, template: Template, plan: Plan, raw: Raw, *,
             names: Mapping[str, str] | None = None, children: list[str] | None = None,
             manual: Mapping[tuple[str, str], float] | None = None) -> Report:
    """Rows (one per child unit) and the total from raw aggregates: ratios from summed parts."""
    names = names or {}
    manual_by_child: dict[tuple[str, str], Number] = {}
    manual_seen: dict[tuple[str, str], int] = {}
    for (el_code, village), value in (manual or {}).items():
        if not village.startswith(plan.unit) or value is None:
            continue
        key = (el_code, village[: plan.child_len])
        manual_by_child[key] = manual_by_child.get(key, 0) + value
        manual_seen[key] = manual_seen.get(key, 0) + 1
    codes = list(children) if children is not None else sorted(
        {c for got in raw.values() for c in got} | {k[1] for k in manual_by_child})
    columns = columns_of(catalog, template)
    n_by_subject = {subject: len(aggs) for subject, aggs in plan.aggregates.items()}

    def parts_for(code: str | None) -> dict[str, list[Number]]:
        """Aggregate values for one child (code) or summed over all children (None)."""
        parts: dict[str, list[Number]] = {}
        for subject, n in n_by_subject.items():
            got = raw.get(subject, {})
            if code is not None:
                parts[subject] = got.get(code) or [0] * n
            else:
                sums: list[Number] = [0] * n
                for c in codes:
                    for i, v in enumerate(got.get(c) or ()):
                        sums[i] += v
                parts[subject] = sums
        return parts

    def manual_for(code: str | None, el_code: str) -> Number | None:
        if code is not None:
            return manual_by_child.get((el_code, code))
        vals = [manual_by_child[(el_code, c)] for c in codes if (el_code, c) in manual_by_child]
        return sum(vals) if vals else None

    def source_value(src: Source, parts: dict[str, list[Number]], code: str | None) -> Number | None:
        if isinstance(src, AggSource):
            return parts[src.subject][src.index]
        if isinstance(src, ManualSource):
            return manual_for(code, src.element)
        if isinstance(src, RatioSource):
            num = source_value(src.numerator, parts, code)
            den = source_value(src.denominator, parts, code)
            if num is None or not den:
                return None
            return round(num / den * src.factor, src.decimals)
        raise TypeError(src)

    def make_row(code: str | None) -> Row:
        parts = parts_for(code)
        vals = {c.key: source_value(plan.sources[c.key], parts, code) for c in columns}
        missing = sum(1 for c in columns if c.is_manual and vals[c.key] is None)
        label_code = code if code is not None else plan.unit
        return Row(label_code, names.get(label_code, label_code), vals, missing)

    rows = [make_row(c) for c in codes]
    total = make_row(None)
    total.name = names.get(plan.unit, plan.unit) + ("" if plan.child_len == len(plan.unit) else "合计")
    return Report(template, plan.unit, plan.level, plan.child_level, plan.period, columns, rows, total,
                  queries=len(plan.queries), sql=[q.sql for q in plan.queries])


def _num(v: float | Decimal | None) -> Number:
    if v is None:
        return 0
    if isinstance(v, int):
        return v
    f = float(v)  # PostgreSQL returns Decimal for SUM(bigint)
    return int(f) if f.is_integer() else f


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years of age on `day` (reference implementation for tests and documentation)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))

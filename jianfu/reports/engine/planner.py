"""Template + unit + period → ONE grouped SQL query per subject table (pure).

Each computed cell becomes one conditional aggregate::

    SELECT org_code AS unit,
           COUNT(*) FILTER (WHERE is_dibao = ? AND birth_date <= ?) AS a0,
           COUNT(DISTINCT household_id) FILTER (WHERE is_dibao = ?) AS a1, ...
      FROM registry_person
     WHERE org_code >= ? AND org_code < ? AND status = ?
     GROUP BY org_code

- Rows are grouped by the village code itself (the finest level); the runner adds villages up to
  towns, the county … in Python — every level from one scan (all aggregates are additive across
  villages: a household lives in one village).
- ``FILTER (WHERE …)`` (SQLite ≥ 3.30, PostgreSQL) skips the aggregate step for rows that do not
  match; older SQLite gets the equivalent ``SUM(CASE WHEN … THEN 1 ELSE 0 END)``.
- Inside a condition the likely-false comparisons come first (a true flag, an equality) so most
  rows are dropped after one comparison.
- Age conditions become birth-date cut-offs computed here in Python at the period's reference
  date, so the SQL has no date arithmetic and runs unchanged on SQLite and PostgreSQL.
- Predicates every aggregate of a subject shares (usually ``status = 'active'``) move to WHERE.
- Identical aggregates (the same element in two cells, a ratio's parts also shown as cells, the same
  figure asked for by several templates computed together) share one column.
- Every literal is a parameter; column names come from the schema whitelist only.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from .errors import EngineError
from .model import AGE, IN_PERIOD, Catalog, DataElement, Predicate, Template
from .periods import Period, years_before
from .schema import SUBJECTS, TableNames
from .units import LEVEL_LEN, child_level, level_of, prefix_range, significant_prefix


@dataclass(frozen=True)
class Aggregate:
    subject: str
    kind: str  # count / count_distinct / sum
    predicates: tuple[Predicate, ...]
    field: str | None = None


@dataclass(frozen=True)
class AggSource:
    subject: str
    index: int


@dataclass(frozen=True)
class ManualSource:
    element: str


@dataclass(frozen=True)
class RatioSource:
    numerator: Source
    denominator: Source
    factor: float
    decimals: int


#: Where a cell's figure comes from: a column of a scan, a typed-in element, or a ratio of two sources.
Source = AggSource | ManualSource | RatioSource


@dataclass
class SubjectQuery:
    subject: str
    sql: str
    params: list[object]
    aggregates: list[Aggregate]


@dataclass
class Plan:
    template: Template
    unit: str  # significant prefix of the unit reported on
    level: str
    child_level: str
    child_len: int
    period: Period
    queries: list[SubjectQuery] = field(default_factory=list)
    aggregates: dict[str, list[Aggregate]] = field(default_factory=dict)  # subject → columns
    sources: dict[str, Source] = field(default_factory=dict)  # cell key → source
    manual_elements: list[str] = field(default_factory=list)


def make_plan(catalog: Catalog, template: Template, unit_code: str, period: Period, *,
              tables: TableNames | None = None, paramstyle: str = "qmark",
              group_len: int | None = None, style: str | None = None, sql: bool = True) -> Plan:
    """Plan `template` for the unit `unit_code` (12-digit or significant prefix) and `period`.

    Rows are the unit's children (a county's towns, a town's villages); a village reports on itself.
    `group_len` overrides the rows' level (e.g. 12 to list a county's villages). The queries are
    grouped by village whatever the level (see `scan_query`); `style` is "filter" or "case"
    (default: FILTER where the database supports it).
    """
    if period.type != template.period_type:
        raise EngineError(f"模板「{template.name}」是{template.period_type}，报告期 {period.id} 类型不符",
                          field="period")
    tables = tables or TableNames()
    prefix, level, clevel, clen = unit_levels(unit_code, group_len)
    plan = Plan(template, prefix, level, clevel, clen, period)
    aggs: dict[str, list[Aggregate]] = {}
    index: dict[Aggregate, AggSource] = {}
    manual: list[str] = []

    def resolve(el: DataElement, by: tuple[tuple[str, str], ...]) -> Source:
        if el.is_manual:
            if el.code not in manual:
                manual.append(el.code)
            return ManualSource(el.code)
        if el.is_ratio:
            numerator, denominator = el.ratio_operands
            num = resolve(catalog.element(numerator.element), numerator.by)
            den = resolve(catalog.element(denominator.element), denominator.by)
            return RatioSource(num, den, el.factor, el.decimals)
        preds = list(el.predicates)
        for cat_code, opt_code in by:
            preds.extend(catalog.categories[cat_code].checked_option(opt_code).predicates)
        subject = el.subject
        assert subject is not None, el.code  # the loader gives every computed element its subject
        agg = Aggregate(subject, el.kind, _normalise(subject, preds, period.reference_date, period.start),
                        el.field)
        if agg not in index:
            lst = aggs.setdefault(subject, [])
            index[agg] = AggSource(subject, len(lst))
            lst.append(agg)
        return index[agg]

    for cell in template.cells:
        plan.sources[cell.key] = resolve(catalog.element(cell.element), cell.by)
    plan.manual_elements = manual
    for subject in sorted(aggs):
        plan.aggregates[subject] = aggs[subject]
        if sql:
            plan.queries.append(scan_query(subject, aggs[subject], prefix, tables.of(subject),
                                           paramstyle=paramstyle, style=style,
                                           history=tables.of("employment_status_change")))
    return plan


def unit_levels(unit_code: str, group_len: int | None = None) -> tuple[str, str, str, int]:
    """(significant prefix, its level, the rows' level, the rows' code length) of a report."""
    prefix = significant_prefix(unit_code)
    level = level_of(prefix)
    clevel = child_level(level)
    clen = group_len or LEVEL_LEN[clevel]
    if clen < len(prefix) or clen not in LEVEL_LEN.values():
        raise EngineError(f"分组层级 {clen} 位不适用于单位 {prefix}", field="level")
    if group_len:
        clevel = next(name for name, n in LEVEL_LEN.items() if n == clen)
    return prefix, level, clevel, clen


def view_of(plan: Plan, unit_code: str, group_len: int | None = None) -> Plan:
    """The same template, period and aggregates reported for another unit below the plan's unit
    (rows rolled up from the plan's scan); carries no SQL of its own."""
    prefix, level, clevel, clen = unit_levels(unit_code, group_len)
    if not prefix.startswith(plan.unit):
        raise EngineError(f"单位 {prefix} 不在 {plan.unit} 之内", field="unit")
    return Plan(plan.template, prefix, level, clevel, clen, plan.period, [], plan.aggregates, plan.sources,
                plan.manual_elements)


def _normalise(subject: str, preds: list[Predicate], ref: dt.date, start: dt.date | None = None
               ) -> tuple[Predicate, ...]:
    """Add the subject's defaults, turn ages into birth-date cut-offs and `in_period` into the period's
    first and last day, sort for de-duplication."""
    out: dict[tuple[str, str, object, str | None], Predicate] = {}
    mentioned = {p.column for p in preds}
    columns = SUBJECTS[subject].columns
    for column, op, value in SUBJECTS[subject].defaults:
        if column not in mentioned:
            p = Predicate(column, op, value)
            out[p.key()] = p
    for p in preds:
        if p.op == IN_PERIOD:   # a date inside the report period (events of the period: visits, placements)
            for q in (Predicate(p.column, "gte", (start or ref).isoformat()), Predicate(p.column, "lte", ref.isoformat())):
                out[q.key()] = q
            continue
        if p.column == AGE:
            p = _age_to_birth_date(p, ref)
        elif p.column in columns and columns[p.column].as_of:
            # the key person's status on the reference date; one taken in after that day had none yet
            p = Predicate(p.column, p.op, p.value, at=ref.isoformat())
            since = Predicate("identified_on", "lte", ref.isoformat())
            out[since.key()] = since
        out[p.key()] = p
    return tuple(sorted(out.values(), key=lambda p: (p.column, p.op, repr(p.value), p.at or "")))


def _age_to_birth_date(p: Predicate, ref: dt.date) -> Predicate:
    """age >= a ⇔ born on or before the day `a` years before the reference date."""
    a = p.years
    if p.op == "gte":
        return Predicate("birth_date", "lte", years_before(ref, a).isoformat())
    if p.op == "gt":  # age > a ⇔ age >= a + 1
        return Predicate("birth_date", "lte", years_before(ref, a + 1).isoformat())
    if p.op == "lt":  # age < a ⇔ born after the day a years before
        return Predicate("birth_date", "gt", years_before(ref, a).isoformat())
    if p.op == "lte":  # age <= a ⇔ age < a + 1
        return Predicate("birth_date", "gt", years_before(ref, a + 1).isoformat())
    raise EngineError(f"年龄不支持运算 {p.op}")


_SQL_OPS = {"eq": "=", "ne": "<>", "gte": ">=", "gt": ">", "lte": "<=", "lt": "<"}


def column_sql(name: str) -> str:
    """A column as SQL: always quoted, so that one named like a keyword (the status history's `on`) is a column in
    SQLite and PostgreSQL alike, and a missing one is an error in both (SQLite reads an unknown bare "on" as the
    text 'on'; quoting every name keeps the two databases equal — diff review R09). Names come from the schema's
    whitelist (`SUBJECTS`), never from a request."""
    return f'"{name}"'


def status_at_sql(table: str, history: str, params: list[object], at: str) -> str:
    """A key person's status on the day `at`, from the status history (`employment_status_change`, one dated row per
    change, kept in order by `employment.services._transition`): the new status of the latest change on or before
    that day; failing one, the old status of the first change after it (a history begun after the person was taken
    in); failing any change at all, the person's status now (it never changed). `table` is the scanned
    `employment_person` table, `history` the status history's; both names come from `TableNames`.

    This is the correlated form: two subqueries per row each time it appears, so per aggregate that filters on it.
    A scan joins `status_at_join` once instead (session 28); this form is kept as the benchmark's floor and the
    property test's second witness (`scan_query(as_of_join=False)`)."""
    params.extend((at, at))
    me = f'{table}."id"'
    return (f'COALESCE((SELECT h."to_status" FROM {history} h WHERE h."key_person_id" = {me} AND h."on" <= ? '
            f'ORDER BY h."on" DESC, h."id" DESC LIMIT 1), '
            f"(SELECT NULLIF(h.\"from_status\", '') FROM {history} h WHERE h.\"key_person_id\" = {me} "
            f'AND h."on" > ? ORDER BY h."on", h."id" LIMIT 1), {table}."status")')


#: The columns of a joined status-on-a-day (`status_at_join`); names no subject table has, so the scanned table's
#: own columns stay unqualified.
AS_OF_PERSON, AS_OF_STATUS, AS_OF_RANK = "as_of_person", "as_of_status", "as_of_rank"


def status_at_join(table: str, history: str, alias: str, params: list[object], at: str, lo: str, hi: str) -> str:
    """The same status on the day `at` as `status_at_sql`, computed ONCE per key person and joined once: a LEFT JOIN
    onto the scanned `table` whose `alias`.as_of_status every aggregate reads (`COALESCE(alias.as_of_status,
    table.status)`), instead of two correlated subqueries per row and per aggregate.

    One pass over the history of the persons under the scanned range [`lo`, `hi`): each person's changes are ranked
    — those on or before `at` first, latest first (the higher id first on one day); then those after it, earliest
    first (the lower id first) — and the first one gives the status: the new status of a change on or before the
    day, else the old status of the first change after it ('' read as none). A person with no change has no row: the
    COALESCE falls back on the status now, as the correlated form does."""
    params.extend((at, at, at, at, lo, hi))
    h = "h"
    on, hid = f'{h}."on"', f'{h}."id"'
    ranked = (f'SELECT {h}."key_person_id" AS {AS_OF_PERSON}, '
              f'CASE WHEN {on} <= ? THEN {h}."to_status" ELSE NULLIF({h}."from_status", \'\') END AS {AS_OF_STATUS}, '
              f'ROW_NUMBER() OVER (PARTITION BY {h}."key_person_id" ORDER BY CASE WHEN {on} <= ? THEN 0 ELSE 1 END, '
              f'CASE WHEN {on} <= ? THEN {on} END DESC, CASE WHEN {on} <= ? THEN {hid} END DESC, {on}, {hid}) '
              f'AS {AS_OF_RANK} FROM {history} {h} '
              f'WHERE {h}."key_person_id" IN (SELECT "id" FROM {table} WHERE org_code >= ? AND org_code < ?)')
    return (f"LEFT JOIN (SELECT {AS_OF_PERSON}, {AS_OF_STATUS} FROM ({ranked}) {alias}_ranked "
            f"WHERE {AS_OF_RANK} = 1) {alias} ON {alias}.{AS_OF_PERSON} = {table}.\"id\"")


@dataclass(frozen=True)
class Tables:
    """The names a scan's SQL needs besides its own column names: the scanned table, the status history that a
    column computed as of a day reads (`status_at_sql`), and the alias of the status joined once per day
    (`status_at_join`; reference date → alias) — a day with none is read by the correlated form."""

    table: str
    history: str = ""
    joined: dict[str, str] = field(default_factory=dict)


def predicate_sql(p: Predicate, params: list[object], tables: Tables | None = None) -> str:
    if p.at is not None:
        if tables is None or not tables.history:
            raise EngineError(f"字段 '{p.column}' 需要状态变化记录表")
        alias = tables.joined.get(p.at)
        if alias:
            col = f'COALESCE({alias}.{AS_OF_STATUS}, {tables.table}."status")'
        else:
            col = status_at_sql(tables.table, tables.history, params, p.at)
    else:
        col = column_sql(p.column)
    if p.op == "is_null":
        return f"{col} IS NULL" if p.value else f"{col} IS NOT NULL"
    if p.op in ("in", "not_in"):
        assert isinstance(p.value, tuple), p  # the loader stores the list of an in/not_in as a tuple
        params.extend(p.value)
        marks = ", ".join("?" for _ in p.value)
        return f"{col} {'IN' if p.op == 'in' else 'NOT IN'} ({marks})"
    params.append(p.value)
    return f"{col} {_SQL_OPS[p.op]} ?"


# ---------------------------------------------------------------- SQL of one scan

#: SQLite ≥ 3.30 and PostgreSQL accept ``agg(...) FILTER (WHERE …)``; older SQLite gets CASE.
FILTER_SUPPORTED = sqlite3.sqlite_version_info >= (3, 30, 0)
STYLES = ("filter", "case")


def default_style() -> str:
    return "filter" if FILTER_SUPPORTED else "case"


def _cost_rank(p: Predicate) -> tuple[int, str, str, str, str]:
    """Order of the conditions inside one aggregate: likely-false first, so that the database's
    short-circuit AND drops most rows after one comparison (a flag that is true is rare; an equality
    on an enumeration picks one value of several; a range or a `≠` keeps most rows). Only the
    order of an AND changes, never its meaning."""
    if p.op == "eq":
        rank = 0 if p.value is True else (4 if p.value is False else 1)
    elif p.op in ("in", "is_null"):
        rank = 2 if p.value else 5
    elif p.op in ("gte", "gt", "lte", "lt"):
        rank = 3
    else:  # ne, not_in
        rank = 5
    if p.at is not None:   # the status on a day (joined, or a subquery per row): after every plain comparison
        rank += 10
    return (rank, p.column, p.op, repr(p.value), p.at or "")


def aggregate_sql(a: Aggregate, rest: list[Predicate], params: list[object], style: str,
                  tables: Tables | None = None) -> str:
    """One aggregate column; `rest` are its conditions not already in the query's WHERE."""
    cond = " AND ".join(predicate_sql(p, params, tables) for p in sorted(rest, key=_cost_rank))
    if style == "filter":
        fld = column_sql(a.field) if a.field else ""
        expr = {"count": "COUNT(*)", "sum": f"SUM({fld})", "count_distinct": f"COUNT(DISTINCT {fld})"}[a.kind]
        return f"{expr} FILTER (WHERE {cond})" if cond else expr
    if style != "case":
        raise EngineError(f"不支持的聚合写法 {style}")
    if a.kind == "count":
        return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)" if cond else "COUNT(*)"
    fld = column_sql(a.field or "")
    if a.kind == "sum":
        return f"SUM(CASE WHEN {cond} THEN {fld} ELSE 0 END)" if cond else f"SUM({fld})"
    return f"COUNT(DISTINCT CASE WHEN {cond} THEN {fld} END)" if cond else f"COUNT(DISTINCT {fld})"


def scan_query(subject: str, aggs: list[Aggregate], prefix: str, table: str, *, paramstyle: str = "qmark",
               style: str | None = None, group_len: int | None = None, history: str | None = None,
               as_of_join: bool = True) -> SubjectQuery:
    """ONE grouped query over `table` for the rows under `prefix`: a column per aggregate.

    Grouped by ``org_code`` itself (the village; the finest level any report needs) unless
    `group_len` asks for ``substr(org_code, 1, n)``: the runner rolls villages up to towns, the
    county … in Python, so every level comes from this one scan, and grouping by the indexed
    column itself spares the database a substr() per row. `history`: the status history's table (default its name
    in `TableNames()`), read by a column computed as of the reference date: joined once per distinct reference date
    (`status_at_join`), every aggregate and the WHERE reading the joined column; `as_of_join=False` writes the
    correlated subqueries of `status_at_sql` into each condition instead (the old form: the benchmark's floor)."""
    style = style or default_style()
    lo, hi = prefix_range(prefix)
    history = history or TableNames().of("employment_status_change")
    days = sorted({p.at for a in aggs for p in a.predicates if p.at is not None}) if as_of_join else []
    names = Tables(table, history, {at: f"as_of_{i}" for i, at in enumerate(days)})
    join_params: list[object] = []
    joins = "".join(" " + status_at_join(table, history, names.joined[at], join_params, at, lo, hi) for at in days)
    common = set(p.key() for p in aggs[0].predicates)
    for a in aggs[1:]:
        common &= set(p.key() for p in a.predicates)
    common_preds = sorted((p for p in aggs[0].predicates if p.key() in common), key=_cost_rank)
    group = "org_code" if group_len is None else f"substr(org_code, 1, {int(group_len)})"
    select_params: list[object] = []
    exprs = []
    for i, a in enumerate(aggs):
        rest = [p for p in a.predicates if p.key() not in common]
        exprs.append(f"{aggregate_sql(a, rest, select_params, style, names)} AS a{i}")
    where_params: list[object] = [lo, hi]
    where = ["org_code >= ?", "org_code < ?"] + [predicate_sql(p, where_params, names) for p in common_preds]
    sql = (f"SELECT {group} AS unit, {', '.join(exprs)} FROM {table}{joins} "
           f"WHERE {' AND '.join(where)} GROUP BY {group}")
    if paramstyle == "format":
        sql = sql.replace("?", "%s")
    elif paramstyle != "qmark":
        raise EngineError(f"不支持的参数风格 {paramstyle}")
    return SubjectQuery(subject, sql, select_params + join_params + where_params, list(aggs))

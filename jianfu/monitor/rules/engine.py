"""Evaluate rules over ledger rows.

A row is a dict with at least `id`, `org_code`, `issuer_code`, `issuer_name`, `date` (datetime.date),
`title`, plus the fields of its ledger (see `jianfu.monitor.models`). Every check is a function
`(rule, rows, context) -> Iterable[Hit]` registered in `CHECKS`; a check either judges each row on its
own (a speech over an hour) or counts rows per issuer, village or month (a second comprehensive
meeting in a year, a seventh plaque outside a village office)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "low", "medium", "high")
# A ledger row or a rule's params: the keys and value types differ from ledger to ledger and rule to rule
# (dates, ints, bools, strings; see `jianfu.monitor.models`), so their values stay `Any`.
Row = dict[str, Any]


class RuleError(ValueError):
    """A rule that cannot be evaluated (unknown check, missing threshold); the message is Chinese."""


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    ledger: str
    check: str
    threshold: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "medium"
    citation: str = ""


@dataclass(frozen=True)
class Hit:
    rule_code: str
    ledger: str
    row_id: int | None        # None for a count over several rows (the rows are in `row_ids`)
    issuer_code: str
    issuer_name: str
    org_code: str
    date: dt.date
    severity: str
    summary: str
    row_ids: tuple[int, ...] = ()
    # a count's whole group, oldest first: every row it counted (its summary's figure), not only those beyond the
    # threshold — the finding's page lists them (mend31 #1: "挂牌 9 块" showed the one row that went over)
    counted: tuple[int, ...] = ()


@dataclass
class Context:
    year: int
    previous: dict[str, list[Row]] = field(default_factory=dict)  # last year's rows by ledger (counts)


Check = Callable[[RuleSpec, list[Row], Context], Iterable[Hit]]
GroupKey = tuple[object, ...]
# Checks that count rows per group give one hit per group; a group is told apart across re-runs by
# these fields of the hit (the row it names changes as rows are added, the group does not).
GROUPED_BY: dict[str, tuple[str, ...]] = {
    "count_over_last_year": ("issuer_code",),
    "meeting_comprehensive_per_year": ("issuer_code",),
    "inspection_comprehensive_per_year": ("issuer_code",),
    "app_per_owner_max": ("issuer_code",),
    "inspection_onsite_month_max": ("month",),
    "plaques_outside_max": ("org_code",),
    "plaques_inside_max": ("org_code",),
}
CHECKS: dict[str, Check] = {}
# What each check needs: a threshold? (shown on the rule form, validated on save)
NEEDS_THRESHOLD: set[str] = set()


def check(name: str, *, threshold: bool = False) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        if threshold:
            NEEDS_THRESHOLD.add(name)
        return fn
    return register


def validate(rule: RuleSpec) -> None:
    if rule.check not in CHECKS:
        raise RuleError(f"未知的检查方法“{rule.check}”。")
    if rule.check in NEEDS_THRESHOLD and (rule.threshold is None or rule.threshold < 0):
        raise RuleError(f"规则 {rule.code} 的检查方法需要一个不小于 0 的阈值。")
    if rule.severity not in SEVERITIES:
        raise RuleError(f"规则 {rule.code} 的严重程度“{rule.severity}”无效。")


def evaluate(rules: Iterable[RuleSpec], ledgers: dict[str, list[Row]], *, year: int,
             previous: dict[str, list[Row]] | None = None) -> list[Hit]:
    """Every rule over the rows of its ledger. Rows outside `year` are ignored (except apps,
    secondments and plaques, which are states rather than events: their rows are what is in force)."""
    context = Context(year=year, previous=previous or {})
    hits: list[Hit] = []
    for rule in rules:
        validate(rule)
        rows = ledgers.get(rule.ledger, [])
        hits.extend(CHECKS[rule.check](rule, rows, context))
    return hits


# ------------------------------------------------------------------------------------ helpers

def _hit(rule: RuleSpec, row: Row, summary: str) -> Hit:
    return Hit(rule.code, rule.ledger, row["id"], row["issuer_code"], row["issuer_name"], row["org_code"],
               row["date"], rule.severity, summary, (row["id"],))


def _threshold(rule: RuleSpec) -> int:
    """The threshold of a check that needs one (`validate` refuses the rule without it)."""
    if rule.threshold is None:
        raise RuleError(f"规则 {rule.code} 的检查方法需要一个不小于 0 的阈值。")
    return rule.threshold


def checked_kinds(rule: RuleSpec, key: str) -> set[str] | None:
    """The kinds of row `rule` checks, as its `key` param lists them; None (none listed) is every kind."""
    kinds = rule.params.get(key)
    return set(kinds) if kinds else None


def _per_row(predicate: Callable[[RuleSpec, Row], str | None]) -> Check:
    def run(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
        for row in rows:
            summary = predicate(rule, row)
            if summary:
                yield _hit(rule, row, summary)
    return run


def _over_count(rule: RuleSpec, rows: list[Row], key: Callable[[Row], GroupKey],
                describe: Callable[[GroupKey, int], str]) -> Iterator[Hit]:
    """Group rows by `key`; every group with more than `threshold` rows gives one hit on the rows
    beyond the threshold (the first N are allowed), naming the last of them."""
    threshold = _threshold(rule)
    groups: dict[GroupKey, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    for group_key, group in groups.items():
        if len(group) > threshold:
            group.sort(key=lambda r: (r["date"], r["id"]))
            extra = group[threshold:]
            last = extra[-1]
            yield Hit(rule.code, rule.ledger, None, last["issuer_code"], last["issuer_name"], last["org_code"],
                      last["date"], rule.severity, describe(group_key, len(group)), tuple(r["id"] for r in extra),
                      tuple(r["id"] for r in group))


# ---------------------------------------------------------------------------------- documents

@check("doc_length_max", threshold=True)
def _doc_length(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    kinds = checked_kinds(rule, "doc_kinds")
    for row in rows:
        if (kinds is None or row["doc_kind"] in kinds) and row["length"] > rule.threshold:
            yield _hit(rule, row, f"《{row['title']}》{row['length']} 字，超过 {rule.threshold} 字。")


@check("doc_unreviewed")
def _doc_unreviewed(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if not row.get("review_id"):
            yield _hit(rule, row, f"《{row['title']}》未经与为基层减负一致性评估即印发。")


@check("doc_review_score_min", threshold=True)
def _doc_score(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        score = row.get("review__score")
        if row.get("review_id") and score is not None and score < rule.threshold:
            yield _hit(rule, row, f"《{row['title']}》一致性评估得分 {score}，低于 {rule.threshold} 分仍印发。")


@check("doc_report_back")
def _doc_report_back(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row.get("asks_report_back"):
            yield _hit(rule, row, f"《{row['title']}》要求基层报送贯彻落实情况。")


@check("count_over_last_year")
def _count_yoy(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    """Per issuer: more rows this year than last year (of `params.kinds` when given)."""
    kind_field: str = rule.params.get("kind_field", "")      # "" is no row's key, like the absent field
    kinds = checked_kinds(rule, "kinds")

    def keep(row: Row) -> bool:
        return kinds is None or row.get(kind_field) in kinds
    this: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if keep(row):
            this[row["issuer_code"]].append(row)
    last: dict[str, int] = defaultdict(int)
    for row in context.previous.get(rule.ledger, []):
        if keep(row):
            last[row["issuer_code"]] += 1
    for issuer, group in this.items():
        if last[issuer] and len(group) > last[issuer]:
            group.sort(key=lambda r: (r["date"], r["id"]))
            extra = group[last[issuer]:]
            tail = group[-1]
            yield Hit(rule.code, rule.ledger, None, issuer, tail["issuer_name"], tail["org_code"], tail["date"],
                      rule.severity, f"{tail['issuer_name']} {context.year} 年 {len(group)} 件，"
                                     f"多于上年的 {last[issuer]} 件，须书面说明。", tuple(r["id"] for r in extra),
                      tuple(r["id"] for r in group))


# ----------------------------------------------------------------------------------- meetings

@check("meeting_speech_max", threshold=True)
def _speech(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["speech_minutes"] > rule.threshold:
            yield _hit(rule, row, f"“{row['title']}”主要讲话 {row['speech_minutes']} 分钟，超过 {rule.threshold} 分钟。")


@check("meeting_duration_max", threshold=True)
def _duration(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    kinds = checked_kinds(rule, "meeting_kinds")
    for row in rows:
        if (kinds is None or row["meeting_kind"] in kinds) and row["duration_minutes"] > rule.threshold:
            yield _hit(rule, row, f"“{row['title']}”开会 {row['duration_minutes']} 分钟，超过 {rule.threshold} 分钟。")


@check("meeting_comprehensive_per_year", threshold=True)
def _comprehensive_meetings(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    chosen = [r for r in rows if r["meeting_kind"] == "comprehensive"]
    yield from _over_count(rule, chosen, lambda r: (r["issuer_code"],),
                           lambda k, n: f"{context.year} 年召开综合性工作会议 {n} 次，超过 {rule.threshold} 次。")


@check("meeting_principals")
def _principals(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["convened_by_deputy"] and (row["township_heads_required"] or row["village_secretaries_required"]):
            yield _hit(rule, row, f"“{row['title']}”由分管负责同志召集，却要求下级主要负责同志参会。")


@check("meeting_relayed")
def _relayed(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["relayed"]:
            yield _hit(rule, row, f"“{row['title']}”层层陪会、逐级传达。")


# -------------------------------------------------------------------------------- inspections

@check("inspection_unplanned")
def _unplanned(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if not row["in_annual_plan"] and not row["emergency"]:
            yield _hit(rule, row, f"“{row['title']}”未列入年度督查检查考核计划。")


@check("inspection_comprehensive_per_year", threshold=True)
def _comprehensive_inspections(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    chosen = [r for r in rows if r["comprehensive"] and not r["emergency"]]
    yield from _over_count(rule, chosen, lambda r: (r["issuer_code"],),
                           lambda k, n: f"{context.year} 年开展综合性督查检查考核 {n} 项，超过 {rule.threshold} 项。")


@check("inspection_materials_max", threshold=True)
def _materials(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    fields = rule.params.get("fields") or ["forms_demanded", "photos_demanded", "ledgers_demanded"]
    for row in rows:
        total = sum(row[f] for f in fields)
        if total > rule.threshold and not row["emergency"]:
            yield _hit(rule, row, f"“{row['title']}”要求基层提供材料 {total} 项（表格 {row['forms_demanded']}、"
                                  f"照片 {row['photos_demanded']}、台账 {row['ledgers_demanded']}）。")


@check("inspection_onsite_month_max", threshold=True)
def _onsite_month(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    per_month: dict[tuple[int, int], list[Row]] = defaultdict(list)
    for row in rows:
        if not row["emergency"] and row["onsite_visits"]:
            per_month[(row["date"].year, row["date"].month)].append(row)
    for (year, month), group in per_month.items():
        visits = sum(r["onsite_visits"] for r in group)
        if visits > rule.threshold:
            group.sort(key=lambda r: (r["date"], r["id"]))
            tail = group[-1]
            yield Hit(rule.code, rule.ledger, None, tail["issuer_code"], tail["issuer_name"], tail["org_code"],
                      tail["date"], rule.severity,
                      f"{year} 年 {month} 月实地督查检查 {visits} 次，超过每月 {rule.threshold} 次。",
                      tuple(r["id"] for r in group), tuple(r["id"] for r in group))


# --------------------------------------------------------------------------------------- apps

FORBIDDEN_FEATURES = {"check_in": "打卡签到", "points": "积分", "ranking": "排名通报", "online_time": "在线时长",
                      "download_target": "下载率考核"}


@check("app_forbidden_features")
def _forbidden(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if not row["in_use"]:
            continue
        found = [label for key, label in FORBIDDEN_FEATURES.items() if row[key]]
        if found:
            yield _hit(rule, row, f"“{row['title']}”设有{'、'.join(found)}功能。")


@check("app_per_owner_max", threshold=True)
def _apps_per_owner(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    chosen = [r for r in rows if r["in_use"] and r["grassroots_facing"]]
    yield from _over_count(rule, chosen, lambda r: (r["issuer_code"],),
                           lambda k, n: f"同一部门面向基层的政务应用 {n} 个，超过 {rule.threshold} 个。")


@check("app_unfiled")
def _unfiled(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["in_use"] and not row["filing_no"].strip():
            yield _hit(rule, row, f"“{row['title']}”未备案。")


@check("app_repeat_filling")
def _repeat(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["in_use"] and row["repeat_filling"]:
            yield _hit(rule, row, f"“{row['title']}”要求基层重复填报已有数据。")


# -------------------------------------------------------------------------------- secondments

BELOW_COUNTY = {"county", "town", "village"}


@check("secondment_from_below")
def _from_below(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["from_unit_level"] in BELOW_COUNTY:
            yield _hit(rule, row, f"从县及以下单位借调 {row['people']} 人（{row['title']}）。")


@check("secondment_months_max", threshold=True)
def _months(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["months"] > rule.threshold:
            yield _hit(rule, row, f"借调 {row['months']} 个月，超过 {rule.threshold} 个月（{row['title']}）。")


@check("secondment_unapproved")
def _unapproved_secondment(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if not row["approved"]:
            yield _hit(rule, row, f"借调未履行审批手续（{row['title']}）。")


# ------------------------------------------------------------------------------------ plaques

def _plaques(placement: str, label: str) -> Check:
    def run(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
        chosen = [r for r in rows if r["placement"] == placement and r["status"] == "kept"]
        yield from _over_count(rule, chosen, lambda r: (r["org_code"],),
                               lambda k, n: f"村（社区）办公场所{label}挂牌 {n} 块（台账中状态为“保留”的，含往年登记的），"
                                            f"超过 {rule.threshold} 块。")
    return run


check("plaques_outside_max", threshold=True)(_plaques("outside", "外部"))
check("plaques_inside_max", threshold=True)(_plaques("inside", "室内"))


# --------------------------------------------------------------------------------- activities

@check("activity_unapproved")
def _unapproved_activity(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    kinds = checked_kinds(rule, "activity_kinds")
    for row in rows:
        if (kinds is None or row["activity_kind"] in kinds) and not row["approved"]:
            yield _hit(rule, row, f"“{row['title']}”未经批准举办。")


@check("activity_fees_max", threshold=True)
def _fees(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    for row in rows:
        if row["fees_yuan"] > rule.threshold:
            yield _hit(rule, row, f"“{row['title']}”向参与单位收费或摊派 {row['fees_yuan']} 元。")


# ------------------------------------------------------------------------------------ demands

# A demand is a certificate demand by its ledger row's `demand_kind` ("certificate"), as recorded, never by its title.
# This check also says certificates must be on the list: the township reviewing a village's 服务清单 is warned with
# this rule's name and citation about the items whose names ask for a certificate (fix-ui19b #2; the items are told
# by their words, `monitor.selectors.names_a_certificate`, as a service item has no kind).
CERTIFICATE_CHECK = "demand_not_listed"


@check(CERTIFICATE_CHECK)
def _not_listed(rule: RuleSpec, rows: list[Row], context: Context) -> Iterator[Hit]:
    kinds = checked_kinds(rule, "demand_kinds")
    for row in rows:
        if (kinds is None or row["demand_kind"] in kinds) and not row["in_access_list"]:
            # the ledger's own words (often a whole sentence: "派出所要求村委会…") quoted after a colon, not
            # spliced into ours
            what = "出具证明" if row["demand_kind"] == "certificate" else "承担工作事项"
            yield _hit(rule, row, f"要求村（社区）{what}，未列入清单：“{row['title']}”。")

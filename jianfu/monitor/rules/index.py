"""基层负担指数: the burden put on one village in one month, as estimated hours of work.

Method (shown on the index page from `METHOD`): every ledger row that reaches a village is turned
into minutes by a fixed, published weight; the index is the sum for the village and month, in hours.
A row reaches every village under the unit it was sent to (a county-wide document reaches all the
county's villages; a village's own record only that village). A township's index is the mean of its
villages'. Because each figure is a sum of rows × weights, every input can be listed back
(`trace`). Plaques and secondments are states, not monthly work, and are not in the index.

The weights are assumptions, not measurements; they are constants here so that changing one is one
reviewed line, and the page states them next to the figures.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from jianfu.monitor.rules.engine import Row

_BRACKETED = re.compile(r"\([^()]*\)")

DOC_MINUTES = 15                  # receiving, registering and passing on a document
DOC_MINUTES_PER_1000_CHARS = 3    # reading, at ~330 字 a minute
MEETING_TRAVEL_MINUTES = 60       # getting to and from an on-site meeting
INSPECTION_ONSITE_MINUTES = 120   # receiving an on-site inspection
INSPECTION_DESK_MINUTES = 30      # answering a desk inspection
FORM_MINUTES = 30                 # per form demanded by an inspection
PHOTO_MINUTES = 5                 # per photo demanded
LEDGER_MINUTES = 60               # per 台账 demanded
APP_MINUTES_PER_MONTH = 220       # an app with check-in/points/online time: ~10 minutes × 22 working days
REPORT_FORM_MINUTES = 10          # finding, signing and sending one report form (一表同享 submission)
REPORT_CELL_MINUTES = 2           # typing one manual cell (the reports module's own estimate)
DEMAND_MINUTES = 30               # per work item or certificate demanded of the village

COMPONENTS = {
    "documents": "收文",
    "meetings": "参会",
    "inspections": "迎检",
    "materials": "报材料",
    "apps": "政务应用",
    "reporting": "报表填报",
    "demands": "工作事项与证明",
}

METHOD = [
    f"收文：每件 {DOC_MINUTES} 分钟，另按正文每千字 {DOC_MINUTES_PER_1000_CHARS} 分钟计阅读时间；",
    f"参会：仅计要求村（社区）书记参加的会议，按会议时长计，现场会议另加往返 {MEETING_TRAVEL_MINUTES} 分钟；",
    f"迎检：实地督查检查考核每项 {INSPECTION_ONSITE_MINUTES} 分钟，书面检查每项 {INSPECTION_DESK_MINUTES} 分钟；",
    f"报材料：督查检查考核要求的表格每份 {FORM_MINUTES} 分钟、照片每张 {PHOTO_MINUTES} 分钟、台账每本 {LEDGER_MINUTES} 分钟；",
    f"政务应用：设有打卡、积分、排名、在线时长或下载率考核功能且在用的应用，每个每月 {APP_MINUTES_PER_MONTH} 分钟"
    "（每个工作日约 10 分钟）；",
    f"报表填报：一表同享每张报表 {REPORT_FORM_MINUTES} 分钟，每个手工填报单元格 {REPORT_CELL_MINUTES} 分钟；",
    f"工作事项与证明：未列入清单的事项或证明每次 {DEMAND_MINUTES} 分钟（列入清单的不计）；",
    "发往县或乡镇的事项计入其下每个村（社区）；乡镇指数为所辖村（社区）指数的平均值；单位为小时。",
]

FORBIDDEN = ("check_in", "points", "ranking", "online_time", "download_target")


def prefix_of(code: str) -> str:
    """Significant prefix of a 12-digit division code (450521000000 → 450521); other codes whole."""
    if len(code) != 12 or not code.isdigit():
        return code
    for end, start in ((12, 9), (9, 6), (6, 4), (4, 2)):
        if int(code[start:end]) != 0:
            return code[:end]
    return code[:2]


@dataclass(frozen=True)
class Contribution:
    component: str
    ledger: str            # ledger kind, or "reporting" for 一表同享 submissions
    row_id: int | str
    issuer_code: str
    issuer_name: str
    minutes: float
    months: tuple[int, ...]  # months of the year the row weighs on
    target_prefix: str
    title: str


def contributions(rows_by_kind: dict[str, list[Row]], reporting: Iterable[Row], *, year: int) -> list[Contribution]:
    """Every row that weighs on some village in `year`, with its minutes per village and month."""
    out: list[Contribution] = []
    add = out.append
    for row in rows_by_kind.get("document", ()):
        if row["date"].year == year:
            add(Contribution("documents", "document", row["id"], row["issuer_code"], row["issuer_name"],
                             DOC_MINUTES + row["length"] * DOC_MINUTES_PER_1000_CHARS / 1000, (row["date"].month,),
                             prefix_of(row["org_code"]), row["title"]))
    for row in rows_by_kind.get("meeting", ()):
        if row["date"].year == year and row["village_secretaries_required"]:
            minutes = row["duration_minutes"] + (0 if row["by_video"] else MEETING_TRAVEL_MINUTES)
            add(Contribution("meetings", "meeting", row["id"], row["issuer_code"], row["issuer_name"], minutes,
                             (row["date"].month,), prefix_of(row["org_code"]), row["title"]))
    for row in rows_by_kind.get("inspection", ()):
        if row["date"].year != year:
            continue
        prefix, month = prefix_of(row["org_code"]), (row["date"].month,)
        base = INSPECTION_ONSITE_MINUTES if row["onsite_visits"] else INSPECTION_DESK_MINUTES
        add(Contribution("inspections", "inspection", row["id"], row["issuer_code"], row["issuer_name"], base, month,
                         prefix, row["title"]))
        materials = (row["forms_demanded"] * FORM_MINUTES + row["photos_demanded"] * PHOTO_MINUTES
                     + row["ledgers_demanded"] * LEDGER_MINUTES)
        if materials:
            add(Contribution("materials", "inspection", row["id"], row["issuer_code"], row["issuer_name"], materials,
                             month, prefix, row["title"]))
    for row in rows_by_kind.get("app", ()):
        if not (row["in_use"] and row["grassroots_facing"] and any(row[f] for f in FORBIDDEN)):
            continue
        if row["date"].year > year:
            continue
        first = row["date"].month if row["date"].year == year else 1
        add(Contribution("apps", "app", row["id"], row["issuer_code"], row["issuer_name"], APP_MINUTES_PER_MONTH,
                         tuple(range(first, 13)), prefix_of(row["org_code"]), row["title"]))
    for row in rows_by_kind.get("demand", ()):
        if row["date"].year == year and not row["in_access_list"]:
            add(Contribution("demands", "demand", row["id"], row["issuer_code"], row["issuer_name"],
                             row["times"] * DEMAND_MINUTES, (row["date"].month,), prefix_of(row["org_code"]),
                             row["title"]))
    for sub in reporting:
        if sub["month"] and sub["year"] == year:
            add(Contribution("reporting", "reporting", sub["id"], sub["issuer_code"], sub["issuer_name"],
                             REPORT_FORM_MINUTES + sub["manual_cells"] * REPORT_CELL_MINUTES, (sub["month"],),
                             prefix_of(sub["org_code"]), sub["title"]))
    return out


def ancestors(village: str) -> tuple[str, ...]:
    """The prefixes a row may be addressed to and still reach `village` (county, town, village…)."""
    return (village[:2], village[:4], village[:6], village[:9], village[:12])


@dataclass
class IndexResult:
    year: int
    villages: list[str]
    # (village, month) → component → minutes
    cells: dict[tuple[str, int], dict[str, float]] = field(default_factory=dict)
    # issuer_code → (name, minutes summed over every village and month)
    issuers: dict[str, tuple[str, float]] = field(default_factory=dict)

    def hours(self, village: str, month: int) -> float:
        return round(sum(self.cells.get((village, month), {}).values()) / 60, 1)

    def component_hours(self, village: str, month: int) -> dict[str, float]:
        cell = self.cells.get((village, month), {})
        return {c: round(cell.get(c, 0.0) / 60, 1) for c in COMPONENTS}

    def town_hours(self, town_prefix: str, month: int) -> float:
        chosen = [v for v in self.villages if v.startswith(town_prefix)]
        if not chosen:
            return 0.0
        return round(sum(sum(self.cells.get((v, month), {}).values()) for v in chosen) / 60 / len(chosen), 1)

    def issuer_ranking(self) -> list[dict[str, str | float]]:
        ranked = sorted(self.issuers.items(), key=lambda kv: (-kv[1][1], kv[0]))
        return [{"issuer_code": code, "issuer_name": name, "hours": round(minutes / 60, 1)}
                for code, (name, minutes) in ranked]


def issuer_key(name: str, *, county_names: Iterable[str] = ()) -> str:
    """One department however its name is written (N07): "县应急管理局" and "应急管理局", "合浦县民政局" and "民政局",
    "县农业农村局（乡村振兴）" and "农业农村局" give one key. Width-folded, spaces and bracketed remarks dropped, then
    the county's own name and a leading 县 (both sides lose it, so "县委组织部" still meets "县委组织部")."""
    key = _BRACKETED.sub("", unicodedata.normalize("NFKC", name or "")).replace(" ", "")
    for county in county_names:
        if county and key.startswith(county):
            key = key[len(county):]
            break
    return key.removeprefix("县")


def compute(villages: list[str], contribs: list[Contribution], *, year: int, through: int = 12) -> IndexResult:
    """The index for every village and month: contributions are summed per (target, month) first and
    then handed down to the villages under each target — O(rows + villages × months).

    `through`: the last month that has happened (R07). An app weighs on every month from its start to December — a
    projection; months after `through` are left out of the cells and the issuers' totals, so a year in progress
    reads 今年累计 (to date), never a December that has not come."""
    villages = sorted(villages)
    count_under: dict[str, int] = defaultdict(int)
    for v in villages:
        for p in set(ancestors(v)):
            count_under[p] += 1
    per_target: dict[tuple[str, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    issuers: dict[str, tuple[str, float]] = {}
    for c in contribs:
        reached = count_under.get(c.target_prefix, 0)
        if not reached:
            continue
        months = [m for m in c.months if m <= through]
        if not months:
            continue
        for m in months:
            per_target[(c.target_prefix, m)][c.component] += c.minutes
        name, minutes = issuers.get(c.issuer_code, (c.issuer_name, 0.0))
        issuers[c.issuer_code] = (name, minutes + c.minutes * len(months) * reached)
    result = IndexResult(year=year, villages=villages, issuers=issuers)
    targets_by_month: dict[int, set[str]] = defaultdict(set)
    for prefix, month in per_target:
        targets_by_month[month].add(prefix)
    for v in villages:
        chain = set(ancestors(v))
        for month in range(1, 13):
            hit = chain & targets_by_month.get(month, set())
            if not hit:
                continue
            cell: dict[str, float] = defaultdict(float)
            for prefix in hit:
                for component, minutes in per_target[(prefix, month)].items():
                    cell[component] += minutes
            result.cells[(v, month)] = dict(cell)
    return result


def trace(village: str, month: int, contribs: list[Contribution]) -> list[Contribution]:
    """The contributions behind one village's figure for one month, largest first."""
    chain = set(ancestors(village))
    chosen = [c for c in contribs if c.target_prefix in chain and month in c.months]
    return sorted(chosen, key=lambda c: (-c.minutes, c.ledger, str(c.row_id)))


def months_elapsed(year: int, today: dt.date) -> int:
    """How many months of `year` have begun by `today`: 12 for a past year, 0 for a year to come."""
    if year < today.year:
        return 12
    return today.month if year == today.year else 0


def month_range(year: int) -> list[dt.date]:
    return [dt.date(year, m, 1) for m in range(1, 13)]

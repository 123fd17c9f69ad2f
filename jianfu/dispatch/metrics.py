"""三率 and handling figures per department and per town.

Definitions (over the events reported in the period that reached a department):
- 响应率 response rate: accepted (签收) within `RESPONSE_HOURS` of dispatch / dispatched;
- 解决率 resolution rate: resolved or closed / dispatched;
- 满意率 satisfaction rate: satisfied reporter ratings / reporter ratings;
- median hours from dispatch to acceptance and to resolution; overdue count (ever past the deadline);
  returns (退回) made by the department; mean township rating (考核评价, 1-5).

One query per figure family, aggregated in Python over `values()` rows (a county's year is tens of
thousands of events: milliseconds). Scoped by the caller through `selectors.event_list`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.officeprops import new_workbook
from jianfu.core.xlsxguard import workbook_bytes
from jianfu.dispatch.catalogue import safe_cell
from jianfu.dispatch.models import DepartmentRating, Event, Feedback, RoutingFeedback
from jianfu.dispatch.workflow import CLOCK_STATUSES, Status
from jianfu.orgs.models import OrgUnit
from jianfu.orgs.selectors import place_names

RESPONSE_HOURS = 24


@dataclass
class Row:
    key: str
    name: str
    dispatched: int = 0
    accepted_in_time: int = 0
    resolved: int = 0
    feedback: int = 0
    satisfied: int = 0
    overdue: int = 0
    returns: int = 0
    median_accept_hours: float | None = None
    median_resolve_hours: float | None = None
    rating: float | None = None

    @property
    def response_rate(self) -> float | None:
        return _rate(self.accepted_in_time, self.dispatched)

    @property
    def resolution_rate(self) -> float | None:
        return _rate(self.resolved, self.dispatched)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.feedback)

    def as_dict(self) -> dict:
        return asdict(self) | {"response_rate": self.response_rate, "resolution_rate": self.resolution_rate,
                               "satisfaction_rate": self.satisfaction_rate}


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def _hours(a, b) -> float:
    return (a - b).total_seconds() / 3600


def compute(events_qs, *, by: str = "department", now: dt.datetime | None = None) -> list[Row]:
    """`events_qs`: the (already scoped) events to count. `by`: "department" or "town"."""
    now = now or timezone.now()
    key_of = (lambda r: r["department_code"]) if by == "department" else (lambda r: r["org_code"][:9].ljust(12, "0"))
    rows = list(events_qs.order_by().filter(dispatched_at__isnull=False).values(
        "id", "org_code", "department_code", "status", "dispatched_at", "accepted_at", "resolved_at", "due_at",
        "was_overdue"))
    acc: dict[str, Row] = {}
    accept_h: dict[str, list[float]] = defaultdict(list)
    resolve_h: dict[str, list[float]] = defaultdict(list)
    event_key: dict[int, str] = {}
    for r in rows:
        key = key_of(r)
        event_key[r["id"]] = key
        row = acc.setdefault(key, Row(key=key, name=key))
        row.dispatched += 1
        if r["accepted_at"]:
            hours = _hours(r["accepted_at"], r["dispatched_at"])
            accept_h[key].append(hours)
            if hours <= RESPONSE_HOURS:
                row.accepted_in_time += 1
        if r["status"] in (Status.RESOLVED, Status.CLOSED):
            row.resolved += 1
            if r["resolved_at"]:
                resolve_h[key].append(_hours(r["resolved_at"], r["dispatched_at"]))
        if r["was_overdue"] or (r["status"] in CLOCK_STATUSES and r["due_at"] and r["due_at"] < now):
            row.overdue += 1
    ids = list(event_key)
    for f in Feedback.objects.filter(event_id__in=ids).values("event_id", "department_code", "satisfied"):
        key = f["department_code"] if by == "department" else event_key[f["event_id"]]
        if key in acc:
            acc[key].feedback += 1
            acc[key].satisfied += bool(f["satisfied"])
    ratings: dict[str, list[int]] = defaultdict(list)
    for r in DepartmentRating.objects.filter(event_id__in=ids).values("event_id", "department_code", "score"):
        key = r["department_code"] if by == "department" else event_key[r["event_id"]]
        ratings[key].append(r["score"])
    all_ids = events_qs.order_by().values("id")
    for r in RoutingFeedback.objects.filter(kind=RoutingFeedback.Kind.RETURN, event_id__in=all_ids).values(
            "predicted_department_code", "org_code"):
        key = r["predicted_department_code"] if by == "department" else r["org_code"][:9].ljust(12, "0")
        acc.setdefault(key, Row(key=key, name=key)).returns += 1
    names = dict(OrgUnit.objects.filter(code__in=list(acc)).values_list("code", "name"))
    for key, row in acc.items():
        row.name = names.get(key, key or "—")
        row.median_accept_hours = round(statistics.median(accept_h[key]), 2) if accept_h[key] else None
        row.median_resolve_hours = round(statistics.median(resolve_h[key]), 2) if resolve_h[key] else None
        row.rating = round(statistics.fmean(ratings[key]), 2) if ratings[key] else None
    return sorted(acc.values(), key=lambda r: r.key)


def totals(rows: list[Row]) -> Row:
    t = Row(key="", name="合计")
    for r in rows:
        for f in ("dispatched", "accepted_in_time", "resolved", "feedback", "satisfied", "overdue", "returns"):
            setattr(t, f, getattr(t, f) + getattr(r, f))
    return t


HEADERS = ["单位", "派发数", "按时签收", "响应率", "办结数", "解决率", "评价数", "满意数", "满意率",
           "签收用时中位数（小时）", "办结用时中位数（小时）", "超期数", "退回数", "乡镇评价均分"]


def export_xlsx(rows: list[Row], *, title: str) -> bytes:
    wb = new_workbook(title=title)
    ws = wb.active
    ws.title = "三率统计"
    ws.append([safe_cell(title)])
    ws.append(HEADERS)
    for r in [*rows, totals(rows)]:
        ws.append([safe_cell(r.name), r.dispatched, r.accepted_in_time, r.response_rate, r.resolved, r.resolution_rate,
                   r.feedback, r.satisfied, r.satisfaction_rate, r.median_accept_hours, r.median_resolve_hours,
                   r.overdue, r.returns, r.rating])
    for row in ws.iter_rows(min_row=3):
        for idx in (3, 5, 8):
            row[idx].number_format = "0.0%"
    return workbook_bytes(wb)


def events_export_xlsx(events, *, hide_identity: bool) -> bytes:
    """Event list export; citizen identity is blank where withheld (and for departments)."""
    wb = new_workbook(title=_("事件清单"))
    ws = wb.active
    ws.title = "事件"
    ws.append(["编号", "上报时间", "发生地", "事项", "承办部门", "状态", "紧急程度", "描述", "上报人", "联系方式", "办理期限", "超期"])
    names = {}
    for e in events:
        for code in (e.org_code, e.department_code):
            if code and code not in names:
                names[code] = None
    names.update(place_names(names))    # a grid with its village: "曲木村委会 · 第一网格" (newuser22 #2)
    for e in events:
        withheld = e.withhold_identity and hide_identity
        ws.append([e.number, timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M"),
                   safe_cell(names.get(e.org_code) or e.org_code), safe_cell(e.matter.name if e.matter else ""),
                   safe_cell(names.get(e.department_code) or e.department_code), str(Status(e.status).label),
                   str(e.get_urgency_display()), safe_cell(e.text),
                   "（群众要求保密）" if withheld else safe_cell(e.reporter_name),
                   "（群众要求保密）" if withheld else safe_cell(e.reporter_contact),
                   timezone.localtime(e.due_at).strftime("%Y-%m-%d %H:%M") if e.due_at else "",
                   "是" if e.was_overdue else ""])
    return workbook_bytes(wb)


def event_counts_by_status(events_qs) -> dict[str, int]:
    from django.db.models import Count

    return dict(events_qs.order_by().values_list("status").annotate(n=Count("id")))


__all__ = ["Row", "compute", "totals", "export_xlsx", "events_export_xlsx", "event_counts_by_status", "Event"]

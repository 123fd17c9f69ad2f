"""一目了然: the dashboard figures per village, town and county, and their xlsx export.

One grouped query per table, grouped by the child prefix of the unit shown (county → towns, town →
villages, village → itself): `GROUP BY substr(org_code, 1, n)` on the indexed column, as the rest of the
project does. Rates are computed from the summed parts of a row, never averaged.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext as _

from jianfu.core.officeprops import new_workbook
from jianfu.core.xlsxguard import workbook_bytes
from jianfu.employment.models import (
    KEY_GROUPS,
    KeyPerson,
    KeyStatus,
    Referral,
    ReferralStatus,
    StatusChange,
    Visit,
    VisitTask,
)
from jianfu.employment.workflow import ACTIVE_STATUSES, PLACED_STATUSES
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit


@dataclass
class Row:
    code: str
    name: str
    people: int = 0
    groups: dict[str, int] = field(default_factory=dict)
    seeking: int = 0           # 失业/已推荐/面试中: identified and still looking
    placed: int = 0            # 已就业 + 灵活就业 (now)
    exited: int = 0
    placed_in_period: int = 0
    reemployed_in_period: int = 0   # of them, 登记失业人员: 一表同享's 失业人员再就业人数 (element reemployed)
    referrals: int = 0
    referrals_hired: int = 0
    visits_done: int = 0
    visits_due: int = 0
    visits_overdue: int = 0
    days_to_place: list[int] = field(default_factory=list)

    @property
    def placement_rate(self) -> float | None:
        base = self.placed + self.seeking
        return self.placed / base if base else None

    @property
    def median_days_to_place(self) -> float | None:
        return round(statistics.median(self.days_to_place), 1) if self.days_to_place else None


def fold_empty(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The page's rows split in two: units with anyone or anything to count, in their order, and the units with no
    key-group people and nothing in the period, which the page folds into one line ("无重点群体人员的村（社区）：
    A、B、C", N10 session 14: ten 9-line cards of zeros on a phone, the one village with people sixth). The export
    keeps every row."""
    def empty(r: Row) -> bool:
        return not (r.people or r.referrals or r.visits_done or r.visits_due)

    return [r for r in rows if not empty(r)], [r for r in rows if empty(r)]


def child_length(prefix: str | None) -> int:
    if not prefix:
        return 6
    return {2: 4, 4: 6, 6: 9, 9: 12}.get(len(prefix), 12)


def empty_units_label(prefix: str | None) -> str:
    """The heading of the dashboard's line of units with nobody: the kind of unit its rows are (codereview15 #11)."""
    return {4: _("无重点群体人员的市"), 6: _("无重点群体人员的县（市、区）"),
            9: _("无重点群体人员的乡镇（街道）")}.get(child_length(prefix), _("无重点群体人员的村（社区）"))


def _grouped(qs, n: int, **aggregates) -> dict[str, dict]:
    rows = qs.annotate(unit=Substr("org_code", 1, n)).values("unit").annotate(**aggregates)
    return {r["unit"]: r for r in rows}


def dashboard(*, prefix: str | None, start: dt.date, end: dt.date, today: dt.date) -> tuple[list[Row], Row]:
    """Rows for the children of `prefix` (its own row when it is a village), and the total."""
    n = child_length(prefix)
    where = codes.subtree_q(prefix, "org_code")
    people = KeyPerson.objects.filter(where)
    group_aggs = {f: Count("id", filter=Q(**{f: True})) for f, _label in KEY_GROUPS}
    kp = _grouped(people, n, people=Count("id"), seeking=Count("id", filter=Q(status__in=ACTIVE_STATUSES)),
                  placed=Count("id", filter=Q(status__in=PLACED_STATUSES)),
                  exited=Count("id", filter=Q(status=KeyStatus.EXITED)), **group_aggs)
    refs = _grouped(Referral.objects.filter(where, referred_on__gte=start, referred_on__lte=end), n,
                    referrals=Count("id"), hired=Count("id", filter=Q(status=ReferralStatus.HIRED)))
    vis = _grouped(Visit.objects.filter(where, visited_on__gte=start, visited_on__lte=end), n, done=Count("id"))
    tasks = _grouped(VisitTask.objects.filter(where, status=VisitTask.Status.DUE), n, due=Count("id"),
                     overdue=Count("id", filter=Q(due_on__lt=today)))
    # every child unit is listed, zeros and all: a village with nobody in help is a figure too
    children: set[str] = set()
    if prefix and len(prefix) < 12:
        children = {code[:n] for code in OrgUnit.objects.filter(
            parent_code=prefix.ljust(12, "0"), kind__in=("town", "village"), is_active=True).values_list("code", flat=True)}
    units = sorted(children | set(kp) | set(refs) | set(vis) | set(tasks))
    names = dict(OrgUnit.objects.filter(code__in=[u.ljust(12, "0") for u in units]).values_list("code", "name"))
    rows = []
    for unit in units:
        k, r, v, t = kp.get(unit, {}), refs.get(unit, {}), vis.get(unit, {}), tasks.get(unit, {})
        rows.append(Row(code=unit, name=names.get(unit.ljust(12, "0"), unit), people=k.get("people", 0),
                        groups={f: k.get(f, 0) for f, _label in KEY_GROUPS}, seeking=k.get("seeking", 0),
                        placed=k.get("placed", 0), exited=k.get("exited", 0), referrals=r.get("referrals", 0),
                        referrals_hired=r.get("hired", 0), visits_done=v.get("done", 0), visits_due=t.get("due", 0),
                        visits_overdue=t.get("overdue", 0)))
    by_unit = {row.code: row for row in rows}
    # 本期新实现就业 and the time it took: the placements of the period (`placements`). Someone taken in already
    # working is no new placement and took no time to place (the demo's 51 such intakes once pulled the median to 0).
    for org, _person, placed_on, identified, registered in placements(where, start, end):
        row = by_unit.get(org[:n])
        if row is not None:
            row.placed_in_period += 1
            row.reemployed_in_period += registered
            row.days_to_place.append(max(0, (placed_on - identified).days))
    return rows, totals(rows)


def placements(where: Q, start: dt.date, end: dt.date) -> list[tuple[str, int, dt.date, dt.date, bool]]:
    """(org code, key person id, day placed, day taken in, 登记失业人员) of each person whose status moved into work
    (已就业, 灵活就业) from looking for it (失业, 已推荐, 面试中) between `start` and `end`, once, on the first such day.
    A person taken in already working moved from no status, and a move from one kind of work to the other is no
    placement; a person placed and out of work again by the end of the period was placed all the same. The last
    field is the group the change carries (`StatusChange.is_registered_unemployed`), what 一表同享's 失业人员再就业人数
    reads: the registered unemployed among them are the period's 再就业."""
    first: dict[int, tuple[str, int, dt.date, dt.date, bool]] = {}
    for org, person, on, identified, registered in _placement_changes(where, start, end):
        first.setdefault(person, (org, person, on, identified, registered))
    return list(first.values())


def _placement_changes(where: Q, start: dt.date, end: dt.date):
    """The status changes from looking for work into work between `start` and `end`, by person and day."""
    return (StatusChange.objects.filter(where, on__gte=start, on__lte=end, from_status__in=ACTIVE_STATUSES,
                                        to_status__in=PLACED_STATUSES)
            .order_by("key_person_id", "on", "id")
            .values_list("org_code", "key_person_id", "on", "key_person__identified_on", "is_registered_unemployed"))


def totals(rows: list[Row]) -> Row:
    total = Row(code="", name=str(_("合计")))
    for r in rows:
        for attr in ("people", "seeking", "placed", "exited", "placed_in_period", "reemployed_in_period", "referrals",
                     "referrals_hired",
                     "visits_done", "visits_due", "visits_overdue"):
            setattr(total, attr, getattr(total, attr) + getattr(r, attr))
        for f, v in r.groups.items():
            total.groups[f] = total.groups.get(f, 0) + v
        total.days_to_place.extend(r.days_to_place)
    return total


def month_starts(end: dt.date, months: int) -> list[dt.date]:
    out = []
    y, m = end.year, end.month
    for _i in range(months):
        out.append(dt.date(y, m, 1))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return list(reversed(out))


def trend(*, prefix: str | None, end: dt.date, months: int = 12) -> dict:
    """Per month: persons taken in, placed (`placements`, as the dashboard counts them), visits made, referrals —
    the monthly trend chart."""
    starts = month_starts(end, months)
    first = starts[0]
    where = codes.subtree_q(prefix, "org_code")
    labels = [f"{d.year}-{d.month:02d}" for d in starts]

    def per_month(values) -> list[int]:
        counts = dict.fromkeys(labels, 0)
        for d in values:
            key = f"{d.year}-{d.month:02d}"
            if key in counts:
                counts[key] += 1
        return [counts[k] for k in labels]

    return {
        "months": labels,
        "identified": per_month(KeyPerson.objects.filter(where, identified_on__gte=first).values_list(
            "identified_on", flat=True)),
        # each person once a month, as `placements` counts a period
        "placed": per_month(on for _kp, on in sorted({(person, on.replace(day=1)) for _org, person, on, *_rest
                                                      in _placement_changes(where, first, end)})),
        "visits": per_month(Visit.objects.filter(where, visited_on__gte=first).values_list("visited_on", flat=True)),
        "referrals": per_month(Referral.objects.filter(where, referred_on__gte=first).values_list("referred_on",
                                                                                                flat=True)),
    }


EXPORT_HEADERS = ["地区", "重点群体人数", *[str(label) for _f, label in KEY_GROUPS], "未就业（在帮扶）", "已就业（含灵活就业）",
                  "本期新实现就业", "其中：失业人员再就业", "就业率", "实现就业用时中位数（天）", "本期推荐就业人次", "推荐成功", "本期走访人次",
                  "待走访", "逾期未走访", "退出帮扶"]
EXPORT_NOTES = ["注：1. 人员类别可多选，各类别合计不等于重点群体人数。",
                "2. 实现就业用时中位数：本期新实现就业人员自纳入帮扶至实现就业的天数的中位数，不含纳入时已就业的人员。",
                "3. 本期新实现就业：本期内由未就业（失业、已推荐、面试中）转为已就业或灵活就业的人数，每人计一次；纳入帮扶时已就业的不计。",
                "4. 其中：失业人员再就业：本期新实现就业人员中的登记失业人员（与一表同享“失业人员再就业人数”同一口径）。"]


# The sheet as a 人社局 prints and stamps it (newuser16 #9): the title across the table, 填报单位/统计期间 on the left
# and 表号/制表机关 on the right above it, ruled cells, A4 landscape one page wide with the title and header rows
# repeated on every page, and a signature line (单位负责人, 审核人, 填表人, 报出日期) under it.
EXPORT_FORM_NUMBER = "人社就帮1表"   # the platform's own number for this table; a county renumbers it in its catalogue
EXPORT_HEADER_ROW = 4                # title, 填报单位 + 表号, 统计期间 + 制表机关, then the column headers
EXPORT_ISSUER_SUFFIX = "人力资源和社会保障局"


def export_xlsx(rows: list[Row], total: Row, *, title: str, period: str, unit: str = "", preparer: str = "",
                reported_on: dt.date | None = None, issuer: str = "") -> bytes:
    """The shape a 人社局 asks for: title, 填报单位 and period (表号 and 制表机关 `issuer` opposite), one row per
    area with the key groups across, then help and results; the signature line under the table, and the notes.
    Printable as it comes: borders, landscape, one page wide, the header rows repeated."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    from jianfu.dispatch.catalogue import safe_cell

    columns = len(EXPORT_HEADERS)
    last = get_column_letter(columns)
    wb = new_workbook(title=title)
    ws = wb.active
    ws.title = "重点群体就业帮扶"

    def put(row: int, first: int, span: int, value: object, **style: object) -> None:
        """`value` in the cell at (row, first), merged over `span` columns."""
        cell = ws.cell(row=row, column=first, value=value)
        for key, item in style.items():
            setattr(cell, key, item)
        if span > 1:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=first + span - 1)

    left = Alignment(horizontal="left", vertical="center")
    put(1, 1, columns, safe_cell(title), font=Font(bold=True, size=16),
        alignment=Alignment(horizontal="center", vertical="center"))
    put(2, 1, 10, safe_cell(_("填报单位：%(u)s") % {"u": unit}), alignment=left)
    put(2, columns - 5, 6, _("表　　号：%(n)s") % {"n": EXPORT_FORM_NUMBER}, alignment=left)
    put(3, 1, 10, safe_cell(_("统计期间：%(p)s") % {"p": period}), alignment=left)
    put(3, columns - 5, 6, safe_cell(_("制表机关：%(i)s") % {"i": issuer}), alignment=left)
    for index, header in enumerate(EXPORT_HEADERS, start=1):
        ws.cell(row=EXPORT_HEADER_ROW, column=index, value=header)
    for r in [*rows, total]:
        ws.append([safe_cell(r.name), r.people, *[r.groups.get(f, 0) for f, _l in KEY_GROUPS], r.seeking, r.placed,
                   r.placed_in_period, r.reemployed_in_period, r.placement_rate, r.median_days_to_place, r.referrals, r.referrals_hired,
                   r.visits_done, r.visits_due, r.visits_overdue, r.exited])
    last_data_row = ws.max_row
    signed = last_data_row + 2
    put(signed, 1, 5, _("单位负责人："), alignment=left)
    put(signed, 7, 5, _("审核人："), alignment=left)
    put(signed, 13, 5, safe_cell(_("填表人：%(n)s") % {"n": preparer}), alignment=left)
    put(signed, columns - 5, 6, _("报出日期：%(d)s") % {"d": reported_on.isoformat() if reported_on else ""},
        alignment=left)
    for offset, note in enumerate(EXPORT_NOTES, start=1):
        put(signed + offset, 1, columns, note, alignment=Alignment(horizontal="left", vertical="top", wrap_text=True))
        ws.row_dimensions[signed + offset].height = 30   # a long note on two lines once wrapped
    thin = Side(style="thin")
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    rate_col = EXPORT_HEADERS.index("就业率") + 1
    for row in ws.iter_rows(min_row=EXPORT_HEADER_ROW, max_row=last_data_row, max_col=columns):
        for cell in row:
            cell.border = ruled
            if cell.row > EXPORT_HEADER_ROW and cell.column > 1:
                cell.alignment = Alignment(horizontal="center", vertical="center")
        if row[0].row > EXPORT_HEADER_ROW:
            row[rate_col - 1].number_format = "0.0%"
    for cell in ws[last_data_row][:columns]:   # 合计
        cell.font = Font(bold=True)
    for cell in ws[EXPORT_HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    # widths: the area name wide enough for "曲樟乡曲木村委会", the figures for a wrapped two-line header
    ws.column_dimensions["A"].width = 18
    for index in range(2, columns + 1):
        ws.column_dimensions[get_column_letter(index)].width = 11
    ws.row_dimensions[1].height = 30
    ws.row_dimensions[EXPORT_HEADER_ROW].height = 48
    # print: A4 landscape, every column on one page's width (as many pages down as the villages need), the title
    # and header rows on each page, centred, narrow margins
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"1:{EXPORT_HEADER_ROW}"
    ws.print_area = f"A1:{last}{signed + len(EXPORT_NOTES)}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.3, footer=0.3)
    ws.oddFooter.center.text = _("第 &P 页，共 &N 页")
    ws.freeze_panes = f"B{EXPORT_HEADER_ROW + 1}"
    return workbook_bytes(wb)

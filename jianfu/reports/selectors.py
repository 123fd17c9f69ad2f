"""Reads: templates, computed reports (report runs), submissions, completeness, burden — scoped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import Scope, scope_for
from jianfu.core.errors import ApplicationError, NotFoundError
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.reports.catalog import SHORT_CODE_DEPARTMENTS, catalog_get
from jianfu.reports.engine import EngineError, Period, Report, compute, latest_closed_period, parse_period
from jianfu.reports.engine import burden as burden_core
from jianfu.reports.engine.model import AGE
from jianfu.reports.engine.model import Template as TemplateSpec
from jianfu.reports.engine.schema import SUBJECTS
from jianfu.reports.models import ManualValue, Submission, Template

# ---------------------------------------------------------------- who sees which template


def department_key(user) -> str | None:
    """The template owner key of a department account (from its unit's short code), else None."""
    unit = getattr(user, "org_unit", None)
    if unit is None or unit.kind != UnitKind.DEPARTMENT:
        return None
    return SHORT_CODE_DEPARTMENTS.get(unit.short_code or "", f"dept_{unit.code.lower()}")


def template_list(*, user):
    """Every active template for units and the county office; a department sees the ones it owns."""
    scope = scope_for(user)
    qs = Template.objects.filter(is_active=True)
    if scope.role is None:
        return qs.none()
    if scope.is_department:
        return qs.filter(department=department_key(user))
    return qs


def template_get(*, user, code: str) -> Template:
    tpl = template_list(user=user).filter(code=code).first()
    if tpl is None:
        raise NotFoundError("找不到该报表模板，或不在您的管辖范围内。")
    return tpl


def templates_using_fields(*, user, subject: str, fields: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) of the active templates `user` may open whose figures read any of `fields` of a registry
    `subject` (person / household / organisation), in catalogue order — the same link as a template page's 同时用于
    column (``Catalog.templates_using``), asked from the registry's side: after an edit, which departments' forms
    the changed facts go into (newuser16 #5). A changed birth date moves the age groups (the pseudo-column age)."""
    columns = set(fields)
    if "birth_date" in columns:
        columns.add(AGE)
    catalog = catalog_get()
    implicit = frozenset(column for column, _op, _value in SUBJECTS[subject].defaults)
    using = {t.code for element in catalog.elements_reading(subject, columns, implicit)
             for t in catalog.templates_using(element)}
    if not using:
        return []
    allowed = set(template_list(user=user).filter(code__in=list(using)).values_list("code", flat=True))
    return [(t.code, t.name) for t in catalog.templates.values() if t.code in using & allowed]


# ---------------------------------------------------------------- report runs


def unit_names(prefixes: set[str]) -> dict[str, str]:
    full = {p.ljust(12, "0"): p for p in prefixes if p.isdigit()}
    return {full[u.code]: u.name for u in OrgUnit.objects.filter(code__in=list(full))}


def default_unit(user) -> str:
    scope = scope_for(user)
    if scope.is_department:
        return user.org_unit.parent_code
    if scope.role == "grid":
        return user.org_unit.parent_code
    if scope.is_all and not scope.unit_code:  # the administrator: the (first) county the installation serves
        return OrgUnit.objects.filter(kind=UnitKind.COUNTY, is_active=True).order_by("code") \
            .values_list("code", flat=True).first() or ""
    return scope.unit_code or ""


def can_run_reports(user) -> bool:
    """Whether the account can compute a report for some unit. A grid worker's scope is its grid, below
    the village level reports are made at, so it cannot (its village cadre can)."""
    return scope_for(user).role != "grid"


# the kinds a report runs for, typed by name in the run page's 单位 box
RUN_KINDS = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.VILLAGE)


def _unit_named(scope: Scope, text: str) -> str:
    """The code of the one unit in `scope` a person named in the run page's 单位 box: its full name ("曲木村委会") or
    the name as said ("曲木村", "曲樟乡"). newuser34 #3: the box took only a code, and a department clerk who typed
    the village's name got a bare 找不到该单位 page — the codes are on no page the clerk sees."""
    said = text.strip()
    names = [said] + [said + suffix for suffix in ("委会", "民委员会", "居委会", "居民委员会")]
    # the scope narrows the query before the first 20 are taken: they were the database's first 20 of the name, and
    # the account's own unit, further down, was not found (cr34 #5)
    units = list(OrgUnit.objects.filter(scope.q(field="code"), name__in=names, is_active=True, kind__in=RUN_KINDS)
                 .order_by("code")[:20])
    if len(units) == 1:
        return str(units[0].code)
    if units:
        # a name that is several units is the request's fault, not a unit not found: 400 with the choices (cr34 #5)
        raise ApplicationError(_("有多个单位名为“%(t)s”：%(names)s。请填写单位代码。")
                               % {"t": said[:40], "names": "、".join(f"{u.name}（{u.code}）" for u in units)},
                               code="ambiguous_unit", field="unit", details={"choices": [u.code for u in units]})
    raise NotFoundError(_("找不到名为“%(t)s”的单位，或不在您的管辖范围内。请填写村（社区）、乡镇的全称或单位代码。")
                        % {"t": said[:40]})


def report_run(*, user, template_code: str, unit_code: str | None = None, period: str | None = None,
               group_len: int | None = None) -> Report:
    """Compute a template for a unit and period — one grouped query per subject table.

    Units and the county office may run any template for units in their subtree; a department runs
    its own templates for the unit it hangs off and below (aggregates only: no person is shown)."""
    scope = scope_for(user)
    tpl = template_get(user=user, code=template_code)
    unit_code = (unit_code or default_unit(user) or "").strip()
    if unit_code and not unit_code.isdigit():
        unit_code = _unit_named(scope, unit_code)
    try:
        full = codes.normalise_code(unit_code)
    except ValueError:
        raise NotFoundError("找不到该单位，或不在您的管辖范围内。") from None
    if not codes.is_division_code(full) or not scope.covers(full):
        raise NotFoundError("找不到该单位，或不在您的管辖范围内。")
    catalog = catalog_get()
    t = catalog.template(tpl.code)
    p = period_of(t, period) if period else latest_closed_period(t.period_type, timezone.localdate())
    prefix = codes.significant_prefix(full)
    level = codes.division_level(full)
    children = []
    if level < 5:
        clen = group_len or codes.LEVEL_LENGTHS[level + 1]
        kinds = [UnitKind.TOWN, UnitKind.VILLAGE] if clen in (9, 12) else [UnitKind.PREFECTURE, UnitKind.COUNTY]
        qs = OrgUnit.objects.filter(codes.subtree_q(prefix, "code"), is_active=True, kind__in=kinds)
        children = sorted({u.code[:clen] for u in qs if len(codes.significant_prefix(u.code)) == clen})
    else:
        children = [prefix]
    manual = {}
    mv = ManualValue.objects.filter(codes.subtree_q(prefix, "org_code"), period_type=t.period_type, period=p.id,
                                    element__code__in=catalog.elements_read(t))
    for el_code, org, value in mv.values_list("element__code", "org_code", "value"):
        manual[(el_code, org)] = float(value)
    names = unit_names(set(children) | {prefix})
    with connection.cursor() as cur:
        try:
            return compute(catalog, t, prefix, p, cur, names=names, children=children or None, manual=manual,
                           paramstyle="format", group_len=group_len)
        except EngineError as exc:
            raise ApplicationError(exc.message, code="report_error", field=exc.field) from None


# ---------------------------------------------------------------- submissions


def submission_list(*, user, status: str | None = None, template: str | None = None, period: str | None = None):
    scope = scope_for(user)
    qs = Submission.objects.select_related("template")
    if scope.role is None:
        return qs.none()
    if scope.is_department:
        qs = qs.filter(template__department=department_key(user), org_code__startswith=scope.prefix or "-")
    else:
        qs = scope.filter(qs)
    if status:
        qs = qs.filter(status=status)
    if template:
        qs = qs.filter(template__code=template)
    if period:
        qs = qs.filter(period=period)
    return qs.order_by("-period", "template__code", "org_code")


def submission_get(*, user, pk: int) -> Submission:
    obj = submission_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFoundError("找不到该报表，或不在您的管辖范围内。")
    return obj


def period_of(t: TemplateSpec, period_id: str) -> Period:
    """A template's period parsed from its id (`engine.parse_period`), or the form's error on the period field."""
    try:
        return parse_period(t.period_type, period_id)
    except EngineError as exc:
        raise ApplicationError(exc.message, code="invalid_period", field="period") from None


def current_figures(template: Template, org_code: str, period_id: str
                    ) -> tuple[dict[str, float | int | None], int, int]:
    """A village's report computed now: its registry cells and its manual values for the period (values, automatic
    cell count, manual cell count). What generating, saving and 报送 store, and what the page of a report still being
    filled shows — so the page shows what 报送 would send (newuser19 #1)."""
    catalog = catalog_get()
    t = catalog.template(template.code)
    period = period_of(t, period_id)
    manual = {(code, org_code): float(v) for code, v in ManualValue.objects.filter(
        org_code=org_code, period_type=t.period_type, period=period.id,
        element__code__in=catalog.elements_read(t)).values_list("element__code", "value")}
    with connection.cursor() as cur:
        report = compute(catalog, t, org_code, period, cur, manual=manual, paramstyle="format")
    kinds = [burden_core.cell_kind(catalog, c.element) for c in t.cells]
    auto = sum(1 for k in kinds if k != "manual")
    return report.total.values, auto, len(kinds) - auto


def submission_figures(submission: Submission) -> dict[str, float | int | None]:
    """The figures a submission's page (and its export) shows: a report still being filled (generated, returned)
    as 报送 would send it now — computed on reading, nothing written — since its stored snapshot dates from its last
    generate or save, and the registry may have moved since (newuser19 #1: the page showed 21 from the day it was
    generated, 报送 recomputed 15 and was refused as if the figure had changed while the page was open). A report
    sent or approved keeps what it sent."""
    if submission.status in (Submission.Status.GENERATED, Submission.Status.RETURNED):
        return current_figures(submission.template, submission.org_code, submission.period)[0]
    return dict(submission.values)


def shared_changes(submission: Submission) -> list[dict[str, object]]:
    """一表同享: a manual figure is one stored value (`ManualValue`, per village, period type and period) that every
    template naming its element reads. A report already 报送 (or approved) keeps the figures it sent; when one of its
    manual figures has since been changed through another report, that report now disagrees with the shared value and
    is flagged — to the village and to whoever receives it — rather than changed or kept without a word (ADR 0032).
    Each item: the cell, its label, the figure sent, the figure now, and the other forms of the same village and
    period that name the element (newuser15 F3)."""
    if submission.status not in (Submission.Status.SUBMITTED, Submission.Status.APPROVED):
        return []
    catalog = catalog_get()
    t = catalog.template(submission.template.code)
    manual = [c for c in t.cells if catalog.element(c.element).is_manual]
    if not manual:
        return []
    now = {code: float(v) for code, v in ManualValue.objects.filter(
        org_code=submission.org_code, period_type=t.period_type, period=submission.period,
        element__code__in={c.element for c in manual}).values_list("element__code", "value")}
    changed = [c for c in manual if (None if submission.values.get(c.key) is None
                                     else float(submission.values[c.key])) != now.get(c.element)]
    if not changed:
        return []
    others = [(sub.template.name, catalog.template(sub.template.code))
              for sub in Submission.objects.filter(org_code=submission.org_code, period=submission.period)
              .exclude(pk=submission.pk).select_related("template").order_by("template__code")]
    return [{"cell": c.key, "label": c.label, "sent": figure_text(submission.values.get(c.key)),
             "now": figure_text(now.get(c.element)),
             "shared_with": [name for name, other in others
                             if other.period_type == t.period_type and any(o.element == c.element for o in other.cells)]}
            for c in changed]


def awaiting_approval(*, user):
    scope = scope_for(user)
    if not scope.can(Capability.REPORT_APPROVE) or scope.is_department:
        return Submission.objects.none()
    return submission_list(user=user, status=Submission.Status.SUBMITTED)


def next_awaiting_approval(*, user: object, current: Submission) -> Submission | None:
    """The report a township reviews after `current` (newuser24 #4: after 审核通过 it stayed on the locked report): the
    first one still waiting in its scope, in the order of its 待审核 list, `current` left out."""
    waiting: QuerySet[Submission] = awaiting_approval(user=user)  # type: ignore[no-untyped-call]
    return waiting.exclude(pk=current.pk).first()


# ---------------------------------------------------------------- completeness (DHIS2 reporting rates)


@dataclass
class CompletenessRow:
    template: Template
    period: str
    period_label: str
    due_date: dt.date
    expected: int
    generated: int
    submitted: int
    approved: int
    returned: int
    on_time: int

    @property
    def rate(self) -> float:
        return self.submitted / self.expected * 100 if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.expected * 100 if self.expected else 0.0


def _completeness_prefix(user, unit_code: str | None) -> str:
    """The subtree (significant prefix) whose reporting the account follows: its own unit, or `unit_code` inside its
    scope; 404 for an account that does not follow reporting (departments, villages) or a unit outside its scope."""
    scope = scope_for(user)
    if not (scope.can(Capability.REPORT_APPROVE) or scope.can(Capability.STATISTICS_VIEW)) or scope.is_department:
        raise NotFoundError("找不到该页面，或不在您的管辖范围内。")
    code = unit_code or scope.unit_code
    if not code and scope.is_all:
        first = OrgUnit.objects.filter(kind=UnitKind.COUNTY, is_active=True).order_by("code").first()
        code = first.code if first else ""
    if code and len(code) < 12 and code.isdigit():
        code = code.ljust(12, "0")
    if not code or not scope.covers(code):
        raise NotFoundError("找不到该单位，或不在您的管辖范围内。")
    return codes.significant_prefix(code)


def completeness(*, user, unit_code: str | None = None, periods_back: int = 1) -> list[CompletenessRow]:
    """Per template and period: expected (every active village below), submitted (incl. approved),
    approved, on time. Counted with one grouped query over submissions."""
    prefix = _completeness_prefix(user, unit_code)
    expected = OrgUnit.objects.filter(codes.subtree_q(prefix, "code"), kind=UnitKind.VILLAGE,
                                      is_active=True).count()
    today = timezone.localdate()
    rows = []
    catalog = catalog_get()
    for tpl in Template.objects.filter(is_active=True).order_by("department", "code"):
        t = catalog.templates.get(tpl.code)
        if t is None or t.period_type == "ad_hoc":
            continue
        period = latest_closed_period(t.period_type, today)
        for _step in range(periods_back):
            due = period.due_date(t.due_days)
            agg = Submission.objects.filter(codes.subtree_q(prefix, "org_code"), template=tpl,
                                            period=period.id).aggregate(
                generated=Count("id"),
                submitted=Count("id", filter=Q(status__in=["submitted", "approved"])),
                approved=Count("id", filter=Q(status="approved")),
                returned=Count("id", filter=Q(status="returned")),
                on_time=Count("id", filter=Q(status__in=["submitted", "approved"],
                                             submitted_at__date__lte=due)))
            rows.append(CompletenessRow(tpl, period.id, period.label, due, expected, **agg))
            period = period.previous()
    return rows


# One form's progress, village by village (newuser13 V04): the township phones the villages that have not submitted,
# so every village in scope is listed — those with no submission too — not-submitted first.
PROGRESS_STATES = {
    "none": "未填报",        # no submission generated yet
    "returned": "已退回",    # sent back by the township, to be submitted again
    "generated": "填报中",   # generated, not submitted
    "submitted": "已提交",   # submitted or approved
}


@dataclass
class ProgressRow:
    code: str
    name: str
    town: str
    state: str
    submission: Submission | None
    overdue: bool = False   # not submitted and past the form's due date

    @property
    def state_label(self) -> str:
        return PROGRESS_STATES[self.state]


def form_progress(*, user, template_code: str, period: str, unit_code: str | None = None) -> dict:
    """Every active village under the account's unit (or `unit_code` inside its scope) with its state for one form and
    period: 未填报 / 已退回 / 填报中 / 已提交 (approved counts as submitted), in that order, then by code; with the count
    of each state. Two queries: the villages, the form's submissions."""
    prefix = _completeness_prefix(user, unit_code)
    tpl = Template.objects.filter(code=template_code).first()
    if tpl is None:
        raise NotFoundError("找不到该报表。")
    return _progress(prefix, tpl, period)


def _progress(prefix: str | None, tpl: Template, period: str, *, covers_none: bool = False) -> dict:
    """`form_progress` for the subtree `prefix`: the villages, the form's submissions (two queries). `covers_none`:
    an account whose scope has no prefix, which covers nothing (the scoping rule: `Scope.filter` is then empty)."""
    if covers_none:
        # a department hanging off no unit: no village (cr34 #3: "-" stood for it, and `subtree_q("-")` raised
        # ValueError, a 500 on the department's progress page)
        villages: list[tuple[str, str]] = []
        subs: dict[str, Submission] = {}
    else:
        villages = list(OrgUnit.objects.filter(codes.subtree_q(prefix, "code"), kind=UnitKind.VILLAGE,
                                               is_active=True).order_by("code").values_list("code", "name"))
        subs = {s.org_code: s for s in Submission.objects.filter(codes.subtree_q(prefix, "org_code"), template=tpl,
                                                                  period=period)}
    towns = unit_names({code[:9] for code, _name in villages})
    t = catalog_get().templates.get(tpl.code)
    label, due = period, None
    if t is not None and t.period_type != "ad_hoc":
        try:
            parsed = parse_period(t.period_type, period)
        except EngineError:
            pass
        else:
            label, due = parsed.label, parsed.due_date(t.due_days)
    late = due is not None and timezone.localdate() > due
    rows = []
    for code, name in villages:
        sub = subs.get(code)
        state = "none" if sub is None else "submitted" if sub.status in ("submitted", "approved") else sub.status
        rows.append(ProgressRow(code, name, towns.get(code[:9], ""), state, sub, late and state != "submitted"))
    order = list(PROGRESS_STATES)
    rows.sort(key=lambda r: (order.index(r.state), r.code))
    counts = {state: sum(r.state == state for r in rows) for state in PROGRESS_STATES}
    return {"template": tpl, "period": period, "period_label": label, "due_date": due, "rows": rows,
            "expected": len(rows),
            "counts": [(state, PROGRESS_STATES[state], counts[state]) for state in PROGRESS_STATES],
            "not_submitted": len(rows) - counts["submitted"]}


@dataclass
class TownProgress:
    code: str
    name: str
    expected: int
    submitted: int

    @property
    def not_submitted(self) -> int:
        return self.expected - self.submitted


def department_form_progress(*, user, template_code: str, period: str = "") -> dict:
    """A department's view of its own form's progress (mend34 #1): every active village of the county its department
    hangs off, with its state, and per township how many have submitted — read-only. Completeness and 报送进度 stay the
    approvers' and statistics viewers' (a department sees only its own forms, and 一表同享 means it does not go to the
    villages for figures: a village that has not reported is chased by its township, which approves its reports), so
    this page names each township to contact and gives the department no power over a village. Another department's
    form, or an account that is no department, is not found. `period` blank: the latest closed period."""
    scope = scope_for(user)
    if not scope.is_department:
        raise NotFoundError("找不到该页面，或不在您的管辖范围内。")
    tpl = template_get(user=user, code=template_code)   # its own forms only (404 otherwise)
    t = catalog_get().templates.get(tpl.code)
    if t is None:
        raise NotFoundError("找不到该报表。")
    recent: list[Period] = []
    if t.period_type != "ad_hoc":
        p = latest_closed_period(t.period_type, timezone.localdate())
        for _step in range(12):
            recent.append(p)
            p = p.previous()
        period = period or recent[0].id
        period_of(t, period)   # a period that is no period of this form: refused naming it (400)
    data = _progress(scope.prefix, tpl, period, covers_none=not scope.prefix) if period else {
        "template": tpl, "period": "", "period_label": "", "due_date": None, "rows": [], "expected": 0,
        "counts": [], "not_submitted": 0}
    towns: dict[str, TownProgress] = {}
    for r in data["rows"]:
        town = towns.setdefault(r.code[:9], TownProgress(r.code[:9].ljust(12, "0"), r.town, 0, 0))
        town.expected += 1
        town.submitted += r.state == "submitted"
    return {**data, "towns": sorted(towns.values(), key=lambda x: (-x.not_submitted, x.code)),
            "periods": [(p.id, p.label) for p in recent]}


# ---------------------------------------------------------------- burden (填报负担)


def burden(*, user) -> dict:
    scope = scope_for(user)
    if not scope.can(Capability.STATISTICS_VIEW):
        raise NotFoundError("找不到该页面，或不在您的管辖范围内。")
    catalog = catalog_get()
    summary = burden_core.summarise(catalog)
    prefix = None if scope.is_all else scope.prefix
    qs = Submission.objects.all()
    if prefix:
        qs = qs.filter(codes.subtree_q(prefix, "org_code"))
    # per village: cells filled automatically vs by hand, over all its submissions
    per_village = list(qs.values("org_code").annotate(
        submissions=Count("id")).order_by("org_code"))
    sums = {r["org_code"]: r for r in qs.values("org_code").annotate(
        auto=models_sum("auto_cells"), manual=models_sum("manual_cells"))}
    names = unit_names({r["org_code"] for r in per_village})
    villages = [{"code": r["org_code"], "name": names.get(r["org_code"], r["org_code"]),
                 "submissions": r["submissions"], "auto": sums[r["org_code"]]["auto"] or 0,
                 "manual": sums[r["org_code"]]["manual"] or 0} for r in per_village]
    # the engine speaks in codes; the page names templates and elements (a code means nothing to a reader)
    template_names = {t.code: t.name for t in summary.templates}
    element_names = {s.code: s.name for s in summary.shared}
    element_names.update({code: catalog.element(code).name for t in summary.templates for code in t.manual_shared})
    return {"summary": summary, "villages": villages,
            "used_in": {s.code: "、".join(template_names.get(c, c) for c in s.templates) for s in summary.shared},
            "shared_manual": {t.code: "、".join(element_names[c] for c in t.manual_shared) for t in summary.templates}}


def models_sum(field):
    from django.db.models import Sum

    return Sum(field)


def burden_by_village_month(*, user, year: int, grouped: bool = False) -> list[dict]:
    """The forms and manual cells each village was asked for in `year` (month = the month a
    submission was due) — the reporting part of the burden monitor's 基层负担指数. One row per
    submission, or with `grouped` one row per village, month and department (`forms`, `manual_cells`).
    Scoped like `burden` for county-wide statistics; a township or village that fills or approves reports
    reads its own subtree's submissions (its own row of the index, N09), a department nothing."""
    from django.db.models import CharField, IntegerField, Sum
    from django.db.models.functions import Cast, Substr

    scope = scope_for(user)
    if not (scope.can(Capability.STATISTICS_VIEW) or scope.reads_own_villages_burden):
        raise NotFoundError("找不到该页面，或不在您的管辖范围内。")
    qs = scope.filter(Submission.objects.filter(due_date__year=year), field="org_code")
    if grouped:
        return [{"org_code": r["org_code"], "year": year, "month": r["month"], "forms": r["forms"],
                 "manual_cells": r["manual"] or 0, "issuer_code": r["template__department"],
                 "issuer_name": r["template__department_name"]}
                for r in qs.annotate(month=Cast(Substr(Cast("due_date", CharField()), 6, 2), IntegerField())).values(
                    "org_code", "month", "template__department", "template__department_name").annotate(
                    forms=Count("id"), manual=Sum("manual_cells")).order_by()]
    return [{"id": r["id"], "org_code": r["org_code"], "year": r["due_date"].year, "month": r["due_date"].month,
             "manual_cells": r["manual_cells"], "issuer_code": r["template__department"],
             "issuer_name": r["template__department_name"], "title": r["template__name"], "period": r["period"]}
            for r in qs.values("id", "org_code", "due_date", "manual_cells", "period", "template__department",
                               "template__department_name", "template__name").order_by("id")]


# ---------------------------------------------------------------- figures changed since the page was drawn

def _as_number(value: object) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(str(value).strip())
    except ValueError:
        return float("nan")   # never equal: an unreadable shown value counts as changed


def figure_text(value: object) -> str:
    """A figure as the pages write it in a sentence: 37, 12500.5; 空 when there is none (or it is unreadable)."""
    number = _as_number(value)
    if number is None or number != number:
        return _("空")
    return str(int(number)) if number.is_integer() else f"{number:g}"


def figures_changed(template_code: str, shown: Mapping[str, object],
                    values: Mapping[str, object]) -> list[dict[str, object]]:
    """The automatic figures (registry cells, and ratios of registry cells only) whose value now differs from
    the one the page showed (`shown`: cell key → value as shown; a cell not in it is not compared). A ratio
    that reads a manual cell is left out: it changes with what the village types on the same page."""
    catalog = catalog_get()
    t = catalog.template(template_code)
    out: list[dict[str, object]] = []
    for c in t.cells:
        if c.key not in shown or any(catalog.element(d).is_manual for d in catalog.dependencies(c.element)
                                     if d in catalog.elements):
            continue
        old, new = _as_number(shown[c.key]), _as_number(values.get(c.key))
        if old == new or (old is not None and new is not None and abs(old - new) < 1e-9):
            continue
        out.append({"cell": c.key, "label": c.label, "old": shown[c.key], "new": values.get(c.key)})
    return out


def listed_figures(changed: list[dict[str, object]]) -> str:
    return "；".join(f"{c['label']} {figure_text(c['old'])} → {figure_text(c['new'])}" for c in changed)


def figures_changed_on_save(submission: Submission, shown: Mapping[str, object]) -> str:
    """After 保存手工项 (which takes the automatic figures again): the notice naming each automatic figure that
    differs from the one the page showed (`shown`, as for 报送), old → new; "" when none did (N05, session 14:
    21 became 15 on save with no word, while 报送 lists such changes). Reads the figures as saved, whatever copy of
    `submission` the caller holds (a read: codereview15 #10)."""
    if not shown:
        return ""
    values = Submission.objects.filter(pk=submission.pk).values_list("values", flat=True).get()
    changed = figures_changed(submission.template.code, shown, values)
    if not changed:
        return ""
    return _("打开本页后台账数据有变化，%(n)d 项自动取数已随保存更新：%(list)s。请核对更新后的数值。") % {
        "n": len(changed), "list": listed_figures(changed)}


def shared_moved(submission: Submission, typed: Mapping[str, object],
                 shown: Mapping[str, object]) -> list[dict[str, object]]:
    """The manual figures another report of the village changed while this page was open: boxes posted as they were
    drawn (`typed` equals `shown`, the figure the page carried) whose saved figure now differs — the save kept the
    newer shared figure (codereview16 #2), and the page must say so. Items as `figures_changed` gives them (cell,
    label, old as shown, new as saved); reads the figures as saved."""
    catalog = catalog_get()
    t = catalog.template(submission.template.code)
    values = Submission.objects.filter(pk=submission.pk).values_list("values", flat=True).get()
    out: list[dict[str, object]] = []
    for c in t.cells:
        if not catalog.element(c.element).is_manual or c.key not in typed or c.key not in shown:
            continue
        if str(typed[c.key]).strip() != str(shown[c.key]).strip():
            continue
        old, new = _as_number(shown[c.key]), _as_number(values.get(c.key))
        if old == new or (old is not None and new is not None and abs(old - new) < 1e-9):
            continue
        out.append({"cell": c.key, "label": c.label, "old": shown[c.key], "new": values.get(c.key)})
    return out

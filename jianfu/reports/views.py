"""Thin HTML views: parse → selector/service → render. Scoping happens in selectors and services."""

from __future__ import annotations

import json

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.decorators import found_by, page_access
from jianfu.core.downloads import download_response
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.views import refused_typing, render_refused
from jianfu.reports import selectors, services
from jianfu.reports.catalog import catalog_get
from jianfu.reports.engine import PERIOD_TYPES, EngineError, exports, latest_closed_period
from jianfu.reports.engine.burden import coverage
from jianfu.reports.engine.headers import HeaderMatcher
from jianfu.reports.engine.periods import period_label
from jianfu.reports.engine.runner import columns_of, current_only_of
from jianfu.reports.engine.xlsx_forms import fill_form, read_layout
from jianfu.reports.models import Submission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_UPLOAD = 5 * 2**20


def _download(content, filename: str, content_type: str) -> HttpResponse:
    return download_response(content, filename, content_type)


def _report_response(report, fmt: str, *, template=None, status: str = "", sent_on=None):
    """`sent_on`: the day a submission's figures were sent (its snapshot): the columns marked are those showing that
    day's record, not today's (cr28 #1)."""
    name = f"{report.template.name}_{report.total.name}_{report.period.id}"
    today = timezone.localdate()   # a past period's columns that show today's record say so (tryout27 #1)
    if fmt == "csv":
        return _download("\ufeff" + exports.to_csv(report, today=today, sent_on=sent_on), f"{name}.csv",
                         "text/csv; charset=utf-8")
    if fmt == "xlsx":
        return _download(exports.to_xlsx(report, status=status, today=today, sent_on=sent_on), f"{name}.xlsx", XLSX)
    if fmt == "docx":   # a Word copy of the form (mend34 #3)
        return _download(exports.to_docx(report, status=status, today=today, sent_on=sent_on), f"{name}.docx", DOCX)
    if fmt == "form":
        if template is None or not template.form_file:
            raise ApplicationError(_("该模板尚未上传部门原表。"), code="no_form")
        with template.form_file.open("rb") as fh:
            data = fh.read()
        addresses = {c.key: c.address for c in report.template.cells if c.address}
        rows = [(r.name, r.values) for r in (report.rows if len(report.rows) > 1 else [report.total])]
        if len(report.rows) > 1:
            rows.append((report.total.name, report.total.values))
        try:
            content = fill_form(data, template.form_sheet, template.form_first_data_row or 1,
                                template.form_unit_column or None, rows, addresses,
                                note=exports.current_note(exports.current_columns(report, today, sent_on),
                                                          sent_on=sent_on))
        except EngineError as exc:
            raise ApplicationError(exc.message, code="bad_form") from None
        return _download(content, f"{name}（原表）.xlsx", XLSX)
    raise NotFoundError(_("不支持的导出格式。"))


@login_required
def index(request):
    scope = scope_for(request.user)
    templates = list(selectors.template_list(user=request.user))
    catalog = catalog_get()
    # 本村报送 / 生成本村报表 are a village's: an account of a village unit fills its reports
    can_fill = scope.can(Capability.REPORT_FILL) and not scope.is_department and len(scope.unit_code or "") == 12
    # the village's own submissions, so a form already submitted shows its state, not a button that is refused
    own = {(s.template.code, s.period): s
           for s in selectors.submission_list(user=request.user).filter(org_code=scope.unit_code)} if can_fill else {}
    rows = []
    today = timezone.localdate()
    for tpl in templates:
        t = catalog.templates.get(tpl.code)
        if t is None:
            continue
        manual = sum(1 for c in t.cells if catalog.element(c.element).is_manual)
        closed = latest_closed_period(t.period_type, today) if t.period_type != "ad_hoc" else None
        period = closed.id if closed else ""
        sub = own.get((tpl.code, period)) if period else None
        # still to send for the last closed period: what the workbench's 待报送的报表 counts (reports.workbench)
        due = bool(can_fill and period and tpl.is_active and (sub is None or sub.status in (
            Submission.Status.GENERATED, Submission.Status.RETURNED)))
        # the date it is to be sent by, on the list itself (newuser35 #2: a village cadre saw which forms were late
        # only by opening each one): the generated report's own, else the period's as generating would set it
        due_on = (sub.due_date if sub else closed.due_date(t.due_days)) if closed and due else None
        rows.append({"tpl": tpl, "cells": len(t.cells), "manual": manual, "period": period, "sub": sub,
                     "period_label": period_label(t.period_type, period) if period else "", "due": due,
                     "due_on": due_on, "late": due_on is not None and today > due_on,
                     "can_generate": can_fill and (sub is None or "generate" in services.allowed_actions(sub.status))})
    # the workbench's 待报送的报表 opens the forms still to send, not all of them (newuser24 #4)
    only_due = can_fill and request.GET.get("due") == "1"
    # the ones to send: the earliest deadline first, the late ones at the top (newuser35 #2)
    shown = sorted((r for r in rows if r["due"]), key=lambda r: r["due_on"]) if only_due else rows
    return render(request, "reports/index.html", {
        "rows": shown, "only_due": only_due, "all_count": len(rows), "period_types": PERIOD_TYPES,
        "can_define": scope.can(Capability.REPORT_DEFINE),
        # a department sees only the forms it owns: with none yet, the list says so and who defines one (mend34 #2)
        "department_name": request.user.org_unit.name if scope.is_department and request.user.org_unit else "",
        "can_fill": can_fill,
        "can_run": selectors.can_run_reports(request.user),
        "can_stats": scope.can(Capability.STATISTICS_VIEW),
        "can_approve": scope.can(Capability.REPORT_APPROVE) and not scope.is_department,
    })


@page_access(found_by(selectors.template_get))
@login_required
def template_detail(request, code: str):
    tpl = selectors.template_get(user=request.user, code=code)
    if request.GET.get("format") == "yaml":  # the export side of the designer: the same file a form set holds
        text = yaml.safe_dump({"template": tpl.definition}, allow_unicode=True, sort_keys=False)
        return _download(text, f"{tpl.name}.yaml", "application/yaml; charset=utf-8")
    return _template_page(request, tpl)


def _template_page(request, tpl, *, form_error: str = "", status: int = 200):
    catalog = catalog_get()
    t = catalog.template(tpl.code)
    cells = []
    for c in t.cells:
        el = catalog.element(c.element)
        others = [(x.code, x.name) for x in catalog.templates_using(el.code) if x.code != t.code]
        cells.append({"cell": c, "element": el, "others": others})
    scope = scope_for(request.user)
    return render(request, "reports/template_detail.html", {
        "tpl": tpl, "t": t, "cells": cells, "period_label": PERIOD_TYPES[t.period_type],
        "can_edit": scope.can(Capability.REPORT_DEFINE) and (
            not scope.is_department or tpl.department == selectors.department_key(request.user)),
        "yaml_text": yaml.safe_dump(tpl.definition, allow_unicode=True, sort_keys=False),
        # a department's own form: which villages have submitted, read-only (mend34 #1)
        "own_progress": scope.is_department,
        "form_error": form_error,
    }, status=status)


@login_required
def run(request, code: str):
    """A template computed for a unit and period (HTML table, or ?format=csv / xlsx / form)."""
    group = request.GET.get("group")
    report = selectors.report_run(user=request.user, template_code=code, unit_code=request.GET.get("unit"),
                                  period=request.GET.get("period") or None,
                                  group_len=12 if group == "village" else None)
    fmt = request.GET.get("format")
    tpl = selectors.template_get(user=request.user, code=code)
    if fmt:
        return _report_response(report, fmt, template=tpl)
    current = report.current_only_columns(timezone.localdate())
    # a one-unit report (a village's own) has no 合计 row repeating its name; several units' total is labelled 合计,
    # as in the xlsx and CSV (`exports._body`; mend34 #5)
    total = report.total.name if report.total.name.endswith("合计") else _("%(name)s合计") % {"name": report.total.name}
    return render(request, "reports/run.html", {"report": report, "tpl": tpl,
                                                "show_total": len(report.rows) != 1, "total_label": total,
                                                "group": group or "", "has_form": bool(tpl.form_file),
                                                "current_only": current, "current_note": exports.current_note(current)})


@login_required
def template_create(request):
    """Define a template in the web UI (YAML text), with a preview of which cells existing elements cover."""
    scope = scope_for(request.user)
    scope.require(Capability.REPORT_DEFINE)
    catalog = catalog_get()
    text = request.POST.get("definition", "") if request.method == "POST" else ""
    headers_text = request.POST.get("headers", "") if request.method == "POST" else ""
    preview = None
    errors: list = []
    if request.method == "POST":
        headers = [h.strip() for h in headers_text.splitlines() if h.strip()][:200]
        if headers:
            preview = coverage(catalog, headers, HeaderMatcher(catalog))
        if text.strip() and request.POST.get("action") == "save":
            try:
                definition = yaml.safe_load(text)
                if not isinstance(definition, dict):
                    raise ApplicationError(_("定义应为 YAML 映射（code、name、cells …）。"), field="definition")
                tpl = services.template_define(actor=request.user, definition=definition)
                messages.success(request, _("已保存报表模板“%(name)s”。") % {"name": tpl.name})
                return redirect("reports:template_detail", code=tpl.code)
            except yaml.YAMLError as exc:
                errors.append(_("YAML 语法错误：%(e)s") % {"e": exc})
            except ApplicationError as exc:
                errors.extend(exc.message.splitlines())
    return render(request, "reports/template_form.html", {
        "definition": text, "headers": headers_text, "preview": preview, "errors": errors,
        "elements": sorted(catalog.elements.values(), key=lambda e: e.code),
    }, status=400 if errors else 200)   # refused: a 400 (forms400)


DESIGNER_BLANK_CELLS = 3
DESIGNER_BLANK_RULES = 2


def _designer_rows(post) -> tuple[dict, list[dict], list[dict]]:
    from jianfu.reports.engine.designer import TEMPLATE_FIELDS

    fields = {k: post.get(k, "") for k in TEMPLATE_FIELDS}
    elements, labels, bys, addresses = (post.getlist(n) for n in ("cell_element", "cell_label", "cell_by",
                                                                   "cell_address"))
    expand = set(post.getlist("cell_expand"))
    cells = [{"element": e, "label": lab, "by": by, "address": addr, "expand": str(i) in expand}
             for i, (e, lab, by, addr) in enumerate(zip(elements, labels, bys, addresses, strict=False))][:300]
    names = ("rule_kind", "rule_cell", "rule_right", "rule_min", "rule_max", "rule_pct")
    columns = [post.getlist(n) for n in names]
    rules = [dict(zip(("kind", "cell", "right", "min", "max", "pct"), row, strict=False))
             for row in zip(*columns, strict=False)][:100]
    return fields, cells, rules


@login_required
def template_design(request, code: str | None = None):
    """表单设计器: define or edit a template row by row — no YAML. The YAML files stay the import and
    export format (the detail page offers the YAML of any template)."""
    from jianfu.reports.engine.designer import definition_from_rows, rows_from_definition

    scope = scope_for(request.user)
    scope.require(Capability.REPORT_DEFINE)
    tpl = selectors.template_get(user=request.user, code=code) if code else None
    if tpl is not None:
        services.require_definer(request.user, tpl)
    errors: list[str] = []
    if request.method == "POST":
        fields, cells, rules = _designer_rows(request.POST)
        if tpl is not None:
            fields["code"] = tpl.code  # editing keeps the code (submissions refer to it)
        if request.POST.get("action") == "save":
            try:
                saved = services.template_define(actor=request.user,
                                                 definition=definition_from_rows(fields, cells, rules))
            except ApplicationError as exc:
                errors = exc.message.splitlines()
            else:
                messages.success(request, _("已保存报表模板“%(name)s”。") % {"name": saved.name})
                return redirect("reports:template_detail", code=saved.code)
    elif tpl is not None:
        fields, cells, rules = rows_from_definition(tpl.definition)
    else:
        fields, cells, rules = {"period_type": "monthly"}, [], []
    more = 5 if request.POST.get("action") == "more" else 0
    cells = [*cells, *({"element": "", "label": "", "by": "", "address": "", "expand": False}
                       for _i in range(DESIGNER_BLANK_CELLS + more))]
    rules = [*rules, *({"kind": "", "cell": "", "right": "", "min": "", "max": "", "pct": ""}
                       for _i in range(DESIGNER_BLANK_RULES + more))]
    catalog = catalog_get()
    kinds = {"manual": _("手工填报"), "ratio": _("比率（自动计算）")}
    groups: dict[str, list] = {}
    for el in sorted(catalog.elements.values(), key=lambda e: e.code):
        groups.setdefault(kinds.get(el.kind, _("台账自动")), []).append(el)
    return render(request, "reports/template_designer.html", {
        "tpl": tpl, "fields": fields, "cells": cells, "rules": rules, "errors": errors,
        "element_groups": sorted(groups.items()), "period_types": PERIOD_TYPES,
        "is_department": scope.is_department}, status=400 if errors else 200)


@page_access(found_by(lambda *, user: scope_for(user).require(Capability.REPORT_DEFINE)))
@login_required
def header_match(request):
    """Upload a department's xlsx form → proposals per header cell → confirm → template."""
    scope = scope_for(request.user)
    scope.require(Capability.REPORT_DEFINE)
    context: dict = {"layout": None}
    if request.method == "POST":
        upload = request.FILES.get("file")
        error = ""
        if upload is None:
            error = _("请选择 xlsx 文件。")
        elif upload.size > MAX_UPLOAD:
            error = _("表格文件不能超过 5 MB。")
        else:
            try:
                layout = read_layout(upload.read(), sheet=request.POST.get("sheet") or None)
            except EngineError as exc:
                error = exc.message
        if error:  # said beside the upload form, to choose another file (badinput15 #12: a dead-end error page)
            return render(request, "reports/header_match.html", {**context, "error": error}, status=400)
        catalog = catalog_get()
        matcher = HeaderMatcher(catalog)
        proposals = []
        for h in layout.headers:
            m = matcher.match(h.text, parent=h.parent)
            proposals.append({"header": h, "match": m})
        context.update(layout=layout, proposals=proposals,
                       elements=sorted(catalog.elements.values(), key=lambda e: e.code),
                       period_types=PERIOD_TYPES)
    return render(request, "reports/header_match.html", context)


@login_required
@require_POST
def header_match_confirm(request):
    """The confirmed mappings (column → element ref) become a new template."""
    from jianfu.reports.engine.headers import parse_ref

    scope_for(request.user).require(Capability.REPORT_DEFINE)
    cells = []
    for col, ref, label in zip(request.POST.getlist("column"), request.POST.getlist("ref"),
                               request.POST.getlist("label"), strict=False):
        if not ref:
            continue
        try:
            element, by = parse_ref(ref)
        except ValueError:
            raise ApplicationError(_("列 %(c)s 的数据元素“%(r)s”无效。") % {"c": col, "r": ref}, field=col) from None
        cell = {"element": element, "label": label[:200], "address": col}
        if by:
            cell["by"] = dict(by)
        cells.append(cell)
    if not cells:
        raise ApplicationError(_("至少确认一个单元格。"), field="ref")
    definition = {"code": request.POST.get("code", "").strip(), "name": request.POST.get("name", "").strip(),
                  "department": request.POST.get("department", "").strip() or "unknown",
                  "department_name": request.POST.get("department_name", "").strip() or "未指定",
                  "period_type": request.POST.get("period_type", "monthly"), "cells": cells}
    tpl = services.template_define(actor=request.user, definition=definition)
    messages.success(request, _("已根据原表生成报表模板“%(name)s”（%(n)d 个单元格）。") % {"name": tpl.name, "n": len(cells)})
    return redirect("reports:template_detail", code=tpl.code)


@login_required
@require_POST
def template_form_upload(request, code: str):
    tpl = selectors.template_get(user=request.user, code=code)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ApplicationError(_("请选择 xlsx 文件。"), field="file")
        if upload.size > MAX_UPLOAD:
            raise ApplicationError(_("表格文件不能超过 5 MB。"), field="file")
        services.template_attach_form(actor=request.user, template=tpl, data=upload.read(), filename=upload.name,
                                      sheet=request.POST.get("sheet") or None)
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        # the template's page again, the reason beside its upload form (badinput15 #12: a dead-end error page)
        return _template_page(request, tpl, form_error=exc.message, status=400)
    messages.success(request, _("已上传部门原表，导出时将按原表格式填写。"))
    return redirect("reports:template_detail", code=code)


# ---------------------------------------------------------------- submissions


@page_access(found_by(selectors.submission_list))
@login_required
def submission_list(request):
    qs = selectors.submission_list(user=request.user, status=request.GET.get("status") or None,
                                   template=request.GET.get("template") or None,
                                   period=request.GET.get("period") or None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    names = selectors.unit_names({s.org_code for s in page})
    for s in page:
        s.unit_name = names.get(s.org_code, s.org_code)
    scope = scope_for(request.user)
    return render(request, "reports/submission_list.html", {
        "page": page, "names": names, "statuses": Submission.Status.choices,
        "status": request.GET.get("status", ""),
        "templates": selectors.template_list(user=request.user) if scope.can(Capability.REPORT_FILL) else [],
        "can_fill": scope.can(Capability.REPORT_FILL) and not scope.is_department,
    })


@login_required
@require_POST
def submission_generate(request):
    scope = scope_for(request.user)
    if not scope.can(Capability.REPORT_FILL) or len(scope.prefix or "") != 12:
        raise PermissionDeniedError(_("只有村（社区）账号才能生成本村报表。"))
    tpl = selectors.template_get(user=request.user, code=request.POST.get("template", ""))
    period = request.POST.get("period", "").strip()
    if not period:
        catalog = catalog_get()
        ptype = catalog.template(tpl.code).period_type
        if ptype == "ad_hoc":
            raise ApplicationError(_("不定期报表须填写报告期（如 20250715）。"), field="period")
        period = latest_closed_period(ptype, timezone.localdate()).id
    sub = services.submission_generate(actor=request.user, template=tpl, org_code=scope.unit_code, period=period)
    # no 手工项 to fill (all cells from the registry): nothing to ask for but a check (newuser16 #10)
    messages.success(request, _("已从台账生成报表，请核对并填写手工项。") if sub.manual_cells
                     else _("已从台账生成报表，全部为自动生成，请核对后报送。"))
    return redirect("reports:submission_detail", pk=sub.pk)


@page_access(found_by(selectors.submission_get))
@login_required
def submission_detail(request, pk: int):
    sub = selectors.submission_get(user=request.user, pk=pk)
    return _submission_page(request, sub)


def _as_typed(element, value):
    """A stored figure as its element's schema types it: a count entered as 3 is kept as the float 3.0 and came back
    into the box as "3.0" (newuser15 F13); a manual integer element shows 3, and a manual amount (number) that is
    whole shows 3000 while 12500.5 keeps its fraction. Typed text (after a refused save) and the computed figures (a
    ratio's 50.0) are left as they are."""
    if (element.is_manual and element.value_type in ("integer", "number") and isinstance(value, float)
            and value.is_integer()):
        return int(value)
    return value


def _submission_page(request, sub: Submission, *, typed: dict | None = None, field_errors: dict | None = None,
                     typed_comments: dict | None = None, status: int = 200, refreshed: dict | None = None,
                     changed: list | None = None, shown: dict | None = None, return_typed: str = "",
                     typed_error: dict | None = None):
    """The submission page; after a refused save it shows what was typed (`typed`, cell key → raw
    text) with only the bad boxes marked (`field_errors`), each typed box still carrying the figure it was drawn
    with (`shown`, its hidden shown_<cell>), so the next save still knows what the user changed; after a 报送
    refused because figures changed, the new figures (`refreshed`), those that changed marked (`changed`); after a
    refused 退回, its reason as typed (`return_typed`) and the refusal beside it (`typed_error`,
    core.templatetags.refused)."""
    catalog = catalog_get()
    t = catalog.template(sub.template.code)
    scope = scope_for(request.user)
    typed, field_errors, typed_comments, shown = typed or {}, field_errors or {}, typed_comments or {}, shown or {}
    # what 报送 would send now, not the snapshot of the last generate or save: each shown_<cell> then carries the figure
    # as of opening, and 报送 is refused only for a change after that (newuser19 #1)
    figures = selectors.submission_figures(sub)
    # a past period's cells that read a column without history show today's record (or, sent, that day's): marked as
    # on the run page (tryout27 #1) — this is the page a village files them from (cr28 #1)
    sent_on = _sent_on(sub)
    current = current_only_of(columns_of(catalog, t), selectors.period_of(t, sub.period),
                              sent_on or timezone.localdate())
    marked = {c.key for c in current}
    checks = services.submission_checks(sub, figures) if sub.status in (Submission.Status.GENERATED,
                                                                         Submission.Status.RETURNED) else sub.checks
    flagged = {k for c in checks for k in c["cells"]}
    refreshed = refreshed or {}
    changed_at = {c["cell"]: c for c in changed or []}
    rows = []
    for c in t.cells:
        el = catalog.element(c.element)
        value = typed[c.key] if c.key in typed else figures.get(c.key)
        if not el.is_manual and c.key in refreshed:
            value = refreshed[c.key]
        value = _as_typed(el, value)
        drawn = _as_typed(el, figures.get(c.key))
        rows.append({"cell": c, "element": el, "manual": el.is_manual, "value": value,
                     "shown": shown[c.key] if c.key in typed and c.key in shown else drawn,
                     "error": field_errors.get(c.key, ""), "flagged": c.key in flagged or c.key in changed_at,
                     "current_only": c.key in marked,
                     "was": selectors.figure_text(changed_at[c.key]["old"]) if c.key in changed_at else None})
    for c in checks:
        if c["rule"] in typed_comments:
            c["comment"] = typed_comments[c["rule"]]
    is_filler = scope.can(Capability.REPORT_FILL) and scope.unit_code == sub.org_code
    is_approver = (scope.can(Capability.REPORT_APPROVE) and not scope.is_department
                   and scope.unit_code != sub.org_code)
    actions = services.allowed_actions(sub.status)
    decided = is_approver and sub.status in (Submission.Status.APPROVED, Submission.Status.RETURNED)
    next_pending = selectors.next_awaiting_approval(user=request.user, current=sub) if decided else None
    response = render_refused(request, "reports/submission_detail.html", {
        "sub": sub, "rows": rows, "unit_name": selectors.unit_names({sub.org_code}).get(sub.org_code, sub.org_code),
        "can_fill": is_filler and "fill" in actions, "can_submit": is_filler and "submit" in actions,
        "can_approve": is_approver and "approve" in actions, "has_form": bool(sub.template.form_file),
        # once this one is decided, the next one waiting in the township's scope is one tap away
        "decided": decided,
        "next_pending": next_pending, "next_unit": selectors.unit_names({next_pending.org_code}).get(
            next_pending.org_code, next_pending.org_code) if next_pending else "",
        "checks": checks, "field_errors": field_errors, "shared": selectors.shared_changes(sub),
        "sent_on": sent_on, "current_note": exports.current_note(current, sent_on=sent_on),
        "is_filler": is_filler,
        # 保存手工项 only where there is one to fill; with none, a 需说明 check still needs its 说明 saved
        "has_manual": any(r["manual"] for r in rows), "comments_to_save": any(c.get("needs_comment") for c in checks),
        # a refused 保存/报送 answers the POST: its history entry becomes this page's own address (jianfu.js), so 返回
        # to it after a later 报送 fetches the page again, not the refusal as if current (newuser22 #3)
        "history_url": reverse("reports:submission_detail", args=[sub.pk]) if request.method == "POST" else "",
        "return_typed": return_typed, "typed_error": typed_error or {},
    }, status=status)
    # never kept, nor shown again from a cache by 返回: the submission's state and the typed figures are of this moment
    add_never_cache_headers(response)
    return response


def _submission_action(request, pk: int, fn, ok_message: str, **kwargs):
    """审核通过 / 退回. Refused, the page again with the refusal's status, the 退回原因 as typed and the reason beside
    it — not a redirect that lost the typing (forms400b)."""
    sub = selectors.submission_get(user=request.user, pk=pk)
    try:
        fn(actor=request.user, submission=sub, **kwargs)
        messages.success(request, ok_message)
    except (NotFoundError, PermissionDeniedError):
        raise
    except ApplicationError as exc:
        sub.refresh_from_db()
        # the reason beside 退回原因 when it is about it, else the page's one message (fix-cr31b)
        refused = refused_typing(request, exc, form="return", cut=2000,
                                 inputs={"reason": "ret-reason"} if "reason" in kwargs else {})
        return _submission_page(request, sub, status=exc.status_code,
                                return_typed=refused["typed"]["return"].get("reason", ""),
                                typed_error=refused["typed_error"])
    return redirect("reports:submission_detail", pk=pk)


def _typed(request) -> tuple[dict, dict]:
    values = {k.removeprefix("cell_"): v for k, v in request.POST.items() if k.startswith("cell_")}
    comments = {k.removeprefix("comment_"): v for k, v in request.POST.items() if k.startswith("comment_")}
    return values, comments


def _shown(request) -> dict[str, str]:
    """The automatic figures as the page showed them (hidden shown_<cell> fields)."""
    return {k.removeprefix("shown_"): v for k, v in request.POST.items() if k.startswith("shown_")}


def _save_typed(request, sub: Submission):
    """Save what the form carried; on a refused value re-render the page with everything typed kept
    and only the bad boxes marked (returns that response), else None. A box left as it was drawn is shown
    again as stored now; a box refused because another report changed its figure since the page was drawn
    (codereview16 #2) keeps the typing and now carries that figure as the one shown, so saving again confirms it."""
    values, comments = _typed(request)
    if not values and not comments:
        return None
    shown = _shown(request)
    try:
        services.submission_fill(actor=request.user, submission=sub, values=values, comments=comments, shown=shown)
    except (NotFoundError, PermissionDeniedError):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
        stored = exc.details.get("stored") or {}
        kept = {k: v for k, v in values.items() if k in stored or k not in shown or v.strip() != shown[k].strip()}
        return _submission_page(request, sub, typed=kept, typed_comments=comments,
                                field_errors=exc.details.get("fields") or {}, status=exc.status_code,
                                shown={**shown, **{k: "" if v is None else v for k, v in stored.items()}})
    return None


@login_required
@require_POST
def submission_fill(request, pk: int):
    sub = selectors.submission_get(user=request.user, pk=pk)
    refused = _save_typed(request, sub)
    if refused is not None:
        return refused
    messages.success(request, _("已保存手工填报项。"))
    if notice := selectors.figures_changed_on_save(sub, _shown(request)):
        messages.warning(request, notice)
    if moved := selectors.shared_moved(sub, _typed(request)[0], _shown(request)):
        messages.warning(request, _("打开本页后本村其他报表改动了共用的手工填报项，本表已随之更新：%(list)s。") % {
            "list": selectors.listed_figures(moved)})
    return redirect("reports:submission_detail", pk=pk)


@login_required
@require_POST
def submission_submit(request, pk: int):
    """报送 saves what is on the form first, then submits; nothing typed is lost either way."""
    sub = selectors.submission_get(user=request.user, pk=pk)
    refused = _save_typed(request, sub)
    if refused is not None:
        return refused
    sub.refresh_from_db()
    # the automatic figures as the page showed them: a change since refuses once, and the page shows the new ones
    shown = _shown(request)
    # so does a shared manual figure another report changed while this page was open (the box was left as drawn)
    if moved := selectors.shared_moved(sub, _typed(request)[0], shown):
        messages.error(request, _("打开本页后本村其他报表改动了共用的手工填报项，%(n)d 项已随之更新，本次未报送：%(list)s。"
                                  "请核对更新后的数值，再点“报送”。") % {"n": len(moved),
                                                                "list": selectors.listed_figures(moved)})
        return _submission_page(request, sub, changed=moved, status=409)
    try:
        services.submission_submit(actor=request.user, submission=sub, shown=shown or None)
    except (NotFoundError, PermissionDeniedError):
        raise
    except ApplicationError as exc:
        messages.error(request, exc.message)
        if exc.code == "figures_changed":
            return _submission_page(request, sub, refreshed=exc.details["values"], changed=exc.details["changed"],
                                    status=409)
        # what the form carried is saved above (_save_typed): the page again as stored, with the refusal's status,
        # not a redirect answering a refused 报送 as if it went through (forms400b)
        sub.refresh_from_db()
        return _submission_page(request, sub, status=exc.status_code)
    messages.success(request, _("已报送，等待乡镇审核。"))
    return redirect("reports:submission_detail", pk=pk)


@login_required
@require_POST
def submission_approve(request, pk: int):
    return _submission_action(request, pk, services.submission_approve, _("已审核通过，报表已锁定。"))


@login_required
@require_POST
def submission_return(request, pk: int):
    return _submission_action(request, pk, services.submission_return, _("已退回。"),
                              reason=request.POST.get("reason", ""))


@login_required
def submission_export(request, pk: int):
    """A submission's own figures (the snapshot the village submitted; one still being filled as its page shows it,
    what 报送 would send) as csv / xlsx / the department's form."""
    from jianfu.reports.engine import parse_period
    from jianfu.reports.engine.runner import Report, Row

    sub = selectors.submission_get(user=request.user, pk=pk)
    catalog = catalog_get()
    t = catalog.template(sub.template.code)
    name = selectors.unit_names({sub.org_code}).get(sub.org_code, sub.org_code)
    row = Row(sub.org_code, name, selectors.submission_figures(sub))
    report = Report(t, sub.org_code, "village", "village", parse_period(t.period_type, sub.period),
                    columns_of(catalog, t), [row], row)
    return _report_response(report, request.GET.get("format", "xlsx"), template=sub.template,
                            status=sub.get_status_display(), sent_on=_sent_on(sub))


def _sent_on(sub: Submission):
    """The day a sent (or approved) submission's figures were taken, its snapshot; None for one still being filled,
    whose figures are computed now (`selectors.submission_figures`)."""
    if sub.status in (Submission.Status.SUBMITTED, Submission.Status.APPROVED) and sub.submitted_at:
        return timezone.localdate(sub.submitted_at)
    return None


# ---------------------------------------------------------------- county office pages


@login_required
def completeness(request):
    rows = selectors.completeness(user=request.user, unit_code=request.GET.get("unit") or None,
                                  periods_back=min(max(int(request.GET.get("back", "1") or 1), 1), 12)
                                  if (request.GET.get("back", "1") or "1").isdigit() else 1)
    if request.GET.get("format") == "json":
        return HttpResponse(json.dumps([{
            "template": r.template.code, "period": r.period, "expected": r.expected, "submitted": r.submitted,
            "approved": r.approved, "on_time": r.on_time} for r in rows], ensure_ascii=False),
            content_type="application/json")
    return render(request, "reports/completeness.html", {"rows": rows, "unit": request.GET.get("unit", "")})


@login_required
def form_progress(request):
    """One form's progress: every village in scope with its state, not-submitted first (newuser13 V04)."""
    data = selectors.form_progress(user=request.user, template_code=request.GET.get("template", ""),
                                   period=request.GET.get("period", "").strip(),
                                   unit_code=request.GET.get("unit") or None)
    return render(request, "reports/form_progress.html", {**data, "unit": request.GET.get("unit", "")})


@login_required
def template_progress(request, code: str):
    """A department's own form, village by village for a period, read-only (mend34 #1); each township named where the
    villages not yet submitted are to be chased."""
    data = selectors.department_form_progress(user=request.user, template_code=code,
                                              period=request.GET.get("period", "").strip())
    return render(request, "reports/template_progress.html", data)


@login_required
def burden(request):
    data = selectors.burden(user=request.user)
    return render(request, "reports/burden.html", data)

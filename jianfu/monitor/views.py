"""Thin HTML views of the burden monitor: parse → service/selector → render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jianfu.accounts.http import AuthenticatedRequest
from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.decorators import found_by, page_access
from jianfu.core.downloads import XLSX, download_response
from jianfu.core.errors import ApplicationError, ConflictError, field_messages, messages_beside
from jianfu.core.text import shown_back
from jianfu.core.versioning import version_of
from jianfu.monitor import ledgers, selectors, services, xlsx
from jianfu.monitor.models import (
    LEDGER_MODELS,
    Finding,
    FindingStatus,
    LedgerKind,
    Notice,
    NoticeLevel,
    ProblemCategory,
    RectificationStatus,
    Severity,
)
from jianfu.monitor.rules import engine
from jianfu.monitor.rules.index import COMPONENTS, MEETING_TRAVEL_MINUTES

MAX_UPLOAD = services.MAX_ATTACHMENT_BYTES


def _kind(kind: str) -> str:
    if kind not in LEDGER_MODELS:
        raise Http404
    return kind


def _year(request: AuthenticatedRequest) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), timezone.localdate().year)


def _upload(request: AuthenticatedRequest, *, limit: int = MAX_UPLOAD,
            subject: str | None = None) -> tuple[bytes | None, str]:
    upload = request.FILES.get("file")
    if not upload:
        return None, ""
    return services.read_upload(upload, limit=limit, subject=subject), upload.name or ""


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    return download_response(content, filename, XLSX)


def _form_fields(kind: str, values: Mapping[str, Any], *, editing: bool = False,
                 error: ApplicationError | None = None) -> list[dict[str, Any]]:
    out = []
    messages_ = field_messages(error)
    for spec in ledgers.fields_of(kind):
        if editing and spec.name in ("issuer", "target"):
            continue
        out.append({"spec": spec, "value": values.get(spec.name, ""), "invalid": spec.name in messages_,
                    "message": messages_.get(spec.name, "")})
    return out


def _kinds_nav() -> list[tuple[str, str]]:
    return [(k, str(label)) for k, label in LedgerKind.choices]


@page_access(found_by(lambda *, user: scope_for(user).require(Capability.MONITOR_RECORD)))
@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    scope.require(Capability.MONITOR_RECORD)
    year = _year(request)
    counts = [{"kind": k, "label": label, "n": selectors.ledger_list(user=request.user, kind=k, year=year).count()}
              for k, label in _kinds_nav()]
    open_findings = selectors.finding_list(user=request.user, year=year, status=FindingStatus.OPEN).count()
    # the year is carried into every link: the counts are that year's, and a list opened without it shows another
    # year's (findings, dashboard) or every year's (ledgers) rows
    return render(request, "monitor/home.html", {"counts": counts, "year": year, "open_findings": open_findings,
                                                 "this_year": timezone.localdate().year,
                                                 "county_wide": scope.can(Capability.STATISTICS_VIEW),
                                                 "receives": not scope.is_department})


@login_required
def received(request: AuthenticatedRequest) -> HttpResponse:
    """本月收到的要求 (N09): what the account's unit, its township and its county were asked in one month."""
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except (TypeError, ValueError):  # absent, "2026-13", "abc": this month
        first = today.replace(day=1)
    first = min(max(first, dt.date(2000, 1, 1)), today.replace(day=1))
    data = selectors.received_in_month(user=request.user, year=first.year, month=first.month)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    # 登记 from here (fix-ui17a #4): the form opens on the section's ledger, dated in the month shown (today in this
    # month, the month's first day in an earlier one), a meeting marked as asking for the village secretaries (the
    # only meetings from above this page counts)
    day = today if first == today.replace(day=1) else first
    for section in data["sections"]:
        extra = {"village_secretaries_required": "1"} if section["kind"] == LedgerKind.MEETING else {}
        # newuser18 #4: the form says what is registered, and saving comes back here, to the same month
        back = f"{reverse('monitor:received')}?month={first:%Y-%m}"
        section["new_query"] = urlencode({"date": day.isoformat(), **extra, "next": back})
    return render(request, "monitor/received.html", {
        **data, "previous": previous, "following": following if following <= today else None,
        "travel_minutes": MEETING_TRAVEL_MINUTES})


# ------------------------------------------------------------------------------------ ledgers

@login_required
def ledger_list(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    year = _year(request) if request.GET.get("year") else None
    q = request.GET.get("q", "")[:50]
    rows = selectors.ledger_list(user=request.user, kind=kind, year=year, q=q)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "monitor/ledger_list.html", {"kind": kind, "label": LedgerKind(kind).label, "page": page,
                                                        "q": q, "year": year or "", "kinds": _kinds_nav()})


def _prefill(kind: str, query: QueryDict) -> dict[str, str]:
    """What a link may fill in on a new ledger form (fix-ui17a #4: 本月收到的要求's 登记 links): a date within
    2000-01-01 … today, a choice among its choices, a checkbox ticked ("1"). Anything else is ignored: the form
    starts from its defaults and the cadre sees every value before saving."""
    out: dict[str, str] = {}
    for spec in ledgers.fields_of(kind):
        raw = query.get(spec.name)
        if raw is None:
            continue
        if spec.type == "bool" and raw == "1":
            out[spec.name] = "1"
        elif spec.type == "choice" and raw in dict(spec.choices):
            out[spec.name] = raw
        elif spec.type == "date":
            try:
                day = dt.date.fromisoformat(raw)
            except ValueError:
                continue
            if dt.date(2000, 1, 1) <= day <= timezone.localdate():
                out[spec.name] = day.isoformat()
    return out


@login_required
@require_http_methods(["GET", "POST"])
def ledger_create(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    scope_for(request.user).require(Capability.MONITOR_RECORD)
    # a new form starts from the same defaults as an import (a business meeting at county level, not
    # whatever choice happens to come first)
    values = {**ledgers.DEFAULTS, "date": timezone.localdate().isoformat(), **_prefill(kind, request.GET)}
    back = _local_next(request)
    page = {"kind": kind, "label": LedgerKind(kind).label, "next": back}
    if request.method == "POST":
        values = {spec.name: request.POST.get(spec.name, "") for spec in ledgers.fields_of(kind)}
        for spec in ledgers.fields_of(kind):
            if spec.type == "bool":
                values[spec.name] = "1" if request.POST.get(spec.name) else "0"
        try:
            data, filename = _upload(request) if kind == LedgerKind.DOCUMENT else (None, "")
            row, created = services.ledger_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, kind=kind, data=values,
                file_data=data, filename=filename)
        except ApplicationError as exc:
            if exc.status_code != 400 and exc.status_code != 403:
                raise
            exc = formtokens.on_file_form(exc, chosen=bool(request.FILES))   # a file is never refilled (fix30 #2)
            return render(request, "monitor/ledger_form.html",
                          {**page, "unit_names": selectors.unit_names(user=request.user),
                           "fields": _form_fields(kind, shown_back(values), error=exc), "error": exc,
                           "form_token": formtokens.token_new()}, status=exc.status_code)
        if created:
            messages.success(request, _("已登记：%(t)s。") % {"t": row.title})
        else:   # the same form posted again (a double click, a replay): recorded once
            messages.info(request, _("该表单已提交过，“%(t)s”已登记，没有重复登记。") % {"t": row.title})
        return redirect(back) if back else redirect("monitor:ledger_detail", kind=kind, pk=row.pk)
    return render(request, "monitor/ledger_form.html", {**page, "unit_names": selectors.unit_names(user=request.user),
                                                        "fields": _form_fields(kind, shown_back(values)),
                                                        "form_token": formtokens.token_new()})


def _local_next(request: AuthenticatedRequest) -> str:
    """Where a saved form goes back to (newuser18 #4: 本月收到的要求's 登记 links): a path of this site only — never
    another host, a scheme or a protocol-relative `//host` — else "" (the row's own page, as before)."""
    target = (request.POST.get("next") if request.method == "POST" else request.GET.get("next")) or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                   require_https=request.is_secure()):
        return target
    return ""


# While a saved row's rule check runs (in about a second after a single save) the findings section asks again
# soon at first, then every 3 s (a burst of imports is checked once it is over): the delays of its asks in turn.
CHECK_POLL = ("500ms", "1s", "2s", "3s")


def _check_poll(request: HttpRequest) -> tuple[str, str]:
    """The findings section's next ask: (its URL — this page, counting the asks in `poll` — and its htmx delay)."""
    try:
        asked = max(int(request.GET.get("poll", "0")), 0)
    except ValueError:
        asked = 0
    query = request.GET.copy()
    query["poll"] = str(min(asked + 1, len(CHECK_POLL) - 1))
    return f"{request.path}?{query.urlencode()}", CHECK_POLL[min(asked, len(CHECK_POLL) - 1)]


@page_access(found_by(lambda *, user, kind, pk: selectors.ledger_get(user=user, kind=_kind(kind), pk=pk)))
@login_required
def ledger_detail(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    kind = _kind(kind)
    row = selectors.ledger_get(user=request.user, kind=kind, pk=pk)
    fields = []
    for spec in ledgers.SPECIFIC[kind]:
        if spec.name == "from_unit":
            value = row.from_unit_code
        elif spec.name == "review":
            value = row.review_id
        else:
            value = getattr(row, spec.name)
            if spec.type == "choice":
                value = dict(spec.choices).get(value, value)
            elif spec.type == "bool":
                value = _("是") if value else _("否")
            elif spec.name in ledgers.UNSET_WHEN_ZERO and value == 0:
                value = _("未填")
        fields.append((spec.label, value))
    findings = selectors.finding_list(user=request.user).filter(ledger=kind, row_id=row.pk)
    poll_url, poll_every = _check_poll(request)
    return render(request, "monitor/ledger_detail.html", {"kind": kind, "label": LedgerKind(kind).label, "row": row,
                                                          "target_name": selectors.unit_name(row.org_code),
                                                          "fields": fields, "findings": findings,
                                                          "checking": selectors.findings_pending(
                                                              county_code=row.county_code, year=row.date.year),
                                                          "poll_url": poll_url, "poll_every": poll_every})


@login_required
@require_http_methods(["GET", "POST"])
def ledger_edit(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    kind = _kind(kind)
    row = selectors.ledger_get(user=request.user, kind=kind, pk=pk)
    values = {spec.name: getattr(row, spec.name, "") for spec in ledgers.fields_of(kind)
              if spec.name not in ("issuer", "target", "from_unit", "review")}
    values["date"] = row.date.isoformat()
    values.update({name: "" for name in ledgers.UNSET_WHEN_ZERO if values.get(name) == 0})
    if kind == LedgerKind.SECONDMENT:
        values["from_unit"] = row.from_unit_code
    if kind == LedgerKind.DOCUMENT:
        values["review"] = row.review_id or ""
    # the version of the row the form was opened with (jianfu.core.versioning): a save over another's is refused
    version = version_of(row)
    if request.method == "POST":
        values = {spec.name: request.POST.get(spec.name, "") for spec in ledgers.fields_of(kind)
                  if spec.name not in ("issuer", "target")}
        for spec in ledgers.fields_of(kind):
            if spec.type == "bool":
                values[spec.name] = "1" if request.POST.get(spec.name) else "0"
        version = request.POST.get("version", "")
        try:
            services.ledger_update(actor=request.user, kind=kind, pk=pk, data=values, version=version or None)
        except ApplicationError as exc:
            stale = isinstance(exc, ConflictError) and exc.code == "stale"
            if exc.status_code not in (400, 403) and not stale:
                raise
            if stale:   # the typing stays; saving again after checking is a deliberate overwrite
                version = exc.details["version"]
            return render(request, "monitor/ledger_form.html",
                          {"kind": kind, "label": LedgerKind(kind).label, "row": row, "version": version,
                           "fields": _form_fields(kind, shown_back(values), editing=True,
                                                  error=None if stale else exc),
                           "error": exc}, status=exc.status_code)
        messages.success(request, _("已保存。"))
        return redirect("monitor:ledger_detail", kind=kind, pk=pk)
    return render(request, "monitor/ledger_form.html", {"kind": kind, "label": LedgerKind(kind).label, "row": row,
                                                        "version": version,
                                                        "fields": _form_fields(kind, values, editing=True)})


@login_required
@require_POST
def ledger_delete(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    kind = _kind(kind)
    row = services.ledger_writable(actor=request.user, kind=kind, pk=pk)
    if request.POST.get("confirm") != "1":
        return _confirm_delete(request, title=_("删除%(label)s记录") % {"label": LedgerKind(kind).label},
                               what=f"{row.date:%Y-%m-%d} {row.title}",
                               cancel_to=reverse("monitor:ledger_detail", args=[kind, pk]),
                               question=_("确定删除这条记录吗？删除后不能恢复，检查结果将重新计算。"))
    services.ledger_delete(actor=request.user, kind=kind, pk=pk)
    messages.success(request, _("已删除。"))
    return redirect("monitor:ledger_list", kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    scope_for(request.user).require(Capability.MONITOR_RECORD)
    context = {"kind": kind, "label": LedgerKind(kind).label, "max_rows": xlsx.MAX_ROWS}
    if request.method == "POST":
        try:
            data, filename = _upload(request, limit=xlsx.MAX_BYTES, subject=_("文件"))
            if data is None:
                raise ApplicationError(_("请选择要导入的 .xlsx 或 .csv 文件。"), code="required", field="file")
            upload, result = services.ledger_import_from_form(form_token=formtokens.posted(request.POST),
                                                              actor=request.user, kind=kind, data=data,
                                                              filename=filename)
        except ApplicationError as exc:
            if exc.status_code not in (400, 403):
                raise
            exc = formtokens.on_file_form(exc, chosen=bool(request.FILES))   # a file is never refilled
            return render(request, "monitor/ledger_import.html", {**context, "error": exc,
                                                                  "form_token": formtokens.token_new()},
                          status=exc.status_code)
        if result is None:   # the same form posted again (a double tap, back then 导入): imported once (fix30b #3)
            messages.info(request, _("该表单已提交过，没有重复导入（已导入 %(n)d 行）。") % {"n": upload.imported})
        else:
            notice = result.notice()
            messages.success(request, _("已导入 %(n)d 行。") % {"n": result.imported} + (f"{notice}。" if notice else ""))
        return redirect("monitor:ledger_list", kind=kind)
    return render(request, "monitor/ledger_import.html", {**context, "form_token": formtokens.token_new()})


@login_required
def ledger_export(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    """The rows the list page shows (same filters, the account's scope) in the import template's shape."""
    kind = _kind(kind)
    year = _year(request) if request.GET.get("year") else None
    rows = selectors.ledger_export_rows(user=request.user, kind=kind, year=year, q=request.GET.get("q", "")[:50])
    return _xlsx(xlsx.export(kind, rows), selectors.ledger_export_filename(kind, year=year))


@login_required
def ledger_template(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    kind = _kind(kind)
    scope_for(request.user).require(Capability.MONITOR_RECORD)
    return _xlsx(xlsx.template(kind), f"{LedgerKind(kind).label}导入模板.xlsx")


# ----------------------------------------------------------------------------------- findings

@page_access(found_by(selectors.finding_list))
@login_required
def finding_list(request: AuthenticatedRequest) -> HttpResponse:
    year = _year(request)
    month = request.GET.get("month", "")
    findings = selectors.finding_list(user=request.user, year=year, rule=request.GET.get("rule", "")[:40],
                                      issuer=request.GET.get("issuer", "")[:20],
                                      status=request.GET.get("status", "")[:12],
                                      category=request.GET.get("category", "")[:40],
                                      month=int(month) if month.isdigit() and 1 <= int(month) <= 12 else None)
    page = Paginator(findings, 50).get_page(request.GET.get("page"))
    return render(request, "monitor/finding_list.html", {
        "page": page, "year": year, "statuses": FindingStatus.choices, "query": request.GET,
        # the rule filter picks a rule by its name (it asked for a code typed by hand)
        "rules": [(r["rule"].code, r["rule"].name) for r in selectors.rule_rows(user=request.user)],
        "issuer_names": selectors.unit_names(user=request.user)["issuer"],
        "can_manage": scope_for(request.user).can(Capability.MONITOR_MANAGE)})


@page_access(found_by(selectors.finding_get))
@login_required
def finding_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _finding_page(request, selectors.finding_get(user=request.user, pk=pk))


def _finding_page(request: AuthenticatedRequest, finding: Finding, *, error: ApplicationError | None = None,
                  note: str = "") -> HttpResponse:
    """The finding with its history; after a refused move, the error beside 处理说明 and what was typed kept."""
    transitions = services.FINDING_TRANSITIONS[finding.status]
    counted = selectors.finding_rows(finding, user=request.user)
    return render(request, "monitor/finding_detail.html", {
        "finding": finding, "rows": counted.rows, "counted": counted.counted, "history": selectors.finding_history(finding),
        "state_ledger": finding.ledger in selectors.STATE_LEDGERS,
        "transitions": [(t, FindingStatus(t).label) for t in transitions],
        "dismissable": FindingStatus.DISMISSED in transitions, "error": error, "note": note,
        "form_token": formtokens.token_new(),
        "can_manage": scope_for(request.user).can(Capability.MONITOR_MANAGE)}, status=400 if error else 200)


TRANSITION_SERVICES: dict[str, Callable[..., Finding]] = {
    FindingStatus.CONFIRMED: services.finding_confirm, FindingStatus.DISMISSED: services.finding_dismiss,
    FindingStatus.RECTIFIED: services.finding_rectify, FindingStatus.OPEN: services.finding_reopen,
}


@login_required
@require_POST
def finding_transition(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    service = TRANSITION_SERVICES.get(request.POST.get("to", ""))
    if service is None:
        raise ApplicationError(_("无效的操作。"), code="invalid", field="to")
    note = request.POST.get("note", "")
    try:
        selectors.finding_get(user=request.user, pk=pk)   # out of scope: not found, before the token is looked at
        formtokens.required_key(formtokens.posted(request.POST))   # the form carries its token (ADR 0035)
        service(actor=request.user, pk=pk, note=note)
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        return _finding_page(request, selectors.finding_get(user=request.user, pk=pk), error=exc, note=note)
    messages.success(request, _("已更新问题状态。"))
    return redirect("monitor:finding_detail", pk=pk)


@login_required
@require_POST
def finding_evaluate(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    scope.require(Capability.MONITOR_MANAGE)
    county = services.county_of(scope.unit_code) if scope.unit_code else ""
    if not county:
        raise ApplicationError(_("请使用县减负办账号按县运行检查。"), code="county_required")
    n = services.findings_evaluate(actor=request.user, county_code=county, year=_year(request))
    messages.success(request, _("规则检查完成，发现 %(n)d 个问题。") % {"n": n})
    return redirect("monitor:finding_list")


# -------------------------------------------------------------------------------------- rules

@page_access(found_by(selectors.rule_rows))
@login_required
def rule_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = selectors.rule_rows(user=request.user)
    return render(request, "monitor/rule_list.html", {
        "rows": rows, "can_manage": scope_for(request.user).can(Capability.MONITOR_MANAGE)})


@login_required
@require_http_methods(["GET", "POST"])
def rule_create(request: AuthenticatedRequest) -> HttpResponse:
    scope_for(request.user).require(Capability.MONITOR_MANAGE)
    form = {"severity": "medium"}
    context = _rule_form_context()
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("code", "name", "check", "threshold", "citation", "scope",
                                                    "severity")}
        try:
            rule = services.rule_create(actor=request.user, data=form)
        except ApplicationError as exc:
            if exc.status_code not in (400, 403):
                raise
            return render(request, "monitor/rule_form.html", {**context, "form": shown_back(form), "error": exc},
                          status=exc.status_code)
        messages.success(request, _("已新增本地规则 %(c)s。") % {"c": rule.code})
        return redirect("monitor:rule_list")
    return render(request, "monitor/rule_form.html", {**context, "form": form})


def _rule_form_context() -> dict[str, Any]:
    return {"checks": sorted(services.CHECK_LEDGERS.items()), "severities": Severity.choices,
            "ledger_labels": dict(LedgerKind.choices), "needs_threshold": engine.NEEDS_THRESHOLD}


def _edit(request: AuthenticatedRequest, template: str, context: dict[str, Any], form: dict[str, Any],
          save: Callable[[], object], *, done: str, to: str) -> HttpResponse:
    """An edit page: GET shows `form`; POST runs `save()` and redirects, or shows the form again with
    what was typed and the Chinese reason (the status of the refusal)."""
    if request.method == "POST":
        try:
            save()
        except ApplicationError as exc:
            stale = isinstance(exc, ConflictError) and exc.code == "stale"
            if exc.status_code not in (400, 403, 404) and not stale:
                raise
            if stale and "version" in form:   # the typing stays; saving again after checking is a deliberate overwrite
                form["version"] = exc.details["version"]
            # each field's own reason too, to show beside it (the ledger form's way; fix-monitor26b #3)
            return render(request, template, {**context, "form": shown_back(form), "error": exc,
                                              "field_errors": field_messages(exc)},
                          status=exc.status_code)
        messages.success(request, done)
        return redirect(to)
    return render(request, template, {**context, "form": form})


RULE_EDITABLE = ("name", "threshold", "citation", "scope", "severity")  # code and check stay (services.rule_update)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rule = selectors.rule_managed(user=request.user, pk=pk)
    form = {"code": rule.code, "name": rule.name, "check": rule.check_name, "severity": rule.severity,
            "threshold": "" if rule.threshold is None else rule.threshold, "citation": rule.citation,
            "scope": rule.scope}
    changed = {k: request.POST.get(k, "") for k in RULE_EDITABLE}
    return _edit(request, "monitor/rule_form.html", {**_rule_form_context(), "rule": rule},
                 {**form, **changed} if request.method == "POST" else form,
                 lambda: services.rule_update(actor=request.user, pk=pk, data=changed),
                 done=_("已保存规则 %(c)s，检查结果将重新计算。") % {"c": rule.code}, to=reverse("monitor:rule_list"))


def _act(request: AuthenticatedRequest, action: Callable[[], object], *, done: str, to: str,
         refused_to: str) -> HttpResponse:
    """Run a POSTed write; a refusal the user can act on (a 400 with its reason) is shown as a message
    on the page the form was on, never a bare error page."""
    try:
        action()
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        messages.error(request, exc.message)
        return redirect(refused_to)
    messages.success(request, done)
    return redirect(to)


def _confirm_delete(request: AuthenticatedRequest, *, title: str, what: str, question: str,
                    cancel_to: str) -> HttpResponse:
    """The step between the delete button and the deletion (N04, session 14): a page that works without JavaScript,
    whose form posts again with confirm=1. Nothing is deleted by a POST without it."""
    return render(request, "monitor/confirm_delete.html", {"title": title, "what": what, "question": question,
                                                           "cancel_to": cancel_to, "action": request.path})


@login_required
@require_POST
def rule_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    rule = selectors.rule_managed(user=request.user, pk=pk)
    back = reverse("monitor:rule_list")
    if request.POST.get("confirm") != "1":
        return _confirm_delete(request, title=_("删除本地规则"), what=f"{rule.code} {rule.name}", cancel_to=back,
                               question=_("确定删除这条本地规则吗？删除后不能恢复；如本县只是暂不适用，可改为停用。"))
    return _act(request, lambda: services.rule_delete(actor=request.user, pk=pk), done=_("已删除本地规则。"),
                to=back, refused_to=back)


@login_required
@require_POST
def rule_toggle(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    services.rule_toggle(actor=request.user, pk=pk, enabled=request.POST.get("enabled") == "1")
    messages.success(request, _("规则状态已更新，检查结果将重新计算。"))
    return redirect("monitor:rule_list")


# ------------------------------------------------------------------------------------ notices

@login_required
def notice_list(request: AuthenticatedRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:50]
    category = request.GET.get("category", "")
    category = category if category in ProblemCategory.values else ""
    year = request.GET.get("year", "")[:4]
    year_value = int(year) if year.isdigit() and int(year) >= 1900 else None
    notices = selectors.notice_list(user=request.user, q=q, category=category, year=year_value)
    cases = selectors.case_search(user=request.user, q=q, category=category, year=year_value)[:100] \
        if (q or category) else []
    return render(request, "monitor/notice_list.html", {
        "notices": notices[:200], "cases": cases, "q": q, "category": category, "year": year,
        "categories": ProblemCategory.choices, "stats": selectors.notice_statistics(user=request.user),
        "can_manage": scope_for(request.user).can(Capability.MONITOR_MANAGE)})


@page_access(found_by(selectors.notice_get))
@login_required
def notice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = selectors.notice_get(user=request.user, pk=pk)
    services.notice_mark_read(actor=request.user, notice=notice)   # it leaves the 工作台's unread notices (mend31 #2)
    return _notice_page(request, notice)


CASE_ADD_FIELDS = ("place", "category", "summary", "rectification")


RECTIFY_FIELDS = ("to", "date", "note")


def _notice_page(request: AuthenticatedRequest, notice: Notice, *, case_form: dict[str, Any] | None = None,
                 error: ApplicationError | None = None,
                 rectify: tuple[int, dict[str, Any], ApplicationError] | None = None) -> HttpResponse:
    """The notice with its cases; after a refused 添加案例, its form again with what was typed and the reason beside the
    field at fault, with the refusal's status (newuser26 #2: a bare error page whose 返回上一页 gave an empty form);
    after a refused 更新整改情况 (`rectify`: the case, what was posted, the refusal), that case's form the same way."""
    own = bool(notice.county_code) and notice.county_code == selectors.managed_county(request.user)
    names = selectors.national_rule_names()
    cases: list[dict[str, Any]] = [
        {"case": c, "rules": [names.get(code, code) for code in selectors.CATEGORY_RULES.get(c.category, ())],
         "ledger": selectors.CATEGORY_LEDGERS.get(c.category, ""),
         "moves": [(t, RectificationStatus(t).label) for t in sorted(services.RECTIFICATION_TRANSITIONS[
             c.rectification])] if own else []} for c in notice.cases.all()]
    if rectify is not None:
        pk, posted, refusal = rectify
        beside, general = messages_beside(refusal, RECTIFY_FIELDS)
        for c in cases:
            if c["case"].pk == pk:
                c.update(rectify_form=posted, rectify_errors=beside, rectify_error=general,
                         rectify_focus=next((f for f in RECTIFY_FIELDS if f in beside), ""))
        error = refusal
    # every field's reason beside it (fix-monitor26b #3), the rest above the form
    case_errors, general = messages_beside(error if rectify is None else None, CASE_ADD_FIELDS)
    return render(request, "monitor/notice_detail.html", {
        "notice": notice, "cases": cases, "can_add": own, "categories": ProblemCategory.choices,
        "rectifications": RectificationStatus.choices, "levels": dict(NoticeLevel.choices),
        "today": timezone.localdate().isoformat(), "case_form": case_form or {},
        "case_errors": case_errors, "case_error_general": general,
        "case_focus": next((f for f in CASE_ADD_FIELDS if f in case_errors), ""),
        # a fresh token for each rendering, a refused post's too (the page keeps the first one across back)
        "form_token": formtokens.token_new() if own else "",
        },
        status=error.status_code if error is not None else 200)


NOTICE_FIELDS = ("title", "issuer", "batch", "date", "body")
CASE_FIELDS = ("place", "category", "summary")


@login_required
@require_http_methods(["GET", "POST"])
def notice_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = selectors.notice_managed(user=request.user, pk=pk)
    form = {"title": notice.title, "issuer": notice.issuer, "batch": notice.batch, "date": notice.date.isoformat(),
            "body": notice.body}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in NOTICE_FIELDS}
    data = dict(form)
    # the version the form was opened with (jianfu.core.versioning): a save over another's is refused (badinput16 #3)
    form["version"] = request.POST.get("version", "") if request.method == "POST" else version_of(notice)
    return _edit(request, "monitor/notice_form.html", {"notice": notice}, form,
                 lambda: services.notice_update(actor=request.user, pk=pk, data=data,
                                                version=form["version"] or None),
                 done=_("已保存。"), to=reverse("monitor:notice_detail", args=[pk]))


@login_required
@require_POST
def notice_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """发布 a draft: from then on villages, townships and departments see it. Refusals (no body and no case) are shown
    on the notice's page; a second 发布 of a published notice says so."""
    selectors.notice_managed(user=request.user, pk=pk)
    back = reverse("monitor:notice_detail", args=[pk])
    try:
        services.notice_publish(actor=request.user, pk=pk)
    except ApplicationError as exc:
        if exc.status_code not in (400, 409):
            raise
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, _("已发布，各村（社区）、乡镇和部门现在可以看到这份通报。"))
    return redirect(back)


@login_required
@require_POST
def notice_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    notice = selectors.notice_managed(user=request.user, pk=pk)
    back = reverse("monitor:notice_detail", args=[pk])
    if request.POST.get("confirm") != "1":
        return _confirm_delete(request, title=_("删除通报"), what=notice.title, cancel_to=back,
                               question=_("确定删除这份通报吗？删除后不能恢复。"))
    return _act(request, lambda: services.notice_delete(actor=request.user, pk=pk), done=_("已删除通报。"),
                to=reverse("monitor:notice_list"), refused_to=reverse("monitor:notice_detail", args=[pk]))


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = selectors.case_managed(user=request.user, pk=pk)
    form = {"place": case.place, "category": case.category, "summary": case.summary}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in CASE_FIELDS}
    return _edit(request, "monitor/case_form.html", {"case": case, "categories": ProblemCategory.choices}, form,
                 lambda: services.notice_case_update(actor=request.user, pk=pk, data=form), done=_("已保存案例。"),
                 to=reverse("monitor:notice_detail", args=[case.notice_id]))


@login_required
@require_POST
def case_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = selectors.case_managed(user=request.user, pk=pk)
    if request.POST.get("confirm") != "1":
        return _confirm_delete(request, title=_("删除案例"), what=f"{case.place}：{case.summary}",
                               cancel_to=reverse("monitor:notice_detail", args=[case.notice_id]) + f"#case-{pk}",
                               question=_("确定从通报“%(notice)s”中删除这个案例吗？删除后不能恢复。")
                               % {"notice": case.notice.title})
    services.notice_case_delete(actor=request.user, pk=pk)
    messages.success(request, _("已删除案例。"))
    return redirect("monitor:notice_detail", pk=case.notice_id)


@login_required
@require_POST
def case_rectify(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    case = selectors.case_managed(user=request.user, pk=pk)
    form = {k: request.POST.get(k, "") for k in ("to", "date", "note", "expected")}
    try:
        services.notice_case_rectify(actor=request.user, pk=pk, **form)
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        # the notice again with this case's form as typed and the reason beside its field (fix-monitor26b #2: a
        # message after a redirect lost the typed 整改说明)
        return _notice_page(request, selectors.notice_managed(user=request.user, pk=case.notice_id),
                            rectify=(pk, shown_back(form), exc))
    messages.success(request, _("已更新整改情况。"))
    return redirect(f"{reverse('monitor:notice_detail', args=[case.notice_id])}#case-{pk}")


@login_required
@require_http_methods(["GET", "POST"])
def notice_create(request: AuthenticatedRequest) -> HttpResponse:
    scope_for(request.user).require(Capability.MONITOR_MANAGE)
    form = {"date": timezone.localdate().isoformat(), "issuer": selectors.default_notice_issuer(user=request.user)}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in NOTICE_FIELDS}
        try:
            notice, created = services.notice_create_from_form(actor=request.user, data=form,
                                                               form_token=formtokens.posted(request.POST))
        except ApplicationError as exc:
            if exc.status_code not in (400, 403):
                raise
            return render(request, "monitor/notice_form.html", {"form": shown_back(form), "error": exc,
                                                                "form_token": formtokens.token_new()},
                          status=exc.status_code)
        if created:
            messages.success(request, _("已保存为草稿，只有县减负办能看到。填写正文或添加案例后，点“发布”。"))
        else:   # the same form posted again (back then 提交, a double click): one draft
            messages.info(request, _("这份通报已经保存过，没有重复保存。"))
        return redirect("monitor:notice_detail", pk=notice.pk)
    return render(request, "monitor/notice_form.html", {"form": form, "form_token": formtokens.token_new()})


@login_required
@require_POST
def notice_case_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    form = {k: request.POST.get(k, "") for k in CASE_ADD_FIELDS}
    try:
        _case, created = services.notice_case_add_from_form(actor=request.user, notice_pk=pk, data=form,
                                                           form_token=formtokens.posted(request.POST))
    except ApplicationError as exc:
        if exc.status_code != 400:
            raise
        return _notice_page(request, selectors.notice_managed(user=request.user, pk=pk), case_form=shown_back(form),
                            error=exc)
    if created:
        messages.success(request, _("已添加案例。"))
    else:   # the same form posted again (a double click, back then 添加): one case
        messages.info(request, _("该案例已经添加过，没有重复添加。"))
    return redirect("monitor:notice_detail", pk=pk)


# ----------------------------------------------------------------------- index and dashboard

@login_required
def burden_index(request: AuthenticatedRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.burden_index_page(user=request.user, year=year)
    # a township or village reads its own villages' months, this month first (the months to come are not listed)
    today = timezone.localdate()
    shown = 12 if year < today.year else today.month if year == today.year else 0
    return render(request, "monitor/index.html", {"data": data, "year": year, "months": range(1, 13),
                                                  "recent": range(shown, 0, -1),
                                                  "town_groups": _villages_by_town(data) if data["county_wide"] else []})


def _villages_by_town(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The county's village rows under their townships, in code order (newuser16 #11: one table of every village
    was 15,700 px and 3,313 links tall on a phone; each township is now a section of its own, folded on a phone)."""
    names = {t["code"][:9]: t["name"] for t in data["towns"]}
    groups: dict[str, dict[str, Any]] = {}
    for row in data["villages"]:
        prefix = row["code"][:9]
        group = groups.setdefault(prefix, {"code": prefix, "name": names.get(prefix, prefix), "villages": []})
        group["villages"].append(row)
    return [groups[k] for k in sorted(groups)]


@login_required
def index_trace(request: AuthenticatedRequest, village: str, month: int) -> HttpResponse:
    data = selectors.index_trace(user=request.user, year=_year(request), village_code=village, month=month)
    kinds = dict(LedgerKind.choices)
    data["items"] = [{"component": COMPONENTS[c.component], "ledger": c.ledger, "ledger_label": kinds.get(c.ledger, ""),
                      "row_id": c.row_id, "title": c.title, "issuer_name": c.issuer_name, "minutes": c.minutes,
                      "linked": c.target_prefix in data["linkable"]}
                     for c in data["items"]]
    return render(request, "monitor/index_trace.html", {"data": data})


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.dashboard(user=request.user, year=year)
    chart = {
        "months": [f"{m}月" for m in range(1, 13)], "by_month": data["by_month"],
        "rules": [r["category"] for r in data["by_rule"][:15]],   # the rule's name: a code means nothing to a reader
        "rule_counts": [r["n"] for r in data["by_rule"][:15]],
        "issuers": [r["issuer_name"] for r in data["by_issuer"][:15]],
        "issuer_counts": [r["n"] for r in data["by_issuer"][:15]],
        "compare": {"labels": [_("发文"), _("会议")] + [a["label"] for a in data["activities"]],
                    "last": [data["documents"]["last"], data["meetings"]["last"]] + [a["last"] for a in data["activities"]],
                    "this": [data["documents"]["this"], data["meetings"]["this"]] + [a["this"] for a in data["activities"]]},
        "causes": [r["issuer_name"] for r in data["index"]["issuers"][:10]],
        "cause_hours": [r["hours"] for r in data["index"]["issuers"][:10]],
        "trend": data["index"]["trend"],
        "year": year,
    }
    return render(request, "monitor/dashboard.html", {"data": data, "chart": chart, "year": year,
                                                      "months": range(1, 13), "labels": COMPONENTS})


@login_required
def dashboard_export(request: AuthenticatedRequest) -> HttpResponse:
    year = _year(request)
    data = selectors.dashboard(user=request.user, year=year)
    index = data["index"]
    months = [f"{m}月" for m in range(1, 13)]

    # a month still to come is left empty, not 0 (R07)
    def elapsed(values: Sequence[float]) -> list[float | None]:
        return [v if m <= index["through"] else None for m, v in enumerate(values, start=1)]

    sheets = [
        (_("问题按规则"), [_("规则"), _("规则编号"), _("问题数")], [[r["category"], r["rule_code"], r["n"]] for r in data["by_rule"]]),
        (_("问题按单位"), [_("责任单位代码"), _("责任单位"), _("问题数")],
         [[r["issuer_code"], r["issuer_name"], r["n"]] for r in data["by_issuer"]]),
        (_("问题按月份"), [_("月份"), _("问题数")], [[m, n] for m, n in zip(months, data["by_month"], strict=True)]),
        (_("发文同比"), [_("单位"), _("上年"), _("本年"), _("变化")],
         [[r["issuer_name"], r["last"], r["this"], r["change"]] for r in data["documents"]["rows"]]),
        (_("会议同比"), [_("单位"), _("上年"), _("本年"), _("变化")],
         [[r["issuer_name"], r["last"], r["this"], r["change"]] for r in data["meetings"]["rows"]]),
        (_("活动同比"), [_("类型"), _("上年"), _("本年"), _("变化")],
         [[a["label"], a["last"], a["this"], a["change"]] for a in data["activities"]]),
        (_("基层负担指数（村）"), [_("代码"), _("村（社区）")] + months + [index["total_label"]],
         [[r["code"], r["name"], *elapsed(r["months"]), r["total"]] for r in index["villages"]]),
        (_("基层负担指数（乡镇）"), [_("代码"), _("乡镇")] + months + [index["total_label"]],
         [[r["code"], r["name"], *elapsed(r["months"]), r["total"]] for r in index["towns"]]),
        (_("负担来源排名"), [_("单位代码"), _("单位"), _("小时")],
         [[r["issuer_code"], r["issuer_name"], r["hours"]] for r in index["issuers"]]),
        (_("指数计算方法"), [_("说明")], [[line] for line in index["method"]]),
    ]
    return _xlsx(xlsx.workbook(sheets), f"减负监测-{year}.xlsx")

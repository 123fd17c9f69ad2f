"""Thin HTML/htmx views of the registry: parse → call a service/selector → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.decorators import found_by, page_access
from jianfu.core.downloads import XLSX, download_response
from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError
from jianfu.core.queueing import enqueue_quietly
from jianfu.core.versioning import version_of
from jianfu.core.views import (
    error_summary,
    form_conflict,
    form_error_from,
    form_status,
    render_refused,
    run_move,
)
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.registry import forms, imports, selectors, sensitive, services, tasks
from jianfu.registry.ledger import vocab
from jianfu.registry.ledger.reader import LedgerFileError
from jianfu.registry.ledger.validate import guess_mapping
from jianfu.registry.models import (
    SPECIAL_GROUP_FLAGS,
    DuplicateReview,
    MergeConflict,
    Person,
)
from jianfu.reports import selectors as report_selectors

PAGE = 50


def _stage(batch_id: int) -> None:
    """Queue the validation of a batch whose mapping is set (committed): with the queue down it is logged, not a 500;
    the batch then shows 已中断 once its queue lease passes, and 恢复 lets it be validated again (ops28 #3)."""
    enqueue_quietly(lambda: tasks.import_stage_task(batch_id), what=f"the validation of ledger import batch {batch_id}",
                    recovery="the batch shows 已中断 once its queue lease passes; 恢复 then 重新校验 queues it again")


def _page(request, qs):
    return Paginator(qs, PAGE).get_page(request.GET.get("page"))


def _grids(org_code: str):
    return OrgUnit.objects.filter(kind=UnitKind.GRID, parent_code=org_code, is_active=True).order_by("code")


CONSTANT_SLOTS = 3  # values set for every row, on the mapping page


def _own_grid(scope, org_code: str) -> str:
    """A grid worker's grid when it lies in `org_code`'s village: what they create goes into it."""
    own = scope.unit_code if len(scope.unit_code or "") == 15 else ""
    return own if own.startswith(org_code) else ""


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# ---------------------------------------------------------------- persons

@login_required
def person_list(request):
    filters = {k: request.GET.get(k, "") for k in (*selectors.PERSON_FILTERS, *selectors.FLAG_FILTERS,
                                                     "org_code", "grid_code", "born_after", "born_before")}
    number = services.number_search_take(actor=request.user, q=request.GET.get("q", ""))   # security28 #2
    qs = selectors.person_list(user=request.user, q=request.GET.get("q", ""), filters=filters)
    services.number_search_record(actor=request.user, field=number, found=list(qs.values_list("pk", flat=True)[:5]))
    return render(request, "registry/person_list.html", {
        "page": _page(request, qs), "q": request.GET.get("q", ""), "filters": filters, "qs": _querystring(request),
        "filter_fields": [(f, Person._meta.get_field(f).verbose_name, Person._meta.get_field(f).choices, filters[f])
                          for f in selectors.PERSON_FILTERS],
        "flags": [(f, label, bool(filters.get(f))) for f, label in SPECIAL_GROUP_FLAGS],
        # 更多筛选 opens only when one of its filters has a value: the form sends every empty one with a name
        # search, which opened it and pushed the result below the fold on a phone (N08)
        "more_filters_open": any(value.strip() for value in filters.values()),
        "can_write": _can_write(request.user)})


def _can_write(user) -> bool:
    from jianfu.accounts.roles import Capability

    scope = scope_for(user)
    return scope.can(Capability.REGISTRY_WRITE) and not scope.is_department


@page_access(found_by(selectors.person_get))
@login_required
def person_detail(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    members = selectors.household_members(person.household) if person.household_id else []
    return render(request, "registry/person_detail.html", {
        "person": person, "members": members, "history": selectors.person_history(person),
        "conflicts": person.merge_conflicts.filter(status=MergeConflict.Status.PENDING),
        "flags": [(label, getattr(person, f)) for f, label in SPECIAL_GROUP_FLAGS],
        "extra": _extra_rows(person), "can_write": _can_write(request.user),
        "may_take_into_employment_help": _may_take_into_employment_help(request.user, person)})


def _may_take_into_employment_help(user, person) -> bool:
    """纳入就业帮扶 is offered to a role that may add employment people here, for a person not yet in help."""
    from jianfu.accounts.roles import Capability

    scope = scope_for(user)
    target = person.grid_code if services.scope_field(scope) == "grid_code" else person.org_code
    # the employment app's one-to-one (related name "key_person"); registry imports nothing of employment
    return scope.may_write(target, Capability.EMPLOYMENT_WRITE) and not hasattr(person, "key_person")


def _extra_rows(person):
    labels = {s.key: s.label for s in services.attribute_specs(person.org_code)}
    return [(labels.get(k, k), v) for k, v in (person.extra or {}).items()]


@login_required
def person_create(request):
    scope = scope_for(request.user)
    org_code = request.GET.get("org_code") or request.POST.get("org_code") or scope.unit_code[:12]
    own_grid = scope.unit_code if len(scope.unit_code or "") == 15 else ""
    # a grid worker registers into the grid, and only in the grid's village
    services.require_write(request.user, own_grid if own_grid and own_grid.startswith(org_code) else org_code)
    form = forms.PersonForm(request.POST or None, grids=_grids(org_code),
                            attributes=services.attribute_specs(org_code),
                            initial={"residence_status": "huji", "status": "active", "grid_code": own_grid,
                                     "name": forms.searched_name(request.GET.get("name", ""))})
    if request.method == "POST" and form.is_valid():
        try:
            person, created = services.person_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, org_code=org_code,
                data=form.to_data(editing=False))
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            if created:
                messages.success(request, _("已登记“%(name)s”。") % {"name": person.name})
            else:   # the same form posted again (a double click, a replay): nobody registered twice
                messages.info(request, _("该表单已提交过，“%(name)s”已登记，没有重复登记。") % {"name": person.name})
            then = AFTER_REGISTERING.get(request.GET.get("then", ""))
            if then is not None:   # back to the task that sent the user here, with the person chosen
                return redirect(f"{reverse(then)}?person={person.pk}")
            return redirect("registry:person_detail", pk=person.pk)
    return render_refused(request, "registry/person_form.html", {"form": form, "org_code": org_code,
                                                                 "form_token": formtokens.token_new(),
                                                                 "summary": error_summary(form)},
                          status=form_status(form))   # refused: a 400 (forms400)


# Where a page that found nobody sends its user to register the person first, and back (a fixed list: never a URL
# taken from the request)
AFTER_REGISTERING = {"employment": "employment:person_add"}


@login_required
def person_edit(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    services.require_write(request.user, person)
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS if f != "relation_to_head"}
    initial.update({f"extra_{k}": v for k, v in (person.extra or {}).items()})
    initial["version"] = version_of(person)
    form = forms.PersonForm(request.POST or None, grids=_grids(person.org_code),
                            attributes=services.attribute_specs(person.org_code), initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.person_update(actor=request.user, person=person, data=form.to_data(editing=True),
                                             version=form.cleaned_data["version"] or None)
        except ConflictError as exc:  # saved by someone else since this form was opened (badinput15 #1)
            form_conflict(form, exc)
            person = selectors.person_get(user=request.user, pk=pk)
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            saved = _("已保存，修改了%(n)d项。") % {"n": len(changes)}
            # which departments' forms the changed facts go into (newuser16 #5): the 同时用于 of the form pages
            used = report_selectors.templates_using_fields(user=request.user, subject="person", fields=changes)
            if used:
                saved += _("同时用于：%(forms)s。") % {"forms": "、".join(name for _code, name in used)}
            elif changes:
                saved += _("所改信息目前不进入任何部门报表。")
            messages.success(request, saved)
            return redirect("registry:person_detail", pk=person.pk)
    return render_refused(request, "registry/person_form.html",
                          {"form": form, "person": person, "summary": error_summary(form)},
                          status=form_status(form))   # refused: a 400 (forms400)


@login_required
@require_POST
def person_reveal(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    field = request.POST.get("field")
    if field not in ("id_number", "phone"):
        raise NotFoundError(_("没有该字段。"))
    value = services.person_reveal(actor=request.user, person=person, field=field)
    return render(request, "registry/_revealed.html", {"value": value})


# ---------------------------------------------------------------- households

@login_required
def household_list(request):
    qs = selectors.household_list(user=request.user, q=request.GET.get("q", ""),
                                  org_code=request.GET.get("org_code", ""))
    return render(request, "registry/household_list.html", {
        "page": _page(request, qs), "q": request.GET.get("q", ""), "qs": _querystring(request),
        "can_write": _can_write(request.user)})


@login_required
def household_detail(request, pk):
    household = selectors.household_get(user=request.user, pk=pk)
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST":
        services.require_write(request.user, household)
        if form.is_valid():
            typed = form.cleaned_data["person_id"]
            old_head = household.head
            # a whole ID number is counted and audited as the person list's search is (security28 #2): past the
            # hourly allowance (429) or with the cache down (503, Retry-After) the refusal reaches the page's own
            # handling, as the person list's does — not a 400 on the form (fix-cr32b #6)
            number = services.number_search_take(actor=request.user, q=typed if selectors.ID_LIKE.match(
                sensitive.compact_number(typed)) else "")
            try:
                try:
                    person = selectors.household_member_to_add(user=request.user, household=household, text=typed)
                except NotFoundError:
                    # a miss is audited too, as the person list audits one (found=[]; fix-cr32b #5)
                    services.number_search_record(actor=request.user, field=number, found=[])
                    raise
                services.number_search_record(actor=request.user, field=number, found=[person.pk])
                services.household_add_member(actor=request.user, household=household, person=person,
                                              relation=form.cleaned_data["relation"])
            except ApplicationError as exc:
                form_error_from(form, exc)
            else:
                messages.success(request, _("已把“%(name)s”加入本户。") % {"name": person.name})
                if form.cleaned_data["relation"] == "head" and old_head is not None and old_head.pk != person.pk:
                    # newuser32b #1: the head changes with it, and the former head becomes 其他 — said, not silent
                    messages.warning(request, _("本户户主已由“%(old)s”改为“%(new)s”，“%(old)s”的与户主关系改为“其他”，"
                                                "请在其人员页面核对。") % {"old": old_head.name, "new": person.name})
                return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/household_detail.html", {
        "household": household, "members": selectors.household_members(household), "form": form,
        "can_write": _can_write(request.user)}, status=form_status(form))   # refused: a 400 (forms400)


@login_required
def household_create(request):
    scope = scope_for(request.user)
    org_code = request.GET.get("org_code") or request.POST.get("org_code") or scope.unit_code[:12]
    own_grid = _own_grid(scope, org_code)
    services.require_write(request.user, own_grid or org_code)
    grids = [g for g in _grids(org_code) if not own_grid or g.code == own_grid]
    form = forms.HouseholdForm(request.POST or None, grids=grids, initial={
        "number": selectors.household_number_suggest(org_code), "grid_code": own_grid})
    if request.method == "POST" and form.is_valid():
        try:
            hh, created = services.household_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, org_code=org_code,
                **form.cleaned_data)
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            if not created:   # the same form posted again (a double click, a replay): one household
                messages.info(request, _("该表单已提交过，没有重复登记。"))
            return redirect("registry:household_detail", pk=hh.pk)
    return render(request, "registry/simple_form.html", {"form": form, "title": _("新建户"), "org_code": org_code,
                                                         "form_token": formtokens.token_new()},
                          status=form_status(form))   # refused: a 400 (forms400)


# ---------------------------------------------------------------- organisations

@login_required
def organisation_list(request):
    qs = selectors.organisation_list(user=request.user, q=request.GET.get("q", ""), kind=request.GET.get("kind", ""),
                                     org_code=request.GET.get("org_code", ""))
    from jianfu.registry.models import OrganisationKind

    return render(request, "registry/organisation_list.html", {
        "page": _page(request, qs), "q": request.GET.get("q", ""), "kind": request.GET.get("kind", ""),
        "kinds": OrganisationKind.choices, "qs": _querystring(request), "can_write": _can_write(request.user)})


@login_required
def organisation_detail(request, pk):
    org = selectors.organisation_get(user=request.user, pk=pk)
    return render(request, "registry/organisation_detail.html", {
        "org": org, "history": selectors.organisation_history(org), "can_write": _can_write(request.user)})


@login_required
def organisation_create(request):
    scope = scope_for(request.user)
    org_code = request.GET.get("org_code") or request.POST.get("org_code") or scope.unit_code[:12]
    own_grid = _own_grid(scope, org_code)
    services.require_write(request.user, own_grid or org_code)
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        data = {**data, "grid_code": own_grid} if own_grid else data
        try:
            org, created = services.organisation_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, org_code=org_code, data=data)
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            if not created:   # the same form posted again (a double click, a replay): one organisation
                messages.info(request, _("该表单已提交过，没有重复登记。"))
            return redirect("registry:organisation_detail", pk=org.pk)
    return render(request, "registry/simple_form.html", {"form": form, "title": _("登记单位"), "org_code": org_code,
                                                         "form_token": formtokens.token_new()},
                          status=form_status(form))   # refused: a 400 (forms400)


@login_required
def organisation_edit(request, pk):
    org = selectors.organisation_get(user=request.user, pk=pk)
    services.require_write(request.user, org)
    form = forms.OrganisationForm(request.POST or None, initial={
        **{f: getattr(org, f) for f in ("name", "credit_code", "kind", "industry", "employees", "address",
                                        "is_active")}, "version": version_of(org)})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.organisation_save(actor=request.user, org_code=org.org_code, data=data,
                                       organisation=org, version=form.cleaned_data["version"] or None)
        except ConflictError as exc:  # saved by someone else since this form was opened (badinput15 #1)
            form_conflict(form, exc)
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            return redirect("registry:organisation_detail", pk=org.pk)
    return render(request, "registry/simple_form.html", {"form": form, "title": _("修改单位信息")},
                          status=form_status(form))   # refused: a 400 (forms400)


# ---------------------------------------------------------------- imports

@login_required
def import_list(request):
    batches = selectors.import_batch_list(user=request.user).order_by("-created_at", "-id")
    mappings = selectors.import_mapping_list(user=request.user)
    form = forms.UploadForm(request.POST or None, request.FILES or None, mappings=mappings,
                            units=selectors.import_unit_choices(user=request.user))
    if request.method == "POST" and form.is_valid():
        org_code = form.cleaned_data.get("org_code") or imports.import_unit_for(request.user)
        services.require_write(request.user, org_code)  # refusals are 404/403, not form errors
        try:
            # the form's one-time token: a double tap or back then 上传 again stores one batch (fix-token29)
            batch, uploaded = imports.import_batch_create_from_form(
                form_token=formtokens.posted(request.POST), actor=request.user, uploaded=form.cleaned_data["file"],
                org_code=org_code, mapping=form.cleaned_data.get("mapping"))
        except ApplicationError as exc:
            form_error_from(form, formtokens.on_file_form(exc))   # the file is never refilled (fix-cr29 #6)
        else:
            if not uploaded:   # the same form again: the batch the first post stored, where it now stands
                messages.info(request, _("该表单已提交过，没有重复上传。"))
                return redirect("registry:import_mapping" if batch.status == "uploaded" and batch.mapping_id is None
                                else "registry:import_detail", pk=batch.pk)
            if batch.mapping is not None:
                # a saved mapping that fits the file: straight to validation, no mapping page
                problem = imports.mapping_problem(batch)
                if not problem:
                    _stage(batch.pk)
                    return redirect("registry:import_detail", pk=batch.pk)
                messages.warning(request, problem)
            return redirect("registry:import_mapping", pk=batch.pk)
    page = _page(request, batches)
    for b in page:
        b.status_label = imports.status_label(b)  # 已中断 for a batch whose worker is gone, as on its own page
    # a refused upload (the form invalid, or the service's refusal on it) is a 400, as every refused form (ui30 #1)
    return render(request, "registry/import_list.html", {"page": page, "form": form,
                                                         "form_token": formtokens.token_new()},
                  status=form_status(form))


def _mapping_name(batch) -> str:
    """来源表名称 as the page first offers it: the saved mapping's, else the uploaded file's name without its extension
    ("留守老人花名册.xlsx" → 留守老人花名册). The box was required, unmarked and empty (rmend32 #7)."""
    if batch.mapping:
        return batch.mapping.name
    stem = (batch.original_name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return stem.strip()[:100]


@login_required
def import_mapping(request, pk):
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    if batch.status not in imports.MAPPING_EDITABLE:
        messages.error(request, _("该批次状态为“%(status)s”，不能再修改列对应；如需重新导入，请重新上传文件。")
                       % {"status": batch.get_status_display()})
        return redirect("registry:import_detail", pk=batch.pk)
    try:
        headers, sheets, header_row = imports.batch_headers(batch)
    except LedgerFileError as exc:
        from jianfu.accounts.roles import Capability

        # an unreadable upload: the page says why; giving it up (failed, its file removed, audited) is a POST
        if request.method == "POST":
            imports.import_batch_refuse(actor=request.user, batch=batch, reason=exc.reason)
        can_refuse = batch.status == "uploaded" and scope_for(request.user).may_write(batch.org_code,
                                                                                     Capability.REGISTRY_WRITE)
        return render(request, "registry/import_mapping.html", {"batch": batch, "file_error": exc.reason,
                                                                "can_refuse": can_refuse})
    attrs = services.attribute_specs(batch.org_code)
    field_choices = [("", _("（不导入）"))] + [(f.key, f.label) for f in vocab.PERSON_FIELDS] + [
        (f"extra:{a.key}", f"{a.label}（自定义）") for a in attrs]
    current = dict(batch.mapping.columns) if batch.mapping else guess_mapping(headers, attributes=attrs)
    error = name = ""
    name_taken = False
    constants = dict(batch.mapping.constants) if batch.mapping else {}
    if request.method == "POST":
        columns = {h: request.POST.get(f"col_{i}", "") for i, h in enumerate(headers) if h}
        constants = {request.POST.get(f"const_field_{k}", ""): request.POST.get(f"const_value_{k}", "")
                     for k in range(CONSTANT_SLOTS)}
        name = request.POST.get("name", "") or (batch.mapping.name if batch.mapping else "")
        try:
            mapping = imports.import_mapping_save(actor=request.user, org_code=batch.org_code, name=name,
                                                  columns=columns, constants=constants,
                                                  sheet_name=batch.mapping.sheet_name if batch.mapping else "",
                                                  own_pk=batch.mapping_id, overwrite=request.POST.get("overwrite") == "1")
            imports.import_batch_set_mapping(actor=request.user, batch=batch, mapping=mapping)
        except ApplicationError as exc:
            error = exc.message
            name_taken = exc.code == "mapping_name_taken"   # the page offers 覆盖同名来源表 (fixcr33b L6)
            current = columns
        else:
            _stage(batch.pk)
            return redirect("registry:import_detail", pk=batch.pk)
    rows = [(i, h, current.get(h, "")) for i, h in enumerate(headers) if h]
    filled = [(k, v) for k, v in constants.items() if k]
    constant_rows = [(n, *(filled[n] if n < len(filled) else ("", ""))) for n in range(CONSTANT_SLOTS)]
    return render(request, "registry/import_mapping.html", {
        "batch": batch, "rows": rows, "field_choices": field_choices, "sheets": sheets, "header_row": header_row,
        "error": error, "name": name if error else _mapping_name(batch), "constant_rows": constant_rows,
        "name_taken": name_taken},
        status=400 if error else 200)   # refused: a 400 (forms400)


@page_access(found_by(selectors.import_batch_get))
@login_required
def import_detail(request, pk):
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    batch.processed_rows = imports.commit_progress(batch)   # a commit's count, read outside its transaction
    errors = imports.batch_errors(batch, limit=500) if batch.status in ("staged", "committed", "committing") else []
    template = "registry/_import_status.html" if request.htmx else "registry/import_detail.html"
    stale = imports.batch_is_stale(batch)
    revalidate = imports.batch_awaits_revalidation(batch)  # nothing is queued: buttons, no progress bar
    busy = not stale and not revalidate and (batch.status in imports.BUSY_STATUSES or (
        batch.status == "uploaded" and batch.mapping_id is not None))
    return render(request, template, {"batch": batch, "errors": errors, "stale": stale, "revalidate": revalidate,
                                      "busy": busy, "status_label": imports.status_label(batch)})


@login_required
@require_POST
def import_commit(request, pk):
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    mode = request.POST.get("mode", "")
    return run_move(request, lambda: imports.import_batch_commit_request(actor=request.user, batch=batch, mode=mode),
                    then=lambda: tasks.import_commit_task(batch.pk, mode, request.user.pk),
                    back=redirect("registry:import_detail", pk=batch.pk))


@login_required
@require_POST
def import_recover(request, pk):
    """An interrupted batch (its worker died): back to where it can be retried."""
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    return run_move(request, lambda: imports.import_batch_recover(actor=request.user, batch=batch),
                    success=_("已恢复该批次，可以重新操作。"), back=redirect("registry:import_detail", pk=batch.pk))


@login_required
@require_POST
def import_revalidate(request, pk):
    """A recovered interrupted validation: validate it again with its mapping."""
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    return run_move(request, lambda: imports.import_batch_revalidate(actor=request.user, batch=batch),
                    then=lambda: tasks.import_stage_task(batch.pk), back=redirect("registry:import_detail", pk=batch.pk))


@login_required
@require_POST
def import_discard(request, pk):
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    imports.import_batch_discard(actor=request.user, batch=batch)
    messages.success(request, _("已放弃该批次。"))
    return redirect("registry:import_list")


@login_required
@require_POST
def import_dismiss(request, pk):
    """移除 a failed batch from the import page (its uploader only)."""
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    return run_move(request, lambda: imports.import_batch_dismiss(actor=request.user, batch=batch),
                    success=_("已移除导入记录“%(name)s”。") % {"name": batch.original_name},
                    back=redirect("registry:import_list"))


@login_required
def import_rejected(request, pk):
    batch = selectors.import_batch_get(user=request.user, pk=pk)
    content = imports.import_rejected_export(actor=request.user, batch=batch)
    stem = (batch.original_name or "台账").rsplit(".", 1)[0][:60]
    return download_response(content, f"被拒绝的行-{stem}-第{batch.pk}批.xlsx", XLSX)


# ---------------------------------------------------------------- conflicts and reviews

@page_access(found_by(selectors.conflict_list))
@login_required
def conflict_list(request):
    qs = selectors.conflict_list(user=request.user).order_by("person_id", "field")
    page = _page(request, qs)
    rows = [(c, services.conflict_field_label(c), *services.conflict_display(c)) for c in page]
    return render(request, "registry/conflict_list.html", {"page": page, "rows": rows})


@login_required
@require_POST
def conflict_resolve(request, pk):
    conflict = selectors.conflict_get(user=request.user, pk=pk)
    take_incoming = request.POST.get("take") == "incoming"
    # the message names the value kept, as the list showed it (newuser21 #13: "已处理。" said not which)
    current, incoming = (value or _("空") for value in services.conflict_display(conflict))
    names = {"name": conflict.person.name, "field": services.conflict_field_label(conflict),
             "current": current, "incoming": incoming}
    services.conflict_resolve(actor=request.user, conflict=conflict, take_incoming=take_incoming)
    messages.success(request, (_("已将%(name)s的“%(field)s”改为台账值“%(incoming)s”（原登记值“%(current)s”）。")
                               if take_incoming else
                               _("已保留%(name)s的“%(field)s”登记值“%(current)s”，未采用台账值“%(incoming)s”。")) % names)
    return redirect("registry:conflict_list")


@login_required
def review_list(request):
    qs = selectors.review_list(user=request.user)
    return render(request, "registry/review_list.html", {"page": _page(request, qs)})


@login_required
def review_detail(request, pk):
    review = selectors.review_get(user=request.user, pk=pk)
    status = 200
    if request.method == "POST":
        try:
            person_id = request.POST.get("person_id")
            imports.review_resolve(actor=request.user, review=review, decision=request.POST.get("decision", ""),
                                    person_id=int(person_id) if person_id and person_id.isdigit() else None)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            status = exc.status_code   # refused: a 400 (forms400)
        else:
            messages.success(request, _("已处理。"))
            return redirect("registry:review_list")
    return render(request, "registry/review_detail.html", {
        "review": review, "candidates": selectors.review_candidates(review),
        "pending": review.status == DuplicateReview.Status.PENDING},
        status=status)


# ---------------------------------------------------------------- attribute definitions

@page_access(found_by(selectors.attribute_list))
@login_required
def attribute_list(request):
    definitions = selectors.attribute_list(user=request.user)
    form = forms.AttributeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scope = scope_for(request.user)
        county = (request.POST.get("county") or scope.unit_code or "")[:6]
        try:
            if len(county) != 6 or not county.isdigit():
                raise ApplicationError(_("请填写县级代码（6位）。"), field="key")
            services.attribute_define(actor=request.user, county_code=county, key=form.cleaned_data["key"],
                                      label=form.cleaned_data["label"], type=form.cleaned_data["type"],
                                      choices=form.choice_list(), required=form.cleaned_data["required"],
                                      applies_to=form.cleaned_data["applies_to"],
                                      maximum=form.cleaned_data["maximum"], decimals=form.cleaned_data["decimals"])
        except ApplicationError as exc:
            form_error_from(form, exc)
        else:
            messages.success(request, _("已添加自定义属性。"))
            return redirect("registry:attribute_list")
    # stored values the bounds refuse (kept from before them): listed, never changed by the program (fix-left17)
    out_of_range = [(d, found) for d in definitions
                    if d.is_active and (found := selectors.attribute_out_of_range(d))["count"]]
    return render(request, "registry/attribute_list.html", {"definitions": definitions, "form": form,
                                                            "out_of_range": out_of_range},
                          status=form_status(form))   # refused: a 400 (forms400)


@login_required
@require_POST
def attribute_deactivate(request, pk):
    definition = selectors.attribute_get(user=request.user, pk=pk)
    services.attribute_deactivate(actor=request.user, definition=definition)
    return redirect("registry:attribute_list")



from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.views import form_error_from
from jianfu.orgs import selectors, services
from jianfu.orgs.forms import DepartmentForm, GridForm, MergeForm, RenameForm, RetireForm
from jianfu.orgs.models import UnitKind


def _may_manage(scope, code: str) -> bool:
    return scope.can(Capability.ORGS_MANAGE) and scope.covers(code)


@login_required
def tree(request, code: str | None = None):
    """Browse the hierarchy: a unit, its ancestors, its children with counts below them."""
    scope = scope_for(request.user)
    if code is None:
        code = scope.unit_code if not scope.is_all else ""
        if scope.is_department:
            code = request.user.org_unit.parent_code
    unit = selectors.unit_get(code) if code else None
    return render(request, "orgs/tree.html", {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit) if unit else [],
        "children": selectors.unit_children_with_counts(unit),
        "may_manage": bool(unit) and _may_manage(scope, unit.code),
        "grid_form": GridForm(), "department_form": DepartmentForm(), "rename_form": RenameForm(),
        "merge_form": MergeForm(), "retire_form": RetireForm(),
        "UnitKind": UnitKind,
    })


@login_required
def search(request):
    query = request.GET.get("q", "")
    results = selectors.unit_search(query)
    template = "orgs/_search_results.html" if request.htmx else "orgs/search.html"
    return render(request, template, {"results": results, "q": query})


def _require_manage(request, code):
    if not _may_manage(scope_for(request.user), code):
        raise PermissionDeniedError(_("您无权管理该单位。"))


@login_required
@require_POST
def grid_create(request, code: str):
    _require_manage(request, code)
    form = GridForm(request.POST)
    if form.is_valid():
        try:
            grid = services.grid_create(actor=request.user, village_code=code, name=form.cleaned_data["name"])
            messages.success(request, _("已新增网格“%(name)s”（%(code)s）。") % {"name": grid.name, "code": grid.code})
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请填写网格名称。"))
    return redirect("orgs:unit", code=code)


@login_required
@require_POST
def department_create(request, code: str):
    _require_manage(request, code)
    form = DepartmentForm(request.POST)
    if form.is_valid():
        try:
            dept = services.department_create(actor=request.user, parent_code=code, **form.cleaned_data)
            messages.success(request, _("已新增部门“%(name)s”。") % {"name": dept.name})
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请填写部门名称。"))
    return redirect("orgs:unit", code=code)


@login_required
@require_POST
def rename(request, code: str):
    _require_manage(request, code)
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            services.unit_rename(actor=request.user, code=code, **form.cleaned_data)
            messages.success(request, _("单位已更名。"))
        except ApplicationError as exc:
            form_error_from(form, exc)
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请填写新名称和生效日期。"))
    return redirect("orgs:unit", code=code)


@login_required
@require_POST
def merge(request, code: str):
    _require_manage(request, code)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写并入单位代码和生效日期。"))
        return redirect("orgs:unit", code=code)
    target = form.cleaned_data["target_code"].strip()
    _require_manage(request, target)
    try:
        moved = services.unit_merge(actor=request.user, source_code=code, target_code=target,
                                    effective=form.cleaned_data["effective"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("orgs:unit", code=code)
    messages.success(request, _("已合并，移动记录 %(n)s 条。") % {"n": sum(moved.values())})
    return redirect("orgs:unit", code=target)


@login_required
@require_POST
def retire(request, code: str):
    _require_manage(request, code)
    form = RetireForm(request.POST)
    if form.is_valid():
        try:
            services.unit_retire(actor=request.user, code=code, effective=form.cleaned_data["effective"])
            messages.success(request, _("单位已撤销。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("请填写撤销日期。"))
    return redirect("orgs:unit", code=code)

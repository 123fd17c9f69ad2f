from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jianfu.accounts.roles import Capability
from jianfu.accounts.scoping import scope_for
from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.views import form_error_from, form_status
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
    return _tree_page(request, code)


def _tree_page(request, code: str, *, status: int = 200, **forms):
    """The unit page of `code`; `forms` replace its empty forms: a refused 新增网格, 新增部门, 更名, 合并 or 撤销 shown
    again as typed, each field's reason beside it (`_unit_action`)."""
    scope = scope_for(request.user)
    unit = selectors.unit_get(code) if code else None
    return render(request, "orgs/tree.html", {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit) if unit else [],
        "children": selectors.unit_children_with_counts(unit),
        "may_manage": bool(unit) and _may_manage(scope, unit.code),
        "grid_form": GridForm(), "department_form": DepartmentForm(), "rename_form": RenameForm(),
        "merge_form": MergeForm(), "retire_form": RetireForm(),
        # the 新增网格 form's one-time token (fix-token29)
        "form_token": formtokens.token_new() if unit and unit.kind == UnitKind.VILLAGE else "",
        "UnitKind": UnitKind, **forms,
    }, status=status)


@login_required
def search(request):
    query = request.GET.get("q", "")
    results = selectors.unit_search(query)
    template = "orgs/_search_results.html" if request.htmx else "orgs/search.html"
    return render(request, template, {"results": results, "q": query})


def _require_manage(request, code):
    if not _may_manage(scope_for(request.user), code):
        raise PermissionDeniedError(_("您无权管理该单位。"))


def _unit_action(request, code, form_class, act, keep: str):
    """Run one management action on a unit from its page: check the right, validate the form, call the
    service (`act(form.cleaned_data) -> (message, code to show next[, messages level])`, the level success unless
    it names another), report in Chinese. `keep` (the page's name of the form): a refusal — the form's own or the
    service's — shows the unit page again with the form as typed and each field's reason beside it, a 400 (the
    service's refusal its own status), not a redirect that lost the typing (fix-cr29 #6; forms400b)."""
    _require_manage(request, code)
    form = form_class(request.POST)
    if not form.is_valid():
        return _tree_page(request, code, status=form_status(form), **{keep: form})
    try:
        message, next_code, *level = act(form.cleaned_data)
    except ApplicationError as exc:
        form_error_from(form, exc)
        return _tree_page(request, code, status=exc.status_code, **{keep: form})
    messages.add_message(request, level[0] if level else messages.SUCCESS, message)
    return redirect("orgs:unit", code=next_code)


@login_required
@require_POST
def grid_create(request, code: str):
    def act(data):
        # the form's one-time token: a double tap or back then 新增 again adds one grid (fix-token29)
        grid, added = services.grid_create_from_form(form_token=formtokens.posted(request.POST), actor=request.user,
                                                     village_code=code, name=data["name"])
        if not added:   # told as information, as the other forms' repeats are (fix-cr29 #7)
            return _("该表单已提交过，没有重复新增网格“%(name)s”（%(code)s）。") % {
                "name": grid.name, "code": grid.code}, code, messages.INFO
        return _("已新增网格“%(name)s”（%(code)s）。") % {"name": grid.name, "code": grid.code}, code

    return _unit_action(request, code, GridForm, act, "grid_form")


@login_required
@require_POST
def department_create(request, code: str):
    def act(data):
        dept = services.department_create(actor=request.user, parent_code=code, **data)
        return _("已新增部门“%(name)s”。") % {"name": dept.name}, code

    return _unit_action(request, code, DepartmentForm, act, "department_form")


@login_required
@require_POST
def rename(request, code: str):
    def act(data):
        services.unit_rename(actor=request.user, code=code, **data)
        return _("单位已更名。"), code

    return _unit_action(request, code, RenameForm, act, "rename_form")


@login_required
@require_POST
def merge(request, code: str):
    def act(data):
        target = data["target_code"].strip()
        _require_manage(request, target)
        moved = services.unit_merge(actor=request.user, source_code=code, target_code=target,
                                    effective=data["effective"])
        return _("已合并，移动记录 %(n)s 条。") % {"n": sum(moved.values())}, target

    return _unit_action(request, code, MergeForm, act, "merge_form")


@login_required
@require_POST
def retire(request, code: str):
    def act(data):
        services.unit_retire(actor=request.user, code=code, effective=data["effective"])
        return _("单位已撤销。"), code

    return _unit_action(request, code, RetireForm, act, "retire_form")

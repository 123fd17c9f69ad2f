"""谁来办: a read-only lookup of the county's responsibility catalogue (职责清单) for everyone who works in
the county — above all grid workers, who need to tell a resident who handles a matter, not to manage
catalogue versions. Type what happened or a matter's name; see the department, the helpers and the time
limit of each matching matter in the catalogue in force."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import NotFoundError
from jianfu.dispatch import routing_bridge, selectors, tasks
from jianfu.dispatch.models import CatalogueVersion, GrassrootsRole, Matter
from jianfu.dispatch.routing import CatalogueRouter, lookup
from jianfu.orgs.models import OrgUnit, UnitKind


def _county(user: Any) -> str:
    scope = scope_for(user)
    code = (scope.prefix if scope.is_department else scope.unit_code) or ""
    if scope.is_all and not code:
        return CatalogueVersion.objects.order_by("org_code").values_list("org_code", flat=True).first() or ""
    return code[:6].ljust(12, "0") if len(code) >= 6 else ""


def rank(router: CatalogueRouter, matters: Iterable[Matter], query: str) -> list[Matter]:
    """The matters answering `query`, best first (`routing.lookup.answers`: the catalogue router's suggestions)."""
    by_code = {m.code: m for m in matters}
    return [by_code[code] for code in lookup.answers(router, query) if code in by_code]


def _router(version: CatalogueVersion) -> CatalogueRouter | None:
    """The router this process holds, never one loaded or fitted in the request: else None (正在准备, at once), its
    build queued once (mend22b #3). On an immediate queue (tests, JIANFU_TASKS_IMMEDIATE) the build has run here."""
    router = routing_bridge.catalogue_router_ready(version)
    if router is None and routing_bridge.claim_router_build(version):
        tasks.warm_router(version.pk)
        router = routing_bridge.catalogue_router_ready(version)
    return router


@login_required
def who_handles(request: HttpRequest) -> HttpResponse:
    county = _county(request.user)
    if not county:
        raise NotFoundError("您的账号不属于任何县。")
    query = request.GET.get("q", "").strip()[:50]
    version = selectors.catalogue_in_force(county)
    matters = list(selectors.matter_list_active(county_code=county))
    router = _router(version) if query and matters and version is not None else None
    preparing = bool(query and matters) and router is None
    results = rank(router, matters, query) if router is not None else []
    names = dict(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, code__startswith=county[:6])
                 .values_list("code", "name"))
    rows = [{"matter": m, "department": names.get(m.department_code, m.department_code),
             "cooperating": [names.get(c, c) for c in (m.cooperating_codes or [])],
             "grassroots": GrassrootsRole(m.grassroots_role).label} for m in results]
    return render(request, "dispatch/who_handles.html", {
        "query": query, "rows": rows, "total": len(matters), "searched": bool(query),
        "preparing": preparing})

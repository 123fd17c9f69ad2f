"""谁来办: a read-only lookup of the county's responsibility catalogue (职责清单) for everyone who works in
the county — above all grid workers, who need to tell a resident who handles a matter, not to manage
catalogue versions. Type what happened or a matter's name; see the department, the helpers and the time
limit of each matching matter in the catalogue in force."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import NotFoundError
from jianfu.dispatch import selectors
from jianfu.dispatch.models import CatalogueVersion, GrassrootsRole, Matter
from jianfu.orgs.models import OrgUnit, UnitKind

MAX_RESULTS = 30
# A result scoring under this share of the best one is dropped (newuser20 #8: 村里路灯坏了 found 路灯照明设施 with 3,
# then 家庭暴力、停电、土地流转… with 2 from the pieces 村里 and 坏了). Chosen on the catalogue's own 1077 examples, each
# asked with itself left out of its matter: with no cut-off the matter asked about is among the (at most 30) results
# 1019 times, 27.65 results on average; ≥ 0.5 of the best: 921, 8.78; 0.6: 847, 4.75; 0.7: 766, 2.61; 0.8: 719, 1.99.
# 0.7 is the lowest of the shares tried (0.5–0.8) that drops a 2 beside a 3 (2/3 ≈ 0.67); the first result is the
# same at every share (549).
RELATIVE_CUTOFF = 0.7


def _county(user) -> str:
    scope = scope_for(user)
    code = (scope.prefix if scope.is_department else scope.unit_code) or ""
    if scope.is_all and not code:
        return CatalogueVersion.objects.order_by("org_code").values_list("org_code", flat=True).first() or ""
    return code[:6].ljust(12, "0") if len(code) >= 6 else ""


def _score(matter, terms: list[str]) -> int:
    """How well a matter answers the query: name hits weigh most, then keywords, examples, description."""
    fields = ((matter.name, 4), (" ".join(matter.keywords or []), 3), (" ".join(matter.examples or []), 2),
              (f"{matter.group} {matter.description}", 1))
    score = 0
    for term in terms:
        hits = [weight for text, weight in fields if term in (text or "")]
        if not hits:
            return 0  # every term must match somewhere
        score += max(hits)
    return score


def _terms(query: str) -> list[str]:
    """The query's distinct words, in order (the two-character pieces of a Chinese query are `rank`'s fallback)."""
    return list(dict.fromkeys(query.split()))


def rank(matters: Iterable[Matter], query: str) -> list[Matter]:
    """The matters answering `query`, best first, at most MAX_RESULTS, none under RELATIVE_CUTOFF of the best (at
    least one, when any matched)."""
    terms = _terms(query)
    # free text: any two-character piece, for a matter no whole term finds
    pieces = {query[i:i + 2] for i in range(len(query) - 1)} if len(query) > 2 and not query.isascii() else set()
    ranked: list[tuple[int, Matter]] = []
    for m in matters:
        score = _score(m, terms)
        if not score and pieces:
            score = sum(1 for p in pieces if _score(m, [p]))
        if score:
            ranked.append((score, m))
    ranked.sort(key=lambda x: (-x[0], x[1].code))
    best = ranked[0][0] if ranked else 0
    return [m for s, m in ranked if s >= best * RELATIVE_CUTOFF][:MAX_RESULTS]


@login_required
def who_handles(request):
    county = _county(request.user)
    if not county:
        raise NotFoundError("您的账号不属于任何县。")
    query = request.GET.get("q", "").strip()[:50]
    matters = list(selectors.matter_list_active(county_code=county))
    results = rank(matters, query) if query else []
    names = dict(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT, code__startswith=county[:6])
                 .values_list("code", "name"))
    rows = [{"matter": m, "department": names.get(m.department_code, m.department_code),
             "cooperating": [names.get(c, c) for c in (m.cooperating_codes or [])],
             "grassroots": GrassrootsRole(m.grassroots_role).label} for m in results]
    return render(request, "dispatch/who_handles.html", {
        "query": query, "rows": rows, "total": len(matters), "searched": bool(query)})

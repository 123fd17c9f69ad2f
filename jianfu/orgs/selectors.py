"""Reads of the hierarchy. Org units themselves are public knowledge (the national code table);
what the scoping rule guards is the records attached to them."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q
from django.db.models.functions import Substr

from jianfu.core.errors import NotFoundError
from jianfu.orgs import codes
from jianfu.orgs.models import OrgUnit, UnitKind
from jianfu.orgs.names import within


def unit_get(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise NotFoundError(f"找不到单位“{code}”。")
    return unit


def unit_children(code: str, *, include_departments: bool = True):
    qs = OrgUnit.objects.filter(parent_code=code)
    if not include_departments:
        qs = qs.exclude(kind=UnitKind.DEPARTMENT)
    return qs.order_by("kind", "code")


def unit_children_with_counts(unit: OrgUnit | None) -> list[dict]:
    """The children of `unit` (None: the provinces), each with the number of units below it by
    kind — one grouped query over the code prefix, not a walk."""
    level = unit.level if unit is not None else 0
    children = list(unit_children(unit.code if unit is not None else ""))
    counts: dict[str, dict[str, int]] = {}
    if level < 5:
        length = codes.LEVEL_LENGTHS[level + 1]
        qs = OrgUnit.objects.filter(level__gt=level + 1).exclude(kind=UnitKind.DEPARTMENT)
        if unit is not None:
            qs = qs.filter(codes.subtree_q(unit.prefix, "code"))
        for r in qs.annotate(child=Substr("code", 1, length)).values("child", "kind").annotate(n=Count("id")):
            counts.setdefault(r["child"], {})[r["kind"]] = r["n"]
        return [{"unit": c, "below": counts.get(c.code[:length], {}) if c.kind != UnitKind.DEPARTMENT else {}}
                for c in children]
    return [{"unit": c, "below": {}} for c in children]


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    chain = []
    code = unit.parent_code
    while code:
        chain.append(code)
        code = codes.parent_code(code) if codes.is_division_code(code) else ""
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=chain)}
    return [found[c] for c in reversed(chain) if c in found]


def unit_search(query: str, *, within_prefix: str | None = None, limit: int = 50):
    query = (query or "").strip()
    qs = OrgUnit.objects.filter(codes.subtree_q(within_prefix, "code")) if within_prefix else OrgUnit.objects.all()
    if not query:
        return qs.none()
    if query.isascii() and query.isdigit():
        qs = qs.filter(codes.subtree_q(query, "code"))
    else:
        qs = qs.filter(Q(name__contains=query))
    return qs.order_by("level", "code")[:limit]


def place_names(codes_: Iterable[str]) -> dict[str, str]:
    """Code → name of units as a place is shown (an event's 发生地 on its page, the lists, the 事件清单 export): a
    grid with its village ("曲木村委会 · 第一网格": a township has a 第一网格 in each village), a village whose name
    another village of its county shares with its township; any other unit (a department, a town) by its name. Two
    or three statements whatever the number of codes."""
    wanted = {c for c in codes_ if c}
    if not wanted:
        return {}
    units = list(OrgUnit.objects.filter(code__in=wanted).values_list("code", "name", "kind", "parent_code"))
    villages = [(code, name) for code, name, kind, _parent in units if kind == UnitKind.VILLAGE]
    shared: set[tuple[str, str]] = set()     # (county prefix, name) of village names used twice in a county
    if villages:
        q = Q(pk__in=[])
        for prefix in {code[:6] for code, _name in villages}:
            q |= Q(code__startswith=prefix)
        seen = (OrgUnit.objects.filter(q, kind=UnitKind.VILLAGE, name__in={n for _c, n in villages}, is_active=True)
                .values_list("code", "name"))
        counts: dict[tuple[str, str], int] = {}
        for code, name in seen:
            counts[(code[:6], name)] = counts.get((code[:6], name), 0) + 1
        shared = {k for k, n in counts.items() if n > 1}
    outer_of = {}
    for code, name, kind, parent in units:
        if kind == UnitKind.GRID:
            outer_of[code] = parent or code[:12]
        elif kind == UnitKind.VILLAGE and (code[:6], name) in shared:
            outer_of[code] = parent or code[:9].ljust(12, "0")
    outer_names = dict(OrgUnit.objects.filter(code__in=set(outer_of.values())).values_list("code", "name")) \
        if outer_of else {}
    return {code: within(outer_names.get(outer_of.get(code, ""), ""), name) for code, name, _kind, _parent in units}

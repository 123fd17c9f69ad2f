"""Reporting burden (填报负担): what the shared registry takes off a village, per template (pure).

The estimate's assumptions are explicit constants, shown on the page next to the figures:

- a cell computed from the registry used to be tallied by hand from paper ledgers:
  MINUTES_PER_AUTO_CELL minutes per village and submission;
- a manual cell still has to be typed (MINUTES_PER_MANUAL_CELL), but a manual element named by
  several templates with the same period type is typed once and reused, saving the other entries;
- ratios are derived, never typed;
- submissions per year follow the period type (ad hoc forms count once a year);
- the fixed cost of a form (finding it, signing, sending) is not counted: it is not saved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Catalog, Template

if TYPE_CHECKING:  # the matcher is only passed in: no runtime import of rapidfuzz from here
    from .headers import HeaderMatcher

MINUTES_PER_AUTO_CELL = 3.0
MINUTES_PER_MANUAL_CELL = 2.0
SUBMISSIONS_PER_YEAR = {"monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1, "ad_hoc": 1}

ASSUMPTIONS = [
    f"由台账自动生成的单元格，过去每个村每次需按纸质台账手工统计约 {MINUTES_PER_AUTO_CELL:g} 分钟；",
    f"手工填报单元格每个约 {MINUTES_PER_MANUAL_CELL:g} 分钟；同一报送周期内被多张报表引用的手工数据元素只填一次，"
    "其余引用视为节省；",
    "比率由已有数据计算，不需填写；",
    "每年报送次数按周期计：月报 12 次、季报 4 次、半年报 2 次、年报和不定期报表 1 次；",
    "找表、签字、报送等每张表的固定耗时不计入节省。",
]


@dataclass
class TemplateBurden:
    code: str
    name: str
    department_name: str
    period_type: str
    cells: int
    auto_cells: int
    manual_cells: int
    derived_cells: int  # ratios
    submissions_per_year: int
    minutes_saved_per_submission: float
    manual_shared: list[str] = field(default_factory=list)  # manual elements also in other same-period templates

    @property
    def auto_share(self) -> float:
        return (self.auto_cells + self.derived_cells) / self.cells if self.cells else 0.0


@dataclass
class SharedElement:
    code: str
    name: str
    kind: str
    templates: list[str]


@dataclass
class BurdenSummary:
    templates: list[TemplateBurden]
    shared: list[SharedElement]
    cells_total: int
    cells_auto: int
    cells_manual: int
    minutes_saved_per_village_year: float
    assumptions: list[str]

    @property
    def minutes_saved_per_village_month(self) -> float:
        return self.minutes_saved_per_village_year / 12


def cell_kind(catalog: Catalog, element_code: str) -> str:
    el = catalog.element(element_code)
    if el.is_manual:
        return "manual"
    if el.is_ratio:
        return "derived"
    return "auto"


def summarise(catalog: Catalog, templates: list[Template] | None = None) -> BurdenSummary:
    templates = list(templates if templates is not None else catalog.templates.values())
    # manual element → templates naming it, per period type
    manual_users: dict[tuple[str, str], list[str]] = defaultdict(list)
    for t in templates:
        for el_code in {c.element for c in t.cells if catalog.element(c.element).is_manual}:
            manual_users[(el_code, t.period_type)].append(t.code)
    out = []
    minutes_year = 0.0
    for t in templates:
        kinds = [cell_kind(catalog, c.element) for c in t.cells]
        auto, manual, derived = kinds.count("auto"), kinds.count("manual"), kinds.count("derived")
        shared_manual = sorted({c.element for c in t.cells if catalog.element(c.element).is_manual
                                and len(manual_users[(c.element, t.period_type)]) > 1})
        per_year = SUBMISSIONS_PER_YEAR[t.period_type]
        saved = auto * MINUTES_PER_AUTO_CELL
        out.append(TemplateBurden(t.code, t.name, t.department_name, t.period_type, len(t.cells), auto,
                                  manual, derived, per_year, saved, shared_manual))
        minutes_year += per_year * saved
    # manual reuse: typed once per period type instead of once per template
    for (_el, ptype), users in manual_users.items():
        minutes_year += (len(users) - 1) * SUBMISSIONS_PER_YEAR[ptype] * MINUTES_PER_MANUAL_CELL
    shared = []
    for el in catalog.elements.values():
        users = sorted({t.code for t in templates if any(el.code == c.element for c in t.cells)})
        if len(users) > 1:
            shared.append(SharedElement(el.code, el.name, el.kind, users))
    shared.sort(key=lambda s: (-len(s.templates), s.code))
    return BurdenSummary(out, shared, sum(b.cells for b in out),
                         sum(b.auto_cells + b.derived_cells for b in out), sum(b.manual_cells for b in out),
                         round(minutes_year, 1), ASSUMPTIONS)


def coverage(catalog: Catalog, headers: list[str], matcher: HeaderMatcher) -> list[dict[str, object]]:
    """For a new form's header texts: which existing element already covers each one."""
    rows: list[dict[str, object]] = []
    for h in headers:
        m = matcher.match(h)
        best = m.best
        rows.append({
            "header": h,
            "structural": m.structural,
            "element": best.element if best else None,
            "ref": best.ref if best else None,
            "label": best.label if best else None,
            "score": best.score if best else None,
            "kind": cell_kind(catalog, best.element) if best else None,
            "alternatives": [(s.ref, s.label, s.score) for s in m.alternatives],
        })
    return rows

"""Names of 一表同享's audit objects and items as people say them (jianfu.core.labels): a report by its form and
period ("…月报表 2026年11月", not "…月报表 450521200206 202611"), a filled figure by the form's own item name
(排查安全隐患数, not hazards_found) — newuser24 #1."""

from __future__ import annotations

from jianfu.reports.engine.errors import EngineError
from jianfu.reports.engine.periods import PERIOD_TYPES, parse_period


def period_text(period_id: str) -> str | None:
    """A stored period identifier as people say it (202611 → 2026年11月, 2026H1 → 2026年上半年), its type read from
    its shape (each type's identifiers have their own); None for anything else."""
    for period_type in PERIOD_TYPES:
        try:
            return parse_period(period_type, period_id).label
        except EngineError:
            continue
    return None


def _submission(object_id: str, text: str) -> str | None:
    """Submission.__str__ is "<form name> <village code> <period id>": the form and the period in words (the
    village is the record's 单位 line)."""
    name, _, rest = text.rpartition(" ")
    name, _, code = name.rpartition(" ")
    if not (name and code.isdigit()):
        return None
    return f"{name} {period_text(rest) or rest}"


def _items(object_id: str) -> dict[str, str]:
    """A submission's figures (keyed by data element code in `reports.submission.fill`) by the form's item names:
    the form's own cell label for the element's total, else the element's name — also for a cell that reads
    "其中：残疾人" on the form, which says nothing out of its place under the line above it."""
    from jianfu.reports.models import DataElement, Submission, TemplateCell

    template_id = (
        Submission.objects.filter(pk=object_id).values_list("template_id", flat=True).first()
        if object_id.isdigit()
        else None
    )
    names: dict[str, str] = {}
    if template_id is not None:
        for code, label, element, by in (
            TemplateCell.objects.filter(template_id=template_id)
            .order_by("position")
            .values_list("element__code", "label", "element__name", "by")
        ):
            if not by:  # the element's total, not a breakdown by a dimension (其中：女)
                names.setdefault(code, element if label.startswith("其中") else label)
        if names:
            return names
    return dict(DataElement.objects.values_list("code", "name"))


def _template_name(code: str) -> str | None:
    from jianfu.reports.models import Template

    return Template.objects.filter(code=code).values_list("name", flat=True).first()


OBJECT_NAMERS = {"reports.submission": _submission}
ITEM_NAMERS = {"reports.submission": _items}
VALUE_NAMERS = {"period": period_text, "template": _template_name}

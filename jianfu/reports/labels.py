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
    """A submission's figures (keyed by data element code in `reports.submission.fill`) by the form's item names."""
    from jianfu.core.labels import lookup

    return (lookup("reports.items", object_id) or {}) if object_id.isdigit() else {}


def _item_names(submission_ids: set[str]) -> dict[str, dict[str, str]]:
    """Submissions' item names ({submission id: {element code: name}}) in at most three queries for a page of audit
    records (NAME_FETCHERS): the form's own cell label for the element's total, else the element's name — also for
    a cell that reads "其中：残疾人" on the form, which says nothing out of its place under the line above it; the
    elements' names for a submission whose form has no cells (or that is gone)."""
    from jianfu.reports.models import DataElement, Submission, TemplateCell

    templates = dict(Submission.objects.filter(pk__in=[int(i) for i in submission_ids if i.isdigit()]).values_list(
        "pk", "template_id"))
    by_template: dict[int, dict[str, str]] = {}
    for template_id, code, label, element, by in (
        TemplateCell.objects.filter(template_id__in=set(templates.values()))
        .order_by("template_id", "position")
        .values_list("template_id", "element__code", "label", "element__name", "by")
    ):
        if not by:  # the element's total, not a breakdown by a dimension (其中：女)
            by_template.setdefault(template_id, {}).setdefault(code, element if label.startswith("其中") else label)
    names = {i: by_template.get(templates.get(int(i)) or 0) or {} for i in submission_ids if i.isdigit()}
    if any(not items for items in names.values()):
        elements = dict(DataElement.objects.values_list("code", "name"))
        names = {i: items or elements for i, items in names.items()}
    return names


def _template_name(code: str) -> str | None:
    from jianfu.core.labels import lookup

    name = lookup("reports.template", code)
    return str(name) if name else None


def _template_names(codes: set[str]) -> dict[str, str]:
    """Report forms by name ({code: name}), one query for a page of audit records (NAME_FETCHERS)."""
    from jianfu.reports.models import Template

    return dict(Template.objects.filter(code__in=codes).values_list("code", "name"))


OBJECT_NAMERS = {"reports.submission": _submission}
ITEM_NAMERS = {"reports.submission": _items}
VALUE_NAMERS = {"period": period_text, "template": _template_name}
NAME_FETCHERS = {"reports.items": _item_names, "reports.template": _template_names}

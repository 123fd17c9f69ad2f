"""Definitions the engine works with: predicates, categories, data elements, templates (pure).

DHIS2's lesson (anchors §3): a data element exists on its own; a template (DHIS2: data set) only
references it, so the same fact is collected once and appears in many forms.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------- predicates

OPS = ("eq", "ne", "in", "not_in", "gte", "gt", "lte", "lt", "is_null")
AGE = "age"  # pseudo-column of persons: age in full years at the period's reference date
IN_PERIOD = "in_period"  # pseudo-operator on a date column: the date falls inside the report period


@dataclass(frozen=True)
class Predicate:
    column: str
    op: str
    value: object  # a scalar, or a tuple for in/not_in, or a bool for is_null
    # the reference date (ISO) of a column computed as of a day (`schema.Column.as_of`), set by the planner: the same
    # filter at two reference dates is two conditions (two periods computed together share no column)
    at: str | None = None

    def key(self) -> tuple[str, str, object, str | None]:
        return (self.column, self.op, self.value, self.at)

    @property
    def years(self) -> int:
        """The whole years of an age predicate (the loader admits nothing else)."""
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise ValueError(f"{self.column} {self.op} {self.value!r}: not whole years")
        return self.value


# ---------------------------------------------------------------- categories


@dataclass(frozen=True)
class CategoryOption:
    code: str
    name: str
    predicates: tuple[Predicate, ...]


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    subject: str
    options: tuple[CategoryOption, ...]

    def option(self, code: str) -> CategoryOption | None:
        return next((o for o in self.options if o.code == code), None)

    def checked_option(self, code: str) -> CategoryOption:
        """An option the loader has already checked exists (a catalog's cells and operands)."""
        option = self.option(code)
        if option is None:
            raise KeyError(f"{self.code}.{code}")
        return option


# ---------------------------------------------------------------- data elements

COMPUTED_KINDS = ("count", "count_distinct", "sum")
KINDS = (*COMPUTED_KINDS, "ratio", "manual")
KIND_LABELS = {
    "count": "计数", "count_distinct": "去重计数", "sum": "求和", "ratio": "比率", "manual": "手工填报",
}


@dataclass(frozen=True)
class Operand:
    """A reference from a ratio to another element, optionally one disaggregated cell of it."""

    element: str
    by: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DataElement:
    code: str
    name: str
    kind: str
    unit: str = ""
    subject: str | None = None  # person / household / organisation for computed kinds
    predicates: tuple[Predicate, ...] = ()
    field: str | None = None  # summed / distinct-counted column
    categories: tuple[str, ...] = ()  # disaggregation (category combo)
    numerator: Operand | None = None
    denominator: Operand | None = None
    factor: float = 1.0
    decimals: int = 0
    value_type: str = "integer"  # for manual: integer / number
    synonyms: tuple[str, ...] = ()
    description: str = ""

    @property
    def is_manual(self) -> bool:
        return self.kind == "manual"

    @property
    def is_computed(self) -> bool:
        return self.kind in COMPUTED_KINDS

    @property
    def is_ratio(self) -> bool:
        return self.kind == "ratio"

    @property
    def ratio_operands(self) -> tuple[Operand, Operand]:
        """A ratio's numerator and denominator (the loader gives every ratio both)."""
        if self.numerator is None or self.denominator is None:
            raise ValueError(f"{self.code} is not a ratio")
        return self.numerator, self.denominator


# ---------------------------------------------------------------- templates


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    element: str
    by: tuple[tuple[str, str], ...] = ()  # (category code, option code) pairs
    address: str = ""  # cell address in the department's own xlsx form (column letter(s) or A1)


@dataclass(frozen=True)
class Template:
    code: str
    name: str
    department: str  # owner department key, e.g. "minzheng"
    department_name: str
    period_type: str
    cells: tuple[Cell, ...]
    due_days: int | None = None
    description: str = ""
    minutes_per_manual_cell: float | None = None
    source: str = ""  # where it was defined (file name or "web")
    # validation rules (engine.validation): dicts, compared and hashed by nobody
    rules: tuple[dict[str, Any], ...] = field(default=(), compare=False, hash=False)

    def cell(self, key: str) -> Cell | None:
        return next((c for c in self.cells if c.key == key), None)


@dataclass
class Catalog:
    """Everything loaded: categories, elements and templates, already validated."""

    categories: dict[str, Category] = field(default_factory=dict)
    elements: dict[str, DataElement] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)

    def template(self, code: str) -> Template:
        from .errors import EngineError

        try:
            return self.templates[code]
        except KeyError:
            raise EngineError(f"未知报表模板 '{code}'", field="template") from None

    def element(self, code: str) -> DataElement:
        from .errors import EngineError

        try:
            return self.elements[code]
        except KeyError:
            raise EngineError(f"未知数据元素 '{code}'", field="element") from None

    def option_combos(self, element: DataElement) -> list[tuple[tuple[str, str], ...]]:
        """Every combination of the element's category options (DHIS2: category option combos)."""
        cats = [self.categories[c] for c in element.categories]
        return [tuple((cat.code, opt.code) for cat, opt in zip(cats, combo, strict=True))
                for combo in itertools.product(*(c.options for c in cats))]

    def cell_label(self, element: DataElement, by: tuple[tuple[str, str], ...]) -> str:
        if not by:
            return element.name
        parts = [self.categories[c].checked_option(o).name for c, o in by]
        return f"{element.name}（{'，'.join(parts)}）"

    def elements_read(self, template: Template) -> set[str]:
        """Every element a template reads: its cells' elements and, through a ratio's numerator/denominator, their
        parts (what its manual values and shared figures are looked up by)."""
        out: set[str] = set()
        for c in template.cells:
            out |= self.dependencies(c.element)
        return out

    def templates_using(self, element_code: str) -> list[Template]:
        """Templates naming an element directly or through a ratio's parts."""
        out = []
        for t in self.templates.values():
            if any(element_code in self.dependencies(c.element) for c in t.cells):
                out.append(t)
        return out

    def elements_reading(self, subject: str, columns: set[str], implicit: frozenset[str] = frozenset()) -> list[str]:
        """Codes of the computed elements of `subject` whose value depends on any of `columns` (a filter, the summed
        or distinct-counted field, or one of its disaggregations' filters), in catalogue order. `implicit`: the
        columns every element of the subject filters on (the schema's defaults, e.g. a person's status). The
        pseudo-column ``age`` stands for the birth date: the caller names it."""
        out = []
        for el in self.elements.values():
            if not el.is_computed or el.subject != subject:
                continue
            read = {p.column for p in el.predicates} | ({el.field} if el.field else set()) | set(implicit)
            for code in el.categories:
                category = self.categories.get(code)
                if category is not None:
                    read |= {p.column for o in category.options for p in o.predicates}
            if read & columns:
                out.append(el.code)
        return out

    def dependencies(self, element_code: str) -> set[str]:
        """The element and every element a ratio reaches through its numerator/denominator."""
        seen: set[str] = set()
        stack = [element_code]
        while stack:
            code = stack.pop()
            if code in seen:
                continue
            seen.add(code)
            el = self.elements.get(code)
            if el is not None and el.is_ratio:
                stack.extend(operand.element for operand in el.ratio_operands)
        return seen

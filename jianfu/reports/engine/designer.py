"""The form designer's rows ⇄ a template definition (the same dict a YAML file holds).

Pure: the web form posts parallel lists (one entry per row); this turns them into the definition the
loader validates, and a definition back into rows for editing. The YAML files stay the import/export
format; the designer is a second editor of the same definition, so neither needs the other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jianfu.core.text import clean_text

# A template definition as YAML or the designer gives it: untrusted, checked by the loader.
Definition = dict[str, Any]

TEMPLATE_FIELDS = ("code", "name", "department", "department_name", "period_type", "due_days", "description")


def _text(value: object) -> str:
    """A typed cell on one line, without invisible characters (`core.text.clean_text`: a zero-width space pasted
    before a number made it "not a number": badinput16 #9b)."""
    return " ".join(clean_text("" if value is None else str(value)).split())


def _number(value: object) -> int | float | str | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text  # left as typed: the loader names it ("应为数字")
    return int(number) if number.is_integer() else number


def parse_by(text: object) -> dict[str, str]:
    """"gender=F; age_3=a60" → {"gender": "F", "age_3": "a60"} (a cell's breakdown)."""
    out: dict[str, str] = {}
    for part in str(text or "").replace("；", ";").replace("，", ";").replace(",", ";").split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() and value.strip():
            out[key.strip()] = value.strip()
    return out


def format_by(by: Mapping[str, object]) -> str:
    return "; ".join(f"{k}={v}" for k, v in by.items())


def definition_from_rows(fields: Mapping[str, object], cells: list[Mapping[str, object]],
                         rules: list[Mapping[str, object]]) -> Definition:
    """`fields`: the template's own fields; `cells`: [{element, label, expand}]; `rules`:
    [{kind, cell, right, min, max, pct}] — blank rows are dropped."""
    definition: Definition = {k: _text(fields.get(k)) for k in TEMPLATE_FIELDS if _text(fields.get(k))}
    if "due_days" in definition:
        definition["due_days"] = _number(definition["due_days"])
    out_cells: list[dict[str, object]] = []
    for row in cells:
        element = _text(row.get("element"))
        if not element:
            continue
        cell: dict[str, object] = {"element": element}
        by = parse_by(row.get("by"))
        if by:
            cell["by"] = by
        if _text(row.get("address")):
            cell["address"] = _text(row.get("address")).upper()
        if _text(row.get("label")):
            cell["label"] = _text(row.get("label"))[:200]
        if row.get("expand"):
            cell["expand"] = True
        out_cells.append(cell)
    definition["cells"] = out_cells
    out_rules: list[dict[str, object]] = []
    for row in rules:
        kind = _text(row.get("kind"))
        if not kind:
            continue
        rule: dict[str, object]
        if kind == "le":
            rule = {"kind": "le", "left": _text(row.get("cell")), "right": _text(row.get("right"))}
        elif kind == "jump":
            rule = {"kind": "jump", "cell": _text(row.get("cell")), "pct": _number(row.get("pct"))}
        else:
            rule = {"kind": kind, "cell": _text(row.get("cell"))}
            for bound in ("min", "max"):
                if _number(row.get(bound)) is not None:
                    rule[bound] = _number(row.get(bound))
        out_rules.append(rule)
    if out_rules:
        definition["rules"] = out_rules
    return definition


def rows_from_definition(definition: Definition
                         ) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The inverse, for editing an existing template in the designer."""
    fields = {k: definition.get(k, "") for k in TEMPLATE_FIELDS}
    fields["due_days"] = "" if definition.get("due_days") is None else definition["due_days"]
    cells: list[dict[str, Any]] = []
    for raw in definition.get("cells") or []:
        raw = {"element": raw} if isinstance(raw, str) else dict(raw)
        cells.append({"element": raw.get("element", ""), "label": raw.get("label", ""),
                      "expand": bool(raw.get("expand")), "by": format_by(raw.get("by") or {}),
                      "address": raw.get("address", "")})
    rules: list[dict[str, Any]] = []
    for raw in definition.get("rules") or []:
        kind = raw.get("kind", "")
        rules.append({"kind": kind, "cell": raw.get("left" if kind == "le" else "cell", ""),
                      "right": raw.get("right", ""), "min": raw.get("min", ""), "max": raw.get("max", ""),
                      "pct": raw.get("pct", "")})
    return fields, cells, rules

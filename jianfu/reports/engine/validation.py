"""Validation rules of a report (DHIS2's validation rules and min/max values), as a pure function.

A template may carry `rules:`; each is one of

    {kind: range, cell: K, min: 0, max: 500}          # min/max of one cell (either bound optional)
    {kind: le, left: K1, right: K2}                   # a part ≤ its whole (K1 ≤ K2)
    {kind: jump, cell: K, pct: 50}                    # more than 50 % away from the previous period
                                                      # → the filler must explain it in a comment

and every cell whose element is a ratio in per cent is checked ≤ 100 without being told.
`range` and `le` violations are errors (the report cannot be submitted); a `jump` only asks for a
comment. Rules name cells by key; a rule whose cell is empty is not evaluated (missing values are
reported by the submission's own completeness check).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

RULE_KINDS = ("range", "le", "jump")
RULE_KEYS = {"range": {"kind", "cell", "min", "max", "name"},
             "le": {"kind", "left", "right", "name"},
             "jump": {"kind", "cell", "pct", "name"}}


@dataclass(frozen=True)
class Violation:
    rule: str            # stable id: "range:K", "le:K1:K2", "jump:K", "pct:K"
    cells: tuple[str, ...]
    message: str
    needs_comment: bool  # True: a comment answers it; False: an error that blocks submission


def _num(value: object) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]  # any input: float() itself is the check
    except (TypeError, ValueError):
        return None


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_rules_definition(rules: object, cell_keys: set[str]) -> list[str]:
    """Problems of a `rules:` list (Chinese, one per line), empty when it is valid."""
    if rules is None:
        return []
    if not isinstance(rules, list):
        return ["rules 应为列表"]
    problems = []
    for i, rule in enumerate(rules):
        place = f"rules[{i}]"
        if not isinstance(rule, dict) or rule.get("kind") not in RULE_KINDS:
            problems.append(f"{place}：kind 应为 {'、'.join(RULE_KINDS)} 之一")
            continue
        kind = rule["kind"]
        unknown = set(rule) - RULE_KEYS[kind]
        if unknown:
            problems.append(f"{place}：未知字段 {'、'.join(sorted(unknown))}")
        for key in ("left", "right") if kind == "le" else ("cell",):
            if rule.get(key) not in cell_keys:
                problems.append(f"{place}.{key}：本表没有单元格 {rule.get(key)!r}")
        if kind == "range":
            low, high = rule.get("min"), rule.get("max")
            if low is None and high is None:
                problems.append(f"{place}：range 至少需要 min 或 max")
            for name, bound in (("min", low), ("max", high)):
                if bound is not None and _num(bound) is None:
                    problems.append(f"{place}.{name}：应为数字")
            low_number, high_number = _num(low), _num(high)
            if low_number is not None and high_number is not None and low_number > high_number:
                problems.append(f"{place}：min 大于 max")
        if kind == "jump":
            pct = _num(rule.get("pct"))
            if pct is None or pct <= 0:
                problems.append(f"{place}.pct：应为正数（百分比）")
    return problems


def evaluate(*, rules: Iterable[Mapping[str, Any]] | None, values: Mapping[str, object],
             labels: Mapping[str, str], percent_cells: Iterable[str] = (),
             previous: Mapping[str, object] | None = None) -> list[Violation]:
    """The violations of `values` (cell key → number or None) against `rules` and the implicit
    "a percentage is at most 100". `previous` holds the previous period's values, for `jump`."""
    out: list[Violation] = []

    def label(key: str) -> str:
        return labels.get(key, key)

    for key in percent_cells:
        v = _num(values.get(key))
        if v is not None and v > 100:
            out.append(Violation(f"pct:{key}", (key,), f"「{label(key)}」为 {_fmt(v)}%，比率不能超过 100%。", False))
    for rule in rules or ():
        kind = rule.get("kind")
        if kind == "range":
            key = rule["cell"]
            v = _num(values.get(key))
            low, high = _num(rule.get("min")), _num(rule.get("max"))
            if v is None:
                continue
            if low is not None and v < low:
                out.append(Violation(f"range:{key}", (key,),
                                     f"「{label(key)}」为 {_fmt(v)}，低于下限 {_fmt(low)}。", False))
            elif high is not None and v > high:
                out.append(Violation(f"range:{key}", (key,),
                                     f"「{label(key)}」为 {_fmt(v)}，超过上限 {_fmt(high)}。", False))
        elif kind == "le":
            left, right = rule["left"], rule["right"]
            a, b = _num(values.get(left)), _num(values.get(right))
            if a is not None and b is not None and a > b:
                out.append(Violation(f"le:{left}:{right}", (left, right),
                                     f"「{label(left)}」（{_fmt(a)}）不能大于「{label(right)}」（{_fmt(b)}）。", False))
        elif kind == "jump" and previous:
            key = rule["cell"]
            v, before = _num(values.get(key)), _num(previous.get(key))
            if v is None or before is None:
                continue
            pct = float(rule["pct"])
            change = (abs(v - before) / abs(before) * 100) if before else (100.0 if v else 0.0)
            if before == 0 and v != 0 or change > pct:
                out.append(Violation(f"jump:{key}", (key,),
                                     f"「{label(key)}」由上期 {_fmt(before)} 变为 {_fmt(v)}，变化超过 {_fmt(pct)}%，"
                                     f"请说明原因。", True))
    return out

"""Statistical division codes: levels, significant prefixes and the child level of a unit (pure)."""

from __future__ import annotations

from .errors import EngineError

LEVELS: tuple[tuple[str, int, str], ...] = (
    ("province", 2, "省"),
    ("prefecture", 4, "市"),
    ("county", 6, "县"),
    ("town", 9, "乡镇"),
    ("village", 12, "村（社区）"),
)
LEVEL_LEN = {name: n for name, n, _ in LEVELS}
LEVEL_LABEL = {name: label for name, _, label in LEVELS}


def significant_prefix(code: str) -> str:
    """'450521000000' → '450521'; '450521200206' stays; a bare prefix is returned as is."""
    code = (code or "").strip()
    if not code.isdigit() or len(code) not in (2, 4, 6, 9, 12):
        raise EngineError(f"区划代码 '{code}' 无效：应为 2/4/6/9/12 位数字", field="unit")
    if len(code) < 12:
        return code
    for _name, n, _label in LEVELS:
        if code[n:] == "0" * (12 - n):
            return code[:n]
    return code


def level_of(prefix: str) -> str:
    for name, n, _label in LEVELS:
        if len(prefix) == n:
            return name
    raise EngineError(f"区划代码 '{prefix}' 的层级无法识别", field="unit")


def child_level(level: str) -> str:
    names = [name for name, _n, _l in LEVELS]
    i = names.index(level)
    return names[min(i + 1, len(names) - 1)]


def full_code(prefix: str) -> str:
    return prefix.ljust(12, "0")


def prefix_range(prefix: str) -> tuple[str, str]:
    """[lo, hi) such that every code starting with `prefix` satisfies lo <= code < hi (string order)."""
    nxt = str(int(prefix) + 1).zfill(len(prefix))
    if len(nxt) > len(prefix):  # '99' + 1: nothing after it in that width
        return prefix, prefix + "\uffff"
    return prefix, nxt

"""Statistical division codes as a hierarchy — pure functions, no Django models.

A 12-digit code 450521200206 reads 45|05|21|200|206: province, prefecture, county, town, village.
Its *significant prefix* drops the trailing all-zero groups (450521 for the county), and a subtree is
every code that starts with that prefix. Grids extend a village's code by three digits; departments
extend their parent's 12-digit code with "D" and two digits.

Subtree queries are range scans on the indexed code column — `code >= prefix AND code < upper` —
which use the B-tree index on both SQLite and PostgreSQL, whatever the collation, because codes are
compared only against digit strings."""

from __future__ import annotations

import re

from django.db.models import Q

LEVEL_LENGTHS = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12, 6: 15}   # province … village, grid
LEVEL_NAMES = {1: "province", 2: "prefecture", 3: "county", 4: "town", 5: "village", 6: "grid"}
_GROUPS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
DIVISION_CODE_RE = re.compile(r"^[0-9]{12}$")
GRID_CODE_RE = re.compile(r"^[0-9]{15}$")
DEPARTMENT_CODE_RE = re.compile(r"^[0-9]{12}D[0-9]{2}$")


def is_division_code(code: str) -> bool:
    return bool(DIVISION_CODE_RE.match(code or ""))


def normalise_code(code: str) -> str:
    """Accept a significant prefix (450521) or a full code and return the 12-digit form."""
    code = (code or "").strip()
    if re.fullmatch(r"[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}", code):
        return code.ljust(12, "0")
    if GRID_CODE_RE.match(code) or DEPARTMENT_CODE_RE.match(code):
        return code
    raise ValueError(code)


def division_level(code: str) -> int:
    """1 province … 5 village for a 12-digit code; 6 for a grid."""
    if GRID_CODE_RE.match(code):
        return 6
    if not is_division_code(code):
        raise ValueError(code)
    level = 1
    for i, (start, end) in enumerate(_GROUPS):
        if int(code[start:end]) != 0:
            level = i + 1
    return level


def significant_prefix(code: str) -> str:
    """450521000000 → 450521; 450521200206 → 450521200206; a grid or department code stays whole."""
    if GRID_CODE_RE.match(code) or DEPARTMENT_CODE_RE.match(code):
        return code
    return code[: LEVEL_LENGTHS[division_level(code)]]


def parent_code(code: str) -> str | None:
    if DEPARTMENT_CODE_RE.match(code):
        return code[:12]
    level = division_level(code)
    if level == 1:
        return None
    if level == 6:
        return code[:12]
    return code[: LEVEL_LENGTHS[level - 1]].ljust(12, "0")


def upper_bound(prefix: str) -> str | None:
    """The smallest digit string of the same length greater than every code under `prefix`
    (450521 → 450522); None when the prefix is all nines (no upper bound needed)."""
    digits = prefix.rstrip("9")
    if not digits:
        return None
    return digits[:-1] + str(int(digits[-1]) + 1)


def in_subtree(code: str, prefix: str) -> bool:
    return bool(code) and code.startswith(prefix)


def subtree_q(prefix: str | None, field: str = "org_code") -> Q:
    """Q for every row whose `field` lies in the subtree of `prefix` (None → everything)."""
    if not prefix:
        return Q()
    q = Q(**{f"{field}__gte": prefix})
    upper = upper_bound(prefix)
    if upper is not None:
        q &= Q(**{f"{field}__lt": upper})
    return q


def child_prefix_length(level: int) -> int:
    """Length of the prefix that names a child of a unit at `level` (a town's children: villages, 12)."""
    return LEVEL_LENGTHS[level + 1]

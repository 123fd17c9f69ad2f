"""Phone and ID numbers in free text (what a person typed), found by position: the direct line warns its reporter
(`jianfu.directline.textcheck`), and a text published to anyone — the Open311 GET's `description` (security34 #1) —
shows them masked (`core.pii.mask_identifiers`). Plain Python, no Django (the direct line's core imports it)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stdnum.cn import ric

# Mainland mobile numbers (optionally +86), landlines with an area code, 18-digit (and old 15-digit) IDs.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)")
_ID18 = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
_ID15 = re.compile(r"(?<!\d)\d{15}(?!\d)")


def _looks_like_id(number: str) -> bool:
    """An 18-digit resident ID by its check digit and birth date. The region is deliberately not
    checked: python-stdnum's `ric.is_valid` also requires the region code to exist in its table for
    the birth year, which rejects real IDs of renamed or re-coded counties (a missed warning costs
    more here than a needless one)."""
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return ric.calc_check_digit(number) == number[-1].upper()


@dataclass(frozen=True)
class Identifier:
    kind: str   # "phone" | "id_number"
    start: int
    end: int


def find_identifiers(text: str) -> list[Identifier]:
    """Phone and ID numbers in the text, by position (overlaps resolved in favour of ID numbers)."""
    found: list[Identifier] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for match in _ID18.finditer(text):
        if _looks_like_id(match.group()):
            found.append(Identifier("id_number", match.start(), match.end()))
            taken.append(match.span())
    for match in _ID15.finditer(text):
        if free(*match.span()):
            found.append(Identifier("id_number", match.start(), match.end()))
            taken.append(match.span())
    for pattern in (_MOBILE, _LANDLINE):
        for match in pattern.finditer(text):
            if free(*match.span()):
                found.append(Identifier("phone", match.start(), match.end()))
                taken.append(match.span())
    return sorted(found, key=lambda i: i.start)


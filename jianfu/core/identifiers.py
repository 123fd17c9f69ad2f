"""Phone and ID numbers in free text (what a person typed), found by position: the direct line warns its reporter
(`jianfu.directline.textcheck`), and a text published to anyone — the Open311 GET's `description` (security34 #1) —
shows them masked (`mask_identifiers`), as does an event's name in the audit log (security34 #3). The masks of `core.pii`
live here. Plain Python, no Django (the direct line's core imports it)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.cn import ric

# Mainland mobile numbers (optionally +86), landlines with an area code, 18-digit (and old 15-digit) IDs. Searched in the
# NFKC-folded text (`_fold`): full-width digits and separators are their ASCII forms there. A phone's groups may be split
# by a hyphen, a space or a dot (139.0779.1234; codereview35b #5).
_SEP = r"[-\s.]"
_MOBILE = re.compile(rf"(?<!\d)(?:\+?86{_SEP}?)?1[3-9]\d(?:{_SEP}?\d{{4}}){{2}}(?!\d)", re.ASCII)
_LANDLINE = re.compile(rf"(?<!\d)0\d{{2,3}}{_SEP}?\d{{7,8}}(?!\d)", re.ASCII)
_ID18 = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])", re.ASCII)
_ID15 = re.compile(r"(?<!\d)\d{15}(?!\d)", re.ASCII)
# An old 15-digit ID only where the text names it as one (身份证、身份证号、证件号码…): a bare 15-digit number is far
# more often the county's own grid code (450521200206001: the 12-digit village code and the grid's three digits), whose
# 200206 reads as a birth date too — and first-generation IDs lapsed in 2013 (codereview35b #5)
_ID_CUE = re.compile(r"(身份证|身份号|证件|证号|公民身份)[^\d\n，。；,;]{0,6}$")


def _fold(text: str) -> str:
    """`text` NFKC-folded character by character where a character folds to one (１ → 1, － → -, ． → ., the
    ideographic space → a space), so that a position in the fold is the same position in the text as typed."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


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


def find_identifiers(text: str, *, any_id_shape: bool = False, every_id15: bool = False) -> list[Identifier]:
    """Phone and ID numbers in the text, by position in the text as typed (overlaps resolved in favour of ID numbers).
    An 18-character number is an ID by its check digit and birth date (the direct line's warning), or, with
    `any_id_shape` (what is published), by its shape alone: a wrong check digit still leaves region and birth date.
    A 15-digit number is an old ID only after a word naming one, or, with `every_id15`, always (a caller that can
    tell the county's own 15-digit codes apart and keeps them: `mask_identifiers(keep=…)`)."""
    text = _fold(text)
    found: list[Identifier] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for match in _ID18.finditer(text):
        if any_id_shape or _looks_like_id(match.group()):
            found.append(Identifier("id_number", match.start(), match.end()))
            taken.append(match.span())
    for match in _ID15.finditer(text):
        if free(*match.span()) and (every_id15 or _ID_CUE.search(text, 0, match.start())):
            found.append(Identifier("id_number", match.start(), match.end()))
            taken.append(match.span())
    for pattern in (_MOBILE, _LANDLINE):
        for match in pattern.finditer(text):
            if free(*match.span()):
                found.append(Identifier("phone", match.start(), match.end()))
                taken.append(match.span())
    return sorted(found, key=lambda i: i.start)


def mask_id_number(value: str | None) -> str:
    """4505**************: the region prefix stays, nothing after it. The last four (the sequence code and the check
    digit) stayed until session 28: with the birth date every person page and the API print beside the mask (and the
    birth place the registry API gives), they were the whole number — a grid worker, who may not reveal, rebuilt
    45 of 45 of their people's (security28 #1). Idempotent: the mask of an older mask is the new mask."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 4)


def mask_phone(value: str | None) -> str:
    """138****5678."""
    if not value:
        return ""
    value = str(value)
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_identifiers(text: str, *, keep: Callable[[str], bool] | None = None) -> str:
    """`text` with every phone and ID number `find_identifiers` finds masked as `mask_id_number` and `mask_phone` mask them (an ID's region
    prefix only, a phone's first three and last four characters); the rest as it was. For a text a person typed that
    is published to anyone (security34 #1: the Open311 GET's description). Any 18-character ID shape is masked, its check
    digit unchecked (codereview35b #5); full-width digits and dotted phones are found as `find_identifiers` finds them.
    `keep`: a number it answers True for stays as it is (security35 #3: a 15-digit grid code is shaped as an old ID
    number; `core.pii.mask_audit_text`)."""
    text = text or ""
    out, pos = [], 0
    for found in find_identifiers(text, any_id_shape=True, every_id15=keep is not None):
        number = text[found.start:found.end]
        if keep is not None and keep(number):
            continue
        out.append(text[pos:found.start])
        out.append(mask_id_number(number) if found.kind == "id_number" else mask_phone(number))
        pos = found.end
    out.append(text[pos:])
    return "".join(out)

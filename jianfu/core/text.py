"""Text hygiene shared by every input and every export (pure Python: the pure cores may use it).

Characters that XML 1.0 cannot carry (C0 controls other than tab/newline/return, U+FFFE/U+FFFF, lone
surrogates) break every .xlsx and .docx that would contain them, and mean nothing to a reader; DEL and
the C1 controls (U+007F-U+009F) mean nothing either, and the bidi embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069) make a stored text display in an order other than the one typed
(issue N14). They are removed from every text input in one place (`jianfu.core.cleaning.install_text_cleaning`,
installed by the core app for all Django form fields, DRF serializer fields and model text fields) and,
for data stored before that, again when a cell is written (`xlsx_text`). Line ends become "\n" (a
browser sends a textarea's as CRLF). Emoji, RTL/LTR marks (U+200E/U+200F) and other printable
characters are kept.
"""

from __future__ import annotations

import re
import unicodedata

# The C0 controls XML 1.0 forbids (all but \t \n \r), the two non-characters, and lone surrogates.
# A superset of openpyxl's ILLEGAL_CHARACTERS_RE.
ILLEGAL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Vertical tab and form feed separate lines in text pasted from Word/WPS: keep the break.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": "\n"})
# What clean_text removes: the above, DEL and the C1 controls, bidi embeddings/overrides and isolates.
UNWANTED_CHARACTERS_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
XLSX_CELL_MAX = 32_767  # Excel's limit of characters in one cell; a longer text is cut with a marker
_FORMULA_START = ("=", "+", "-", "@")


def clean_text(value: str) -> str:
    """`value` without control characters (tab and newline kept; vertical tab, form feed, CR and CRLF become
    newlines) and without bidi overrides/isolates: the one clean-text rule of every input."""
    if not value:
        return value
    if "\r\n" in value:
        value = value.replace("\r\n", "\n")
    return UNWANTED_CHARACTERS_RE.sub("", value.translate(_LINE_BREAKS))


def without_invisible(value: str, *, keep: str = "\n") -> str:
    """`value` without control characters (Unicode category Cc, but those in `keep`) and format characters
    (Cf: zero-width space/non-joiner/joiner U+200B-U+200D, word joiner, BOM, soft hyphen, bidi marks, embeddings,
    overrides and isolates): the clean-up of a one-line free text that is shown to people (village pages, the
    monitor's ledgers, notices and rules). A zero-width space pasted from a web page made two titles that look
    the same compare different (B11)."""
    if not value:
        return value
    return "".join(ch for ch in value if ch in keep or unicodedata.category(ch) not in ("Cc", "Cf"))


def xlsx_clean(value: object) -> object:
    """A value an xlsx cell can hold: illegal characters removed, cut to Excel's cell limit. For cells
    written with an explicit text type (`cell.data_type = "s"`), which never become formulas."""
    return _cell_text(value) if isinstance(value, str) else value


def _cell_text(value: str) -> str:
    value = clean_text(value)
    if len(value) > XLSX_CELL_MAX:
        value = value[: XLSX_CELL_MAX - 1] + "…"
    return value


def xlsx_text(value: object) -> object:
    """A value safe for an xlsx cell: `xlsx_clean`, and text that would start a formula (= + - @)
    prefixed with an apostrophe. Non-text values pass through."""
    if not isinstance(value, str):
        return value
    value = _cell_text(value)
    if value.startswith(_FORMULA_START):
        value = "'" + value[: XLSX_CELL_MAX - 1]
    return value

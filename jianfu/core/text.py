"""Text hygiene shared by every input and every export (pure Python: the pure cores may use it).

Characters that XML 1.0 cannot carry (C0 controls other than tab/newline/return, U+FFFE/U+FFFF, lone
surrogates) break every .xlsx and .docx that would contain them, and mean nothing to a reader. They
are removed from every text input in one place (`jianfu.core.forms.install_text_cleaning`, installed
by the core app for all Django form fields and DRF serializer fields) and, for data stored before that,
again when a cell is written (`xlsx_text`). Emoji, RTL marks and other printable characters are kept.
"""

from __future__ import annotations

import re

# The C0 controls XML 1.0 forbids (all but \t \n \r), the two non-characters, and lone surrogates.
# A superset of openpyxl's ILLEGAL_CHARACTERS_RE.
ILLEGAL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Vertical tab and form feed separate lines in text pasted from Word/WPS: keep the break.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
XLSX_CELL_MAX = 32_767  # Excel's limit of characters in one cell; a longer text is cut with a marker
_FORMULA_START = ("=", "+", "-", "@")


def clean_text(value: str) -> str:
    """`value` without the characters no document can hold (vertical tab and form feed become newlines)."""
    if not value:
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", value.translate(_LINE_BREAKS))


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

"""Text hygiene shared by every input and every export (pure Python: the pure cores may use it).

Characters that XML 1.0 cannot carry (C0 controls other than tab/newline/return, U+FFFE/U+FFFF, lone
surrogates) break every .xlsx and .docx that would contain them, and mean nothing to a reader; DEL and
the C1 controls (U+007F-U+009F) mean nothing either, and the bidi embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069) make a stored text display in an order other than the one typed
(issue N14). The other invisible format characters (Unicode category Cf: zero-width space and joiners, the BOM,
the soft hyphen, word joiner, invisible operators, interlinear annotation and tag characters …) hide inside a
word, so a search for it misses (session 14, N12: "摔倒过\u200b请" is not found by "摔倒过请"). They are removed
from every text input in one place (`jianfu.core.cleaning.install_text_cleaning`, installed by the core app for
all Django form fields, DRF serializer fields and model text fields) and, for data stored before that, again
when a cell is written (`xlsx_text`). Line ends become "\n" (a browser sends a textarea's as CRLF; the line and
paragraph separators U+2028/U+2029 are line ends too, and in a one-line field they, and NEL U+0085, are a space).

Removed as well, though not format characters, the other characters that show nothing (sec27 #2): the variation
selectors U+FE00-U+FE0F (but the emoji or text presentation selector right after a pictograph, "👍\ufe0f", and in a
keycap, "1\ufe0f\u20e3"), the combining grapheme joiner U+034F and the Hangul fillers U+115F, U+1160, U+3164, U+FFA0:
"全县林长制工作会\ufe00" was stored beside "全县林长制工作会" as another row.

Kept: emoji and every printable character; the three bidi marks (LRM U+200E, RLM U+200F, ALM U+061C) in a text
holding right-to-left letters (Hebrew, Arabic …), where they settle the direction of the neutral characters beside
them (N14 of session 11). In a text without any they do nothing but reorder it on screen (sec27 #1:
"第\u200f1\u200f2期" shows as 第21期), so there they are removed. And the format characters an emoji is built
with — the zero-width joiner between two pictographs (👨‍👩‍👧, 👩‍⚕️) and the tag characters of the three recommended
subdivision flags (England, Scotland, Wales: U+1F3F4, five tag letters, CANCEL TAG) — so an emoji is not split into
several. A ZWJ anywhere else, and every other tag character (any other run after U+1F3F4 is invisible text), is
removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# The C0 controls XML 1.0 forbids (all but \t \n \r), the two non-characters, and lone surrogates.
# A superset of openpyxl's ILLEGAL_CHARACTERS_RE.
ILLEGAL_CHARACTERS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Vertical tab and form feed separate lines in text pasted from Word/WPS: keep the break.
# So do Unicode's line and paragraph separators (sec27 #3).
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n"})
# In a one-line field they, and NEL (a C1 control clean_text removes), are a space (`clean_line`).
_SPACES = str.maketrans({"\x0b": " ", "\x0c": " ", "\x85": " ", "\u2028": " ", "\u2029": " "})
# The format characters (category Cf of Unicode 14, Python 3.11's unicodedata) other than the bidi embeddings,
# overrides and isolates (listed with the controls below) and the three bidi marks (kept). A test compares this
# set with unicodedata's, so a newer Unicode's additions are noticed.
FORMAT_CHARACTERS = ("\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200d\u2060-\u2064"
                     "\u206a-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
                     "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
# The bidi marks: kept only in a text holding right-to-left letters (`_RIGHT_TO_LEFT`).
KEPT_FORMAT_CHARACTERS = "\u061c\u200e\u200f"
# Invisible characters that are not format characters (sec27 #2): the combining grapheme joiner, the Hangul fillers
# and the variation selectors (an emoji's presentation selector is kept by `_CLEAN_RE`).
INVISIBLE_CHARACTERS = "\u034f\u115f\u1160\u3164\ufe00-\ufe0f\uffa0"
# What clean_text removes: the above, DEL and the C1 controls, bidi embeddings/overrides and isolates, and the
# other format characters.
UNWANTED_CHARACTERS_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff"
    + FORMAT_CHARACTERS + INVISIBLE_CHARACTERS + "]"
)
_BIDI_MARKS = re.compile(f"[{KEPT_FORMAT_CHARACTERS}]")
# The right-to-left scripts' blocks (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended; their
# presentation forms; the historic RTL scripts of plane 1): ALM itself excluded. Looked for after the other
# removals, so a removed Arabic format character (U+0600) does not keep the marks and a second pass agrees.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u061b\u061d-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
                            "\U00010800-\U00010fff\U0001e800-\U0001efff]")
# Pictographs (approximately Unicode's Extended_Pictographic) with an optional emoji (or text) presentation selector
# or skin tone: a ZWJ between two of them, the tag characters of a subdivision flag, and the selector right after one,
# are part of one emoji.
_PICTOGRAPH_CHARACTER = ("[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a-\u23ff\u24c2"
                         "\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff]")
_PRESENTATION = "[\ufe0e\ufe0f]"
_PICTOGRAPH = f"{_PICTOGRAPH_CHARACTER}(?:{_PRESENTATION}|[\U0001f3fb-\U0001f3ff])?"
# The subdivision flags Unicode recommends (RGI: England, Scotland, Wales): 🏴, five tag letters, CANCEL TAG. Any other
# run of tags after 🏴 shows as the bare black flag with its tags invisible — hidden text (a phone number) that made
# two equal-looking titles differ (codereview15 #5) — so only these three keep their tags.
_SUBDIVISION_FLAGS = tuple("\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in code) + "\U000e007f"
                           for code in ("gbeng", "gbsct", "gbwls"))
# an element of a ZWJ sequence may itself be a subdivision flag ("🏴‍" + 🏴 + tags): tried first, so the ZWJ rule does
# not take its 🏴 and strand its tags
_EMOJI_ELEMENT = "(?:" + "|".join(_SUBDIVISION_FLAGS) + f"|{_PICTOGRAPH})"
_EMOJI_SEQUENCE = (f"{_EMOJI_ELEMENT}(?:\u200d{_EMOJI_ELEMENT})+|" + "|".join(_SUBDIVISION_FLAGS)
                   + f"|{_PICTOGRAPH_CHARACTER}{_PRESENTATION}|[#*0-9]\ufe0f\u20e3")  # "☎️", a keycap "1️⃣"
# What only the slower rule keeps: a ZWJ, a CANCEL TAG, a variation selector.
_EMOJI_PARTS = re.compile("[\u200d\U000e007f\ufe00-\ufe0f]")
_CLEAN_RE = re.compile(f"(?P<emoji>{_EMOJI_SEQUENCE})|{UNWANTED_CHARACTERS_RE.pattern}")
XLSX_CELL_MAX = 32_767  # Excel's limit of characters in one cell; a longer text is cut with a marker
_FORMULA_START = ("=", "+", "-", "@")
# a web page's markup ("<script>…</script>公司", "<b>电工</b>", "<img src=x onerror=…"): no name, wish or work history
# is written so; a bare "<" ("工资<3000") is not markup. One rule for the posting and seeker imports, forms and API
# (tryout26 #3). A tag is "<" or "</" and an ASCII tag name (letters and digits, as HTML's) ended by whitespace, "/"
# or ">"; a comment's "<!--"; an event attribute ("on…=") inside anything tag-like ("< img … onerror="). Angle
# brackets around a model or a card ("西门子PLC<S7-200>", "持证<IC卡>") are ordinary seeker text: the name runs into
# "-" or "卡" (sec26 #6).
_MARKUP = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9]*[\s/>]|<\s*/?\s*[A-Za-z][^<>]*?\son[A-Za-z]+\s*=")


def has_markup(value: str) -> bool:
    """Whether `value` holds a web page's tag; such text is refused, not stored (escaped on display or not)."""
    return bool(_MARKUP.search(value or ""))


def clean_text(value: str) -> str:
    """`value` without control characters (tab and newline kept; vertical tab, form feed, CR, CRLF and the line and
    paragraph separators become newlines), without bidi overrides/isolates, without invisible format characters and
    variation selectors (but those inside an emoji), and without the bidi marks unless it holds right-to-left
    letters: the one clean-text rule of every input."""
    if not value:
        return value
    if "\r\n" in value:
        value = value.replace("\r\n", "\n")
    value = value.translate(_LINE_BREAKS)
    if _EMOJI_PARTS.search(value):  # perhaps an emoji sequence: the slower rule that keeps it
        value = _CLEAN_RE.sub(_keep_emoji, value)
    else:
        value = UNWANTED_CHARACTERS_RE.sub("", value)
    if _BIDI_MARKS.search(value) and not _RIGHT_TO_LEFT.search(value):
        value = _BIDI_MARKS.sub("", value)
    return value


def clean_line(value: str) -> str:
    """`clean_text` for a one-line field (a title, a unit's name): a vertical tab or form feed — the manual line break
    of text pasted from Word/WPS —, a line or paragraph separator (U+2028/U+2029) or NEL (U+0085) is a space between
    the words there, not a line end the field would refuse nor one it would let through (sec27 #3)."""
    if not value:
        return value
    return clean_text(value.translate(_SPACES))


def shown_back(form: dict[str, Any]) -> dict[str, Any]:
    """What a refused form shows again of the posted `form`: each text value through `clean_text` (sec26 #4: a
    refused "a\x07\x1b[31m" was written back raw into the page — U+0007, U+0000 in the HTML). The service still
    gets and refuses the posted text itself; only the copy put back into the form is cleaned."""
    return {key: clean_text(value) if isinstance(value, str) else value for key, value in form.items()}


def _keep_emoji(match: re.Match[str]) -> str:
    return match.group("emoji") or ""


def without_invisible(value: str, *, keep: str = "\n") -> str:
    """`clean_text(value)` with the tab and newline also removed unless in `keep`: the clean-up of a free text shown
    to people as one line or a few (the monitor's ledgers, notices and rules). A zero-width space pasted from a web
    page made two titles that look the same compare different (B11); the invisible characters go by the one rule of
    `clean_text`, so every app removes the same ones."""
    if not value:
        return value
    value = clean_text(value)
    for ch in "\t\n":
        if ch not in keep:
            value = value.replace(ch, "")
    return value


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


# A figure with thousands commas: one to three digits, then groups of exactly three (badinput33: "1,2,3" was read as
# 123 and "1,5" — a decimal comma, or a slip — as 15, stored without a word). The first group starts with 1-9: a "0,"
# group separates no thousands ("0,500" was read as 500; fixcr33c).
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?")


def gettext_noop(message: str) -> str:
    """Marks `message` for translation (makemessages reads this name) without loading Django: this module is read by
    the pure cores."""
    return message


# the one wording of `without_thousands`'s refusal (reports, registry, monitor, employment: fixcr33c), translated by
# the caller's gettext; each caller puts its field's label before it
MISPLACED_COMMA = gettext_noop("逗号位置不对（“%(v)s”）：千分位逗号每三位一个（如 1,000），也可以直接写 1000；"
                               "小数请用小数点（如 1.5）")


def misplaced_comma(typed: str, translate: Callable[[str], str] = gettext_noop) -> str:
    """The refusal of a figure `without_thousands` answers None for, quoting its first 20 characters, through
    `translate` (the caller's gettext; a pure core's messages are not translated: the source text)."""
    return translate(MISPLACED_COMMA) % {"v": typed[:20]}


def without_thousands(text: str) -> str | None:
    """`text` (a figure as typed, already stripped) with its thousands commas removed; None when it has a comma that
    is not a thousands separator ("1,2,3", "1,5", "12,00"), which no reader may guess at. Text without a comma is
    returned as it is, for the caller's own checks."""
    if "," not in text:
        return text
    if not _GROUPED.fullmatch(text):
        return None
    return text.replace(",", "")

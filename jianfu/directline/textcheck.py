"""Checks on what a reporter typed, in plain Python: control characters out, identifiers flagged.

A phone number or an ID number in a report can name its writer (or someone else). The reporter is
warned before sending and may send anyway; nothing here changes the text except removing control
characters, which have no business in a report and can hide text from a reader."""

from __future__ import annotations

import unicodedata

from jianfu.core.identifiers import Identifier, find_identifiers
from jianfu.core.text import clean_text

# the finder lives in core (security34 #1: the Open311 GET masks what it finds); its names stay importable from here
__all__ = ["Identifier", "find_identifiers", "strip_controls"]


def strip_controls(text: str) -> str:
    """The one clean-text rule of every input (`core.text.clean_text`: control characters, bidi overrides and
    invisible format characters out, newlines and tabs kept, line ends normalised), then private-use characters
    out (a reporter's font-specific glyph could single out their device), and NFC."""
    kept = "".join(ch for ch in clean_text(text or "") if unicodedata.category(ch) != "Co")
    return unicodedata.normalize("NFC", kept)

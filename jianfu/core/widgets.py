"""Form widgets every app shares."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """`<input type="date">` whose value is ISO (2026-12-04): the browser accepts nothing else, and the
    zh-hans locale would render 2026/12/04 — rejected, so the field showed empty and a save could lose the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")

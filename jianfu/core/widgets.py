"""Form widgets every app shares."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """`<input type="date">` whose value is ISO (2026-12-04): the browser accepts nothing else, and the
    zh-hans locale would render 2026/12/04 — rejected, so the field showed empty and a save could lose the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def no_silent_cut(form: forms.BaseForm, *names: str) -> None:
    """The limit of these fields stays (the form refuses a longer value, naming the limit) but the browser no
    longer cuts pasted text silently at `maxlength`: `data-maxlength` gives a counter instead (static/js)."""
    for name in names:
        attrs = form.fields[name].widget.attrs
        if "maxlength" in attrs:
            attrs["data-maxlength"] = attrs.pop("maxlength")

"""The fields of a request body, whatever parser read it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import serializers

from jianfu.core.errors import ApplicationError


def body_fields(request: Any) -> dict[str, Any]:
    """The body's fields as a dict (a form's QueryDict flattened); a JSON body that is not an object (a list, a
    number) is refused in words rather than failing on `.get`."""
    data = request.data
    if hasattr(data, "dict"):
        return dict(data.dict())
    if not isinstance(data, dict):
        raise ApplicationError(_("请求体应为 JSON 对象。"), code="invalid")
    return dict(data)


def body_text(data: dict[str, Any], name: str, default: str = "") -> str:
    """A text field of a body: a string (a number is read as its digits, as a form would send it); a list, an object
    or true/false is refused in words rather than stored as its Python repr ("['x']")."""
    value = data.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ApplicationError(_("“%(name)s”应为文字。") % {"name": name}, code="invalid", field=name)
    return str(value)


_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


class BodyDate(serializers.DateField):
    """A date of a request body (YYYY-MM-DD). A day written in that form that no calendar has ("2026-02-30",
    "2026-13-01") is refused as not existing, in the imports' words — DRF said "日期格式错误。请从这些格式中选择：
    YYYY-MM-DD", blaming a format the client had followed (badinput31 #3)."""

    default_error_messages = {"nonexistent": _lazy("日期不存在（{year}年{month}月{day}日）")}

    def to_internal_value(self, value: Any) -> Any:
        match = _ISO_DAY.fullmatch(value) if isinstance(value, str) else None
        if match is not None:
            year, month, day = (int(part) for part in match.groups())
            try:
                dt.date(year, month, day)
            except ValueError:
                self.fail("nonexistent", year=year, month=month, day=day)
        return super().to_internal_value(value)

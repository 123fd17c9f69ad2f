"""The fields of a request body, whatever parser read it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

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

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

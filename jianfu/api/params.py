"""Query parameters read strictly: a value the schema does not allow is a 400 naming the parameter,
never silently taken as something else (issue 11.9: `overdue=1083` used to mean "false")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.request import Request

from jianfu.core.errors import ApplicationError

_TRUE, _FALSE = {"true", "1"}, {"false", "0"}


def query_bool(request: Request, name: str) -> bool | None:
    """`true`/`1` → True, `false`/`0` → False, absent or empty → None; anything else is a 400."""
    return strict_bool(request.query_params.get(name), name)


def strict_bool(raw: str | None, name: str) -> bool | None:
    """`query_bool` for a value from anywhere (a form field too): DRF's BooleanField would also take yes/on/y/t."""
    if raw is None or raw == "":
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ApplicationError(f"参数 {name} 只能是 true 或 false（也可写 1 或 0），收到“{raw[:20]}”。", field=name)


def query_int(request: Request, name: str, *, minimum: int = 1, maximum: int = 2**63 - 1) -> int | None:
    """An integer within [minimum, maximum] (an id by default), absent or empty → None; else a 400."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    value = raw.strip()
    if not (value.isascii() and value.lstrip("-").isdigit()) or not minimum <= int(value) <= maximum:
        raise ApplicationError(f"参数 {name} 应为 {minimum} 到 {maximum} 之间的整数，收到“{raw[:20]}”。", field=name)
    return int(value)


def query_choice(request: Request, name: str, choices: tuple[str, ...], *, default: str) -> str:
    """One of `choices`, absent or empty → `default`; anything else is a 400 naming the allowed values."""
    raw: str | None = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise ApplicationError(_("参数 %(name)s 只能是 %(choices)s 之一，收到“%(raw)s”。")
                               % {"name": name, "choices": "、".join(choices), "raw": raw[:20]}, field=name)
    return raw

"""Errors a user can act on. Services raise them; views and the API render them.

The message is Simplified Chinese for the person in front of the screen; `code` is stable for
programs; `field` names the input at fault (a form field, a column, "row 12")."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any


class ApplicationError(Exception):
    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None,
                 details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field
        self.details = details or {}


class NotFoundError(ApplicationError):
    """Not there, or not yours: the two are deliberately indistinguishable (no existence oracle)."""

    status_code = 404
    default_code = "not_found"


class PermissionDeniedError(ApplicationError):
    status_code = 403
    default_code = "permission_denied"


class UnavailableError(ApplicationError):
    """The system cannot do this now, through no fault of the request (the cache that counts a limit is unreachable:
    fix-cr29 #1): 503 with Retry-After `retry_after` seconds, on the page and in the API."""

    status_code = 503
    default_code = "unavailable"

    def __init__(self, message: str, *, retry_after: int = 60, **kwargs: Any):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


def with_retry_after(response: Any, error: ApplicationError) -> Any:
    """`response` (to `error`) with its Retry-After header when `error` names one (`UnavailableError`)."""
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


class ConflictError(ApplicationError):
    """The object changed under you (a concurrent transition, a stale version)."""

    status_code = 409
    default_code = "conflict"


def field_messages(error: ApplicationError | None) -> dict[str, str]:
    """{field: its message} of a refusal: every field's (`details["fields"]`, the shape `one_refusal` gives), else the
    one field it names, else none."""
    if error is None:
        return {}
    fields: dict[str, str] | None = error.details.get("fields")
    if fields:
        return fields
    return {error.field: error.message} if error.field else {}


def messages_beside(error: ApplicationError | None, fields: Collection[str]) -> tuple[dict[str, str], str]:
    """A refusal shown on a form of `fields`: ({field: its message} of the form's fields it names, the rest of its
    message — what names no field of the form — or "")."""
    if error is None:
        return {}, ""
    named = field_messages(error)
    if not named:
        return {}, str(error.message)
    beside = {field: str(message) for field, message in named.items() if field in fields}
    return beside, "".join(str(message) for field, message in named.items() if field not in fields)


def one_refusal(refusals: Iterable[ApplicationError] | Mapping[str, ApplicationError], *, order: Sequence[str] = (),
                code: str | None = None, wrap_one: bool = False) -> ApplicationError | None:
    """The one error a form that shows every refusal at once raises for `refusals` (None when there are none).

    A single refusal comes back as it is (`wrap_one`: in the shape below). Several become one error whose
    `details["fields"]` maps each field to its message — a refusal's own `details["fields"]` taken field by field,
    else its `field`, else its key when `refusals` is a mapping —, the first message of a field refused twice kept
    (a later refusal is often a consequence of the first); the fields in `order` (those it does not name after, as
    they came); the message all of them joined in that order; `field` the first; `code` the given one, else the
    first refusal's (a single refusal naming one field keeps its own)."""
    named: list[tuple[str, ApplicationError]] = (list(refusals.items()) if isinstance(refusals, Mapping)
                                                 else [("", exc) for exc in refusals])
    failed = [exc for _name, exc in named]
    if not failed:
        return None
    if len(failed) == 1 and not wrap_one:
        return failed[0]
    fields: dict[str, str] = {}
    for name, exc in named:
        for field, message in (exc.details.get("fields") or {exc.field or name: exc.message}).items():
            fields.setdefault(field, message)
    if order:
        rank = {name: i for i, name in enumerate(order)}
        fields = dict(sorted(fields.items(), key=lambda item: rank.get(item[0], len(rank))))
    if len(failed) == 1 and len(fields) == 1:
        code = failed[0].code
    return ApplicationError("".join(fields.values()), code=code or failed[0].code, field=next(iter(fields)),
                            details={"fields": fields})

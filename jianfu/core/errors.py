"""Errors a user can act on. Services raise them; views and the API render them.

The message is Simplified Chinese for the person in front of the screen; `code` is stable for
programs; `field` names the input at fault (a form field, a column, "row 12")."""

from __future__ import annotations


class ApplicationError(Exception):
    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None,
                 details: dict | None = None):
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


class ConflictError(ApplicationError):
    """The object changed under you (a concurrent transition, a stale version)."""

    status_code = 409
    default_code = "conflict"

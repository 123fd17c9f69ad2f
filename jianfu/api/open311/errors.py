"""Open311 errors: the HTTP status and the standard error list (`[{code, description}]` /
`<errors><error><code/><description/></error></errors>`). Pure (no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ErrorItem:
    code: int
    description: str


@dataclass
class Open311Error(Exception):
    """Raised anywhere in the Open311 layer; the view turns it into the standard error body.

    `status` is the HTTP status (400 bad argument, 403 missing/invalid api_key, 404 unknown resource,
    413 body too large); `errors` may hold several items (the spec allows several at once). The body
    `code` may be more specific than the HTTP status, but we keep them equal unless a caller says
    otherwise.
    """

    status: int
    errors: list[ErrorItem] = field(default_factory=list)

    @classmethod
    def one(cls, status: int, description: str, *, code: int | None = None) -> Open311Error:
        return cls(status, [ErrorItem(code or status, description)])

    def __str__(self) -> str:
        return "; ".join(e.description for e in self.errors)


def error_payload(error: Open311Error) -> list[dict]:
    """The JSON value (and, via formats.to_xml("errors", …), the XML) of an error."""
    return [{"code": e.code, "description": e.description} for e in error.errors]

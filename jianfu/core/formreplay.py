"""A web create form posted again is answered with what its first post created (`core.formtokens`) — but only to
whoever may be told about that record. The stored key is unique over the whole table, so the earlier record is
looked up over every row; when it is not the poster's own (another village's person, a visit to another key
person, another user's review), the post is refused as an expired form: nothing written, nothing named — not the
other record, and not a 500 from the unique `form_key` (security17 #2, #4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from jianfu.core import formtokens

T = TypeVar("T")


def once_own(found: Any, form_key: str, create: Callable[[], T], *, own: Callable[[T], bool]) -> tuple[T, bool]:
    """`formtokens.once` over every row of `found` (the model's manager), the earlier record answered only when
    `own(record)`; else `formtokens.expired()` is raised."""
    record, created = formtokens.once(found, form_key, create)
    if not created and not own(record):
        raise formtokens.expired()
    return record, created


def earlier_own(found: Any, form_key: str, *, own: Callable[[Any], bool]) -> Any:
    """The record stored with `form_key` when it is the poster's own (`own`), None when there is none; a record
    that is someone else's raises `formtokens.expired()`."""
    record = formtokens.earlier(found, form_key)
    if record is not None and not own(record):
        raise formtokens.expired()
    return record

"""Optimistic concurrency for edit forms (badinput15 #1).

An edit form carries the version its record had when the form was opened (`updated_at`, ISO text, in a
hidden field). The service's write claims that version with one conditional UPDATE inside its transaction:
if someone saved the record since, nothing is written and the caller says so, instead of the second
save silently writing the first one's fields back (a lost update).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone


def version_of(obj: models.Model) -> str:
    """The version token an edit form carries for `obj`."""
    stamp = getattr(obj, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def parse_version(version: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(version)
    except (TypeError, ValueError):
        return None


def claim_version(obj: models.Model, version: str) -> bool:
    """True if the row still carries `version` (its updated_at is bumped, so a concurrent claim of the same
    version fails); False when it was saved since, or the token is not a version. Call inside the write's
    transaction: the conditional UPDATE is atomic on SQLite and PostgreSQL alike."""
    when = parse_version(version)
    if when is None:
        return False
    manager = type(obj)._default_manager
    return manager.filter(pk=obj.pk, updated_at=when).update(updated_at=timezone.now()) == 1

"""Helpers for tests that race two threads on two database connections."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError

T = TypeVar("T")


def while_locked(call: Callable[[], T], *, attempts: int = 200, pause: float = 0.02) -> T:
    """Run `call`, again while the database answers "locked".

    The test database is SQLite in shared-cache memory, which answers "table is locked" at once
    instead of waiting like a file database (busy timeout) or PostgreSQL (row lock): wait here the
    same way. Any other error, and the last "locked" one, propagate."""
    for _attempt in range(attempts - 1):
        try:
            return call()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(pause)
    return call()

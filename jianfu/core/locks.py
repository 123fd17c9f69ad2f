"""Transaction-level locks by name, for a check that reads rows and then writes on what it read (a cap on what one
sender holds): two requests at once must not both read the state before either's write.

PostgreSQL: one advisory lock per name (`pg_advisory_xact_lock`), released when the transaction ends, taken in key
order so two transactions that share some names wait for each other but never deadlock. SQLite: its IMMEDIATE transactions
(config/database.py) take the one write lock at BEGIN, which already serialises the two; nothing to take."""

from __future__ import annotations

import hashlib

from django.db import connection


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for `name` (Python's `hash` differs per process)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def xact_lock(*names: str) -> None:
    """Inside a transaction, before its reads: wait for every other transaction holding any of `names` to end."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted({lock_key(name) for name in names}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])

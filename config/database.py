"""The database settings from DATABASE_URL (dj-database-url), with what the embedded SQLite default needs to let
the web server and the background worker write at once (N04, session 11: a login got "database is locked" while a
worker imported 37,878 postings).

SQLite has one writer at a time. WAL lets readers go on while a write transaction is open; `transaction_mode`
IMMEDIATE takes the write lock when a transaction begins, so a writer waits for it (up to `timeout` seconds, the
busy timeout) instead of failing when a read lock cannot be upgraded; and the long jobs keep their write
transactions short (the posting import validates and prepares every row before it opens one). Other databases
(PostgreSQL) are left as dj-database-url parses them.
"""

from __future__ import annotations

import dj_database_url

SQLITE_ENGINE = "django.db.backends.sqlite3"
SQLITE_BUSY_TIMEOUT_S = 20
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": SQLITE_BUSY_TIMEOUT_S,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database(url: str, *, conn_max_age: int = 60) -> dict:
    """One entry of DATABASES for `url`. A kept connection (`conn_max_age`) is checked before a request or task reuses
    it (`CONN_HEALTH_CHECKS`): after a PostgreSQL restart, a failover or an idle-connection killer, each web thread's
    first request answered 500 ("the connection is closed") and each worker thread's next task failed for good
    (ops28 #1); now the dead connection is replaced. The check is one `SELECT 1` on the first query of a request."""
    db = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=conn_max_age > 0)
    if db["ENGINE"] == SQLITE_ENGINE:
        db["CONN_MAX_AGE"] = 0
        db["OPTIONS"] = {**db.get("OPTIONS", {}), **SQLITE_OPTIONS}
    return db

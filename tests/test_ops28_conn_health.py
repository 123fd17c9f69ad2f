"""ops28 #1: a PostgreSQL connection kept between requests (CONN_MAX_AGE 60 s) is checked before it is reused.

Measured on PostgreSQL 15 behind gunicorn (3 × 4 threads) and run_huey: after `pg_terminate_backend` of the idle
connections (what a server restart or failover does), the first request on a thread answered 500 ("the connection is
closed") and the worker's next audit_seal_pending became a TaskFailure. Django's CONN_HEALTH_CHECKS replaces a dead
kept connection before the request or task uses it."""

from __future__ import annotations

from config.database import database


def test_a_kept_postgresql_connection_is_health_checked_before_reuse():
    db = database("postgres://jianfu:secret@db.example:5432/jianfu", conn_max_age=60)
    assert (db["ENGINE"], db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (
        "django.db.backends.postgresql",
        60,
        True,
    )


def test_no_check_when_connections_are_not_kept():
    """JIANFU_DB_CONN_MAX_AGE=0 (a connection per request, or a pooler in front): nothing to check; SQLite's
    connections are never kept (config/database.py)."""
    assert (
        database("postgres://jianfu:secret@db.example:5432/jianfu", conn_max_age=0)["CONN_HEALTH_CHECKS"]
        is False
    )
    assert database("sqlite:////tmp/x.sqlite3", conn_max_age=60)["CONN_MAX_AGE"] == 0

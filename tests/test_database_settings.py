"""N04 (session 11): the embedded SQLite default lets a second writer wait for the first (WAL, a busy timeout,
IMMEDIATE transactions); PostgreSQL is left as dj-database-url parses it."""

from __future__ import annotations

import threading
import time

from django.db.backends.sqlite3.base import DatabaseWrapper

from config.database import SQLITE_BUSY_TIMEOUT_S, database


def test_sqlite_gets_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    db = database(f"sqlite:///{tmp_path / 'x.sqlite3'}", conn_max_age=60)
    assert (db["CONN_MAX_AGE"], db["OPTIONS"]) == (0, {
        "transaction_mode": "IMMEDIATE", "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"})


def test_postgresql_is_unaffected():
    db = database("postgres://jianfu:secret@db.example:5432/jianfu", conn_max_age=60)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["CONN_MAX_AGE"], db.get("OPTIONS", {})) == (60, {})


def _connection(path, alias: str) -> DatabaseWrapper:
    settings = database(f"sqlite:///{path}")
    settings.update({"TIME_ZONE": None, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False, "CONN_HEALTH_CHECKS": False,
                     "TEST": {}})
    return DatabaseWrapper(settings, alias=alias)


def test_a_write_from_another_connection_waits_for_the_import_and_succeeds(tmp_path, django_db_blocker):
    """An import's write transaction holds the lock for 1.5 s; a login's write (another connection) made meanwhile
    waits for it (busy timeout) and succeeds, and the journal is WAL."""
    with django_db_blocker.unblock():      # two connections of our own to a file of our own, not the test database
        _write_during_a_write(tmp_path / "demo.sqlite3")


def _write_during_a_write(path) -> None:
    login = _connection(path, "login")
    with login.cursor() as c:
        c.execute("CREATE TABLE t (who text)")
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    holding = threading.Event()

    def long_write():
        importer = _connection(path, "importer")      # a connection belongs to the thread that made it
        with importer.cursor() as c:
            c.execute("BEGIN IMMEDIATE")
            c.execute("INSERT INTO t VALUES ('import')")
            holding.set()
            time.sleep(1.5)
            c.execute("COMMIT")
        importer.close()

    worker = threading.Thread(target=long_write)
    worker.start()
    assert holding.wait(5)
    started = time.perf_counter()
    with login.cursor() as c:
        c.execute("BEGIN IMMEDIATE")
        c.execute("INSERT INTO t VALUES ('login')")
        c.execute("COMMIT")
        waited = time.perf_counter() - started
        assert [r[0] for r in c.execute("SELECT who FROM t ORDER BY rowid")] == ["import", "login"]
    worker.join()
    assert 0.5 < waited < SQLITE_BUSY_TIMEOUT_S
    login.close()

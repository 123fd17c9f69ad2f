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


def test_a_locked_database_in_a_page_is_a_503_to_retry_not_a_500(rf):
    """If a writer still waits past the busy timeout, the page says 系统繁忙 with Retry-After (N04's "at least")."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import OperationalError

    from jianfu.core.middleware import ApplicationErrorMiddleware

    request = rf.post("/login/")
    request.user = AnonymousUser()
    middleware = ApplicationErrorMiddleware(lambda r: None)
    response = middleware.process_exception(request, OperationalError("database is locked"))
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    assert "系统正忙（有人正在写入大量数据），本次操作没有完成。请稍等几秒后重试。" in response.content.decode()
    # any other database error is left to Django (a 500 and its log)
    assert middleware.process_exception(request, OperationalError("no such table: x")) is None


def test_a_locked_database_outside_a_view_or_under_the_api_is_a_503_too(rf):
    """The diff review's D9: the session saved after a login fails in the middleware, where no view's handler sees it
    — Django's last handler (handler500) answers it as busy; under /api/ the answer is the API's JSON error shape."""
    import json

    from django.contrib.auth.models import AnonymousUser
    from django.db import OperationalError

    from jianfu.core.middleware import ApplicationErrorMiddleware
    from jianfu.core.views import server_error

    page = rf.post("/login/")
    page.user = AnonymousUser()
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(page)
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    try:
        raise OperationalError("no such table: x")
    except OperationalError:
        assert server_error(page).status_code == 500

    api = rf.post("/api/v1/employment/postings/")
    api.user = AnonymousUser()
    response = ApplicationErrorMiddleware(lambda r: None).process_exception(api, OperationalError("database is locked"))
    assert (response.status_code, response["Content-Type"]) == (503, "application/json")
    assert json.loads(response.content)["error"]["code"] == "busy"

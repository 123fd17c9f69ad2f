"""A worker killed in the middle of a held-size web import, for real (issue 8, session 12).

A real process (`import_worker.py`) runs the queued task's body, `importjobs.import_run`, on an upload of more than
`postings.CONFIRM_ABOVE` postings (held: 待确认). The test catches it inside the write transaction — after every new
employer and posting is inserted, as it records the import's audit entry — and kills it with SIGKILL. Then:
nothing is half-written (no posting of the batch, no employer it created, its fingerprints free), the batch is not
stuck (its claim names a dead process of this host, so it is stale at once; on another host, once the lease
expires; the periodic job shows it 已中断 with a Chinese message), and 重新导入 completes it exactly once.

It runs on SQLite (the worker on a file copy of the test database) and on PostgreSQL (the worker on the test
database itself; `DATABASE_URL=postgres://postgres@127.0.0.1:5432/jianfu_imports_test`). No sleep races the worker:
the test waits on database state (PostgreSQL: the worker's backend waiting for the audit table's lock) or on a file
the worker writes when it is inside the transaction (SQLite, where no lock can hold a writer mid-transaction).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from jianfu.core.errors import ConflictError
from jianfu.core.models import AuditRecord
from jianfu.employment import importjobs, postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import good, xlsx
from jianfu.registry.models import Organisation

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]
ROWS = postings.CONFIRM_ABOVE + 1    # the smallest file that is held
EMPLOYERS = 40
WAIT_S = 120                         # a bound on a failing wait, never a pause


def board() -> bytes:
    rows = [good(i, 统一社会信用代码="", 单位名称=f"合浦县海产加工厂{i % EMPLOYERS}", 岗位名称=f"分拣工{i}")
            for i in range(1, ROWS + 1)]
    rows[0] = good(1, 统一社会信用代码="", 单位名称="合浦县海产加工厂1", 岗位名称="分拣工1", 岗位描述="仓库理货，限男性")
    return xlsx(rows).getvalue()


def fingerprints(content: bytes) -> list[str]:
    """The duplicate fingerprints of the file's postings, as the import computes them."""
    from jianfu.employment.places import PlaceResolver
    from jianfu.registry.ledger.values import local_today

    columns, rows = postings._read_rows(SimpleUploadedFile("jobs.xlsx", content), "jobs.xlsx")
    resolver, today = PlaceResolver("450521"), local_today()
    return [postings.clean_posting(raw, resolver=resolver, today=today).fingerprint for _n, raw in rows]


def what_the_file_left() -> tuple:
    return (Posting.objects.count(), Organisation.objects.filter(name__startswith="合浦县海产加工厂").count(),
            AuditRecord.objects.filter(action="employment.posting.import").count())


def start_worker(batch_id: int, media: Path, database_url: str, paused_file: Path | None) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "JIANFU_MEDIA_ROOT": str(media)}
    args = [sys.executable, "-m", "jianfu.employment.tests.import_worker", str(batch_id)]
    if paused_file is not None:
        args.append(str(paused_file))
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until(found, worker: subprocess.Popen, what: str):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        value = found()
        if value:
            return value
        if worker.poll() is not None:
            pytest.fail(f"the worker ended ({worker.returncode}) before {what}: {worker.stderr.read()[-2000:]}")
        time.sleep(0.02)
    pytest.fail(f"timed out waiting for {what}")


def kill(worker: subprocess.Popen) -> None:
    os.kill(worker.pid, signal.SIGKILL)
    assert worker.wait(timeout=WAIT_S) == -signal.SIGKILL   # reaped: no zombie left to look alive


# ---------------------------------------------------------------- the two databases

def run_and_kill_on_sqlite(batch_id: int, media: Path, tmp_path: Path) -> str:
    from jianfu.employment.tests.test_killed_workers import load_from, save_to

    db = save_to(tmp_path / "worker.sqlite3")
    paused = tmp_path / "inside-the-write"
    worker = start_worker(batch_id, media, f"sqlite:///{db}", paused)
    wait_until(lambda: paused.exists() and paused.read_text(), worker, "the worker was inside its write transaction")
    assert int(paused.read_text()) == ROWS   # its transaction holds every posting of the file (diff review R04)
    kill(worker)
    load_from(db)    # what the killed worker left on disk (its uncommitted WAL frames are not part of it)
    return f"{socket.gethostname()}:{worker.pid}"


def run_and_kill_on_postgres(batch_id: int, media: Path, tmp_path: Path) -> str:
    import psycopg

    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    if s["PASSWORD"]:
        url = url.replace("@", f":{s['PASSWORD']}@", 1)
    audit = AuditRecord._meta.db_table
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as locker, \
            psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as watcher:
        locker.execute(f'LOCK TABLE "{audit}" IN EXCLUSIVE MODE')   # reads go on; the audit insert waits
        worker = start_worker(batch_id, media, url, None)

        def blocked_inside_the_write():
            return watcher.execute(
                "SELECT pid, backend_xid IS NOT NULL FROM pg_stat_activity WHERE datname = %s "
                "AND wait_event_type = 'Lock' AND query LIKE %s", (s["NAME"], f'INSERT INTO "{audit}"%')).fetchone()

        pid, has_written = wait_until(blocked_inside_the_write, worker,
                                      "the worker waited for the audit table inside its transaction")
        assert has_written   # its transaction holds writes: the employers and postings, inserted before
        # and they are the postings and employers themselves (diff review R04): row locks taken by its inserts
        tables = {r[0] for r in watcher.execute(
            "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = %s AND l.mode = 'RowExclusiveLock' AND l.granted", (pid,)).fetchall()}
        assert {Posting._meta.db_table, Organisation._meta.db_table} <= tables, tables
        kill(worker)
        locker.rollback()   # the lock goes; the server finds the client gone and rolls its transaction back
        _wait_gone(watcher, pid)
    return f"{socket.gethostname()}:{worker.pid}"


def _wait_gone(watcher, pid: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()[0]:
        assert time.monotonic() < deadline, "the killed worker's server process did not end"
        time.sleep(0.02)


# ---------------------------------------------------------------- the test

def test_a_worker_killed_inside_a_held_import_writes_nothing_and_the_rerun_completes_once(world, tmp_path, settings,
                                                                                          monkeypatch):
    if connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip(f"no way to catch the worker on {connection.vendor}")
    queued: list[int] = []   # the queue: the test hands the batch to the worker itself
    monkeypatch.setattr(importjobs, "_schedule", queued.append)
    content = board()
    office = world.users["county_office"]
    batch = importjobs.import_request(actor=office, upload=SimpleUploadedFile("jobs.xlsx", content))
    before = what_the_file_left()
    assert before == (0, 0, 0)

    run_and_kill = run_and_kill_on_sqlite if connection.vendor == "sqlite" else run_and_kill_on_postgres
    dead_worker = run_and_kill(batch.pk, Path(settings.MEDIA_ROOT), tmp_path)

    # nothing half-written: no posting, no employer, no audit entry of the import; its fingerprints are free
    assert what_the_file_left() == before
    prints = fingerprints(content)
    assert len(set(prints)) == ROWS and not Posting.objects.filter(fingerprint__in=prints).exists()
    # not stuck: the claim names the dead process, so the batch is stale at once on this host …
    batch.refresh_from_db()
    # (host:pid, then this boot's id and the process's start time: registry.imports.worker_identity)
    assert (batch.status, batch.worker.split(":")[:2]) == ("committing", dead_worker.split(":"))
    assert batch.worker.count(":") == 3
    assert importjobs.is_stale(batch) and not importjobs.is_busy(batch) and batch.file
    # … and a claim of a worker on another host holds until its lease expires
    PostingImport.objects.filter(pk=batch.pk).update(worker="another-host:1")
    batch.refresh_from_db()
    assert not importjobs.is_stale(batch)
    with pytest.raises(ConflictError):
        importjobs.import_retry(actor=office, batch=batch)   # refused while the lease holds: nothing changes
    assert PostingImport.objects.get(pk=batch.pk).status == "committing"
    PostingImport.objects.filter(pk=batch.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    batch.refresh_from_db()
    assert importjobs.is_stale(batch)
    # the periodic job shows it interrupted, in Chinese, and the page offers 重新导入
    assert importjobs.import_recover_stale() == 1
    batch.refresh_from_db()
    assert (batch.status, batch.error_message) == (
        "interrupted", "上次导入被中断（后台任务进程停止），没有写入任何数据；可以重新导入或放弃。")
    page = world.client("county_office").get(f"/employment/postings/import/{batch.pk}/").content.decode()
    assert batch.error_message in page and "重新导入" in page

    # 重新导入: the re-run completes, held, exactly once
    importjobs.import_retry(actor=office, batch=batch)
    assert queued == [batch.pk, batch.pk]   # at the upload and at the retry
    importjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.employers_created, batch.flagged_count) == (
        "awaiting", ROWS, EMPLOYERS, 1)
    done = what_the_file_left()
    assert done == (ROWS, EMPLOYERS, 1)
    assert sorted(set(Posting.objects.filter(batch=batch).values_list("status", flat=True))) == ["pending"]
    assert sorted(Posting.objects.values_list("fingerprint", flat=True)) == sorted(prints)
    # a second run of the task (a duplicate delivery) and the periodic job change nothing
    assert importjobs.import_run(batch_id=batch.pk).status == "awaiting"
    assert importjobs.import_recover_stale() == 0
    assert what_the_file_left() == done
    postings.import_confirm(actor=office, batch=batch)
    assert Posting.objects.filter(batch=batch, status="open").count() == ROWS - 1

"""kill -9 of a worker in the middle of the ledger refresh task (e2e22). A real worker process (`killed_refresh.py`)
runs the task on a file copy of the test database and is killed with SIGKILL at a kill point; the database it leaves
holds nothing of the run, and the check marker is not stuck: the next save queues the check again, and so does the
periodic sweep, and the run gives the findings an uninterrupted one gives. (test_refresh.py raises a BaseException at
the same places inside one process; this kills the process.)"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.core.testing.sqlite_copies import load_from, save_to
from jianfu.monitor import selectors, services, tasks
from jianfu.monitor.models import Finding, FindingsRefresh

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the worker runs on a SQLite file copy"),
]
ROOT = Path(__file__).resolve().parents[3]
COUNTY = "450521000000"




def kill_mid_task(db: Path, kill_point: str) -> None:
    """Start the worker, wait until it reports being at `kill_point`, kill -9 it."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "jianfu.monitor.tests.killed_refresh", str(db), COUNTY, "2025", kill_point],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = worker.stdout.readline().strip()
        if line != kill_point:
            worker.wait(timeout=60)
            raise AssertionError((line, worker.returncode, worker.stderr.read()[-2000:]))
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        worker.stdout.close()
        worker.stderr.close()


def _meeting(office, title: str, speech: int):
    return services.ledger_create(
        actor=office,
        kind="meeting",
        data={
            "date": "2025-03-01",
            "title": title,
            "issuer": "林业局",
            "duration_minutes": "150",
            "speech_minutes": str(speech),
        },
    )


def _findings() -> list[tuple]:
    return sorted(Finding.objects.values_list("rule_code", "row_id", "summary", "status"))


def _marker() -> tuple:
    m = FindingsRefresh.objects.get(county_code=COUNTY, year=2025)
    return m.requested, m.done, m.queued


@pytest.fixture
def queue(monkeypatch):
    """The queue: what was enqueued, for the test to run as the next worker would."""
    enqueued: list[tuple[str, int, float]] = []
    monkeypatch.setattr(
        tasks, "enqueue_refresh", lambda county, year, *, delay: enqueued.append((county, year, delay))
    )
    return enqueued


@pytest.mark.parametrize("kill_point", ["claim", "evaluate"])
def test_a_worker_killed_mid_refresh_leaves_nothing_half_written_and_the_check_is_picked_up_again(
    world, queue, tmp_path, kill_point
):
    services.rules_seed()
    office = world.users["county_office"]
    first = _meeting(office, "森林防火推进会", speech=90)  # a speech over an hour: one finding
    assert queue == [(COUNTY, 2025, 0.0)] and _marker() == (1, 0, True) and _findings() == []
    audits = AuditRecord.objects.filter(action="monitor.findings.evaluate").count()
    db = save_to(tmp_path / "worker.sqlite3")
    kill_mid_task(db, kill_point)
    load_from(db)
    # nothing half-written: no finding, no evaluation audit; the page still says the check is under way
    assert _findings() == []
    assert AuditRecord.objects.filter(action="monitor.findings.evaluate").count() == audits
    assert selectors.findings_pending(county_code=COUNTY, year=2025)
    claimed = kill_point == "evaluate"
    assert _marker() == (1, 0, not claimed)  # killed before its claim committed: still "queued"
    queue.clear()
    # not stuck: a task that has not claimed its marker a minute after it was due was lost — the next save queues
    # the check again (at once when the claim had committed) …
    later = timezone.now() + (dt.timedelta(0) if claimed else services.REFRESH_LOST + dt.timedelta(seconds=1))
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert services.findings_refresh_sweep() == 1  # … and so does the sweep, once
        assert services.findings_refresh_sweep() == 0
    assert queue == [(COUNTY, 2025, 0.0)]
    second = _meeting(office, "林长制工作会", speech=70)
    assert _marker() == (2, 0, True) and len(queue) == 1  # queued already: the save rides on that task
    assert services.findings_refresh_run(county_code=COUNTY, year=2025) == 2
    assert [(code, row) for code, row, _s, _st in _findings()] == [
        ("P6-MTG-SPEECH", first.pk),
        ("P6-MTG-SPEECH", second.pk),
    ]
    assert _marker() == (2, 2, False) and not selectors.findings_pending(county_code=COUNTY, year=2025)


def test_a_save_after_a_killed_claim_queues_the_check_again_once_it_is_overdue(world, queue, tmp_path):
    """Before e2e22 a save left the killed task's marker alone for REFRESH_STALE (15 minutes, then up to 5 more for
    the sweep): "正在检查…" stayed and nothing ran."""
    services.rules_seed()
    office = world.users["county_office"]
    _meeting(office, "森林防火推进会", speech=90)
    db = save_to(tmp_path / "worker.sqlite3")
    kill_mid_task(db, "claim")
    load_from(db)
    queue.clear()
    _meeting(office, "十秒后保存的会议", speech=0)  # within the minute: the task may only be late
    assert queue == [] and _marker() == (2, 0, True)
    with mock.patch(
        "django.utils.timezone.now",
        return_value=timezone.now() + services.REFRESH_LOST + dt.timedelta(seconds=1),
    ):
        _meeting(office, "一分钟后保存的会议", speech=0)
    assert queue == [(COUNTY, 2025, 0.0)] and _marker() == (3, 0, True)
    assert services.findings_refresh_run(county_code=COUNTY, year=2025) == 1
    assert _marker() == (3, 3, False)

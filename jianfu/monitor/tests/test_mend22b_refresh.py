"""mend22b #4 and #5 (security22): single saves posted by a program in a loop make a burst (the rows' rhythm), a
person's save is still checked at once, and two evaluations of one county-year never run together (two workers, two
single saves: duplicate engine findings on PostgreSQL)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from jianfu.monitor import services, tasks
from jianfu.monitor.models import Finding, FindingsRefresh, LedgerMeeting

COUNTY = "450521000000"
QUIET = services.REFRESH_QUIET.total_seconds()


def _meeting(office, title: str, speech: int = 0):
    return services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": title, "issuer": "林业局", "duration_minutes": str(max(60, speech)),
        "speech_minutes": str(speech)})


class FastWorker:
    """Stands in for huey with a worker faster than the client: a task due at once runs before the next save; a
    delayed one waits for `drain` (the clock moved past the quiet window)."""

    def __init__(self):
        self.enqueued: list[float] = []
        self.waiting: list[tuple[str, int]] = []
        self.runs = 0

    def enqueue(self, county_code: str, year: int, *, delay: float) -> None:
        self.enqueued.append(delay)
        if delay <= 0:
            self.run(county_code, year)
        else:
            self.waiting.append((county_code, year))

    def run(self, county_code: str, year: int) -> object:
        result = services.findings_refresh_run(county_code=county_code, year=year)
        self.runs += isinstance(result, int)
        return result

    def drain(self, now: dt.datetime) -> list[object]:
        pending, self.waiting = self.waiting, []
        with mock.patch("django.utils.timezone.now", return_value=now + services.REFRESH_QUIET + dt.timedelta(seconds=1)):
            return [self.run(c, y) for c, y in pending]


@pytest.fixture
def worker(monkeypatch) -> FastWorker:
    w = FastWorker()
    monkeypatch.setattr(tasks, "enqueue_refresh", w.enqueue)
    return w


@pytest.mark.django_db
def test_single_rows_posted_in_a_loop_become_a_burst_checked_once_more_at_its_end(world, worker,
                                                                                  django_capture_on_commit_callbacks):
    api = world.api_client("county_office")
    now = timezone.now()
    for i in range(20):
        with mock.patch("django.utils.timezone.now", return_value=now), \
                django_capture_on_commit_callbacks(execute=True):
            response = api.post("/api/v1/monitor/ledgers/meeting/", {
                "date": "2025-03-01", "title": f"推进会{i}", "issuer": "林业局", "duration_minutes": 120,
                "speech_minutes": 90 if i == 19 else 0}, format="json")
        assert response.status_code == 201, response.json()
    # the first two are checked at once; the third makes the run rapid: one task waits for the burst's end
    assert worker.enqueued == [0.0, 0.0, QUIET] and worker.runs == 2
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued, marker.rapid, marker.burst_at) == (20, 2, True, 20, now)
    assert worker.drain(now) == [1] and worker.runs == 3
    assert list(Finding.objects.values_list("rule_code", flat=True)) == ["P6-MTG-SPEECH"]     # the last row is in
    marker.refresh_from_db()
    assert (marker.requested, marker.done, marker.queued) == (20, 20, False)


@pytest.mark.django_db
def test_a_person_s_saves_seconds_apart_are_each_checked_at_once(world, worker, django_capture_on_commit_callbacks):
    office = world.users["county_office"]
    start = timezone.now()
    for i in range(5):
        moment = start + (services.RAPID_GAP + dt.timedelta(seconds=1)) * i
        with mock.patch("django.utils.timezone.now", return_value=moment), \
                django_capture_on_commit_callbacks(execute=True):
            _meeting(office, f"手工登记{i}")
    assert worker.enqueued == [0.0] * 5 and worker.runs == 5
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued, marker.rapid, marker.burst_at) == (5, 5, False, 1, None)


@pytest.mark.django_db
def test_two_quick_saves_are_not_yet_a_burst(world, worker, django_capture_on_commit_callbacks):
    office = world.users["county_office"]
    now = timezone.now()
    for title in ("一", "二"):          # a double submit: still checked at once
        with mock.patch("django.utils.timezone.now", return_value=now), \
                django_capture_on_commit_callbacks(execute=True):
            _meeting(office, title)
    assert worker.enqueued == [0.0, 0.0]
    assert FindingsRefresh.objects.values_list("rapid", "burst_at").get() == (2, None)


@pytest.mark.django_db(transaction=True)
def test_two_evaluations_of_one_county_year_never_insert_the_same_findings(world, monkeypatch):
    """security22 #5: the second single save's task is taken while the first's check runs. Before the fix both
    reached the insert on PostgreSQL (a barrier held them there) and the finding was written twice; now the second
    waits for the first's commit (`services._lock_county_year`) and finds its finding."""
    office = world.users["county_office"]
    monkeypatch.setattr(tasks, "enqueue_refresh", lambda *a, **k: None)
    first = _meeting(office, "手工登记一", speech=70)
    both_inserting = threading.Barrier(2, timeout=3)     # serialised, the second never comes: the first goes on
    insert = services._insert_findings

    def held_insert(rows):
        with contextlib.suppress(threading.BrokenBarrierError):
            both_inserting.wait()
        return insert(rows)

    monkeypatch.setattr(services, "_insert_findings", held_insert)
    results: dict[str, object] = {}

    def run(name: str) -> None:
        try:
            results[name] = services.findings_refresh_run(county_code=COUNTY, year=2025)
        finally:
            connection.close()

    a = threading.Thread(target=run, args=("A",))
    a.start()
    if connection.vendor != "postgresql":
        # SQLite has one write lock (IMMEDIATE transactions) and its in-memory test database refuses a second writer
        # at once ("table is locked"): the two runs can only follow each other there; the race is PostgreSQL's
        a.join(30)
    _meeting(office, "手工登记二")
    b = threading.Thread(target=run, args=("B",))
    b.start()
    a.join(30)
    b.join(30)
    assert list(Finding.objects.values_list("rule_code", "row_id")) == [("P6-MTG-SPEECH", first.pk)]
    assert LedgerMeeting.objects.count() == 2
    assert FindingsRefresh.objects.values_list("requested", "done").get() == (2, 2)

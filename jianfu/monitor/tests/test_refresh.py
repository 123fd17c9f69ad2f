"""The debounced re-evaluation (one run per burst of writes, never missing the last one) and a worker
killed mid-run (nothing half-written, nothing stuck, the next run equal to an uninterrupted one)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.monitor import services, tasks
from jianfu.monitor.models import Finding, FindingsRefresh, LedgerMeeting, LedgerPlaque, Rule

pytestmark = pytest.mark.django_db
COUNTY = "450521000000"


class Queue:
    """Stands in for huey: records what was enqueued; `drain` runs it as a worker would, with the
    clock moved past the quiet window."""

    def __init__(self):
        self.enqueued: list[tuple[str, int, float]] = []
        self.runs = 0

    def enqueue(self, county_code: str, year: int, *, delay: float) -> None:
        self.enqueued.append((county_code, year, delay))

    def drain(self, *, later: dt.timedelta = services.REFRESH_QUIET + dt.timedelta(seconds=1)) -> list:
        results = []
        pending, self.enqueued = self.enqueued, []
        with mock.patch("django.utils.timezone.now", return_value=timezone.now() + later):
            for county_code, year, _delay in pending:
                results.append(services.findings_refresh_run(county_code=county_code, year=year))
        return results


@pytest.fixture
def queue(monkeypatch):
    q = Queue()
    monkeypatch.setattr(tasks, "enqueue_refresh", q.enqueue)
    evaluate = services.findings_evaluate

    def counted(**kwargs):
        q.runs += 1
        return evaluate(**kwargs)

    monkeypatch.setattr(services, "findings_evaluate", counted)
    return q


def _at(moment: dt.datetime) -> Any:
    """The clock stopped at `moment` (a burst's remaining wait is counted to the microsecond)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _meeting(office, title: str, minutes: int = 60, speech: int = 0):
    return services.ledger_create(actor=office, kind="meeting", data={
        "date": "2025-03-01", "title": title, "issuer": "林业局", "duration_minutes": str(max(minutes, speech)),
        "speech_minutes": str(speech)})


def _plaque_rows(n: int, start: int = 0) -> list[tuple[int, dict]]:
    return [(i + 2, {"date": "2025-01-10", "title": f"牌子{i}", "issuer": "林业局", "placement": "outside"})
            for i in range(start, start + n)]


def test_an_import_of_500_rows_and_ten_saves_cause_one_run(world, queue, django_capture_on_commit_callbacks):
    office = world.users["county_office"]
    with _at(timezone.now()), django_capture_on_commit_callbacks(execute=True):
        services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=_plaque_rows(500))
        for i in range(10):
            _meeting(office, f"会议{i}", speech=90 if i == 9 else 0)
    assert queue.enqueued == [(COUNTY, 2025, services.REFRESH_QUIET.total_seconds())]
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued) == (11, 0, True)
    assert queue.drain() == [2] and queue.runs == 1
    # the last save (a 90-minute speech) is in: its finding and the plaques' one
    assert sorted(Finding.objects.values_list("rule_code", flat=True)) == ["P6-MTG-SPEECH", "P6A-PLAQUE-OUT"]
    marker.refresh_from_db()
    assert (marker.requested, marker.done, marker.queued, marker.runs) == (11, 11, False, 1)


def test_one_save_is_checked_at_once(world, queue, django_capture_on_commit_callbacks):
    """fix-monitor21: one meeting saved by hand showed 正在检查… for 13.5-44 s — the 20 s quiet window meant for imports."""
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "手工登记", speech=70)
    assert queue.enqueued == [(COUNTY, 2025, 0.0)]
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued, marker.burst_at) == (1, 0, True, None)
    assert queue.drain(later=dt.timedelta(0)) == [1] and queue.runs == 1     # run as soon as a worker takes it
    marker.refresh_from_db()
    assert (marker.requested, marker.done, marker.queued, marker.runs) == (1, 1, False, 1)
    # the next save, a while later, is checked at once too
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "又一次手工登记")
    assert queue.enqueued == [(COUNTY, 2025, 0.0)]


def test_an_import_burst_is_checked_once_after_its_quiet_window(world, queue, django_capture_on_commit_callbacks):
    village = world.users["village_a"]
    started = timezone.now()
    with _at(started), django_capture_on_commit_callbacks(execute=True):
        services.ledger_bulk_create(actor=village, kind="plaque", rows=_plaque_rows(5))
    assert queue.enqueued == [(COUNTY, 2025, 20.0)]
    # three more imports 5 s apart while the task waits: each only bumps the marker
    for i in range(1, 4):
        with _at(started + dt.timedelta(seconds=5 * i)), django_capture_on_commit_callbacks(execute=True):
            services.ledger_bulk_create(actor=village, kind="plaque", rows=_plaque_rows(1, start=4 + i))
    assert queue.enqueued == [(COUNTY, 2025, 20.0)]
    # the task, taken 20 s after the first import, waits for 20 s after the last one (15 s then): no run yet
    with _at(started + dt.timedelta(seconds=20)):
        assert services.findings_refresh_run(county_code=COUNTY, year=2025) == 15.0
    assert queue.runs == 0
    assert queue.drain(later=dt.timedelta(seconds=36)) == [1] and queue.runs == 1
    assert Finding.objects.get().summary == "村（社区）办公场所外部挂牌 8 块（台账中状态为“保留”的，含往年登记的），超过 6 块。"
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued, marker.runs) == (4, 4, False, 1)
    assert queue.enqueued == []


def test_a_save_during_an_import_burst_queues_nothing_more(world, queue, django_capture_on_commit_callbacks):
    office = world.users["county_office"]
    with _at(timezone.now()), django_capture_on_commit_callbacks(execute=True):
        services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=_plaque_rows(3))
        _meeting(office, "导入期间保存", speech=90)
    assert queue.enqueued == [(COUNTY, 2025, 20.0)]
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued) == (2, 0, True)
    # the burst's task, taken early, still waits for the burst (the save does not cut it short) ...
    [wait] = queue.drain(later=dt.timedelta(seconds=5))
    assert isinstance(wait, float) and 14 < wait <= 15 and queue.runs == 0
    # ... then one run judges both the import and the save
    queue.enqueued = [(COUNTY, 2025, wait)]
    assert queue.drain() == [1] and queue.runs == 1
    assert list(Finding.objects.values_list("rule_code", flat=True)) == ["P6-MTG-SPEECH"]
    marker.refresh_from_db()
    assert (marker.requested, marker.done, marker.runs) == (2, 2, 1)


def test_a_single_save_queued_just_before_an_import_waits_for_its_burst(world, queue,
                                                                        django_capture_on_commit_callbacks):
    with _at(timezone.now()):
        with django_capture_on_commit_callbacks(execute=True):
            _meeting(world.users["county_office"], "导入前保存")
        with django_capture_on_commit_callbacks(execute=True):
            services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=_plaque_rows(7))
    assert queue.enqueued == [(COUNTY, 2025, 0.0)]      # the save's, queued before the import came: nothing more
    [wait] = queue.drain(later=dt.timedelta(seconds=1))
    assert isinstance(wait, float) and 18 < wait <= 19 and queue.runs == 0
    queue.enqueued = [(COUNTY, 2025, wait)]             # the task queues itself again (tasks.findings_refresh)
    assert queue.drain() == [1] and queue.runs == 1


def test_the_run_waits_while_imports_keep_coming_but_not_for_ever(world, queue, django_capture_on_commit_callbacks):
    with _at(timezone.now()), django_capture_on_commit_callbacks(execute=True):
        services.ledger_bulk_create(actor=world.users["village_a"], kind="plaque", rows=_plaque_rows(1))
    # a worker picking the task up before the quiet window ends looks again later, without running
    [wait] = queue.drain(later=dt.timedelta(seconds=5))
    assert isinstance(wait, float) and 14 < wait <= 15 and queue.runs == 0
    # imports every 10 s for ever: the maximum wait since queueing still makes it run
    FindingsRefresh.objects.update(burst_at=timezone.now() + services.REFRESH_MAX_WAIT)
    queue.enqueued = [(COUNTY, 2025, 0.0)]
    assert queue.drain(later=services.REFRESH_MAX_WAIT + dt.timedelta(seconds=1)) == [0] and queue.runs == 1


def test_a_write_during_a_run_is_not_missed(world, queue, django_capture_on_commit_callbacks):
    office = world.users["county_office"]
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(office, "会前")
    evaluate = services.findings_evaluate

    def write_meanwhile(**kwargs):
        # another user saves while the rules run (after the run read the ledgers)
        result = evaluate(**kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            _meeting(office, "会中保存", speech=75)
        return result

    with mock.patch.object(services, "findings_evaluate", write_meanwhile):
        assert queue.drain() == [0]
    assert not Finding.objects.exists()
    # the write queued a new run, which finds it (once its own quiet window has passed)
    assert [(c, y) for c, y, _d in queue.enqueued] == [(COUNTY, 2025)]
    assert queue.drain(later=3 * services.REFRESH_QUIET) == [1]
    assert list(Finding.objects.values_list("rule_code", flat=True)) == ["P6-MTG-SPEECH"]
    assert queue.drain() == []


def test_a_rolled_back_write_queues_nothing(world, queue, django_capture_on_commit_callbacks):
    class Abort(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Abort), transaction.atomic():
        _meeting(world.users["county_office"], "没保存")
        raise Abort
    assert queue.enqueued == [] and not FindingsRefresh.objects.exists() and not LedgerMeeting.objects.exists()


def test_in_immediate_mode_each_write_runs_at_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "立即", speech=80)
    assert list(Finding.objects.values_list("rule_code", flat=True)) == ["P6-MTG-SPEECH"]
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued) == (1, 1, False)


# ------------------------------------------------------------------------------- killed mid-run

class WorkerKilled(BaseException):
    """What a SIGKILL looks like from inside: nothing after this line runs, no `except Exception`."""


def _snapshot():
    return sorted(Finding.objects.values_list("rule_code", "ledger", "row_id", "org_code", "issuer_code", "summary",
                                              "severity", "month", "status", "resolution"))


@pytest.mark.parametrize("where", ["_insert_findings", "bulk_update", "audit_record"])
def test_a_worker_killed_mid_run_leaves_nothing_half_written_or_stuck(world, queue, where,
                                                                      django_capture_on_commit_callbacks):
    office, village = world.users["county_office"], world.users["village_a"]
    with django_capture_on_commit_callbacks(execute=True):
        plaques = services.ledger_bulk_create(actor=village, kind="plaque", rows=_plaque_rows(7))
        long = _meeting(office, "长会", minutes=300, speech=90)
        _meeting(office, "短会", speech=70)
    queue.drain()
    confirmed = Finding.objects.get(rule_code="P6A-PLAQUE-OUT")
    services.finding_confirm(actor=office, pk=confirmed.pk, note="督促摘牌")
    dismissed = Finding.objects.get(rule_code="P6-MTG-HALFDAY")
    services.finding_dismiss(actor=office, pk=dismissed.pk, note="法定会议")
    # then the ledgers change: a finding to add (a plaque more: the count's summary changes), one to
    # remove (the long meeting shortened), one to keep
    with django_capture_on_commit_callbacks(execute=True):
        services.ledger_bulk_create(actor=village, kind="plaque", rows=_plaque_rows(1, start=7))
        services.ledger_update(actor=office, kind="meeting", pk=long.pk, data={"duration_minutes": "120",
                                                                                "speech_minutes": "30"})
        services.ledger_create(actor=office, kind="secondment", data={
            "date": "2025-02-01", "title": "借调", "issuer": "林业局", "from_unit": "450521200206", "months": "3"})
    pending = list(queue.enqueued)
    # what an uninterrupted run gives (done in a savepoint, then undone)
    with transaction.atomic():
        queue.drain()
        expected = _snapshot()
        transaction.set_rollback(True)
    queue.enqueued = pending
    before, audits = _snapshot(), AuditRecord.objects.filter(action="monitor.findings.evaluate").count()
    assert expected != before

    target = {"_insert_findings": "jianfu.monitor.services._insert_findings",
              "bulk_update": "django.db.models.query.QuerySet.bulk_update",
              "audit_record": "jianfu.monitor.services.audit_record"}[where]
    with mock.patch(target, side_effect=WorkerKilled), pytest.raises(WorkerKilled):
        queue.drain()
    # nothing half-written: the findings, their triage and the audit are as before the run
    assert _snapshot() == before
    assert AuditRecord.objects.filter(action="monitor.findings.evaluate").count() == audits
    # nothing stuck: the marker still says "to do", and the sweep queues it again
    marker = FindingsRefresh.objects.get()
    assert marker.done < marker.requested and not marker.queued
    assert services.findings_refresh_sweep() == 1 and services.findings_refresh_sweep() == 0
    queue.drain()
    assert _snapshot() == expected
    kept = {f.pk: (f.status, f.resolution) for f in Finding.objects.filter(pk__in=[confirmed.pk, dismissed.pk])}
    assert kept == {confirmed.pk: ("confirmed", "督促摘牌")}  # the dismissed one's meeting no longer qualifies
    assert Finding.objects.get(rule_code="P6A-PLAQUE-OUT").summary == "村（社区）办公场所外部挂牌 8 块（台账中状态为“保留”的，含往年登记的），超过 6 块。"
    assert LedgerPlaque.objects.count() == len(plaques) + 1
    marker.refresh_from_db()
    assert marker.done == marker.requested


def test_a_task_lost_with_its_queue_is_queued_again_by_the_sweep(world, queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "丢失的任务", speech=70)
    queue.enqueued = []  # the queue lost it (a Redis flush, a crash before the worker took it)
    assert services.findings_refresh_sweep() == 0  # queued recently: still expected to run
    FindingsRefresh.objects.update(queued_at=timezone.now() - services.REFRESH_STALE - dt.timedelta(seconds=1))
    assert services.findings_refresh_sweep() == 1
    assert queue.drain() == [1]


def test_a_queue_that_is_down_does_not_fail_the_committed_write(world, monkeypatch, django_capture_on_commit_callbacks):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is not reachable")

    monkeypatch.setattr(tasks, "enqueue_refresh", down)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _meeting(world.users["county_office"], "队列中断时保存的会议", speech=70)
    assert LedgerMeeting.objects.filter(pk=meeting.pk).exists()          # the save stands, no 500
    marker = FindingsRefresh.objects.get()
    assert (marker.requested, marker.done, marker.queued) == (1, 0, False)  # left for the next write or sweep
    recorded = []
    monkeypatch.setattr(tasks, "enqueue_refresh", lambda county_code, year, *, delay: recorded.append((county_code, year)))
    assert services.findings_refresh_sweep() == 1 and recorded == [(COUNTY, 2025)]


def test_a_rule_change_judges_every_year_the_county_has_again(world, queue, django_capture_on_commit_callbacks):
    office = world.users["county_office"]
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(office, "去年的会议", speech=90)
    queue.drain()
    queue.enqueued = []
    with django_capture_on_commit_callbacks(execute=True):
        rule = Rule.objects.get(code="P6-MTG-SPEECH", county_code="")
        services.rule_toggle(actor=office, pk=rule.pk, enabled=False)
    assert sorted(year for _c, year, _d in queue.enqueued) == sorted({2025, timezone.localdate().year})
    queue.drain()
    assert not Finding.objects.filter(rule_code="P6-MTG-SPEECH").exists()


def test_a_task_overdue_by_a_minute_was_lost_but_one_waiting_for_its_burst_was_not(world, queue,
                                                                                    django_capture_on_commit_callbacks):
    """e2e22: a worker killed as it took its task (before the claim) left the marker queued; the next save and the sweep
    now queue it again once it is REFRESH_LOST overdue — not a task still waiting for its burst to go quiet."""
    with django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "被中断的检查", speech=70)
    queue.enqueued = []
    now = timezone.now()
    lost, quiet, most = services.REFRESH_LOST, services.REFRESH_QUIET, services.REFRESH_MAX_WAIT
    second = dt.timedelta(seconds=1)
    cases = [  # (queued this long ago, the last bulk write this long ago or None) → queued again?
        (lost - second, None, 0), (lost + second, None, 1),                 # a single save's task: due at once
        (2 * lost, dt.timedelta(seconds=5), 0),                             # its burst goes on
        (quiet + lost + second, quiet + lost - second, 0),                  # the burst went quiet under a minute ago
        (quiet + lost + 2 * second, quiet + lost + second, 1),              # … over a minute ago
        (most + lost + second, dt.timedelta(seconds=5), 1),                 # past the longest wait by a minute
    ]
    found = []
    for queued_ago, burst_ago, _expected in cases:
        FindingsRefresh.objects.update(queued=True, queued_at=now - queued_ago, requeued_at=None,  # never re-queued
                                       burst_at=None if burst_ago is None else now - burst_ago)
        with _at(now):
            found.append(services.findings_refresh_sweep())
    assert found == [expected for *_c, expected in cases]
    assert len(queue.enqueued) == 3


def test_a_slow_queue_gets_one_extra_check_per_ten_minutes_not_one_per_pass(world, queue,
                                                                            django_capture_on_commit_callbacks):
    """mend23a: a task queued at 10:00 that a slow queue has not taken: the sweep's passes at 10:02, 10:05 and 10:09
    (and a save at 10:07) queue it again once, at 10:02; the pass at 10:12 (10 min after that) once more; a claim
    clears the hold, so a task lost later is replaced a minute after it was due, as before."""
    assert dt.timedelta(minutes=10) == services.REFRESH_REQUEUE_EVERY
    start = timezone.now()
    with _at(start), django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "排队很慢的检查", speech=70)
    assert len(queue.enqueued) == 1
    queue.enqueued = []  # still waiting in the slow queue: never taken

    def sweep(minutes: int) -> int:
        with _at(start + dt.timedelta(minutes=minutes)):
            return services.findings_refresh_sweep()

    assert [sweep(2), sweep(5)] == [1, 0]
    with _at(start + dt.timedelta(minutes=7)), django_capture_on_commit_callbacks(execute=True):
        _meeting(world.users["county_office"], "慢队列中又保存的会议", speech=80)
    assert sweep(9) == 0
    assert len(queue.enqueued) == 1
    marker = FindingsRefresh.objects.get()
    assert (marker.queued, marker.requeued_at) == (True, start + dt.timedelta(minutes=2))
    assert [sweep(11), sweep(12)] == [0, 1]           # 9 min after the re-queue: held; 10 min: queued again
    assert len(queue.enqueued) == 2
    assert queue.drain() == [2, None]                  # the first task runs; its duplicate finds nothing to do
    marker.refresh_from_db()
    assert (marker.queued, marker.requeued_at, marker.done, marker.requested) == (False, None, 2, 2)

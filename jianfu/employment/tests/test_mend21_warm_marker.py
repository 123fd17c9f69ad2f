"""mend21 #5: the warm task's one-run-at-a-time marker (`tasks.WARM_RUNNING`) expired WARM_RUN_TIMEOUT after the run
took it, so a run longer than that let a second one start beside it. A live run now renews it as it goes (after the
county's text model, after each scope), and a run killed mid-way (no `finally`) lets it lapse within the expiry.
The clock is the cache's own (`time.time` as the local-memory cache reads it), moved by the test."""

from __future__ import annotations

import types

import pytest
from django.core.cache import cache
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem

from jianfu.employment import matchsvc, tasks
from jianfu.employment.tests.test_seeker_index import people

T = tasks.WARM_RUN_TIMEOUT


@pytest.fixture
def clock(monkeypatch, settings):
    # the local-memory cache whatever the run's own (CI's PostgreSQL pass caches in Redis, whose expiry this clock
    # cannot move)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "warm-marker-clock"}}
    now = [1_000_000.0]
    fake = types.SimpleNamespace(time=lambda: now[0])
    monkeypatch.setattr(locmem, "time", fake)
    monkeypatch.setattr(cache_base, "time", fake)
    for key in (tasks.WARM_PENDING, tasks.WARM_RUNNING, tasks.WARM_DIRTY):
        cache.delete(key)
    yield now
    for key in (tasks.WARM_PENDING, tasks.WARM_RUNNING, tasks.WARM_DIRTY):
        cache.delete(key)


def test_a_run_longer_than_the_expiry_keeps_its_marker_and_no_second_run_starts(clock, monkeypatch):
    asked: list[bool] = []
    second: list[int] = []
    steps: list[float] = []

    def warm(progress=None) -> int:
        for _ in range(3):                 # three scopes of 0.6 × the expiry each: 1.8 × it in all
            clock[0] += 0.6 * T
            (progress or (lambda: None))()
            steps.append(clock[0])
        if not asked:                      # another worker's run, asked for now (once)
            asked.append(True)
            second.append(tasks.seeker_index_warm_task.call_local())
        return 2

    monkeypatch.setattr(matchsvc, "seeker_index_warm", warm)
    first = tasks.seeker_index_warm_task.call_local()
    # the second ended at once (0 built) and marked the work dirty: the first went round once more
    assert (first, second, len(steps)) == (4, [0], 6)
    assert (cache.get(tasks.WARM_RUNNING), cache.get(tasks.WARM_DIRTY)) == (None, None)


def test_a_killed_run_s_marker_lapses_within_the_expiry_of_its_last_renewal(clock, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(matchsvc, "seeker_index_warm", lambda progress=None: calls.append("warm") or 1)
    # a run took the marker, renewed it once, and was killed (kill -9: no `finally` let go of it)
    assert cache.add(tasks.WARM_RUNNING, 1, timeout=T)
    clock[0] += 0.6 * T
    tasks._renew_running()
    clock[0] += 0.9 * T                    # 1.5 × the expiry since it was taken, 0.9 × since its renewal: still held
    assert (tasks.seeker_index_warm_task.call_local(), calls, cache.get(tasks.WARM_DIRTY)) == (0, [], 1)
    clock[0] += 0.1 * T + 1                # past the expiry of the last renewal: the next run runs
    assert (tasks.seeker_index_warm_task.call_local(), calls) == (1, ["warm"])
    assert (cache.get(tasks.WARM_RUNNING), cache.get(tasks.WARM_DIRTY)) == (None, None)


@pytest.mark.django_db
def test_the_warm_reports_progress_after_the_text_model_and_each_scope_built(world):
    people(world)
    ticks: list[int] = []
    assert matchsvc.seeker_index_warm(progress=lambda: ticks.append(1)) == 4
    # the text model, then each of the four scopes keyed (the accounts that see the same people share one)
    assert len(ticks) == 5

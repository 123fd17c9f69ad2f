"""security20 #2: the warm task cleared WARM_PENDING as it started, so a stream of edits queued a run every 5 s while
earlier ones still ran, and the runs filled every huey worker. One runs at a time; a run asked for meanwhile ends at
once and the running one goes round once more, so the write made during its run is in the indexes it leaves."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import cache

from jianfu.employment import matchsvc, tasks

# the default cache, no database: Redis on the PostgreSQL/Redis pass, so it runs there too (ADR 0038)
pytestmark = pytest.mark.backend


@pytest.fixture(autouse=True)
def _clean_keys():
    for key in (tasks.WARM_PENDING, tasks.WARM_RUNNING, tasks.WARM_DIRTY):
        cache.delete(key)
    yield
    for key in (tasks.WARM_PENDING, tasks.WARM_RUNNING, tasks.WARM_DIRTY):
        cache.delete(key)


def test_two_overlapping_runs_make_one_and_the_edit_made_during_it_is_picked_up(monkeypatch):
    edits = {"version": 1}
    seen: list[int] = []
    running, release = threading.Event(), threading.Event()
    at_once = {"now": 0, "most": 0}

    def warm(progress=None) -> int:
        at_once["now"] += 1
        at_once["most"] = max(at_once["most"], at_once["now"])
        seen.append(edits["version"])   # what this run builds from
        if len(seen) == 1:
            running.set()
            assert release.wait(10)
        at_once["now"] -= 1
        return 3

    monkeypatch.setattr(matchsvc, "seeker_index_warm", warm)
    results: list[int] = []
    first = threading.Thread(target=lambda: results.append(tasks.seeker_index_warm_task.call_local()))
    first.start()
    assert running.wait(10)
    edits["version"] = 2                                   # an edit while the first run builds from version 1 ...
    second = tasks.seeker_index_warm_task.call_local()     # ... and the run it queued, on another worker
    release.set()
    first.join(10)
    assert (second, results, seen, at_once["most"]) == (0, [6], [1, 2], 1)
    assert (cache.get(tasks.WARM_RUNNING), cache.get(tasks.WARM_DIRTY)) == (None, None)
    # with nothing on, a run runs at once, once
    assert (tasks.seeker_index_warm_task.call_local(), seen) == (3, [1, 2, 2])


def test_the_daily_run_waits_its_turn_too(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(matchsvc, "seeker_index_warm", lambda progress=None: calls.append("warm") or 1)
    cache.add(tasks.WARM_RUNNING, 1)   # an edit's run is on
    assert (tasks.seeker_index_daily_warm_task.call_local(), calls, cache.get(tasks.WARM_DIRTY)) == (0, [], 1)


def test_a_failed_run_lets_go_of_the_running_key(monkeypatch):
    def broken(progress=None) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(matchsvc, "seeker_index_warm", broken)
    with pytest.raises(RuntimeError):
        tasks.seeker_index_warm_task.call_local()
    assert cache.get(tasks.WARM_RUNNING) is None

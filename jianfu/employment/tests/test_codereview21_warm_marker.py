"""Code review 21: a live warm run whose one step outlasted WARM_RUN_TIMEOUT let its marker (`tasks.WARM_RUNNING`) lapse,
and the next renewal (`cache.touch`, which renews a live key only) did not take it again — a second run could start
beside it for the rest of the first. The renewal now takes the marker back. The clock is the cache's own, moved by the
test (as in test_mend21_warm_marker)."""

from __future__ import annotations

from django.core.cache import cache

from jianfu.employment import matchsvc, tasks
from jianfu.employment.tests.test_mend21_warm_marker import T, clock  # noqa: F401 — the fixture


def test_a_marker_that_lapsed_during_a_long_step_is_taken_again_at_the_next_renewal(clock, monkeypatch):  # noqa: F811
    calls: list[str] = []

    def warm(progress: object = None) -> int:
        calls.append("warm")
        return 1

    monkeypatch.setattr(matchsvc, "seeker_index_warm", warm)
    assert cache.add(tasks.WARM_RUNNING, 1, timeout=T)   # a live run took the marker
    clock[0] += 1.2 * T                                   # one step longer than the expiry: the marker lapsed
    assert cache.get(tasks.WARM_RUNNING) is None
    tasks._renew_running()                                # the step ends and renews it
    clock[0] += 0.9 * T
    # still held: a run asked for now ends at once, marks the work dirty, and warms nothing
    assert (cache.get(tasks.WARM_RUNNING), tasks.seeker_index_warm_task.call_local(), calls) == (1, 0, [])
    assert cache.get(tasks.WARM_DIRTY) == 1

"""bench-day28: the matching state of a web process is keyed by the day (`matchsvc.scope_stamp` and the posting side's
stamp hold `local_today()`), so the first 适合的求职者 / 推荐岗位 request of every day built it again in the web
process — 3.3 s at 5,000 people and 3,000 postings even after the task queue's daily warm (00:05 China time) had stored
the day's indexes, 10.5 s without Redis (docs/benchmarks.md, session 28). Each web process now warms its own matching
state every night at 00:35 China time (`config.warmup.daily_matching_warm`), so the morning's first request builds
nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from config import warmup
from jianfu.employment import matchsvc
from jianfu.employment.matching import Matcher
from jianfu.employment.tests.factories import TOWN, key_person_in, posting_in
from jianfu.registry.ledger import values

UTC = dt.UTC


def test_the_nightly_warm_waits_for_0035_china_time_every_day():
    at = dt.datetime(2026, 12, 7, 16, 0, tzinfo=UTC)          # 00:00 China time, 8 December
    assert warmup.seconds_to_daily_warm(at) == 35 * 60
    assert warmup.seconds_to_daily_warm(at.replace(minute=35)) == 24 * 3600     # at the hour: the next day's
    assert warmup.seconds_to_daily_warm(at.replace(minute=36)) == 24 * 3600 - 60
    assert warmup.seconds_to_daily_warm(dt.datetime(2026, 12, 7, 0, 0, tzinfo=UTC)) == (16 * 60 + 35) * 60  # 08:00
    assert warmup.seconds_to_daily_warm(dt.datetime(2026, 12, 7, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=8)))
                                        ) == 36 * 60


def test_the_nightly_warm_runs_the_process_warm_once_a_day_and_survives_a_failure(monkeypatch):
    slept: list[float] = []
    calls: list[int] = []
    instants = iter([dt.datetime(2026, 12, 7, 10, 0, tzinfo=UTC), dt.datetime(2026, 12, 7, 16, 36, tzinfo=UTC),
                     dt.datetime(2026, 12, 8, 16, 40, tzinfo=UTC)])

    def warm() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("no database tonight")
        return 3

    monkeypatch.setattr(matchsvc, "warm_process", warm)
    runs = warmup.daily_matching_warm(days=3, sleep=slept.append, now=lambda: next(instants))
    assert (runs, len(calls)) == (3, 3)
    assert slept == [(6 * 60 + 35) * 60, 24 * 3600 - 60, 24 * 3600 - 5 * 60]


@pytest.mark.django_db
def test_after_the_nightly_warm_the_days_first_requests_build_nothing(world, monkeypatch):
    day = [dt.date(2026, 12, 7)]
    monkeypatch.setattr(values, "local_today", lambda: day[0])
    monkeypatch.setattr(matchsvc, "local_today", lambda: day[0])
    matchsvc._cache.clear()
    matchsvc._text_cache.clear()
    kp = key_person_in(profile={"desired_text": "想做海产品分拣", "places": ["town", "county"]})
    posting = posting_in(TOWN)
    town = world.users["town_quzhang"]
    assert matchsvc.warm_process() == 1           # the process's start (yesterday)
    assert [p.pk for p, _r in matchsvc.jobs_for(kp)] == [posting.pk]

    def refuse(*args, **kwargs):
        raise AssertionError("built on the first request of the day")

    # the next day, after the night's warm: neither side is built nor re-encoded, nothing is read from disk
    day[0] = dt.date(2026, 12, 8)
    # the nightly warm closes its database connection after each run (it has a thread of its own); run here in the
    # test's thread, that connection holds the test's transaction (PostgreSQL closes it; in-memory SQLite ignores it)
    from django.db import connection

    monkeypatch.setattr(connection, "close", lambda: None)
    assert warmup.daily_matching_warm(days=1, sleep=lambda _s: None) == 1
    with monkeypatch.context() as m:
        m.setattr(matchsvc, "Matcher", refuse)
        m.setattr(Matcher, "with_text", refuse)
        m.setattr("joblib.load", refuse)
        assert [p.pk for p, _r in matchsvc.jobs_for(kp)] == [posting.pk]
        assert [k.pk for k, _r in matchsvc.seekers_for(town, posting)] == [kp.pk]
        # the day after, without the night's warm, the first request builds (what it did every morning before)
        day[0] = dt.date(2026, 12, 9)
        with pytest.raises(AssertionError, match="built on the first request of the day"):
            matchsvc.jobs_for(kp)

"""Session 32 (perf32): an anonymous read's allowances are taken in one Redis round trip (`ratelimits.take_all`, a Lua
script in `core.rediscache.PrefixedRedisCache`), deciding exactly as `ratelimits.take` decides; on any other cache
(LocMem, the embedded default) by `take`'s steps.

The tests marked `backend` run against the machine's Redis on the PostgreSQL pass (`.ci/run` sets JIANFU_REDIS_URL);
those marked `redis` too, deselected on the SQLite pass, where no Redis is named (conftest.py). Each uses a store of its own key prefix, cleared after.
Round trips are counted as redis-py sends commands (`Redis.execute_command`: one per command; a pipeline would be one
call too)."""

from __future__ import annotations

import logging
import os
import uuid

import pytest
import redis
from django.core.cache import cache as django_cache
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from jianfu.core import ratelimits, throttling
from jianfu.core.rediscache import PrefixedRedisCache
from jianfu.core.tests.cache_down import MESSAGE

REDIS_URL = os.environ.get("JIANFU_REDIS_URL", "")
MINUTE, DAY = 60, 86400
NOW = 60 * 29_400_000 + 10.0          # 10 s into a minute (as test_anonymous_reads_throttled)


def _redis_store() -> PrefixedRedisCache:
    # a store of its own prefix: its `clear()` deletes that prefix's keys by SCAN MATCH, never FLUSHDB (the queue,
    # the sessions and the other workers' keys share the database; core.rediscache)
    return PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": f"perf32-test-{uuid.uuid4().hex[:12]}"})


@pytest.fixture
def store():
    store = _redis_store()
    yield store
    store.clear()


@pytest.fixture
def round_trips(monkeypatch) -> list[str]:
    """The commands redis-py sends, in order, from here on."""
    sent: list[str] = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(str(args[0]))
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def _allowances(ident: str = "203.0.113.7", rates=((3, MINUTE), (5, DAY)), now: float = NOW):
    out = []
    for limit, period in rates:
        window, into = ratelimits.window_of(period, now)
        out.append(ratelimits.Allowance(f"t:{period}:{ident}:{window}", f"t:{period}:{ident}:{window - 1}", limit,
                                        period, into))
    return out


def _counts(store, allowances) -> list[int]:
    return [store.get(a.key, 0) for a in allowances]


def test_the_client_is_reached_as_django_5_2_reaches_it():
    """`_client` reads the backend's private `_cache` (Django documents no public way): pinned here, so a Django
    upgrade that moves it fails this test rather than every anonymous read (which would fail open, uncounted)."""
    store = PrefixedRedisCache("redis://127.0.0.1:1/0", {"KEY_PREFIX": "x"})
    client = store._client()
    assert isinstance(client, redis.Redis)
    assert client.connection_pool.connection_kwargs["port"] == 1


# ---------------------------------------------------------------- on Redis

@pytest.mark.backend
@pytest.mark.redis
def test_both_allowances_are_taken_in_one_round_trip(store, round_trips):
    allowances = _allowances()
    ratelimits.take_all(allowances, store=store)     # the script's first call may load it (NOSCRIPT, SCRIPT LOAD)
    round_trips.clear()
    assert ratelimits.take_all(allowances, store=store) is None
    assert round_trips == ["EVALSHA"]
    assert _counts(store, allowances) == [2, 2]


@pytest.mark.backend
@pytest.mark.redis
def test_a_refused_take_is_one_round_trip_and_counts_towards_nothing(store, round_trips):
    allowances = _allowances()
    for _ in range(3):
        assert ratelimits.take_all(allowances, store=store) is None
    round_trips.clear()
    assert ratelimits.take_all(allowances, store=store) == ratelimits.Refused(position=0, current=3, earlier=0)
    assert round_trips == ["EVALSHA"]
    assert _counts(store, allowances) == [3, 3]
    # the day's allowance refused: the minute's taken before it is given back too
    day_first = _allowances(ident="203.0.113.8", rates=((100, MINUTE), (2, DAY)))
    assert [ratelimits.take_all(day_first, store=store) for _ in range(3)] == [
        None, None, ratelimits.Refused(position=1, current=2, earlier=0)]
    assert _counts(store, day_first) == [2, 2]


@pytest.mark.backend
@pytest.mark.redis
def test_the_counters_are_the_caches_own_and_live_two_windows(store):
    allowances = _allowances()
    ratelimits.take_all(allowances, store=store)
    client = store._client()
    ttls = [client.ttl(store.make_key(a.key)) for a in allowances]
    assert 2 * MINUTE - 5 < ttls[0] <= 2 * MINUTE and 2 * DAY - 5 < ttls[1] <= 2 * DAY, ttls
    store.incr(allowances[0].key, 1)                 # Django's own incr counts on from what the script counted
    assert _counts(store, allowances) == [2, 1]


@pytest.mark.backend
@pytest.mark.redis
def test_the_previous_window_is_weighted_in_on_redis(store):
    """6 in the previous minute, 10 s into this one: 1 + 6·50/60 = 6 > 3, refused, the previous count returned."""
    allowances = _allowances(rates=((3, MINUTE),))
    store.set(allowances[0].previous, 6, 2 * MINUTE)
    assert ratelimits.take_all(allowances, store=store) == ratelimits.Refused(position=0, current=0, earlier=6)
    assert _counts(store, allowances) == [0]


@pytest.mark.backend
@pytest.mark.redis
@pytest.mark.parametrize("spoiled", ["day's counter", "day's previous window"])
def test_a_counter_holding_no_integer_stops_the_script_before_it_takes_anything(store, spoiled):
    """fix-cr32b #3: Redis does not undo a script's writes when it stops on an error. The day's counter (or its
    previous window) spoiled with a non-integer, the minute's INCRBY ran first and stayed taken; now the script reads
    every key before it writes, and the minute's count is left as it was."""
    allowances = _allowances()
    assert ratelimits.take_all(allowances, store=store) is None
    minute, day = allowances
    client = store._client()
    client.set(store.make_key(day.key if spoiled == "day's counter" else day.previous), b"not-a-count")
    with pytest.raises(ratelimits.LimitUnavailable):
        ratelimits.take_all(allowances, store=store)
    assert store.get(minute.key) == 1
    assert client.get(store.make_key(day.key)) == (b"not-a-count" if spoiled == "day's counter" else b"1")
    # a key of another type: its GET fails, nothing written either
    client.delete(store.make_key(day.key), store.make_key(day.previous))
    client.rpush(store.make_key(day.previous), "x")
    with pytest.raises(ratelimits.LimitUnavailable):
        ratelimits.take_all(allowances, store=store)
    assert store.get(minute.key) == 1 and client.exists(store.make_key(day.key)) == 0


@pytest.mark.backend
@pytest.mark.redis
def test_give_back_all_is_one_round_trip(store, round_trips):
    allowances = _allowances()
    ratelimits.take_all(allowances, store=store)
    ratelimits.give_back_all([(a.key, a.window) for a in allowances], store=store)   # loads the script
    ratelimits.take_all(allowances, store=store)
    round_trips.clear()
    ratelimits.give_back_all([(a.key, a.window) for a in allowances], store=store)
    assert round_trips == ["EVALSHA"]
    assert _counts(store, allowances) == [0, 0]


@pytest.mark.backend
@pytest.mark.redis
@hypothesis_settings(max_examples=100, deadline=None)
@given(
    limits=st.tuples(st.integers(min_value=0, max_value=6), st.integers(min_value=0, max_value=9)),
    before=st.tuples(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=12)),
    into=st.one_of(st.integers(min_value=0, max_value=MINUTE - 1).map(float),     # whole seconds: estimates on
                   st.floats(min_value=0, max_value=MINUTE, exclude_max=True)),   # the limit exactly, often
    amount=st.sampled_from([1, 1, 2, 3]),
    tries=st.integers(min_value=0, max_value=12),
)
def test_redis_decides_every_take_as_the_one_by_one_path(limits, before, into, amount, tries):
    """Whatever the limits, the previous windows' counts and the seconds into the window, each take on Redis answers
    what the LocMem path answers, and leaves the same counts."""
    redis_store = _redis_store()
    local = LocMemCache(f"perf32-{uuid.uuid4().hex}", {})
    try:
        allowances = [ratelimits.Allowance(f"k{i}:2", f"k{i}:1", limits[i], MINUTE * (i + 1), into * (i + 1))
                      for i in range(2)]
        for s in (redis_store, local):
            for i, a in enumerate(allowances):
                s.set(a.previous, before[i], 2 * a.window)
        for _ in range(tries):
            assert ratelimits.take_all(allowances, amount=amount, store=redis_store) == \
                ratelimits.take_all(allowances, amount=amount, store=local)
        assert _counts(redis_store, allowances) == _counts(local, allowances)
    finally:
        redis_store.clear()


@pytest.mark.backend
@pytest.mark.redis
def test_the_throttle_decides_in_one_round_trip_on_redis(store, round_trips, monkeypatch, settings):
    """The whole decision of `AnonymousReadThrottle` (3 a minute, 5 a day): one round trip a read, the refused one
    too, with its Retry-After (70 s, as on LocMem) and nothing counted for it."""
    monkeypatch.setattr(ratelimits, "cache", store)
    monkeypatch.setattr(throttling.AnonymousReadThrottle, "timer", staticmethod(lambda: NOW))
    settings.JIANFU_ANONYMOUS_READ_RATES = ("3/min", "5/day")
    request = RequestFactory().get("/villages/", REMOTE_ADDR="203.0.113.7")
    throttle = throttling.AnonymousReadThrottle()
    ratelimits.take_all(_allowances(ident="warm-up"), store=store)      # the script loaded
    round_trips.clear()
    decisions = []
    for _ in range(4):
        decisions.append((throttle.allow_request(request, None), throttle.wait(), len(round_trips)))
    assert decisions == [(True, None, 1), (True, None, 2), (True, None, 3), (False, 70.0, 4)]
    minute, day = (ratelimits.window_of(period, NOW)[0] for period in (MINUTE, DAY))
    assert [store.get(f"{throttling.KEY_SPACE}:{p}:203.0.113.7:{w}") for p, w in ((MINUTE, minute), (DAY, day))] \
        == [3, 3]


@pytest.mark.backend
@pytest.mark.redis
def test_the_configured_cache_takes_the_script_path_without_patching(round_trips, monkeypatch):
    """fix-cr32b #1: production reaches the cache through `django.core.cache.cache`, a `ConnectionProxy` — never an
    instance of `PrefixedRedisCache` — and took the one-by-one path (8 round trips a read). With the project's own Redis
    cache configuration (config/settings.py's CACHES, a key prefix of this test's) and `ratelimits.cache` left as
    Django's, each decision is one EVALSHA, the refused one too."""
    configured = {"default": {"BACKEND": "jianfu.core.rediscache.PrefixedRedisCache", "LOCATION": REDIS_URL,
                              "KEY_PREFIX": f"fixcr32b-test-{uuid.uuid4().hex[:12]}"}}
    monkeypatch.setattr(throttling.AnonymousReadThrottle, "timer", staticmethod(lambda: NOW))
    request = RequestFactory().get("/villages/", REMOTE_ADDR="203.0.113.9")
    with override_settings(CACHES=configured, JIANFU_ANONYMOUS_READ_RATES=("3/min", "5/day")):
        assert ratelimits.cache is django_cache
        try:
            throttle = throttling.AnonymousReadThrottle()
            ratelimits.take_all(_allowances(ident="warm-up"))      # the script loaded (NOSCRIPT, SCRIPT LOAD)
            round_trips.clear()
            decisions = []
            for _ in range(4):
                decisions.append((throttle.allow_request(request, None), throttle.wait(), list(round_trips)))
                round_trips.clear()
            minute, day = (ratelimits.window_of(period, NOW)[0] for period in (MINUTE, DAY))
            counts = [caches["default"].get(f"{throttling.KEY_SPACE}:{p}:203.0.113.9:{w}")
                      for p, w in ((MINUTE, minute), (DAY, day))]
        finally:
            caches["default"].clear()
    assert decisions == [(True, None, ["EVALSHA"]), (True, None, ["EVALSHA"]), (True, None, ["EVALSHA"]),
                         (False, 70.0, ["EVALSHA"])]
    assert counts == [3, 3]


def test_the_default_cache_is_resolved_to_its_backend():
    """The proxy `django.core.cache.cache` is resolved to the backend it stands for (LocMem on the SQLite pass,
    PrefixedRedisCache on the PostgreSQL pass); a store given, or patched in as the module's `cache`, is kept."""
    assert ratelimits._backend(None) is caches["default"]
    assert type(ratelimits._backend(None)) is type(caches["default"])
    local = LocMemCache("fixcr32b", {})
    assert ratelimits._backend(local) is local


# ---------------------------------------------------------------- Redis unreachable (no server needed)

def test_with_redis_unreachable_take_all_takes_nothing_and_says_so_once_a_minute(monkeypatch, caplog):
    down = PrefixedRedisCache("redis://127.0.0.1:1/0", {"KEY_PREFIX": "perf32"})
    monkeypatch.setattr(ratelimits, "_last_warning", [-1e9])
    with caplog.at_level(logging.ERROR):
        for _ in range(2):
            with pytest.raises(ratelimits.LimitUnavailable) as refused:
                ratelimits.take_all(_allowances(), store=down, closed=False)
            assert isinstance(refused.value.__cause__, redis.ConnectionError)
        ratelimits.give_back_all([("t:60:x:1", 60)], store=down, closed=False)   # quiet: nothing raised
    assert [r.getMessage().split(" (ConnectionError")[0] for r in caplog.records if r.name == "jianfu.limits"] == [
        "cache (Redis) unreachable: t:60… is not counted, its requests are let through (fails open)"]
    assert "203.0.113.7" not in caplog.text


def test_the_throttle_fails_open_when_redis_is_unreachable(monkeypatch, settings):
    monkeypatch.setattr(ratelimits, "cache", PrefixedRedisCache("redis://127.0.0.1:1/0", {"KEY_PREFIX": "perf32"}))
    monkeypatch.setattr(ratelimits, "_last_warning", [-1e9])
    settings.JIANFU_ANONYMOUS_READ_RATES = ("1/min",)
    request = RequestFactory().get("/villages/", REMOTE_ADDR="203.0.113.7")
    throttle = throttling.AnonymousReadThrottle()
    assert [throttle.allow_request(request, None) for _ in range(3)] == [True, True, True]
    assert (throttle.taken, throttle.wait()) == ([], None)


# ---------------------------------------------------------------- any other cache: take's steps

def _local() -> LocMemCache:
    return LocMemCache(f"perf32-{uuid.uuid4().hex}", {})


def test_on_locmem_the_first_refused_allowance_is_named_and_the_others_given_back():
    local = _local()
    allowances = _allowances(rates=((100, MINUTE), (2, DAY)))
    assert [ratelimits.take_all(allowances, store=local) for _ in range(3)] == [
        None, None, ratelimits.Refused(position=1, current=2, earlier=0)]
    assert _counts(local, allowances) == [2, 2]
    assert ratelimits.take_all([], store=local) is None


class _SecondAddDown(LocMemCache):
    """A cache that goes down after its first counter was created: the second allowance cannot be counted."""

    adds = 0

    def add(self, *args, **kwargs):
        self.adds += 1
        if self.adds == 2:
            raise redis.ConnectionError(MESSAGE)
        return super().add(*args, **kwargs)


def test_on_locmem_an_outage_midway_leaves_nothing_taken(monkeypatch):
    """As on Redis, where the script is all or nothing: the first allowance's take is given back."""
    monkeypatch.setattr(ratelimits, "_last_warning", [-1e9])
    flaky = _SecondAddDown(f"perf32-{uuid.uuid4().hex}", {})
    allowances = _allowances()
    with pytest.raises(ratelimits.LimitUnavailable):
        ratelimits.take_all(allowances, store=flaky)
    assert _counts(flaky, allowances) == [0, 0]

"""ops29 #1: one counted allowance (`jianfu.core.ratelimits`) for registry's number searches, the public report form's
hourly allowances and the direct line's hourly budget — allowed up to exactly the limit, a window's key per window,
the sliding estimate, and refused (fail closed) while the cache is unreachable: `LimitUnavailable`, not False
(fix-cr29 #1)."""

from __future__ import annotations

import itertools
import logging

import pytest
from django.core.cache.backends.locmem import LocMemCache
from hypothesis import given, settings
from hypothesis import strategies as st
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core import ratelimits
from jianfu.core.tests.cache_down import CacheDown

HOUR = 3600
_stores = itertools.count()


def _store() -> LocMemCache:
    """A cache of its own (a LocMemCache's LOCATION names its memory): no test sees another's counters."""
    return LocMemCache(f"ops29-ratelimits-{next(_stores)}", {})


@pytest.fixture(autouse=True)
def _warn_every_time(monkeypatch):
    monkeypatch.setattr(ratelimits, "_last_warning", [-1e9])


def test_allowed_up_to_exactly_the_limit_and_the_refused_take_is_given_back():
    store = _store()
    answers = [ratelimits.take("k", 3, HOUR, store=store) for _ in range(5)]
    assert answers == [True, True, True, False, False]
    assert store.get("k") == 3                       # the two refused takes gave theirs back
    assert store._expire_info[store.make_and_validate_key("k")] is not None  # never a key without a TTL


def test_an_amount_that_would_pass_the_limit_takes_nothing():
    store = _store()
    assert ratelimits.take("k", 400, HOUR, amount=390, store=store) is True
    assert ratelimits.take("k", 400, HOUR, amount=11, store=store) is False
    assert store.get("k") == 390
    assert ratelimits.take("k", 400, HOUR, amount=10, store=store) is True
    assert store.get("k") == 400


def test_a_limit_of_zero_allows_nothing():
    store = _store()
    assert ratelimits.take("k", 0, HOUR, store=store) is False
    assert store.get("k") == 0


def test_window_of_names_the_window_and_the_seconds_into_it():
    assert ratelimits.window_of(HOUR, 493_000 * HOUR + 1800.5) == (493_000, 1800.5)
    assert ratelimits.window_of(HOUR, 493_001 * HOUR - 0.5) == (493_000, HOUR - 0.5)
    assert ratelimits.window_of(HOUR, 493_001 * HOUR) == (493_001, 0.0)


def test_a_fixed_window_rolls_over_to_a_fresh_allowance():
    store = _store()

    def take_at(now: float) -> bool:
        number, _into = ratelimits.window_of(HOUR, now)
        return ratelimits.take(f"k:{number}", 2, HOUR, store=store)

    end = 493_001 * HOUR
    assert [take_at(end - 1), take_at(end - 0.5), take_at(end - 0.1)] == [True, True, False]
    assert [take_at(end), take_at(end + 1), take_at(end + 2)] == [True, True, False]
    assert (store.get("k:493000"), store.get("k:493001")) == (2, 2)


def test_a_sliding_window_weighs_the_previous_window_by_what_is_left_of_it():
    store = _store()
    store.set("k:1", 10, 2 * HOUR)  # the previous hour spent its 10
    # at the hour's start the previous hour counts whole: nothing left
    assert ratelimits.take("k:2", 10, HOUR, previous="k:1", into=0.0, store=store) is False
    # half-way, it counts 5: five more
    answers = [ratelimits.take("k:2", 10, HOUR, previous="k:1", into=1800.0, store=store) for _ in range(6)]
    assert answers == [True] * 5 + [False]
    assert store.get("k:2") == 5


def test_a_counter_evicted_between_add_and_incr_starts_again_at_the_amount():
    store = _store()

    class Evicting:
        def __getattr__(self, name):
            return getattr(store, name)

        def add(self, *args, **kwargs):  # the key is gone again before `incr` reads it
            return False

    assert ratelimits.count("gone", 4, HOUR, store=Evicting()) == 4
    assert ratelimits.count("gone2", -1, HOUR, store=Evicting()) == 0
    assert store.get("gone") == 4


def test_the_cache_down_refuses_and_says_so_once_a_minute(monkeypatch, caplog):
    """fix-cr29 #1, #2: "cannot count" is not "over the limit" — `LimitUnavailable`, nothing taken —, logged at ERROR
    on `jianfu.limits`, naming the key's prefix only (the rest is who: the public form's holds the citizen's address)."""
    down = CacheDown()
    with caplog.at_level(logging.DEBUG):
        for _ in range(2):   # the second within the minute: refused, not logged
            with pytest.raises(ratelimits.LimitUnavailable) as refused:
                ratelimits.take("dispatch:public_posts:203.0.113.7:493000", 60, HOUR, store=down)
            assert str(refused.value) == "dispatch:public_posts"
            assert isinstance(refused.value.__cause__, RedisConnectionError)
    assert down.calls == 2
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [(
        "jianfu.limits", "ERROR",
        "cache (Redis) unreachable: allowances of dispatch:public_posts… are refused, limits fail closed "
        "(ConnectionError: Error 111 connecting to 127.0.0.1:6379. Connection refused.)")]
    assert "203.0.113.7" not in caplog.text


def test_the_key_prefix_is_its_first_two_parts():
    assert ratelimits.key_prefix("dispatch:public_megapixels:2001:db8:1:2::/64:493000") == "dispatch:public_megapixels"
    assert ratelimits.key_prefix("jianfu:registry:number-search:7:493000") == "jianfu:registry"
    assert ratelimits.key_prefix("directline:submissions:493000") == "directline:submissions"
    assert ratelimits.key_prefix("k") == "k"


def test_cache_errors_are_the_queues():
    from jianfu.core.queueing import QUEUE_ERRORS

    assert ratelimits.CACHE_ERRORS is QUEUE_ERRORS


def test_giving_back_while_the_cache_is_down_is_quiet():
    ratelimits.give_back("k", 1, HOUR, store=CacheDown())  # nothing raised: the count stays higher, closed


def test_the_default_store_is_the_cache_and_its_outage_refuses(monkeypatch):
    monkeypatch.setattr(ratelimits, "cache", CacheDown())
    with pytest.raises(ratelimits.LimitUnavailable):
        ratelimits.take("k", 60, HOUR)


@settings(max_examples=200, deadline=None)
@given(
    limit=st.integers(min_value=0, max_value=12),
    steps=st.lists(st.tuples(st.integers(min_value=1, max_value=5), st.integers(min_value=0, max_value=3 * HOUR)),
                   max_size=40),
)
def test_a_fixed_window_matches_its_model(limit, steps):
    """Whatever the takes and their times (sorted), each is allowed exactly when the window's count plus it stays
    within the limit, and a refused take leaves the count unchanged."""
    store = _store()
    model: dict[int, int] = {}
    for amount, at in sorted(steps, key=lambda step: step[1]):
        number, _into = ratelimits.window_of(HOUR, 493_000 * HOUR + at)
        expected = model.get(number, 0) + amount <= limit
        assert ratelimits.take(f"k:{number}", limit, HOUR, amount=amount, store=store) is expected
        if expected:
            model[number] = model.get(number, 0) + amount
        assert store.get(f"k:{number}") == model.get(number, 0)


@settings(max_examples=200, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=30),
    before=st.integers(min_value=0, max_value=40),
    into=st.floats(min_value=0, max_value=HOUR, exclude_max=True),
    tries=st.integers(min_value=0, max_value=40),
)
def test_a_sliding_window_allows_exactly_what_its_estimate_leaves(limit, before, into, tries):
    store = _store()
    store.set("k:1", before, 2 * HOUR)
    allowed = sum(ratelimits.take("k:2", limit, HOUR, previous="k:1", into=into, store=store) for _ in range(tries))
    weight = before * (HOUR - into) / HOUR
    expected = min(tries, max(n for n in range(limit + 1) if n == 0 or n + weight <= limit))
    assert allowed == expected
    assert store.get("k:2", 0) == expected

"""Counted allowances: "may this take one more of `limit` in its window?" — one rule for every hourly limit (ops29 #1).

Three counters did this each in their own words: registry's searches by a whole ID or phone number (60 an hour per
account, security28 #2), the public report form's posts, filings, look-ups and megapixels per client (a sliding
hour, security23 F2) and the direct line's site-wide hourly budget of reports. Each is a key per window that lives
two windows (cr22c #1: one key that expired between Redis's EXISTS and INCR came back without a TTL), counted with
`add` then an atomic `incr`, so requests sent at once are each counted; a take past the limit is given back, so a
refused request never counts towards the next window's estimate.

LIMITS FAIL CLOSED: when the cache (Redis) is unreachable a take is refused — never read as 0, which would be no limit
at all (softcache.py's degrade-to-a-miss is only for caches that are only caches). Giving back after a failure is
quiet: a count left too high while the cache is down can only refuse more.

"Over the limit" and "cannot count" are two answers (fix-cr29 #1): `take` returns False for the first, the user's to
wait out (429), and raises `LimitUnavailable` for the second, the system's (its callers answer 503 with Retry-After,
in words that do not blame the user). The outage is logged at ERROR on `jianfu.limits`, once a minute per process,
naming the key's prefix only — the rest of a key is who or when (the public form's holds the citizen's address).

`take_all` takes several sliding allowances of one request at once (session 32, perf32: the anonymous reads of
`core.throttling`): on Redis (`core.rediscache.PrefixedRedisCache`) in one round trip, one Lua script, instead of four
per allowance; on any other cache (LocMem: the embedded default and the tests) by the same steps as `take`."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Sequence
from typing import NamedTuple

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import BaseCache
from django.utils.connection import ConnectionProxy

from jianfu.core.queueing import QUEUE_ERRORS
from jianfu.core.rediscache import PrefixedRedisCache

log = logging.getLogger("jianfu.limits")
# What an unreachable cache raises: the Redis cache and the task queue share redis-py's errors (the same tuple).
CACHE_ERRORS = QUEUE_ERRORS
_QUIET_FOR = 60.0  # seconds between two log lines of one process: a flood refused while Redis is down is one a minute
_last_warning = [0.0]
# how many leading ":"-separated parts of a key are logged: callers name their keys `<app>:<what>:<who or when>…`
_PREFIX_PARTS = 2


class LimitUnavailable(Exception):
    """The cache that counts the allowance is unreachable: nothing was taken and the request is refused (fail
    closed) — not because it was over the limit. Callers answer 503 with Retry-After (RETRY_AFTER seconds)."""


RETRY_AFTER = 60   # seconds: the Retry-After of a 503 answered for `LimitUnavailable`


def key_prefix(key: str) -> str:
    """What of `key` may be logged: its first _PREFIX_PARTS parts ("dispatch:public_posts"), never the rest."""
    return ":".join(key.split(":")[:_PREFIX_PARTS])


def unreachable(exc: BaseException, key: str, *, closed: bool = True) -> None:
    """Log that the cache counting `key` is unreachable (its prefix only), at most once a minute per process; also
    for a counter kept by another library (the API's token throttle, DRF's). `closed=False`: the one limit that fails
    open (anonymous reads, `core.throttling`, ADR 0046) says that its requests are let through."""
    now = time.monotonic()
    if now - _last_warning[0] >= _QUIET_FOR:
        _last_warning[0] = now
        log.error(
            "cache (Redis) unreachable: allowances of %s… are refused, limits fail closed (%s: %s)" if closed else
            "cache (Redis) unreachable: %s… is not counted, its requests are let through (fails open) (%s: %s)",
            key_prefix(key),
            type(exc).__name__,
            exc,
        )


def window_of(window: int, now: float | None = None) -> tuple[int, float]:
    """(the window's number since the epoch, seconds into it) of `now` (default: the time now)."""
    number, into = divmod(time.time() if now is None else now, window)
    return int(number), into


def count(key: str, delta: int, window: int, *, store: BaseCache | None = None) -> int:
    """Add `delta` to the counter `key` (created at 0, living two windows) in `store` (default: the cache) and return
    it. Raises CACHE_ERRORS when the cache is unreachable."""
    store = cache if store is None else store
    store.add(key, 0, 2 * window)
    try:
        return int(store.incr(key, delta))
    except ValueError:  # evicted between the two calls
        store.set(key, max(delta, 0), 2 * window)
        return max(delta, 0)


def take(key: str, limit: int, window: int, *, amount: int = 1, previous: str | None = None,
         into: float = 0.0, store: BaseCache | None = None, closed: bool = True) -> bool:
    """Take `amount` of `limit` on `key`, the counter of the current window (the caller names it per window, e.g. by
    `window_of`): True when allowed; False — nothing taken — when the count would pass `limit`. Raises
    `LimitUnavailable` — nothing taken, refused (fail closed) — when the cache is unreachable. With `previous` (the
    previous window's key) the window slides: the previous count is weighted by the share of it still inside the last
    `window` seconds, `into` being the seconds into the current. `store`: the cache counted in (default: the cache).
    `closed=False` changes only the outage's log line (a caller that lets the request through on `LimitUnavailable`)."""
    store = cache if store is None else store
    try:
        current = count(key, amount, window, store=store)
        earlier = store.get(previous, 0) if previous is not None else 0
    except CACHE_ERRORS as exc:
        unreachable(exc, key, closed=closed)
        raise LimitUnavailable(key_prefix(key)) from exc
    if over_limit(current, earlier, limit=limit, window=window, into=into):
        give_back(key, amount, window, store=store)
        return False
    return True


def over_limit(current: int, earlier: int, *, limit: int, window: int, into: float) -> bool:
    """The sliding estimate's decision, one for `take` and `take_all`: the current window's count (this take
    included) plus the previous window's, weighted by the share of it still inside the last `window` seconds
    (`into` seconds into the current), passes `limit`. The Lua script of `rediscache` decides the same in Redis."""
    return current + earlier * (window - into) / window > limit


def give_back(key: str, amount: int, window: int, *, store: BaseCache | None = None) -> None:
    """Return `amount` taken on `key` (a request refused later, or that filed nothing); nothing when the cache is
    unreachable (the count stays higher: closed). `give_back_all` of one key: one path, its log line the same (session
    33: the two were the same loop, one without the log)."""
    give_back_all([(key, window)], amount, store=store)


class Allowance(NamedTuple):
    """One sliding allowance of `take_all`: the current window's counter `key`, the previous window's `previous`,
    `limit` a `window` of seconds, `into` seconds into the current window (as `take`'s arguments)."""

    key: str
    previous: str
    limit: int
    window: int
    into: float


class Refused(NamedTuple):
    """`take_all`'s refusal: the `position` of the first allowance refused (from 0, in the order given), its counter's
    `current` count and the previous window's `earlier` count, this request's take left out (its Retry-After's data)."""

    position: int
    current: int
    earlier: int


def _backend(store: BaseCache | None) -> BaseCache:
    """The cache backend itself: `store`, else the module's `cache`. `django.core.cache.cache` is a `ConnectionProxy`
    (never an instance of the backend's class), so it is resolved to the default cache's backend here — without this
    the Redis test `isinstance(store, PrefixedRedisCache)` was never true in production (fix-cr32b #1)."""
    store = cache if store is None else store
    if isinstance(store, ConnectionProxy):
        return caches[DEFAULT_CACHE_ALIAS]
    return store


def take_all(allowances: Sequence[Allowance], *, amount: int = 1, store: BaseCache | None = None,
             closed: bool = True) -> Refused | None:
    """Take `amount` of every allowance, in order: None when all were taken; the first one refused (`Refused`) —
    nothing taken, what was taken before it given back — when one would pass its limit, each decided as `take`
    decides. Raises `LimitUnavailable` — nothing taken — when the cache is unreachable. On Redis
    (`PrefixedRedisCache`) this is one round trip, atomic; on another cache the steps of `take`, one by one.
    `closed=False` changes only the outage's log line (a caller that lets the request through)."""
    store = _backend(store)
    if not allowances:
        return None
    try:
        if isinstance(store, PrefixedRedisCache):
            number, current, earlier = store.take_all(allowances, amount)
            return None if number == 0 else Refused(number - 1, current, earlier)
        return _take_one_by_one(allowances, amount, store)
    except CACHE_ERRORS as exc:
        unreachable(exc, allowances[0].key, closed=closed)
        raise LimitUnavailable(key_prefix(allowances[0].key)) from exc


def _take_one_by_one(allowances: Sequence[Allowance], amount: int, store: BaseCache) -> Refused | None:
    taken: list[Allowance] = []
    try:
        for index, allowance in enumerate(allowances):
            key, previous, limit, window, into = allowance
            current = count(key, amount, window, store=store)
            earlier = store.get(previous, 0)
            if over_limit(current, earlier, limit=limit, window=window, into=into):
                count(key, -amount, window, store=store)
                _give_back_quietly(taken, amount, store)
                return Refused(index, current - amount, earlier)
            taken.append(allowance)
    except CACHE_ERRORS:
        _give_back_quietly(taken, amount, store)   # nothing taken, as on Redis, where the script is all or nothing
        raise
    return None


def _give_back_quietly(taken: Sequence[Allowance], amount: int, store: BaseCache) -> None:
    for allowance in taken:   # an outage is the caller's to log, once; a count left high can only refuse more
        with contextlib.suppress(*CACHE_ERRORS):
            count(allowance.key, -amount, allowance.window, store=store)


def give_back_all(taken: Sequence[tuple[str, int]], amount: int = 1, *, store: BaseCache | None = None,
                  closed: bool = True) -> None:
    """Return `amount` to each (key, window) of `taken` (`give_back` is its one-key case), on Redis in one round trip;
    nothing more when the cache is unreachable (logged once a minute; `closed=False`: as a limit that fails open)."""
    store = _backend(store)
    if not taken:
        return
    try:
        if isinstance(store, PrefixedRedisCache):
            store.give_back_all(taken, amount)
        else:
            for key, window in taken:
                count(key, -amount, window, store=store)
    except CACHE_ERRORS as exc:
        unreachable(exc, taken[0][0], closed=closed)

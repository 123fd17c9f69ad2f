"""Counted allowances: "may this take one more of `limit` in its window?" — one rule for every hourly limit (ops29 #1).

Three counters did this each in their own words: registry's searches by a whole ID or phone number (60 an hour per
account, security28 #2), the public report form's posts, filings, look-ups and megapixels per client (a sliding
hour, security23 F2) and the direct line's site-wide hourly budget of reports. Each is a key per window that lives
two windows (cr22c #1: one key that expired between Redis's EXISTS and INCR came back without a TTL), counted with
`add` then an atomic `incr`, so requests sent at once are each counted; a take past the limit is given back, so a
refused request never counts towards the next window's estimate.

LIMITS FAIL CLOSED: when the cache (Redis) is unreachable a take is refused — never read as 0, which would be no limit
at all (softcache.py's degrade-to-a-miss is only for caches that are only caches). Giving back after a failure is
quiet: a count left too high while the cache is down can only refuse more."""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.core.cache.backends.base import BaseCache

from jianfu.core.queueing import QUEUE_ERRORS

log = logging.getLogger("jianfu.queue")
_QUIET_FOR = 60.0  # seconds between two warnings of one process: a flood refused while Redis is down is one line a minute
_last_warning = [0.0]


def _warn(exc: BaseException, key: str) -> None:
    now = time.monotonic()
    if now - _last_warning[0] >= _QUIET_FOR:
        _last_warning[0] = now
        log.warning(
            "cache (Redis) unreachable: the allowance %s is refused, limits fail closed (%s: %s)",
            key,
            type(exc).__name__,
            exc,
        )


def window_of(window: int, now: float | None = None) -> tuple[int, float]:
    """(the window's number since the epoch, seconds into it) of `now` (default: the time now)."""
    number, into = divmod(time.time() if now is None else now, window)
    return int(number), into


def count(key: str, delta: int, window: int, *, store: BaseCache | None = None) -> int:
    """Add `delta` to the counter `key` (created at 0, living two windows) in `store` (default: the cache) and return
    it. Raises QUEUE_ERRORS when the cache is unreachable."""
    store = cache if store is None else store
    store.add(key, 0, 2 * window)
    try:
        return int(store.incr(key, delta))
    except ValueError:  # evicted between the two calls
        store.set(key, max(delta, 0), 2 * window)
        return max(delta, 0)


def take(key: str, limit: int, window: int, *, amount: int = 1, previous: str | None = None,
         into: float = 0.0, store: BaseCache | None = None) -> bool:
    """Take `amount` of `limit` on `key`, the counter of the current window (the caller names it per window, e.g. by
    `window_of`): True when allowed; False — nothing taken — when the count would pass `limit`, or when the cache is
    unreachable (fail closed). With `previous` (the previous window's key) the window slides: the previous count is
    weighted by the share of it still inside the last `window` seconds, `into` being the seconds into the current.
    `store`: the cache counted in (default: the cache)."""
    store = cache if store is None else store
    try:
        current = count(key, amount, window, store=store)
        earlier = store.get(previous, 0) if previous is not None else 0
    except QUEUE_ERRORS as exc:
        _warn(exc, key)
        return False
    if current + earlier * (window - into) / window > limit:
        give_back(key, amount, window, store=store)
        return False
    return True


def give_back(key: str, amount: int, window: int, *, store: BaseCache | None = None) -> None:
    """Return `amount` taken on `key` (a request refused later, or that filed nothing); nothing when the cache is
    unreachable (the count stays higher: closed)."""
    try:
        count(key, -amount, window, store=store)
    except QUEUE_ERRORS as exc:
        _warn(exc, key)

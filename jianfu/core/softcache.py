"""Reads of caches that are only caches (a unit's name, a county's unit list, a place's region names, the matcher's
stamps), degrading to a miss when the cache (Redis) is unreachable (ops28 #4).

With Redis stopped, 27 of 100 pages of three accounts answered 500: 22 from `orgs.unit_name`, 3 from the monitor's
`_county_units`, 2 from employment's `_region_names` — each a five-minute cache of names read from the database.
These read the database instead while Redis is down. Never use this for counters or locks (rate limits, lockouts,
claims): a counter that reads 0 while Redis is down would be no limit at all; those keep failing loudly."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import cache

from jianfu.core.queueing import QUEUE_ERRORS

log = logging.getLogger("jianfu.queue")
_QUIET_FOR = 60.0  # seconds between two warnings of one process: a page reads dozens of names
_last_warning = [0.0]


def _warn(exc: BaseException) -> None:
    now = time.monotonic()
    if now - _last_warning[0] >= _QUIET_FOR:
        _last_warning[0] = now
        log.warning(
            "cache (Redis) unreachable: cached names and stamps read as misses (%s: %s)",
            type(exc).__name__,
            exc,
        )


def soft_get(key: str) -> Any:
    """`cache.get(key)`, or None (a miss) when the cache is unreachable."""
    try:
        return cache.get(key)
    except QUEUE_ERRORS as exc:
        _warn(exc)
        return None


def soft_set(key: str, value: Any, timeout: int) -> None:
    """`cache.set(…)`, or nothing when the cache is unreachable."""
    try:
        cache.set(key, value, timeout)
    except QUEUE_ERRORS as exc:
        _warn(exc)

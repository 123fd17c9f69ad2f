"""The project's own cache keys. On Redis they are those under the key prefix of settings.CACHES (a prefix
per test process), so tests read and clear only their own keys: `cache.clear()` would FLUSHDB a Redis
database that other users (another project, another developer's test run) may share."""

from __future__ import annotations

from django.core.cache import cache as default_cache


def own_cache_keys(cache=default_cache) -> list:
    inner = getattr(cache, "_cache", None)
    if isinstance(inner, dict):  # LocMemCache: private to this process already
        return list(inner.keys())
    return list(inner.get_client(write=False).scan_iter(match=cache.make_key("*")))


def clear_own_cache(cache=default_cache) -> None:
    inner = getattr(cache, "_cache", None)
    if isinstance(inner, dict):
        cache.clear()
    elif keys := own_cache_keys(cache):
        inner.get_client(write=True).delete(*keys)

"""Django's Redis cache, with a `clear()` that deletes only this deployment's keys.

Django's `RedisCache.clear()` runs FLUSHDB: it empties the whole Redis database, whatever the KEY_PREFIX. jianfu shares
its Redis database with the task queue in production, and each test process (pytest-xdist's workers) shares one with
the others: one worker's `cache.clear()` wiped another's rate counters mid-test (CI, session 23: the public form's
eleventh post filed instead of being refused). Here `clear()` deletes the keys under this cache's prefix only.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache

# keys deleted per round trip: small enough that one UNLINK never blocks Redis for long
_BATCH = 500


class PrefixedRedisCache(RedisCache):
    def clear(self) -> None:
        client = self._cache.get_client(write=True)  # type: ignore[attr-defined]  # (django-stubs lacks RedisCache._cache)
        # Django's key function writes "<prefix>:<version>:<key>"
        pattern = _pattern(self.key_prefix)
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=_BATCH):
            batch.append(key)
            if len(batch) == _BATCH:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)


def _pattern(prefix: str) -> str:
    """The Redis MATCH pattern of every key under `prefix`, with Redis's glob characters in the prefix escaped."""
    escaped = "".join(f"\\{c}" if c in "*?[]\\" else c for c in prefix)
    return f"{escaped}:*"

"""Django's Redis cache, with a `clear()` that deletes only this deployment's keys, and counted allowances taken in
one round trip.

Django's `RedisCache.clear()` runs FLUSHDB: it empties the whole Redis database, whatever the KEY_PREFIX. jianfu shares
its Redis database with the task queue in production, and each test process (pytest-xdist's workers) shares one with
the others: one worker's `cache.clear()` wiped another's rate counters mid-test (CI, session 23: the public form's
eleventh post filed instead of being refused). Here `clear()` deletes the keys under this cache's prefix only.

`take_all` / `give_back_all` (session 32, perf32): `core.ratelimits.take_all`'s Redis path. Through the cache's own
methods one allowance costs 4 round trips (`add`; `incr`, which Django sends as EXISTS then INCRBY; `get` of the previous
window), so an anonymous read's two allowances cost 8, and a refusal more. Here every allowance of a request is taken
by one Lua script (EVALSHA: one round trip; Redis runs a script atomically). Its keys and values are the cache's own —
the key through `make_and_validate_key`, the count a plain integer, which Django's RedisSerializer stores unpickled —
so `cache.get` reads what the script counted and the other path's `incr` counts on from it.

Django documents no way to reach the redis-py client behind its RedisCache (django-redis's `get_redis_connection` is
that package's, not Django's): `_client` below is the one place that reads the backend's private `_cache`, pinned to
Django 5.2's `RedisCacheClient.get_client` by `core/tests/test_perf32_one_round_trip.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property

# keys deleted per round trip: small enough that one UNLINK never blocks Redis for long
_BATCH = 500

# KEYS: each allowance's current window's key then its previous window's; ARGV: the amount, then each allowance's
# limit, window (seconds) and seconds into the window. Each counter is created at 0 living two windows (as
# `ratelimits.count`'s `add`), counted, and its estimate (the previous window weighted by its share still inside the
# last `window` seconds: `ratelimits.take`'s arithmetic, in doubles as Python's) compared with the limit. At the first
# allowance refused, everything this call took is given back and {its number (from 1), its count without this take,
# the previous window's count} returned; {0, 0, 0} when every allowance was taken.
# Redis runs a script atomically but does not undo a script's writes when it stops on an error: an INCRBY on a key that
# holds no integer, or arithmetic on a previous window's value that is none, after an earlier allowance's INCRBY, left
# that one taken (fix-cr32b #3). So every key is read first, and a value that is no integer (or a key of another type,
# whose GET fails) stops the script before it writes anything. What can still stop it midway is Redis itself (out of
# memory with maxmemory set and noeviction, or a count past 2^63), never the keys' values.
TAKE_ALL = """
for i = 1, #KEYS do
  local value = redis.call('GET', KEYS[i])
  if value and not string.match(value, '^-?%d+$') then
    return redis.error_reply('counter holds no integer: ' .. KEYS[i])
  end
end
local amount = tonumber(ARGV[1])
for i = 1, #KEYS / 2 do
  local key, previous = KEYS[2 * i - 1], KEYS[2 * i]
  local limit, window, into = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  redis.call('SET', key, 0, 'EX', 2 * window, 'NX')
  local current = redis.call('INCRBY', key, amount)
  local earlier = tonumber(redis.call('GET', previous) or '0')
  if current + earlier * (window - into) / window > limit then
    for j = 1, i do
      redis.call('DECRBY', KEYS[2 * j - 1], amount)
    end
    return {i, current - amount, earlier}
  end
end
return {0, 0, 0}
"""

# KEYS: the counters to give back to; ARGV: the amount, then each counter's window (seconds). As `ratelimits.give_back`:
# a counter gone meanwhile is created (living two windows) before the amount is taken off it.
GIVE_BACK_ALL = """
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], 0, 'EX', 2 * tonumber(ARGV[i + 1]), 'NX')
  redis.call('DECRBY', KEYS[i], ARGV[1])
end
return 0
"""


class PrefixedRedisCache(RedisCache):
    def _client(self) -> Any:
        """The redis-py client that writes (the first server of LOCATION), as Django's own writes get it."""
        return self._cache.get_client(write=True)  # type: ignore[attr-defined]  # (django-stubs lacks RedisCache._cache)

    @cached_property
    def _scripts(self) -> tuple[Any, Any]:
        client = self._client()
        return client.register_script(TAKE_ALL), client.register_script(GIVE_BACK_ALL)

    def take_all(self, allowances: Sequence[tuple[str, str, int, int, float]], amount: int) -> tuple[int, int, int]:
        """Take `amount` of each (key, previous window's key, limit, window, into) in one round trip (the script
        above): (0, 0, 0) when every one was taken, else (the first refused one's number from 1, its count without
        this take, its previous window's count), nothing taken. Raises redis-py's errors when Redis is unreachable,
        and `ResponseError` — nothing taken — when a counter holds no integer (the script's first loop)."""
        keys: list[str] = []
        args: list[Any] = [amount]
        for key, previous, limit, window, into in allowances:
            keys += [self.make_and_validate_key(key), self.make_and_validate_key(previous)]
            args += [limit, window, repr(float(into))]
        refused, current, earlier = self._scripts[0](keys=keys, args=args, client=self._client())
        return int(refused), int(current), int(earlier)

    def give_back_all(self, taken: Sequence[tuple[str, int]], amount: int) -> None:
        """Give `amount` back to each (key, window) in one round trip. Raises redis-py's errors when unreachable."""
        keys = [self.make_and_validate_key(key) for key, _window in taken]
        self._scripts[1](keys=keys, args=[amount, *(window for _key, window in taken)], client=self._client())

    def clear(self) -> None:
        client = self._client()
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

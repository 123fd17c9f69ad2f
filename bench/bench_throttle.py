"""The anonymous reads' throttle decision (`core.throttling.AnonymousReadThrottle.allow_request`, ADR 0046) against
the machine's Redis: session 32 (perf32) took both allowances in one round trip (`ratelimits.take_all`, a Lua script).

Floor, in the same run against the same Redis: the decision as session 31 made it (`_Session31Throttle` below, its
`allow_request` as it was: `ratelimits.take` per allowance — `add`, Django's `incr` = EXISTS + INCRBY, the previous
window's `get` — and on a refusal `give_back` per allowance taken and two `get`s for Retry-After). The two paths
alternate in rounds, so drift on a shared machine falls on both.

Cases: N reads let through (the default rates, 120/min and 2,000/day, spread over N/10 addresses so none is refused);
N reads refused (one address past its minute); the same reads on LocMemCache (the embedded default, which keeps the
one-by-one path: no change expected). Per decision: median and p99 (each decision timed alone), round trips counted
by a counting client (every command redis-py sends: `Redis.execute_command`), and the server's own counts over the
timed calls from `INFO commandstats`: `server_ran`, the commands Redis ran (a script's `redis.call`s included: without
a script, one round trip each), and `server_scripts`, the EVALSHA/EVAL calls (the script path's round trips). Both are
server-wide: another client's commands on a shared Redis add to them. Redis: JIANFU_BENCH_REDIS_URL, else JIANFU_REDIS_URL, else the machine's redis://127.0.0.1:6379/15; its own key
prefix, cleared after. Without a reachable Redis the Redis rows say so and the LocMem row still runs.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

from bench.common import SMOKE, row, setup_django

N = 200 if SMOKE else 3000
ROUNDS = 2 if SMOKE else 6
REDIS_URL = (os.environ.get("JIANFU_BENCH_REDIS_URL") or os.environ.get("JIANFU_REDIS_URL")
             or "redis://127.0.0.1:6379/15")


def _session31_throttle_class():
    from jianfu.core import ratelimits, throttling

    class _Session31Throttle(throttling.AnonymousReadThrottle):
        """`allow_request` as session 31 left it (commit 407008c9), for the floor."""

        def allow_request(self, request: Any, view: Any) -> bool:
            self.wait_seconds = None
            self.taken = []
            if not throttling.counted(request):
                return True
            ident = throttling.client_network_key(request)
            now = self.timer()
            taken: list[tuple[str, int]] = []
            for limit, period in throttling.rates():
                window, into = ratelimits.window_of(period, now)
                key, previous = (f"{throttling.KEY_SPACE}:{period}:{ident}:{w}" for w in (window, window - 1))
                try:
                    allowed = ratelimits.take(key, limit, period, previous=previous, into=into, closed=False)
                except ratelimits.LimitUnavailable:
                    self.taken = taken
                    return True
                if not allowed:
                    for key_taken, period_taken in taken:
                        ratelimits.give_back(key_taken, 1, period_taken)
                    try:
                        current, earlier = ratelimits.cache.get(key, 0), ratelimits.cache.get(previous, 0)
                    except ratelimits.CACHE_ERRORS:
                        current, earlier = limit, 0
                    self.wait_seconds = throttling._wait(limit=limit, period=period, current=current,
                                                         earlier=earlier, into=into)
                    return False
                taken.append((key, period))
            self.taken = taken
            return True

    return _Session31Throttle


class _Counting:
    """Counts every command redis-py sends (one round trip each: no pipelines are used by either path)."""

    def __init__(self) -> None:
        import redis

        self.sent = 0
        self._redis = redis
        self._original = redis.Redis.execute_command

    def __enter__(self) -> _Counting:
        original, counter = self._original, self

        def counting(client: Any, *args: Any, **options: Any) -> Any:
            counter.sent += 1
            return original(client, *args, **options)

        self._redis.Redis.execute_command = counting
        return self

    def __exit__(self, *exc: object) -> None:
        self._redis.Redis.execute_command = self._original


def _server(client: Any) -> tuple[int, int]:
    """From `INFO commandstats`: (scripts the server was sent — EVALSHA and EVAL calls —, commands it ran, the commands
    a script runs counted too), INFO itself left out."""
    stats = client.info("commandstats")
    scripts = sum(stats.get(k, {}).get("calls", 0) for k in ("cmdstat_evalsha", "cmdstat_eval"))
    return scripts, sum(v["calls"] for k, v in stats.items() if k != "cmdstat_info")


def _requests(addresses: int) -> list[Any]:
    from django.test import RequestFactory

    factory = RequestFactory()
    return [factory.get("/villages/", REMOTE_ADDR=f"198.18.{n // 250}.{n % 250 + 1}") for n in range(addresses)]


def _run_case(decide: dict[str, Callable[[Any], bool]], requests: list[Any], expect: bool,
              client: Any | None) -> dict[str, dict[str, float]]:
    """Each path's decisions over `requests` (cycled to N), in ROUNDS alternating rounds: timings, round trips."""
    per_round = max(1, N // ROUNDS)
    timings: dict[str, list[float]] = {name: [] for name in decide}
    sent = dict.fromkeys(decide, 0)
    scripts = dict.fromkeys(decide, 0)
    ran = dict.fromkeys(decide, 0)
    position = dict.fromkeys(decide, 0)
    for _ in range(ROUNDS):
        for name, one in decide.items():
            batch = [requests[(position[name] + i) % len(requests)] for i in range(per_round)]
            position[name] += per_round
            before = _server(client) if client is not None else (0, 0)
            with _Counting() as counting:
                for request in batch:
                    started = time.perf_counter()
                    allowed = one(request)
                    timings[name].append(time.perf_counter() - started)
                    if allowed is not expect:
                        raise AssertionError(f"{name}: a decision was {allowed}, expected {expect}")
            sent[name] += counting.sent
            if client is not None:
                after = _server(client)
                scripts[name] += after[0] - before[0]
                ran[name] += after[1] - before[1]
    out = {}
    for name, values in timings.items():
        values.sort()
        out[name] = {"median_s": statistics.median(values), "p99_s": values[int(0.99 * (len(values) - 1))],
                     "trips": sent[name] / len(values), "scripts": scripts[name] / len(values),
                     "ran": ran[name] / len(values), "n": len(values)}
    return out


def _rows(case: str, measured: dict[str, dict[str, float]], backend: str) -> list[dict]:
    def extra(m: dict[str, float]) -> dict[str, Any]:
        redis = backend == "Redis"
        return {"p99_ms": round(m["p99_s"] * 1e3, 3), "round_trips": round(m["trips"], 2),
                "server_scripts": round(m["scripts"], 2) if redis else None,
                "server_ran": round(m["ran"], 2) if redis else None, "n": int(m["n"])}

    new, old = measured["session 32"], measured["session 31"]
    return [row(f"{case}, {backend}: session 31 (floor)", old["median_s"], **extra(old)),
            row(f"{case}, {backend}: session 32 (take_all)", new["median_s"], floor_median_s=old["median_s"],
                **extra(new))]


def _cases(client: Any | None, backend: str) -> list[dict]:
    from django.conf import settings

    from jianfu.core import throttling

    throttling.KEY_SPACE = f"throttle:anon_read-bench-{uuid.uuid4().hex[:8]}"
    settings.JIANFU_ANONYMOUS_READ_RATES = throttling.DEFAULT_RATES
    old, new = _session31_throttle_class()(), throttling.AnonymousReadThrottle()
    frozen = 60 * (int(time.time()) // 60) + 10.0    # one clock for the run: no window ends between two decisions
    old.timer = new.timer = lambda: frozen            # (an instance's, as the tests pin the class's)
    paths = {"session 32": lambda r: new.allow_request(r, None), "session 31": lambda r: old.allow_request(r, None)}
    rows: list[dict] = []
    # let through: N reads over N/10 addresses, 10 each a run (the minute's 120 and the day's 2,000 never reached)
    allowed_requests = _requests(max(1, N // 10))
    for one in paths.values():            # warm-up: connections opened, the script loaded
        one(_requests(1)[0])
    rows += _rows("read let through (2 allowances)", _run_case(paths, allowed_requests, True, client), backend)
    # refused: one address past its minute's 120 (each path its own address, so neither refuses the other's)
    refused = {}
    for name, one in paths.items():
        request = _requests(1)[0]
        request.META["REMOTE_ADDR"] = f"198.19.0.{len(refused) + 1}"
        while one(request):
            pass
        refused[name] = request
    measured = _run_case({name: (lambda r, one=one, name=name: one(refused[name])) for name, one in paths.items()},
                         [None], False, client)
    rows += _rows("read refused (minute spent)", measured, backend)
    return rows


def run() -> list[dict]:
    setup_django()
    import redis
    from django.core.cache import caches
    from django.test import override_settings

    from jianfu.core import throttling

    saved = throttling.KEY_SPACE
    rows: list[dict] = []
    # Both paths count in the cache as production configures it (config/settings.py's CACHES, `ratelimits.cache` left
    # as Django's proxy): until fix-cr32b the bench set the bare backend as `ratelimits.cache`, which hid that the
    # proxy never took the script path.
    redis_cache = {"default": {"BACKEND": "jianfu.core.rediscache.PrefixedRedisCache", "LOCATION": REDIS_URL,
                               "KEY_PREFIX": f"jianfu-bench-throttle-{uuid.uuid4().hex[:8]}"}}
    local_cache = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                               "LOCATION": "bench-throttle"}}
    try:
        with override_settings(CACHES=redis_cache):
            store = caches["default"]
            try:
                store._client().ping()
            except redis.RedisError as exc:
                rows.append(row(f"Redis at {REDIS_URL} unreachable ({type(exc).__name__}): not measured", 0.0))
            else:
                try:
                    rows += _cases(store._client(), "Redis")
                finally:
                    store.clear()
        with override_settings(CACHES=local_cache):
            rows += _cases(None, "LocMem")
    finally:
        throttling.KEY_SPACE = saved
    return rows

"""Warm a new web process in the background: the views behind the URLconf (any first page), the routing models (a
citizen's first 反映), the matching models (the first 推荐岗位 / 适合的求职者 page), the review engine's rules and
dictionary (the first pasted draft: 1.3–3.2 s cold, 0.05–0.09 s warm, review-new18) and pypinyin (the first /villages/,
mend31 #5), so the first request after a start does not load them (newuser17 #1: 7.4 s and
7.6 s on a loaded machine, against 0.6 s and 0.2–0.8 s warm).

The one warm-up of a process (`warm`), started the one way (`warm_in_background`): gunicorn's `post_worker_init`
(config/gunicorn.conf.py) calls `warm_in_worker` for each worker; the development server that `scripts/run.py` starts
asks for it with JIANFU_WARM_AT_START=1, read when config/wsgi.py is imported (before the first request is served).
The warm-up runs in a daemon thread: it never delays the start (nor meets gunicorn's worker timeout in init, where
gunicorn would kill the worker and the next would start over: diffreview13 D15), a failure is logged and never stops
the server, and a request that comes first simply loads what it needs itself, as before. Either way the ready line is
printed when it is done."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar
from zoneinfo import ZoneInfo

log = logging.getLogger("jianfu.warmup")
T = TypeVar("T")


def warm() -> dict[str, float | int]:
    """Import the views, load the routers in force, the matching indexes and the review engine's rules in this
    process; what was warmed and the seconds each part took. Each part is tried on its own (cr18 #7: one failing
    part skipped the rest): a failure is logged, counts 0 and is counted in "failed". Never raises."""
    from django.urls import get_resolver

    from jianfu.dispatch.routing_bridge import warm_in_force
    from jianfu.employment.matchsvc import warm_process
    from jianfu.review.engine.matcher import warm as warm_review

    def urls() -> int:
        # every view module behind the URLconf (the first request imports them: 11.7 s of the first 反映 on a
        # loaded machine, ahead of any model)
        return len(get_resolver().url_patterns)

    def pinyin() -> int:
        # pypinyin and its phrase dictionary: /villages/ sorts the towns by pinyin, and its first request after a start
        # imported them (mend31 #5); imported here, not with the views (mend21 #6: not on the URLconf's path)
        from pypinyin import lazy_pinyin

        return len(lazy_pinyin("曲樟乡"))

    # (what it warms, the key of its count, the key of its seconds)
    parts: list[tuple[Callable[[], int], str, str]] = [
        (urls, "urls", "urls_seconds"), (warm_in_force, "routers", "routing_seconds"),
        (warm_process, "indexes", "matching_seconds"), (warm_review, "rules", "review_seconds"),
        (pinyin, "pinyin", "pinyin_seconds")]
    started = time.monotonic()
    result: dict[str, float | int] = {"failed": 0}
    for part, count, seconds in parts:
        began = time.monotonic()
        try:
            result[count] = part()
        except Exception:  # noqa: BLE001 - warming is an optimisation only
            log.exception("warm-up failed: %s", count)
            result[count] = 0
            result["failed"] += 1
        result[seconds] = time.monotonic() - began
    result["seconds"] = time.monotonic() - started
    return result


def in_background(work: Callable[[], T], *, name: str, report: Callable[[T], object] | None = None
                  ) -> threading.Thread:
    """`work()` in a daemon thread named `name`, then `report(result)`; the thread closes its own database connection
    when the work is done. Only there: closed by `work` (`warm`), called on a request's or a test's thread, it would
    close that thread's connection — on PostgreSQL, a test's open transaction."""
    def run() -> None:
        from django.db import connection

        try:
            result = work()
        finally:
            connection.close()   # this thread's own connection
        if report is not None:
            report(result)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


def warm_in_background(*, report: Callable[[dict[str, float | int]], object] | None = None) -> threading.Thread:
    """`warm` in a daemon thread; `report(result)` when it is done (the ready line on the console)."""
    return in_background(warm, name="jianfu-warm-up", report=report)


def warm_in_worker() -> threading.Thread:
    """For gunicorn's `post_worker_init`: the worker serves at once while it warms; the ready line when warm. The
    matching part is warmed again every night (`daily_matching_warm_in_background`)."""
    daily_matching_warm_in_background()
    return warm_in_background(report=_print_ready)


# The matching state of a web process is keyed by the day (`matchsvc.scope_stamp`, `_postings_stamp`: ages and dates
# are read against `local_today()`), so the first 适合的求职者 / 推荐岗位 request of each day found none of it and
# built it: 3.3 s for a county's 5,000 people and 3,000 postings even after the task queue's daily warm (00:05 China
# time) had stored the day's indexes, 10.5 s without Redis, 27 s when no warm had run (bench-day28,
# docs/benchmarks.md). Each web process warms its own matching state again at this hour, China time: after the task
# queue's run (whose indexes it loads; it builds what is missing), long before the offices open.
DAILY_MATCHING_WARM = dt.time(0, 35)
CHINA = ZoneInfo("Asia/Shanghai")


def seconds_to_daily_warm(now: dt.datetime) -> float:
    """Seconds from `now` (aware) to the next DAILY_MATCHING_WARM, China time (a full day when it is that instant)."""
    local = now.astimezone(CHINA)
    at = dt.datetime.combine(local.date(), DAILY_MATCHING_WARM, tzinfo=CHINA)
    if at <= local:
        at = dt.datetime.combine(local.date() + dt.timedelta(days=1), DAILY_MATCHING_WARM, tzinfo=CHINA)
    return (at - local).total_seconds()


def daily_matching_warm(*, days: int | None = None, sleep: Callable[[float], object] = time.sleep,
                        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> int:
    """Every day at DAILY_MATCHING_WARM (China time), this process's matching state warmed for the new day
    (`matchsvc.warm_process`: the posting side, every scope's index with the county's text model); `days` runs (for
    tests), else for ever. Closes its database connection after each run (a thread of its own). Never raises; returns
    how many runs were made."""
    from django.db import connection

    from jianfu.employment.matchsvc import warm_process

    runs = 0
    while days is None or runs < days:
        sleep(seconds_to_daily_warm(now()))
        try:
            began = time.monotonic()
            ready = warm_process()
            log.info("daily matching warm: %s indexes in %.1f s", ready, time.monotonic() - began)
        except Exception:  # noqa: BLE001 - warming is an optimisation only; the next day tries again
            log.exception("daily matching warm failed")
        finally:
            connection.close()
        runs += 1
    return runs


def daily_matching_warm_in_background() -> threading.Thread:
    """`daily_matching_warm` in a daemon thread of its own (it sleeps until the hour, for as long as the process)."""
    thread = threading.Thread(target=daily_matching_warm, name="jianfu-daily-matching-warm", daemon=True)
    thread.start()
    return thread


def _print_ready(result: dict[str, float | int]) -> None:
    failed = f"，{result['failed']} 项失败（见日志）" if result.get("failed") else ""
    print(f"预热完成 / warmed up: {result['routers']} 个分派模型、{result['indexes']} 个求职者索引、"
          f"{result.get('rules', 0)} 条审查规则{failed}，用时 {result['seconds']:.1f} 秒", flush=True)


def warm_at_start_if_asked() -> threading.Thread | None:
    """For config/wsgi.py: warm in the background when the process was started with JIANFU_WARM_AT_START=1
    (scripts/run.py's development server). gunicorn warms in `post_worker_init` instead (`warm_in_worker`), never
    twice."""
    if os.environ.get("JIANFU_WARM_AT_START") != "1":
        return None
    daily_matching_warm_in_background()
    return warm_in_background(report=_print_ready)

"""Handing work to the task queue after a write has committed, without answering that write with a 500 (ops28 #3).

With Redis down, a profile saved, an import uploaded or a key person added had committed, and the page still said
"服务器出错了" because the after-commit hook that queues the follow-up work (`employment.tasks.schedule_index_warm`,
`posting_import_task(…)`, `seeker_import_task(…)`, `visit_scan_person_task(…)`) raised Redis's ConnectionError: the
user, told it failed, typed it again. Each of these has a periodic job that catches up once the queue is back (the
nightly index warm, the hourly visit scan, the stale-import recovery that shows a lost import as 已中断), so the
enqueue is best effort: a failure is logged at ERROR, naming what was not queued and what will catch up, and the
request goes on. dispatch (`services._on_commit_notify`) and monitor (`services._enqueue_refresh`) already did this,
each in its own words; since ops29 #2 they call `enqueue_quietly` too (with `errors=(Exception,)`: they caught every
error before and still do — dispatch then sends inline, monitor leaves its marker to the next write or sweep)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from redis.exceptions import RedisError

log = logging.getLogger("jianfu.queue")

# What an unreachable queue or cache raises (huey's Redis storage and the Redis cache both raise redis-py's errors).
QUEUE_ERRORS: tuple[type[BaseException], ...] = (RedisError,)


def enqueue_quietly(call: Callable[[], object], *, what: str, recovery: str,
                    errors: tuple[type[BaseException], ...] = QUEUE_ERRORS) -> bool:
    """Run `call()` (a task call that enqueues, or a cache write that schedules one); True when it went through,
    False — logged once, never raised — when the queue or cache was unreachable (raised one of `errors`). An error
    that is not Redis's (`errors=(Exception,)`: a bug, a misconfigured huey) is logged as a failure with its
    traceback, never as "Redis unreachable" (fix-cr29 #3)."""
    try:
        call()
    except errors as exc:
        unreachable = isinstance(exc, QUEUE_ERRORS)
        log.error(
            "could not queue %s: %s (%s: %s); %s",
            what,
            "the task queue/cache (Redis) is unreachable" if unreachable else "the enqueue failed",
            type(exc).__name__,
            exc,
            recovery,
            exc_info=not unreachable,
        )
        return False
    return True


def enqueue_on_commit(call: Callable[[], object], *, what: str, recovery: str,
                      errors: tuple[type[BaseException], ...] = QUEUE_ERRORS) -> None:
    """`enqueue_quietly(call, …)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue_quietly(call, what=what, recovery=recovery, errors=errors))

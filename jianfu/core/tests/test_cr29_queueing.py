"""fix-cr29 #3: `enqueue_quietly` with `errors=(Exception,)` (dispatch, monitor) logged any error as "the task
queue/cache (Redis) is unreachable", without a traceback — a bug in the task call read as an outage. Redis's errors
are still one line without a traceback; any other error says the enqueue failed, with its traceback."""

from __future__ import annotations

import logging

from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core.queueing import enqueue_quietly


def _raise(exc: BaseException):
    def call():
        raise exc

    return call


def test_redis_down_is_one_line_naming_redis_without_a_traceback(caplog):
    with caplog.at_level(logging.DEBUG, logger="jianfu.queue"):
        assert enqueue_quietly(_raise(RedisConnectionError("Connection refused.")), what="task x",
                               recovery="the sweep catches up", errors=(Exception,)) is False
    assert [(r.levelname, r.getMessage(), bool(r.exc_info)) for r in caplog.records] == [(
        "ERROR", "could not queue task x: the task queue/cache (Redis) is unreachable "
        "(ConnectionError: Connection refused.); the sweep catches up", False)]


def test_another_error_is_logged_as_a_failure_with_its_traceback(caplog):
    with caplog.at_level(logging.DEBUG, logger="jianfu.queue"):
        assert enqueue_quietly(_raise(RuntimeError("huey misconfigured")), what="task x",
                               recovery="the sweep catches up", errors=(Exception,)) is False
    [record] = caplog.records
    assert (record.levelname, record.getMessage()) == (
        "ERROR", "could not queue task x: the enqueue failed (RuntimeError: huey misconfigured); the sweep catches up")
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "Redis" not in record.getMessage()


def test_a_call_that_goes_through_logs_nothing(caplog):
    with caplog.at_level(logging.DEBUG, logger="jianfu.queue"):
        assert enqueue_quietly(lambda: None, what="task x", recovery="-") is True
    assert caplog.records == []

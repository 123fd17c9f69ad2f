"""ops28 #9: the worker's log has one line per record, with time, level and logger.

Measured: `run_huey --workers 4` wrote every huey record twice — once by the handler run_huey adds to the "huey"
logger (it adds one only when that logger has none), once bare by the root's console handler (no time, no level) —
4,293 lines in 28 minutes; and the application's own warnings had no time or level."""

from __future__ import annotations

import io
import logging
import logging.config

from django.conf import settings


def test_a_huey_record_is_written_once_with_its_time_level_and_logger():
    logging.config.dictConfig(settings.LOGGING)
    huey = logging.getLogger("huey")
    assert huey.handlers and huey.propagate is False  # run_huey: `if not logger.handlers:` adds none
    stream = io.StringIO()
    handlers = [
        h for h in (*huey.handlers, *logging.getLogger().handlers) if isinstance(h, logging.StreamHandler)
    ]
    before = [h.setStream(stream) for h in handlers]
    try:
        huey.warning("jianfu.core.tasks.audit_seal_pending: 1 executed in 0.170s")
    finally:
        for handler, old in zip(handlers, before, strict=True):
            handler.setStream(old)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("] WARNING huey: jianfu.core.tasks.audit_seal_pending: 1 executed in 0.170s")
    assert lines[0][1:21].count(":") == 2 and lines[0][21:27] in (
        "+0800]",
        "+0000]",
    )  # "[2026-12-07 08:04:02 +0800]"

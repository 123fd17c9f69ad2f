"""Background-job plumbing shared by every app: failures are recorded for admins; periodic checks.

Apps declare tasks with `@db_task(retries=3, retry_delay=60)`; when the last retry fails the
SIGNAL_ERROR handler below stores a TaskFailure, listed on the admins' 后台任务 page."""

from __future__ import annotations

import logging
import traceback as tb

from django.db import close_old_connections
from huey import crontab, signals
from huey.contrib.djhuey import HUEY, db_periodic_task

from jianfu.core.audit import anchor_head, anchor_if_moved, seal_pending, verify_chain
from jianfu.core.models import TaskFailure

logger = logging.getLogger(__name__)


@HUEY.signal(signals.SIGNAL_ERROR)
def record_final_failure(signal, task, exc=None):
    if task.retries:  # huey will try again; only the last failure is worth an admin's attention
        return
    if not HUEY.immediate:  # in immediate mode (tests) the caller owns the connection
        close_old_connections()
    TaskFailure.objects.create(
        task_name=task.name, task_id=task.id, arguments=repr((task.args, task.kwargs))[:2000],
        error=f"{type(exc).__name__}: {exc}"[:2000] if exc else "",
        traceback="".join(tb.format_exception(exc))[-8000:] if exc else "")
    logger.error("task %s %s failed after its retries: %r", task.name, task.id, exc)


@db_periodic_task(crontab(minute="17", hour="19"))
def audit_chain_check():
    """Nightly, 03:17 China time (huey's crontab reads UTC: hour 3 ran it at 11:17, a working-day peak; ops28 #5):
    verify the audit chain and its anchors; a break becomes a TaskFailure that admins see.
    An intact chain's head is appended to the anchor file outside the database (ADR 0018)."""
    seal_pending()
    problems = list(verify_chain())
    if problems:
        raise RuntimeError(f"审计链校验失败：{len(problems)} 处问题，首个：#{problems[0].record_id} {problems[0].reason}")
    anchor_head(reason="daily")


@db_periodic_task(crontab(minute="*"))
def audit_seal_pending():
    """Every minute: seal records whose writer died between commit and sealing, and anchor the head outside the
    database when it moved (security28 #5: a daily anchor left a day's tail that a database writer could cut)."""
    seal_pending()
    anchor_if_moved()

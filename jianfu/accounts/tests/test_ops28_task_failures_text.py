"""ops28 #10: the 后台任务 page said every failed task is retried automatically ("后台任务失败会自动重试"); only the
monitor's re-evaluation has retries — an import, a notification or a scan that fails is listed at once."""

from __future__ import annotations

import pytest

from jianfu.core.models import TaskFailure

pytestmark = pytest.mark.django_db


def test_the_failed_tasks_page_does_not_promise_retries(world):
    TaskFailure.objects.create(
        task_name="audit_seal_pending",
        task_id="t1",
        arguments="((), {})",
        error="OperationalError: terminating connection due to administrator command",
    )
    page = world.client("admin").get("/system/tasks/").content.decode()
    assert "后台任务失败会自动重试" not in page
    assert "失败的后台任务列在这里（设有自动重试的，重试用尽后才列出），等待管理员处理" in page
    assert "OperationalError: terminating connection due to administrator command" in page

import pytest
from huey.contrib.djhuey import HUEY, db_task

from jianfu.core.models import TaskFailure

calls = []


@db_task(retries=2, retry_delay=0)
def flaky(fail_times):
    calls.append(1)
    if len(calls) <= fail_times:
        raise ValueError(f"失败 {len(calls)}")
    return "ok"


@pytest.mark.django_db
def test_failed_job_is_retried_then_recorded(settings):
    calls.clear()
    assert HUEY.immediate
    flaky(5)  # fails on the first try and both retries
    assert len(calls) == 3
    failure = TaskFailure.objects.get()
    assert failure.task_name.endswith("flaky")
    assert failure.error == "ValueError: 失败 3"


@pytest.mark.django_db
def test_job_that_recovers_leaves_no_failure():
    calls.clear()
    flaky(1)
    assert len(calls) == 2
    assert TaskFailure.objects.count() == 0

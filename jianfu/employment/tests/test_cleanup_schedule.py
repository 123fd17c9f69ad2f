"""codereview16b (minor): huey's crontab reads UTC, so `crontab(hour="3")` ran a cleanup at 11:27 China time, in the
middle of a working day. The daily jobs added in session 16 run at night in China; a posting batch failed by its
worker stamps `updated_at`, which the 30-day purge of failed batches counts from."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from jianfu.employment import importjobs, postings, tasks
from jianfu.employment.models import PostingImport
from jianfu.employment.tests.factories import TOWN
from jianfu.registry import tasks as registry_tasks

CHINA = ZoneInfo("Asia/Shanghai")


def _china_times(task) -> list[str]:
    """When a periodic task runs in a day, in China time (huey asks validate_datetime each minute, in UTC)."""
    check = task.task_class()
    start = dt.datetime(2026, 12, 5, 0, 0)
    minutes = (start + dt.timedelta(minutes=m) for m in range(24 * 60))
    return [f"{m.replace(tzinfo=dt.UTC).astimezone(CHINA):%H:%M}" for m in minutes if check.validate_datetime(m)]


def test_the_daily_cleanups_of_this_session_run_at_night_in_china():
    assert _china_times(tasks.import_purge_failed_task) == ["03:27"]
    assert _china_times(tasks.seeker_import_cleanup_files_task) == ["03:37"]
    assert _china_times(tasks.seeker_index_daily_warm_task) == ["00:05"]
    # bench-day28: before the web processes' nightly matching warm (00:35), not at 08:20 in office hours
    assert _china_times(tasks.postings_expire_task) == ["00:20"]
    assert _china_times(registry_tasks.import_cleanup_abandoned_task) == ["03:47"]


@pytest.mark.django_db
def test_a_posting_batch_failed_by_its_worker_is_kept_30_days_from_then(world):
    batch = PostingImport.objects.create(org_code=TOWN, original_name="岗位.csv", status="committing", worker="w:1",
                                         created_by=world.users["town_quzhang"])
    PostingImport.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - dt.timedelta(days=40))
    batch.refresh_from_db()
    before = timezone.now()
    postings._finish_claimed(batch, status=PostingImport.Status.FAILED, total_rows=3, errors=[])
    batch.refresh_from_db()
    assert (batch.status, batch.worker) == ("failed", "")
    assert before <= batch.updated_at <= timezone.now()
    assert importjobs.import_purge_failed() == 0
    assert PostingImport.objects.filter(pk=batch.pk).exists()

"""fix-cr32b #9: a batch no worker claimed within its queue lease read "后台任务已停止，导入被中断" and was recovered with
"后台任务进程可能未运行" — but a queue only long looks the same, and its task may still run later. The page and the
recovered batch's reason now say both (a batch a worker died in keeps "已停止 … 被中断": test_seeker_import_jobs)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.employment import seekerjobs
from jianfu.employment.models import SeekerImportBatch
from jianfu.employment.tests.test_seeker_import_jobs import URL, good_sheet, queued, written

pytestmark = pytest.mark.django_db

BACKLOG = "该批次长时间没有被处理：后台任务可能未运行或排队过长（还没有写入任何数据）。"


def test_a_batch_no_worker_claimed_says_the_queue_may_only_be_long(world):
    content, _people = good_sheet()
    batch = queued(world, content)
    assert batch.status == "queued"
    SeekerImportBatch.objects.filter(pk=batch.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    batch.refresh_from_db()
    assert seekerjobs.is_stale(batch)
    html = world.client("village_a").get(f"{URL}{batch.pk}/").content.decode()
    assert BACKLOG in html and "后台任务已停止" not in html and "进程可能未运行" not in html
    assert seekerjobs.import_recover_stale() == 1
    batch.refresh_from_db()
    assert (batch.status, batch.error_message) == (
        "interrupted", "导入请求长时间没有被处理：后台任务可能未运行或排队过长。没有写入任何数据；可以重新导入或放弃。")
    assert written() == (0, 0)

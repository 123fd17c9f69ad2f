"""codereview16 #6: an interrupted (or failed) seeker upload keeps clear ID numbers on disk only a week after it
stopped — a daily job deletes the file and tells the batch why — and 导入求职登记 lists the recent uploads, so a user
who left a batch's page can find it again to 重新导入 or 放弃."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.employment import seekerjobs
from jianfu.employment.models import SeekerImportBatch
from jianfu.employment.tests.test_seeker_import_jobs import URL, good_sheet, killed_mid_import, queued

pytestmark = pytest.mark.django_db
DELETED = "上传的文件已在停止导入7天后删除（其中有身份证号等个人信息）；如需导入，请重新上传。"


def stopped(world, status: str, days_ago: float) -> SeekerImportBatch:
    content, _people = good_sheet()
    batch = queued(world, content)
    SeekerImportBatch.objects.filter(pk=batch.pk).update(
        status=status, worker="", lease_until=None, updated_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    batch.refresh_from_db()
    return batch


def test_the_daily_job_deletes_week_old_stopped_uploads_only(world, django_capture_on_commit_callbacks):
    old_interrupted, old_failed = stopped(world, "interrupted", 8), stopped(world, "failed", 7.1)
    recent, committed_long_ago = stopped(world, "interrupted", 6), stopped(world, "committed", 30)
    queued_again = stopped(world, "queued", 30)
    storage = old_interrupted.file.storage
    names = {
        b.pk: b.file.name for b in (old_interrupted, old_failed, recent, committed_long_ago, queued_again)
    }
    assert all(storage.exists(n) for n in names.values())
    with django_capture_on_commit_callbacks(execute=True):
        assert seekerjobs.import_cleanup_files() == 2
    for gone in (old_interrupted, old_failed):
        gone.refresh_from_db()
        assert (gone.file.name, gone.error_message, storage.exists(names[gone.pk])) == ("", DELETED, False)
    for kept in (recent, committed_long_ago, queued_again):
        kept.refresh_from_db()
        assert (kept.file.name, kept.error_message, storage.exists(names[kept.pk])) == (
            names[kept.pk],
            "",
            True,
        )
    assert sorted(
        AuditRecord.objects.filter(action="employment.seeker.import_file_deleted").values_list(
            "object_id", flat=True
        )
    ) == sorted(str(b.pk) for b in (old_interrupted, old_failed))
    with django_capture_on_commit_callbacks(execute=True):
        assert seekerjobs.import_cleanup_files() == 0  # once per batch


def test_a_week_counts_from_the_interruption_not_the_upload(world):
    content, _people = good_sheet()
    batch = killed_mid_import(queued(world, content))
    SeekerImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - dt.timedelta(days=30))
    assert seekerjobs.import_recover_stale() == 1  # interrupted now, uploaded a month ago
    batch.refresh_from_db()
    assert batch.status == "interrupted" and batch.updated_at > timezone.now() - dt.timedelta(minutes=1)
    assert seekerjobs.import_cleanup_files() == 0
    assert seekerjobs.import_cleanup_files(now=timezone.now() + dt.timedelta(days=7, minutes=1)) == 1


def test_a_batch_whose_file_is_gone_offers_only_to_discard(world, django_capture_on_commit_callbacks):
    batch = stopped(world, "interrupted", 8)
    with django_capture_on_commit_callbacks(execute=True):
        seekerjobs.import_cleanup_files()
    html = world.client("village_a").get(f"{URL}{batch.pk}/").content.decode()
    assert DELETED in html and "重新导入" not in html and "放弃" in html


def test_the_import_page_lists_the_recent_uploads_one_may_open(world):
    content, _people = good_sheet()
    interrupted = stopped(world, "interrupted", 1)
    stale = killed_mid_import(queued(world, content))
    committed = stopped(world, "committed", 2)
    html = world.client("village_a").get(URL).content.decode()
    listed = html[html.index('id="recent-imports"') :]
    listed = listed[: listed.index("</ul>")]
    assert [listed.count(f'href="{URL}{b.pk}/"') for b in (interrupted, stale, committed)] == [1, 1, 1]
    assert listed.count("已中断") == 2 and listed.count("已入库") == 1  # a stale batch says 已中断 at once
    # another village's account sees none of them; the town's sees all three
    assert 'id="recent-imports"' not in world.client("village_b").get(URL).content.decode()
    town = world.client("town_quzhang").get(URL).content.decode()
    assert all(f'href="{URL}{b.pk}/"' in town for b in (interrupted, stale, committed))

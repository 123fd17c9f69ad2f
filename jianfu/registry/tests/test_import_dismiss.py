"""fix-left16 #3: a failed import batch had no end — it stayed on the import page for ever. Its uploader may now
remove it (a POST, scoped, audited), and one failed more than 30 days ago is deleted by the daily cleanup."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.registry import imports
from jianfu.registry.models import ImportBatch, ImportRow
from jianfu.registry.tasks import import_cleanup_abandoned_task

VB = "450521200201"


def _failed(world, username="village_b", **extra) -> ImportBatch:
    batch = ImportBatch.objects.create(org_code=VB, original_name="坏台账.xlsx", status=ImportBatch.Status.FAILED,
                                       error_message="第 1 行没有表头", created_by=world.users[username], **extra)
    batch.file.save("bad.xlsx", SimpleUploadedFile("bad.xlsx", b"not a workbook"))
    ImportRow.objects.create(batch=batch, row_number=2, status=ImportRow.Status.ERROR, data={"name": "某"})
    return batch


@pytest.mark.django_db
def test_the_uploader_removes_a_failed_batch_from_the_import_page(world, django_capture_on_commit_callbacks):
    batch = _failed(world)
    name, storage = batch.file.name, batch.file.storage
    client = world.client("village_b")
    page = client.get("/registry/imports/").content.decode()
    assert f'action="/registry/imports/{batch.pk}/dismiss/"' in page and ">移除</button>" in page
    with django_capture_on_commit_callbacks(execute=True):   # the file goes once the deletion is committed
        response = client.post(f"/registry/imports/{batch.pk}/dismiss/")
    assert response.status_code == 302 and response["Location"] == "/registry/imports/"
    assert not ImportBatch.objects.filter(pk=batch.pk).exists() and not ImportRow.objects.filter(batch_id=batch.pk).exists()
    assert not storage.exists(name)
    record = AuditRecord.objects.get(action="registry.import.dismiss")
    assert (record.actor, record.object_id, record.changes) == (
        world.users["village_b"], str(batch.pk), {"file": "坏台账.xlsx", "error": "第 1 行没有表头"})
    assert "已移除导入记录“坏台账.xlsx”。" in client.get("/registry/imports/").content.decode()


@pytest.mark.django_db
def test_nobody_else_removes_it_and_no_batch_but_a_failed_one_is_removed(world):
    batch = _failed(world)
    audits = AuditRecord.objects.count()
    # another account that sees the batch (the township's) is shown no button and refused
    town = world.client("town_quzhang")
    assert f"/registry/imports/{batch.pk}/dismiss/" not in town.get("/registry/imports/").content.decode()
    assert town.post(f"/registry/imports/{batch.pk}/dismiss/").status_code == 403
    assert world.client("village_a").post(f"/registry/imports/{batch.pk}/dismiss/").status_code == 404
    # the uploader's batch in another state stays
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.STAGED)
    client = world.client("village_b")
    response = client.post(f"/registry/imports/{batch.pk}/dismiss/", follow=True)
    assert "只有导入失败的记录可以移除。" in response.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.STAGED
    assert ImportRow.objects.filter(batch_id=batch.pk).count() == 1 and batch.file.storage.exists(batch.file.name)
    assert AuditRecord.objects.count() == audits


@pytest.mark.django_db
def test_a_batch_failed_more_than_30_days_ago_is_deleted_by_the_daily_cleanup(world, django_capture_on_commit_callbacks):
    now = timezone.now()
    old, recent, staged_old = _failed(world), _failed(world), _failed(world)
    ImportBatch.objects.filter(pk=old.pk).update(updated_at=now - dt.timedelta(days=30, minutes=1))
    ImportBatch.objects.filter(pk=recent.pk).update(updated_at=now - dt.timedelta(days=29, hours=23))
    ImportBatch.objects.filter(pk=staged_old.pk).update(status=ImportBatch.Status.STAGED,
                                                        updated_at=now - dt.timedelta(days=90))
    with django_capture_on_commit_callbacks(execute=True):
        assert imports.import_purge_failed(now=now) == 1
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {recent.pk, staged_old.pk}
    assert not old.file.storage.exists(old.file.name)
    record = AuditRecord.objects.get(action="registry.import.purge")
    assert (record.actor, record.changes) == (None, {"batches": [old.pk]})
    assert imports.import_purge_failed(now=now) == 0 and AuditRecord.objects.filter(action="registry.import.purge").count() == 1
    # the daily task runs it (with the abandoned-upload cleanup)
    ImportBatch.objects.filter(pk=recent.pk).update(updated_at=timezone.now() - dt.timedelta(days=31))
    import_cleanup_abandoned_task.call_local()
    assert set(ImportBatch.objects.values_list("pk", flat=True)) == {staged_old.pk}

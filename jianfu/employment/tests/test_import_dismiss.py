"""fix-left16 #3: failed posting and seeker import batches had no end. Their uploader may remove one from its page
(a POST, scoped, audited), and one failed more than 30 days ago is deleted by a daily task."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.employment import importjobs, seekerjobs
from jianfu.employment.models import PostingImport, SeekerImportBatch
from jianfu.employment.tasks import import_purge_failed_task
from jianfu.employment.tests.factories import TOWN, VILLAGE_A

pytestmark = pytest.mark.django_db


def _posting_batch(world, **extra) -> PostingImport:
    return PostingImport.objects.create(org_code=TOWN, original_name="岗位.csv", status="failed",
                                        created_by=world.users["town_quzhang"], error_message="第 2 行月薪无效",
                                        errors=[{"row": 2, "column": "月薪", "message": "月薪无效"}],
                                        file=ContentFile(b"x", name="jobs.csv"), **extra)


def _seeker_batch(world, **extra) -> SeekerImportBatch:
    return SeekerImportBatch.objects.create(org_code=VILLAGE_A, original_name="求职登记.csv", status="failed",
                                            created_by=world.users["village_a"], error_message="身份证号为空",
                                            file=ContentFile(b"x", name="s.csv"), **extra)


def test_the_uploader_removes_a_failed_posting_batch_from_its_page(world, django_capture_on_commit_callbacks):
    batch = _posting_batch(world)
    name, storage = batch.file.name, batch.file.storage
    client = world.client("town_quzhang")
    page = client.get(f"/employment/postings/import/{batch.pk}/").content.decode()
    assert f'action="/employment/postings/import/{batch.pk}/dismiss/"' in page
    with django_capture_on_commit_callbacks(execute=True):   # the file goes once the deletion is committed
        response = client.post(f"/employment/postings/import/{batch.pk}/dismiss/")
    assert response.status_code == 302 and response["Location"] == "/employment/postings/import/"
    assert not PostingImport.objects.filter(pk=batch.pk).exists() and not storage.exists(name)
    record = AuditRecord.objects.get(action="employment.posting.import_dismiss")
    assert (record.actor, record.object_id, record.changes) == (
        world.users["town_quzhang"], str(batch.pk), {"file": "岗位.csv", "error": "第 2 行月薪无效"})


def test_the_uploader_removes_a_failed_seeker_batch_and_nobody_else_does(world):
    batch = _seeker_batch(world)
    town = world.client("town_quzhang")
    assert 'id="dismiss"' not in town.get(f"/employment/people/import/{batch.pk}/").content.decode()
    assert town.post(f"/employment/people/import/{batch.pk}/dismiss/").status_code == 403
    assert SeekerImportBatch.objects.filter(pk=batch.pk).exists()
    client = world.client("village_a")
    assert 'id="dismiss"' in client.get(f"/employment/people/import/{batch.pk}/").content.decode()
    response = client.post(f"/employment/people/import/{batch.pk}/dismiss/")
    assert response.status_code == 302 and response["Location"] == "/employment/people/import/"
    assert not SeekerImportBatch.objects.filter(pk=batch.pk).exists()
    assert AuditRecord.objects.filter(action="employment.seeker.import_dismiss", object_id=str(batch.pk)).count() == 1


def test_a_batch_in_another_state_is_not_removed(world):
    batch = _posting_batch(world)
    PostingImport.objects.filter(pk=batch.pk).update(status="committed")
    audits = AuditRecord.objects.count()
    response = world.client("town_quzhang").post(f"/employment/postings/import/{batch.pk}/dismiss/", follow=True)
    assert "只有导入失败的记录可以移除。" in response.content.decode()
    assert PostingImport.objects.get(pk=batch.pk).status == "committed" and AuditRecord.objects.count() == audits


def test_batches_failed_more_than_30_days_ago_are_deleted_daily(world):
    now = timezone.now()
    old_posting, new_posting, old_seeker = _posting_batch(world), _posting_batch(world), _seeker_batch(world)
    awaiting = _posting_batch(world)
    PostingImport.objects.filter(pk=old_posting.pk).update(updated_at=now - dt.timedelta(days=31))
    PostingImport.objects.filter(pk=new_posting.pk).update(updated_at=now - dt.timedelta(days=29))
    PostingImport.objects.filter(pk=awaiting.pk).update(status="awaiting", updated_at=now - dt.timedelta(days=60))
    SeekerImportBatch.objects.filter(pk=old_seeker.pk).update(updated_at=now - dt.timedelta(days=31))
    assert import_purge_failed_task.call_local() == 2
    assert set(PostingImport.objects.values_list("pk", flat=True)) == {new_posting.pk, awaiting.pk}
    assert not SeekerImportBatch.objects.exists()
    assert [r.changes for r in AuditRecord.objects.filter(action__endswith=".import_purge").order_by("action")] == [
        {"batches": [old_posting.pk]}, {"batches": [old_seeker.pk]}]
    assert importjobs.import_purge_failed() == 0 and seekerjobs.import_purge_failed() == 0

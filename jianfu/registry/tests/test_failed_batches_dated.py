"""codereview16b (minor): batches failed more than 30 days ago are purged, counted from `updated_at` — but three ways
of failing a registry batch (a bad mapping or file at staging, an upload given up as unreadable, an upload abandoned
for a week) moved it with `.update()` without setting `updated_at`, so a batch uploaded long ago was purged the day it
failed, or 23 days later. Each now stamps the moment it failed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.registry import imports
from jianfu.registry.models import ImportBatch

VB = "450521200201"
pytestmark = pytest.mark.django_db


def _uploaded(world, *, days_ago: int) -> ImportBatch:
    batch = ImportBatch.objects.create(org_code=VB, original_name="台账.xlsx", status=ImportBatch.Status.UPLOADED,
                                       created_by=world.users["village_b"])
    batch.file.save("ledger.xlsx", SimpleUploadedFile("ledger.xlsx", b"not a workbook"))
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - dt.timedelta(days=days_ago))
    batch.refresh_from_db()
    return batch


def _kept_after(batch: ImportBatch, *, days: int) -> bool:
    """Whether the daily purge, run `days` days from now, keeps the (failed) batch."""
    imports.import_purge_failed(now=timezone.now() + dt.timedelta(days=days))
    return ImportBatch.objects.filter(pk=batch.pk).exists()


def _assert_failed_now(batch: ImportBatch, before: dt.datetime) -> None:
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert before <= batch.updated_at <= timezone.now()


def test_a_batch_failed_at_staging_is_kept_30_days_from_its_failure(world):
    batch = _uploaded(world, days_ago=40)
    before = timezone.now()
    imports._fail(batch, "还没有设置列对应。")
    _assert_failed_now(batch, before)
    assert _kept_after(batch, days=29) is True
    assert _kept_after(batch, days=31) is False


def test_an_upload_given_up_as_unreadable_is_kept_30_days_from_then(world):
    batch = _uploaded(world, days_ago=40)
    before = timezone.now()
    imports.import_batch_refuse(actor=world.users["village_b"], batch=batch, reason="无法读取文件")
    _assert_failed_now(batch, before)
    assert _kept_after(batch, days=29) is True


def test_an_upload_abandoned_for_a_week_is_kept_30_days_from_its_failure(world):
    batch = _uploaded(world, days_ago=8)
    before = timezone.now()
    assert imports.import_cleanup_abandoned() == 1
    _assert_failed_now(batch, before)
    assert batch.file.name == ""
    assert _kept_after(batch, days=23) is True      # 31 days after the upload, 23 after it failed
    assert _kept_after(batch, days=31) is False

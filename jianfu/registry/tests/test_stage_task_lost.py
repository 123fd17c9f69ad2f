"""badinput32 #1: a ledger batch whose validation task was lost before any worker claimed it — the queue down when its
mapping was saved (ops28 #3 logs that and goes on), or the worker SIGKILLed after it took the task off the queue and
before its claim — was 已上传 with a mapping, which the page treats as busy: a progress bar polling every second, for
ever. `batch_is_stale` never saw it (已上传 had no lease), so 恢复 answered "该批次没有中断，正在处理中" and 重新校验
"该批次不需要重新校验". Saving the mapping now gives the batch a queue lease (QUEUE_LEASE, as a commit request has);
once it passes with no worker's claim the batch is 已中断, 恢复 leaves it 已上传 with a Chinese reason and 重新校验,
which validates it with nothing written twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core.errors import ConflictError
from jianfu.registry import imports, tasks
from jianfu.registry.models import ImportBatch, ImportRow, Person
from jianfu.registry.tests.test_imports import COLUMNS, GOOD, HEADER, xlsx

# fix-cr32b #9: a queue only long looks the same as a worker down (the task may still run later): both named
LOST = "校验请求长时间没有被处理：后台任务可能未运行或排队过长。没有写入任何数据；请重新校验或放弃。"


def _uploaded(world) -> ImportBatch:
    from django.core.files.uploadedfile import SimpleUploadedFile

    actor = world.users["village_a"]
    return imports.import_batch_create(actor=actor, uploaded=SimpleUploadedFile("台账.xlsx", xlsx(GOOD)))


def _map_with_queue_down(world, monkeypatch, batch: ImportBatch) -> ImportBatch:
    """The 列对应 form saved while the queue is unreachable: the mapping is stored, the validation never queued."""
    def down(_batch_id: int) -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks, "import_stage_task", down)
    data = {f"col_{i}": COLUMNS.get(h, "") for i, h in enumerate(HEADER)} | {"name": "低保台账"}
    response = world.client("village_a").post(f"/registry/imports/{batch.pk}/mapping/", data)
    assert response.status_code == 302
    monkeypatch.undo()
    batch.refresh_from_db()
    return batch


def _page(world, batch: ImportBatch) -> str:
    return world.client("village_a").get(f"/registry/imports/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()


@pytest.mark.django_db
def test_a_validation_never_queued_polls_only_until_its_queue_lease_passes(world, monkeypatch):
    before = timezone.now()
    batch = _map_with_queue_down(world, monkeypatch, _uploaded(world))
    assert (batch.status, batch.worker, batch.error_message) == ("uploaded", "", "")
    assert before + imports.QUEUE_LEASE <= batch.lease_until <= timezone.now() + imports.QUEUE_LEASE
    assert not imports.batch_is_stale(batch)
    assert "hx-trigger" in _page(world, batch)   # waits for the worker, as a queued commit does

    ImportBatch.objects.filter(pk=batch.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    batch.refresh_from_db()
    assert imports.batch_is_stale(batch)
    assert imports.status_label(batch) == "已中断"
    page = _page(world, batch)
    assert "该批次长时间没有被处理：后台任务可能未运行或排队过长（还没有写入任何数据）。" in page
    assert "批次被中断" not in page and "后台任务已停止" not in page      # fix-cr32b #9: it may only be queued
    assert "hx-trigger" not in page and "恢复，重新校验" in page


@pytest.mark.django_db
def test_a_lost_validation_is_recovered_then_validated_once(world, monkeypatch):
    batch = _map_with_queue_down(world, monkeypatch, _uploaded(world))
    ImportBatch.objects.filter(pk=batch.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    client = world.client("village_a")
    assert client.post(f"/registry/imports/{batch.pk}/recover/").status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.worker, batch.lease_until, batch.error_message) == ("uploaded", "", None, LOST)
    assert imports.batch_awaits_revalidation(batch)
    assert "重新校验" in _page(world, batch) and "hx-trigger" not in _page(world, batch)
    assert ImportRow.objects.filter(batch=batch).count() == 0 and Person.objects.count() == 0

    assert client.post(f"/registry/imports/{batch.pk}/revalidate/").status_code == 302   # huey runs inline in tests
    batch.refresh_from_db()
    assert (batch.status, batch.total_rows, batch.valid_rows, batch.error_rows) == ("staged", 3, 3, 0)
    assert ImportRow.objects.filter(batch=batch).count() == 3 and Person.objects.count() == 0


@pytest.mark.django_db
def test_the_periodic_recovery_releases_a_lost_validation(world, monkeypatch):
    batch = _map_with_queue_down(world, monkeypatch, _uploaded(world))
    assert imports.import_recover_stale() == 0   # its lease holds: nothing released
    batch.refresh_from_db()
    assert (batch.status, batch.error_message) == ("uploaded", "")
    ImportBatch.objects.filter(pk=batch.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert imports.import_recover_stale() == 1
    batch.refresh_from_db()
    assert (batch.status, batch.lease_until, batch.error_message) == ("uploaded", None, LOST)


@pytest.mark.django_db
def test_a_validation_still_within_its_queue_lease_is_not_recovered(world, monkeypatch):
    batch = _map_with_queue_down(world, monkeypatch, _uploaded(world))
    with pytest.raises(ConflictError) as refused:
        imports.import_batch_recover(actor=world.users["village_a"], batch=batch)
    assert refused.value.message == "该批次没有中断，正在处理中，请稍候。"
    after = ImportBatch.objects.get(pk=batch.pk)
    assert (after.status, after.error_message, after.lease_until) == ("uploaded", "", batch.lease_until)


@pytest.mark.django_db
def test_an_uploaded_batch_with_no_mapping_yet_is_never_stale(world):
    batch = _uploaded(world)
    ImportBatch.objects.filter(pk=batch.pk).update(lease_until=timezone.now() - dt.timedelta(days=1))
    batch.refresh_from_db()
    assert batch.mapping_id is None and not imports.batch_is_stale(batch)
    assert imports.import_recover_stale() == 0

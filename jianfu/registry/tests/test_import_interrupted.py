"""A batch whose worker died (issue 11.4): detected as stale, retried or discarded; a superseded commit
never lands twice; `make run` restarts a dead worker."""

from __future__ import annotations

import datetime as dt
import importlib.util
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone

from jianfu.core.errors import ConflictError
from jianfu.registry import imports
from jianfu.registry.models import ImportBatch, ImportRow, Person
from jianfu.registry.tests.test_imports import GOOD, stage, xlsx


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def killed_mid_commit(batch: ImportBatch) -> ImportBatch:
    """What a worker killed inside its commit transaction leaves: status committing, its claim, no rows."""
    ImportBatch.objects.filter(pk=batch.pk).update(status="committing", commit_mode="valid_only",
                                                   worker=f"{socket.gethostname()}:{dead_pid()}",
                                                   lease_until=timezone.now() + imports.COMMIT_LEASE)
    batch.refresh_from_db()
    return batch


@pytest.mark.django_db
def test_a_commit_whose_worker_was_killed_is_stale_and_can_be_retried(world):
    batch = killed_mid_commit(stage(world, "village_a", xlsx(GOOD)))
    assert imports.batch_is_stale(batch)
    client = world.client("village_a")
    page = client.get(f"/registry/imports/{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "批次被中断" in page and "hx-trigger" not in page  # no endless spinner
    assert client.post(f"/registry/imports/{batch.pk}/recover/").status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.worker, batch.lease_until) == ("staged", "", None)
    assert batch.error_message.startswith("上次入库被中断")
    assert Person.objects.count() == 0 and ImportRow.objects.filter(batch=batch).count() == 3
    client.post(f"/registry/imports/{batch.pk}/commit/", {"mode": "valid_only"})  # huey runs inline in tests
    batch.refresh_from_db()
    assert batch.status == "committed" and Person.objects.count() == 3


@pytest.mark.django_db
def test_an_interrupted_batch_can_be_discarded(world):
    batch = killed_mid_commit(stage(world, "village_a", xlsx(GOOD)))
    response = world.client("village_a").post(f"/registry/imports/{batch.pk}/discard/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded" and ImportRow.objects.filter(batch=batch).count() == 0


@pytest.mark.django_db
def test_a_live_claim_is_not_stale_and_cannot_be_taken(world):
    batch = stage(world, "village_a", xlsx(GOOD))
    ImportBatch.objects.filter(pk=batch.pk).update(status="committing", worker=imports.worker_identity(),
                                                   lease_until=timezone.now() + imports.COMMIT_LEASE)
    batch.refresh_from_db()
    assert not imports.batch_is_stale(batch)
    with pytest.raises(ConflictError):
        imports.import_batch_recover(actor=world.users["village_a"], batch=batch)
    with pytest.raises(ConflictError):
        imports.import_batch_discard(actor=world.users["village_a"], batch=batch)
    batch.refresh_from_db()
    assert batch.status == "committing" and ImportRow.objects.filter(batch=batch).count() == 3


@pytest.mark.django_db
def test_an_expired_claim_of_another_machine_and_a_request_never_picked_up_are_released(world):
    committing = stage(world, "village_a", xlsx(GOOD))
    ImportBatch.objects.filter(pk=committing.pk).update(status="committing", worker="web-2:4242",
                                                        lease_until=timezone.now() - dt.timedelta(seconds=1))
    queued = stage(world, "village_a", xlsx(GOOD))
    ImportBatch.objects.filter(pk=queued.pk).update(status="queued",
                                                    lease_until=timezone.now() - dt.timedelta(seconds=1))
    validating = stage(world, "village_a", xlsx(GOOD))
    ImportBatch.objects.filter(pk=validating.pk).update(status="validating", worker="web-2:4242",
                                                        lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert imports.import_recover_stale() == 3
    got = dict(ImportBatch.objects.values_list("pk", "status"))
    assert (got[committing.pk], got[queued.pk], got[validating.pk]) == ("staged", "staged", "uploaded")
    assert ImportRow.objects.filter(batch_id=validating.pk).count() == 0  # validation restarts from the file
    assert imports.import_recover_stale() == 0


@pytest.mark.django_db
def test_a_commit_whose_claim_was_taken_over_rolls_back(world, monkeypatch):
    batch = stage(world, "village_a", xlsx(GOOD))
    real_commit = imports._commit

    def taken_over_meanwhile(actor, batch, progress):
        summary = real_commit(actor, batch, progress)
        # the claim expired and someone released and re-queued the batch while this commit ran
        ImportBatch.objects.filter(pk=batch.pk).update(worker="web-2:99")
        return summary

    monkeypatch.setattr(imports, "_commit", taken_over_meanwhile)
    with pytest.raises(ConflictError):
        imports.import_batch_commit(actor=world.users["village_a"], batch=batch, mode="valid_only")
    assert Person.objects.count() == 0


def _run_module():
    spec = importlib.util.spec_from_file_location("jianfu_run_script", Path(__file__).resolve().parents[3]
                                                  / "scripts" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_run_restarts_a_dead_worker_and_keeps_the_web_server(tmp_path):
    marker = tmp_path / "first-run-done"
    web = [sys.executable, "-c", "import time; time.sleep(60)"]
    # the worker dies at once the first time, then stays up
    worker = [sys.executable, "-c", f"import pathlib, sys, time\np = pathlib.Path({str(marker)!r})\n"
              "if not p.exists():\n    p.touch(); sys.exit(3)\ntime.sleep(60)"]
    lines: list[str] = []
    started = time.monotonic()
    code = _run_module().supervise(web, worker, cwd=tmp_path, env=None, poll=0.05,
                                   should_stop=lambda: time.monotonic() - started > 2.0,
                                   log=lambda msg, **kw: lines.append(msg))
    assert code == 0
    assert lines.count("后台任务进程已退出（代码 3），正在重启……") == 1
    assert not any("网页服务已退出" in line for line in lines)


def test_make_run_gives_up_on_a_worker_that_keeps_dying(tmp_path):
    web = [sys.executable, "-c", "import time; time.sleep(60)"]
    worker = [sys.executable, "-c", "import sys; sys.exit(2)"]
    lines: list[str] = []
    code = _run_module().supervise(web, worker, cwd=tmp_path, env=None, poll=0.05, max_restarts=2,
                                   should_stop=lambda: False, log=lambda msg, **kw: lines.append(msg))
    assert code == 1
    assert lines.count("后台任务进程已退出（代码 2），正在重启……") == 2
    assert "不再重启" in lines[-2]


def killed_mid_validation(batch: ImportBatch) -> ImportBatch:
    """What a worker killed while staging leaves: status validating, its claim, some rows staged."""
    ImportBatch.objects.filter(pk=batch.pk).update(status="validating", processed_rows=2, total_rows=0,
                                                   worker=f"{socket.gethostname()}:{dead_pid()}",
                                                   lease_until=timezone.now() + imports.COMMIT_LEASE)
    batch.refresh_from_db()
    return batch


@pytest.mark.django_db
def test_a_recovered_validation_offers_revalidate_and_discard_and_no_progress_bar(world):
    # badinput15 #8: after 恢复 the page said “请重新校验或放弃” with neither button, and a 0 % bar that never moved
    batch = killed_mid_validation(stage(world, "village_a", xlsx(GOOD)))
    client = world.client("village_a")
    assert client.post(f"/registry/imports/{batch.pk}/recover/").status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.processed_rows, ImportRow.objects.filter(batch=batch).count()) == ("uploaded", 0, 0)
    page = client.get(f"/registry/imports/{batch.pk}/").content.decode()
    assert "上次校验被中断（后台任务进程停止），已校验的行已清除；请重新校验或放弃。" in page
    assert "<progress" not in page and "hx-trigger" not in page
    assert f'action="/registry/imports/{batch.pk}/revalidate/"' in page
    assert f'action="/registry/imports/{batch.pk}/discard/"' in page
    assert client.post(f"/registry/imports/{batch.pk}/revalidate/").status_code == 302  # huey runs inline in tests
    batch.refresh_from_db()
    assert (batch.status, batch.total_rows, batch.error_message) == ("staged", 3, "")
    assert ImportRow.objects.filter(batch=batch).count() == 3 and Person.objects.count() == 0
    # a batch that does not await it is not validated again
    refused = client.post(f"/registry/imports/{batch.pk}/revalidate/", follow=True)
    assert "该批次不需要重新校验。" in refused.content.decode()
    batch.refresh_from_db()
    assert (batch.status, ImportRow.objects.filter(batch=batch).count()) == ("staged", 3)


@pytest.mark.django_db
def test_a_recovered_validation_can_be_discarded(world):
    batch = killed_mid_validation(stage(world, "village_a", xlsx(GOOD)))
    client = world.client("village_a")
    client.post(f"/registry/imports/{batch.pk}/recover/")
    assert client.post(f"/registry/imports/{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "discarded" and Person.objects.count() == 0

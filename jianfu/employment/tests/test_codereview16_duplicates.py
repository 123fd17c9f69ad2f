"""codereview16 #10: the two web imports' task bodies share one failure handling (D3: `importjobs.run_claimed`), their
batches one abstract model (D29: `QueuedImport`, no migration), and `seekers.seeker_import`, which only tests
called, is gone (its tests call `seekers.import_seekers`, the service the worker runs)."""

from __future__ import annotations

import pathlib

import pytest

from jianfu.employment import importjobs, seekerjobs, seekers
from jianfu.employment.models import PostingImport, QueuedImport, SeekerImportBatch
from jianfu.employment.tests.test_posting_import_jobs import queued as queued_postings
from jianfu.employment.tests.test_postings import good
from jianfu.employment.tests.test_seeker_import_jobs import good_sheet, queued

EMPLOYMENT = pathlib.Path(seekers.__file__).resolve().parent
GONE = "上传该文件的账号已停用，不能导入。"


def test_the_failure_handling_is_written_once():
    sources = {p.name: p.read_text(encoding="utf-8") for p in EMPLOYMENT.glob("*.py")}
    for message in ("导入失败，没有写入任何数据，请重新上传。", GONE, "上传的文件已不存在，请重新上传。"):
        assert [name for name, text in sources.items() if message in text] == ["importjobs.py"], message


@pytest.mark.django_db
def test_both_task_bodies_fail_a_batch_of_a_deactivated_uploader_alike(world, monkeypatch):
    monkeypatch.setattr(seekerjobs, "_schedule", lambda pk: None)
    monkeypatch.setattr(importjobs, "_schedule", lambda pk: None)
    seeker_batch = queued(world, good_sheet()[0])
    posting_batch = queued_postings(world, [good(1)])
    for user in ("village_a", "county_office"):  # the seekers' and the postings' uploaders
        type(world.users[user]).objects.filter(pk=world.users[user].pk).update(is_active=False)
    ran = []
    real = importjobs.run_claimed
    monkeypatch.setattr(
        importjobs, "run_claimed", lambda model, *a, **k: ran.append(model) or real(model, *a, **k)
    )
    monkeypatch.setattr(seekerjobs, "run_claimed", importjobs.run_claimed)
    done = [seekerjobs.import_run(batch_id=seeker_batch.pk), importjobs.import_run(batch_id=posting_batch.pk)]
    assert ran == [SeekerImportBatch, PostingImport]
    assert [(b.status, b.error_message, b.worker, b.lease_until) for b in done] == [
        ("failed", GONE, "", None)
    ] * 2


def test_one_abstract_model_holds_the_claim_and_the_states():
    assert PostingImport.Status is SeekerImportBatch.Status is QueuedImport.Status
    shared = {"org_code", "original_name", "status", "worker", "lease_until", "error_message", "created_by"}
    for model in (PostingImport, SeekerImportBatch):
        assert {f.name for f in model._meta.local_fields} >= shared
        assert all(
            model._meta.get_field(name).model is model for name in shared
        )  # each keeps its own columns


def test_the_tuple_returning_twin_is_gone():
    assert not hasattr(seekers, "seeker_import")

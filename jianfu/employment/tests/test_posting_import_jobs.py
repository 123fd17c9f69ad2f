"""The web posting import runs on the task queue: the upload is queued, the worker imports it all or nothing,
the page follows it; a worker that died mid-import leaves nothing written and a batch that is seen as stale
and can be retried or discarded (the registry's claims, reused)."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.core.errors import ConflictError, NotFoundError
from jianfu.core.formtokens import token_new
from jianfu.employment import importjobs, postings
from jianfu.employment.models import Posting, PostingImport
from jianfu.employment.tests.test_postings import csv_bytes, good, xlsx
from jianfu.registry.imports import COMMIT_LEASE
from jianfu.registry.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/employment/postings/import/"


def upload(client, content, name="jobs.xlsx", capture=None):
    data = {"form_token": token_new(), "file": SimpleUploadedFile(name, content.getvalue())}
    if capture is None:
        return client.post(URL, data)
    with capture(execute=True):
        return client.post(URL, data)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def queued(world, rows, user="county_office") -> PostingImport:
    return importjobs.import_request(actor=world.users[user],
                                     upload=SimpleUploadedFile("jobs.xlsx", xlsx(rows).getvalue()))


def killed_mid_import(batch: PostingImport) -> PostingImport:
    """What a worker killed inside its import transaction leaves: status committing, its claim, no posting."""
    PostingImport.objects.filter(pk=batch.pk).update(status="committing", worker=f"{socket.gethostname()}:{dead_pid()}",
                                                     lease_until=timezone.now() + COMMIT_LEASE)
    batch.refresh_from_db()
    return batch


def test_the_upload_is_queued_and_the_worker_imports_it(world, django_capture_on_commit_callbacks):
    client = world.client("county_office")
    response = upload(client, xlsx([good(1), good(2)]), capture=django_capture_on_commit_callbacks)
    batch = PostingImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{batch.pk}/"
    assert (batch.status, batch.created_count, batch.worker, batch.lease_until) == ("committed", 2, "", None)
    assert sorted(Posting.objects.filter(batch=batch).values_list("title", flat=True)) == ["分拣工1", "分拣工2"]
    assert not batch.file  # the upload is deleted once imported
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert "入库岗位 2 个" in page and "hx-trigger" not in page


def test_the_request_itself_writes_no_posting_and_the_page_polls_while_queued(world):
    client = world.client("county_office")
    upload(client, xlsx([good(1)]))  # no on-commit run: the worker has not picked it up yet
    batch = PostingImport.objects.get()
    assert (batch.status, Posting.objects.count()) == ("queued", 0)
    assert batch.file and batch.lease_until is not None
    partial = client.get(f"{URL}{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="import-status"') and 'hx-trigger="every 2s"' in partial
    assert "排队导入" in partial and "<html" not in partial
    importjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, Posting.objects.count()) == ("committed", 1)
    assert "hx-trigger" not in client.get(f"{URL}{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()


def test_a_bad_row_fails_the_whole_file_with_row_and_column_in_chinese(world, django_capture_on_commit_callbacks):
    client = world.client("county_office")
    before = (Posting.objects.count(), Organisation.objects.count())
    upload(client, xlsx([good(1), good(2, 月薪="好多钱", 单位名称="新单位甲"), good(3, 工作地点="火星")]),
           capture=django_capture_on_commit_callbacks)
    batch = PostingImport.objects.get()
    assert batch.status == "failed" and (Posting.objects.count(), Organisation.objects.count()) == before
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "月薪"), (4, "工作地点")]
    page = client.get(f"{URL}{batch.pk}/").content.decode()
    assert "文件有错误，没有任何数据入库" in page and "无法识别的工作地点“火星”" in page


def test_a_gbk_csv_is_imported_by_the_worker(world, django_capture_on_commit_callbacks):
    upload(world.client("county_office"), csv_bytes([good(1)], encoding="gbk"), name="jobs.csv",
           capture=django_capture_on_commit_callbacks)
    assert PostingImport.objects.get().status == "committed" and Posting.objects.get().title == "分拣工1"


def test_a_wrong_file_type_is_refused_at_upload(world):
    response = world.client("county_office").post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("jobs.pdf", b"%PDF")})
    assert response.status_code == 400 and "只支持 .xlsx 和 .csv 文件" in response.content.decode()
    assert PostingImport.objects.count() == 0


def test_a_worker_killed_mid_import_is_stale_and_the_batch_can_be_retried(world, django_capture_on_commit_callbacks):
    batch = killed_mid_import(queued(world, [good(1), good(2)]))
    assert importjobs.is_stale(batch) and not importjobs.is_busy(batch)
    client = world.client("county_office")
    page = client.get(f"{URL}{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "导入被中断" in page and "hx-trigger" not in page and "重新导入" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{URL}{batch.pk}/retry/").status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, Posting.objects.count()) == ("committed", 2, 2)


def test_an_interrupted_batch_can_be_discarded(world, django_capture_on_commit_callbacks):
    batch = killed_mid_import(queued(world, [good(1)]))
    with django_capture_on_commit_callbacks(execute=True):
        assert world.client("county_office").post(f"{URL}{batch.pk}/discard/").status_code == 302
    batch.refresh_from_db()
    assert (batch.status, bool(batch.file), Posting.objects.count()) == ("discarded", False, 0)
    with pytest.raises(ConflictError):
        importjobs.import_retry(actor=world.users["county_office"], batch=batch)
    assert PostingImport.objects.get().status == "discarded"


def test_a_live_claim_is_not_stale_and_cannot_be_taken(world):
    batch = queued(world, [good(1)])
    PostingImport.objects.filter(pk=batch.pk).update(status="committing", worker=importjobs.worker_identity(),
                                                     lease_until=timezone.now() + COMMIT_LEASE)
    batch.refresh_from_db()
    assert importjobs.is_busy(batch) and not importjobs.is_stale(batch)
    for move in (importjobs.import_retry, importjobs.import_discard):
        with pytest.raises(ConflictError):
            move(actor=world.users["county_office"], batch=batch)
    assert PostingImport.objects.values_list("status", "worker").get() == ("committing", importjobs.worker_identity())
    assert importjobs.import_recover_stale() == 0


def test_the_periodic_job_marks_stale_batches_interrupted(world):
    killed = killed_mid_import(queued(world, [good(1)]))
    never_picked = queued(world, [good(2)])
    PostingImport.objects.filter(pk=never_picked.pk).update(lease_until=timezone.now() - dt.timedelta(seconds=1))
    elsewhere = queued(world, [good(3)])
    PostingImport.objects.filter(pk=elsewhere.pk).update(status="committing", worker="web-2:4242",
                                                         lease_until=timezone.now() - dt.timedelta(seconds=1))
    fresh = queued(world, [good(4)])
    assert importjobs.import_recover_stale() == 3
    got = dict(PostingImport.objects.values_list("pk", "status"))
    assert [got[b.pk] for b in (killed, never_picked, elsewhere, fresh)] == ["interrupted"] * 3 + ["queued"]
    message = PostingImport.objects.get(pk=killed.pk).error_message
    assert message.startswith("上次导入被中断") and Posting.objects.count() == 0
    assert importjobs.import_recover_stale() == 0


def test_an_import_whose_claim_was_taken_over_writes_nothing(world, monkeypatch):
    batch = queued(world, [good(1), good(2)])
    real_index = postings.EmployerIndex

    def taken_over_meanwhile(*args, **kwargs):
        # validation took longer than the claim: it expired and someone released and re-queued the batch
        PostingImport.objects.filter(pk=batch.pk).update(worker="web-2:99")
        return real_index(*args, **kwargs)

    monkeypatch.setattr(postings, "EmployerIndex", taken_over_meanwhile)
    importjobs.import_run(batch_id=batch.pk)
    assert (Posting.objects.count(), Organisation.objects.count()) == (0, 0)
    assert PostingImport.objects.values_list("status", "worker").get() == ("committing", "web-2:99")


def test_a_run_of_a_batch_already_taken_does_nothing(world):
    batch = queued(world, [good(1)])
    importjobs.import_run(batch_id=batch.pk)
    importjobs.import_run(batch_id=batch.pk)  # the same task delivered twice
    assert (Posting.objects.count(), PostingImport.objects.get().status) == (1, "committed")


def test_another_towns_batch_is_not_found(world):
    batch = queued(world, [good(1)])
    with pytest.raises(NotFoundError):
        importjobs.import_discard(actor=world.users["town_quzhang"], batch=batch)
    assert PostingImport.objects.get().status == "queued"


def test_a_png_named_csv_fails_as_not_a_table_and_writes_nothing(world, django_capture_on_commit_callbacks):
    # badinput15 #9: the batch failed with “表头缺少必需的列…”, blaming the header of an image
    client = world.client("county_office")
    before = (Posting.objects.count(), Organisation.objects.count())
    response = upload(client, io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200), name="png.csv",
                      capture=django_capture_on_commit_callbacks)
    # badinput16 #8: refused in the upload form, with the same reason; nothing queued
    assert response.status_code == 400 and not PostingImport.objects.exists()
    assert (Posting.objects.count(), Organisation.objects.count()) == before
    assert "文件不是CSV/Excel表格（看起来是图片/二进制文件）" in response.content.decode()


def test_the_upload_form_carries_a_one_time_token_and_a_replay_queues_nothing_more(world):
    """fix-token28: 批量导入岗位 carries the house's form_token (ADR 0035). Without one nothing is queued; the same
    upload posted twice with its token queues one batch and leads to it both times; another account replaying the
    token is refused as an expired form, never shown the first batch."""
    from jianfu.core.models import AuditRecord

    client = world.client("county_office")
    page = client.get(URL).content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 1
    content = xlsx([good(1), good(2)]).getvalue()
    refused = client.post(URL, {"file": SimpleUploadedFile("jobs.xlsx", content)})
    assert refused.status_code == 400 and "表单已失效，请重新选择文件后提交。" in \
        refused.content.decode()
    assert PostingImport.objects.count() == 0
    token = token_new()
    first = client.post(URL, {"form_token": token, "file": SimpleUploadedFile("jobs.xlsx", content)})
    again = client.post(URL, {"form_token": token, "file": SimpleUploadedFile("jobs.xlsx", content)})
    batch = PostingImport.objects.get()
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"]) == (302, f"{URL}{batch.pk}/")
    assert AuditRecord.objects.filter(action="employment.posting.import_request").count() == 1
    stranger = world.client("town_quzhang").post(URL, {"form_token": token,
                                                       "file": SimpleUploadedFile("jobs.xlsx", content)})
    assert stranger.status_code == 400 and "表单已失效" in stranger.content.decode()
    assert (PostingImport.objects.count(), Posting.objects.count()) == (1, 0)

"""Session 15, issue 8 leftover 1 (B15 of session 14's attack): the seeker import runs on the task queue, as the
postings' does — the web upload and the API (202 and a batch to poll) queue it, the worker imports it all or nothing,
the page follows it; a worker that died mid-import leaves nothing written and a batch that is seen as stale and can be
retried or discarded."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jianfu.core.errors import ConflictError, NotFoundError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import seekerjobs, seekers
from jianfu.employment.models import KeyPerson, SeekerImportBatch, SeekerProfile
from jianfu.employment.tests.factories import person_in
from jianfu.registry.imports import COMMIT_LEASE
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db
URL = "/employment/people/import/"
API = "/api/v1/employment/people/import/"


def csv(*rows: str) -> bytes:
    return "\n".join(["身份证号,姓名,人员类别,求职意向,期望月薪", *rows, ""]).encode("gbk")


def good_sheet() -> tuple[bytes, list]:
    a, b = person_in(name="韦春燕"), person_in(name="黄志强")
    return csv(f"{person_id_number(a)},韦春燕,脱贫劳动力,做过流水线想进厂,3000-4000",
               f"{person_id_number(b)},黄志强,农村劳动力,会开车,面议"), [a, b]


def bad_sheet() -> bytes:
    a = person_in(name="韦春燕")
    return csv(f"{person_id_number(a)},韦春燕,农村劳动力,想进厂,3000-4000", "450521198501010000,,农村劳动力,想进厂,")


def written() -> tuple:
    return KeyPerson.objects.count(), SeekerProfile.objects.count()


def queued(world, content: bytes, user: str = "village_a") -> SeekerImportBatch:
    return seekerjobs.import_request(actor=world.users[user], upload=SimpleUploadedFile("求职登记.csv", content))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def killed_mid_import(batch: SeekerImportBatch) -> SeekerImportBatch:
    """What a worker killed inside its import transaction leaves: status committing, its claim, no person."""
    SeekerImportBatch.objects.filter(pk=batch.pk).update(status="committing", lease_until=timezone.now() + COMMIT_LEASE,
                                                         worker=f"{socket.gethostname()}:{dead_pid()}")
    batch.refresh_from_db()
    return batch


def test_the_web_upload_is_queued_and_the_worker_imports_it(world, django_capture_on_commit_callbacks):
    content, (a, b) = good_sheet()
    client = world.client("village_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("求职登记.csv", content)})
    batch = SeekerImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{batch.pk}/"
    ka, kb = KeyPerson.objects.get(person=a), KeyPerson.objects.get(person=b)
    assert (batch.status, batch.done_count, batch.taken, batch.updated, batch.errors, batch.worker, batch.lease_until,
            batch.file, batch.org_code) == ("committed", 2, [ka.pk, kb.pk], ["求职意向", "期望月薪"], [], "", None, "",
                                            "450521200206")
    assert (SeekerProfile.objects.get(key_person=ka).desired_text, SeekerProfile.objects.get(key_person=kb).wage_min) \
        == ("做过流水线想进厂", None)
    html = client.get(response["Location"]).content.decode()
    assert 'id="import-status-label">已入库</span>' in html
    assert "已登记 2 人的求职意向。" in html
    assert '<span id="updated-fields">更新的项目：求职意向、期望月薪；表中没有的列保持原样。</span>' in html
    assert (f'<a href="/employment/people/{ka.pk}/">韦春燕</a> · <a href="/employment/people/{ka.pk}/jobs/">看匹配岗位</a>'
            in html)
    assert "hx-trigger" not in html       # done: the page stops polling
    assert list(AuditRecord.objects.filter(object_id=str(batch.pk), action__startswith="employment.seeker.import")
                .order_by("id").values_list("action", flat=True)) == ["employment.seeker.import_request",
                                                                      "employment.seeker.import"]


def test_the_request_only_queues_the_page_polls_until_the_worker_has_run(world):
    content, _people = good_sheet()
    client = world.client("village_a")
    response = client.post(URL, {"form_token": token_new(), "file": SimpleUploadedFile("求职登记.csv", content)})   # no commit: no worker yet
    batch = SeekerImportBatch.objects.get()
    assert response.status_code == 302 and (batch.status, written()) == ("queued", (0, 0))
    html = client.get(f"{URL}{batch.pk}/").content.decode()
    assert 'id="import-status-label">排队导入</span>' in html
    assert f'hx-get="{URL}{batch.pk}/" hx-trigger="every 2s"' in html
    seekerjobs.import_run(batch_id=batch.pk)
    fragment = client.get(f"{URL}{batch.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="import-status">') and "已登记 2 人的求职意向。" in fragment
    assert written() == (2, 2)


def test_a_bad_row_fails_the_batch_with_every_error_and_nothing_is_written(world, django_capture_on_commit_callbacks):
    batch = queued(world, bad_sheet())
    with django_capture_on_commit_callbacks(execute=True):
        seekerjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done_count, batch.taken, batch.file) == ("failed", 0, [], "")
    assert batch.errors == [{"row": 3, "column": "身份证号", "message": "身份证号校验位错误"}]
    assert written() == (0, 0)
    html = world.client("village_a").get(f"{URL}{batch.pk}/").content.decode()
    assert "文件有错误，没有任何数据入库。请改正后重新上传。" in html
    assert '<td class="card-title">第3行</td><td data-label="列">身份证号</td><td data-label="原因">身份证号校验位错误</td>' \
        in html


def test_the_same_rules_as_the_import_in_the_request(world):
    """The worker's result is the direct import's, error for error (one rule: `seekers.import_seekers`)."""
    content = bad_sheet()
    direct = seekers.import_seekers(actor=world.users["village_a"], file=SimpleUploadedFile("s.csv", content),
                                    filename="s.csv")
    batch = queued(world, content)
    seekerjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.errors == direct.errors and direct.errors != []


def test_a_worker_killed_mid_import_is_stale_and_can_be_retried_exactly_once(world, django_capture_on_commit_callbacks):
    content, _people = good_sheet()
    batch = killed_mid_import(queued(world, content))
    assert seekerjobs.is_stale(batch) and not seekerjobs.is_busy(batch) and batch.file
    client = world.client("village_a")
    html = client.get(f"{URL}{batch.pk}/").content.decode()
    assert 'id="import-status-label">已中断</span>' in html and "hx-trigger" not in html
    assert "处理该批次的后台任务已停止，导入被中断（没有写入任何数据）。" in html and "重新导入" in html
    assert seekerjobs.import_recover_stale() == 1 and seekerjobs.import_recover_stale() == 0
    batch.refresh_from_db()
    assert (batch.status, batch.error_message) == (
        "interrupted", "上次导入被中断（后台任务进程停止），没有写入任何数据；可以重新导入或放弃。")
    assert written() == (0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{batch.pk}/retry/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.done_count, batch.error_message) == ("committed", 2, "")
    assert written() == (2, 2)
    with pytest.raises(ConflictError):
        seekerjobs.import_retry(actor=world.users["village_a"], batch=batch)
    assert seekerjobs.import_run(batch_id=batch.pk).status == "committed" and written() == (2, 2)


def test_a_busy_batch_is_neither_retried_nor_discarded_and_a_stale_one_is_discarded(world,
                                                                                    django_capture_on_commit_callbacks):
    content, _people = good_sheet()
    batch = queued(world, content)
    for move in (seekerjobs.import_retry, seekerjobs.import_discard):
        with pytest.raises(ConflictError) as refused:
            move(actor=world.users["village_a"], batch=batch)
        assert refused.value.message == "该批次正在导入，请稍候。"
    assert SeekerImportBatch.objects.get(pk=batch.pk).status == "queued"
    killed_mid_import(batch)
    with django_capture_on_commit_callbacks(execute=True):
        seekerjobs.import_discard(actor=world.users["village_a"], batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.file) == ("discarded", "")
    assert seekerjobs.import_run(batch_id=batch.pk).status == "discarded" and written() == (0, 0)


def test_a_worker_whose_claim_was_released_meanwhile_writes_nothing(world, monkeypatch):
    """The batch was released as stale (and queued again) while a slow worker still ran: its rows are undone with
    its transaction, and the batch stays as the release left it."""
    content, _people = good_sheet()
    batch = queued(world, content)
    real = seekers.import_seekers

    def slow(**kwargs):
        SeekerImportBatch.objects.filter(pk=batch.pk).update(status="queued", worker="")   # released meanwhile
        return real(**kwargs)

    monkeypatch.setattr(seekers, "import_seekers", slow)
    seekerjobs.import_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done_count, batch.taken) == ("queued", 0, [])
    assert written() == (0, 0)


def test_another_villages_batch_is_not_found(world):
    batch = queued(world, bad_sheet())
    with pytest.raises(NotFoundError):
        seekerjobs.import_get(user=world.users["village_b"], pk=batch.pk)
    assert world.client("village_b").get(f"{URL}{batch.pk}/").status_code == 404
    assert seekerjobs.import_get(user=world.users["town_quzhang"], pk=batch.pk) == batch


def test_the_api_answers_202_with_the_batch_and_the_client_polls_it(world, django_capture_on_commit_callbacks):
    content, (a, b) = good_sheet()
    api = world.api_client("village_a")
    with django_capture_on_commit_callbacks(execute=False):
        response = api.post(API, {"file": SimpleUploadedFile("求职登记.csv", content)}, format="multipart")
    batch = SeekerImportBatch.objects.get()
    assert response.status_code == 202
    assert response["Location"] == f"/api/v1/employment/people/imports/{batch.pk}/"
    body = response.json()
    assert {k: body[k] for k in ("id", "status", "status_label", "done_count", "taken", "errors")} == {
        "id": batch.pk, "status": "queued", "status_label": "排队导入", "done_count": 0, "taken": [], "errors": []}
    assert written() == (0, 0)
    seekerjobs.import_run(batch_id=batch.pk)
    polled = api.get(response["Location"]).json()
    ka, kb = KeyPerson.objects.get(person=a), KeyPerson.objects.get(person=b)
    assert {k: polled[k] for k in ("status", "status_label", "done_count", "taken", "updated", "errors")} == {
        "status": "committed", "status_label": "已入库", "done_count": 2, "taken": [ka.pk, kb.pk],
        "updated": ["求职意向", "期望月薪"], "errors": []}


def test_the_api_refuses_a_wrong_file_before_any_batch_and_a_role_that_registers_nobody(world):
    api = world.api_client("village_a")
    response = api.post(API, {"file": SimpleUploadedFile("求职登记.pdf", b"%PDF")}, format="multipart")
    assert response.status_code == 400 and SeekerImportBatch.objects.count() == 0
    response = api.post(API, {}, format="multipart")
    assert response.status_code == 400 and SeekerImportBatch.objects.count() == 0
    content, _people = good_sheet()
    response = world.api_client("county_office").post(API, {"file": SimpleUploadedFile("s.csv", content)},
                                                      format="multipart")
    assert response.status_code == 403 and SeekerImportBatch.objects.count() == 0 and written() == (0, 0)


def test_the_upload_form_carries_a_one_time_token_and_a_replay_queues_nothing_more(world):
    """fix-token28: 导入求职登记 carries the house's form_token (ADR 0035). Without one nothing is queued; the same
    upload posted twice with its token (a double click, back then 上传) queues one batch and leads to it both times;
    the same token with another file is refused as an expired form, nothing queued."""
    content, _people = good_sheet()
    client = world.client("village_a")
    page = client.get(URL).content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 1
    refused = client.post(URL, {"file": SimpleUploadedFile("求职登记.csv", content)})
    assert refused.status_code == 400 and "表单已失效，请重新选择文件后提交。" in \
        refused.content.decode()
    assert SeekerImportBatch.objects.count() == 0
    token = token_new()
    first = client.post(URL, {"form_token": token, "file": SimpleUploadedFile("求职登记.csv", content)})
    again = client.post(URL, {"form_token": token, "file": SimpleUploadedFile("求职登记.csv", content)})
    batch = SeekerImportBatch.objects.get()
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"]) == (302, f"{URL}{batch.pk}/")
    assert AuditRecord.objects.filter(action="employment.seeker.import_request").count() == 1
    other = client.post(URL, {"form_token": token, "file": SimpleUploadedFile("求职登记.csv", bad_sheet())})
    assert other.status_code == 400 and "表单已失效" in other.content.decode()
    assert (SeekerImportBatch.objects.count(), written()) == (1, (0, 0))

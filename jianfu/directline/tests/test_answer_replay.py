"""N01 (session 14): the reporter's answer, posted again by a refresh of the page that answered it (or back then
发送), is sent once. The answer form carries a one-time token — no redirect, no session, the receipt code in no URL."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.errors import ApplicationError
from jianfu.directline import services
from jianfu.directline.models import Attachment, Message, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.directline.workflow import Status

ANSWER = "是县里某局的“美丽合浦”App，群里口头通知的，没有文件。"
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]+)">')


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


def _asked(world):
    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    return report, code


@pytest.mark.django_db
def test_a_refresh_after_answering_sends_nothing_twice(world):
    report, code = _asked(world)
    reporter = world.client(None)
    page = reporter.post("/directline/public/follow/", {"code": code})
    assert page["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    token = TOKEN_RE.search(page.content.decode()).group(1)
    body = {"code": code, "answer": ANSWER, "form_token": token}
    first = reporter.post("/directline/public/follow/", {**body, "attachments": SimpleUploadedFile("a.png", _png())})
    assert first.status_code == 200 and "已发送。" in first.content.decode()
    assert code not in first.get("Location", "")
    stored = list(Message.objects.filter(report=report).values_list("author", "form_key"))
    assert len(stored) == 1 and stored[0][0] == "reporter" and len(stored[0][1]) == 64 and token not in stored[0][1]
    assert Attachment.objects.filter(report=report).count() == 1
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW
    # The browser's refresh posts the same body again (the file too).
    again = reporter.post("/directline/public/follow/", {**body, "attachments": SimpleUploadedFile("a.png", _png())})
    text = again.content.decode()
    assert again.status_code == 200
    assert "这条回复已经发送过，没有重复发送。" in text and "已发送。" not in text
    assert text.count(ANSWER) == 1
    assert Message.objects.filter(report=report).count() == 1
    assert Attachment.objects.filter(report=report).count() == 1
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW
    # The answered page carries a fresh token: a second, deliberate answer is sent.
    fresh = TOKEN_RE.search(text).group(1)
    assert fresh != token
    reporter.post("/directline/public/follow/", {"code": code, "answer": "补充：通知是语音。", "form_token": fresh})
    assert Message.objects.filter(report=report).count() == 2


@pytest.mark.django_db
def test_the_token_is_bound_to_its_report_and_a_malformed_token_sends_nothing(world):
    report, _code = _asked(world)
    other, _other_code = submitted("另一份反映：某办要求每天在群里报送打卡截图。")
    Report.objects.filter(pk=other.pk).update(status=Status.AWAITING_REPORTER)
    token = services.form_token_new()
    message, sent = services.reporter_answer_from_form(form_token=token, report=report, text=ANSWER)
    assert sent is True
    again, sent_again = services.reporter_answer_from_form(form_token=token, report=report, text=ANSWER)
    assert (again.pk, sent_again) == (message.pk, False)
    # ADR 0035: the web form always carries a token; a post without a well-formed one is refused, nothing sent
    for bad in ("", "short", "x" * 65, None):
        with pytest.raises(ApplicationError) as refused:
            services.reporter_answer_from_form(form_token=bad, report=Report.objects.get(pk=report.pk), text=ANSWER)
        assert (refused.value.code, refused.value.message) == (
            "form_expired", "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。")
    assert Message.objects.filter(report=report).count() == 1
    assert Message.objects.filter(report=report, form_key__isnull=True).count() == 0
    # The same token posted with another report's code is another form: sent there, once.
    elsewhere, sent = services.reporter_answer_from_form(form_token=token, report=other, text=ANSWER)
    assert sent is True and elsewhere.report_id == other.pk and elsewhere.form_key != message.form_key
    assert Message.objects.filter(report=other).count() == 1


@pytest.mark.django_db
def test_the_api_answer_replayed_with_its_idempotency_key_is_sent_once(world):
    """Session 15: the API's answer had no equivalent of the form token, so a client's retry (a timeout, a network
    resend) sent the answer twice. The follow gives a one-time answer_token; posted as the Idempotency-Key header, a
    second post of the same key sends nothing — 200 and repeated=true instead of 201 — and a malformed key is
    refused, never ignored."""
    report, code = _asked(world)
    api = world.api_client(None)
    followed = api.post("/api/v1/directline/public/follow/", {"code": code}, format="json").json()
    key = followed["answer_token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", key)
    body = {"code": code, "text": ANSWER, "attachments": SimpleUploadedFile("a.png", _png())}
    first = api.post("/api/v1/directline/public/answer/", body, format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201
    assert (first.json()["repeated"], [m["text"] for m in first.json()["messages"]]) == (False, [ANSWER])
    stored = list(Message.objects.filter(report=report).values_list("author", "form_key"))
    assert len(stored) == 1 and stored[0][0] == "reporter" and len(stored[0][1]) == 64 and key not in stored[0][1]
    state = (list(Message.objects.values_list("id", "form_key")), Attachment.objects.count(),
             Report.objects.get(pk=report.pk).status)
    assert state[1:] == (1, Status.IN_REVIEW)
    again = api.post("/api/v1/directline/public/answer/",
                     {"code": code, "text": ANSWER, "attachments": SimpleUploadedFile("a.png", _png())},
                     format="multipart", HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 200
    assert (again.json()["repeated"], [m["text"] for m in again.json()["messages"]]) == (True, [ANSWER])
    assert (list(Message.objects.values_list("id", "form_key")), Attachment.objects.count(),
            Report.objects.get(pk=report.pk).status) == state
    # a malformed key is refused before anything is read or sent
    for bad in ("short", "x" * 65, "含中文的键" * 8):
        refused = api.post("/api/v1/directline/public/answer/", {"code": code, "text": "补充：通知是语音。"},
                           format="json", HTTP_IDEMPOTENCY_KEY=bad.encode().decode("latin-1"))
        assert refused.status_code == 400
        assert refused.json()["error"]["message"] == (
            "Idempotency-Key 应为 32–64 位字母、数字、- 或 _（可使用 public/follow/ 返回的 answer_token）。")
    assert list(Message.objects.values_list("id", "form_key")) == state[0]
    # the next follow gives another key: a deliberate second answer is sent; without a key, every post is sent
    fresh = api.post("/api/v1/directline/public/follow/", {"code": code}, format="json").json()["answer_token"]
    assert fresh != key
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    assert api.post("/api/v1/directline/public/answer/", {"code": code, "text": "补充：通知是语音。"}, format="json",
                    HTTP_IDEMPOTENCY_KEY=fresh).status_code == 201
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    assert api.post("/api/v1/directline/public/answer/", {"code": code, "text": "补充：通知是语音。"},
                    format="json").status_code == 201
    assert Message.objects.filter(report=report).count() == 3


@pytest.mark.django_db
def test_an_answer_posted_without_the_forms_token_is_refused_with_the_typing_kept(world):
    """ADR 0035: a hand-made post, or a page from before tokens, sends nothing; the answer comes back in the box."""
    report, code = _asked(world)
    reporter = world.client(None)
    refused = reporter.post("/directline/public/follow/", {"code": code, "answer": ANSWER})
    text = refused.content.decode()
    assert refused.status_code == 400
    assert "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。" in text
    assert f">{ANSWER}</textarea>" in text and TOKEN_RE.search(text) is not None
    assert Message.objects.filter(report=report).count() == 0
    assert Report.objects.get(pk=report.pk).status == Status.AWAITING_REPORTER

"""cr18 #3 (ADR 0036), the direct line's answer form left in session 18: the follow page's answer, its token posted
again with other words or files (back, an edit, 发送), was answered "这条回复已经发送过" and the new words dropped. A
repeat is the same token with the same content: another content is an expired form, nothing sent; the exact same post
(a refresh) is still answered with the first message. The API's Idempotency-Key reused for another answer is refused
as the API refuses it elsewhere (idempotency_key_reused)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import FORM_EXPIRED_FILE as EXPIRED_FILE
from jianfu.directline.models import Attachment, Message, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.directline.workflow import Status

pytestmark = pytest.mark.django_db
ANSWER = "是县里某局的“美丽合浦”App，群里口头通知的，没有文件。"
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]+)">')


def _png(colour: str = "white") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")


def _answered(world):
    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    reporter = world.client(None)
    token = TOKEN_RE.search(reporter.post("/directline/public/follow/", {"code": code}).content.decode()).group(1)
    first = reporter.post("/directline/public/follow/", {"code": code, "answer": ANSWER, "form_token": token,
                                                         "attachments": _png()})
    assert "已发送。" in first.content.decode()
    return report, code, reporter, token


def _state(report) -> tuple:
    report.refresh_from_db()
    return (list(Message.objects.values_list("pk", "uid", "author", "form_key")), Attachment.objects.count(),
            report.status, report.updated_on)


def test_the_same_answer_again_is_answered_with_its_message(world):
    report, code, reporter, token = _answered(world)
    before = _state(report)
    again = reporter.post("/directline/public/follow/", {"code": code, "answer": ANSWER, "form_token": token,
                                                         "attachments": _png()})
    assert "这条回复已经发送过，没有重复发送。" in again.content.decode()
    assert _state(report) == before and len(before[0]) == 1 and before[1] == 1


@pytest.mark.parametrize("edited", [{"answer": "补充：通知是语音，没有文字。"}, {"attachments": "black"},
                                    {"attachments": None}])
def test_the_same_token_with_another_answer_is_refused_and_sends_nothing(world, edited):
    report, code, reporter, token = _answered(world)
    before = _state(report)
    body = {"code": code, "answer": edited.get("answer", ANSWER), "form_token": token}
    if "attachments" not in edited:
        body["attachments"] = _png()
    elif edited["attachments"] is not None:
        body["attachments"] = _png(edited["attachments"])
    r = reporter.post("/directline/public/follow/", body)
    text = r.content.decode()
    said = EXPIRED_FILE if "attachments" in body else EXPIRED      # a file is never refilled (fix30 #2)
    assert said in text and "这条回复已经发送过" not in text and "已发送。" not in text
    assert f'>{body["answer"]}</textarea>' in text and r.status_code == 400     # the typing is kept
    assert _state(report) == before and len(before[0]) == 1 and before[1] == 1


def test_an_old_message_without_a_content_key_is_not_answered_to_a_repost(world):
    report, code, reporter, token = _answered(world)
    Message.objects.update(form_content_key=None)
    before = _state(report)
    r = reporter.post("/directline/public/follow/", {"code": code, "answer": ANSWER, "form_token": token,
                                                     "attachments": _png()})
    assert EXPIRED_FILE in r.content.decode()
    assert _state(report) == before


def test_the_apis_key_reused_for_another_answer_is_refused_and_sends_nothing(world):
    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    api = world.api_client(None)
    key = api.post("/api/v1/directline/public/follow/", {"code": code}, format="json").json()["answer_token"]
    first = api.post("/api/v1/directline/public/answer/", {"code": code, "text": ANSWER}, format="json",
                     HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201
    before = _state(report)
    again = api.post("/api/v1/directline/public/answer/", {"code": code, "text": ANSWER}, format="json",
                     HTTP_IDEMPOTENCY_KEY=key)
    assert (again.status_code, again.json()["repeated"]) == (200, True)
    other = api.post("/api/v1/directline/public/answer/", {"code": code, "text": "补充：通知是语音，没有文字。"},
                     format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 400
    assert (other.json()["error"]["code"], other.json()["error"]["message"]) == (
        "idempotency_key_reused", "Idempotency-Key 已用于内容不同的另一请求：请为新的请求使用新的键。")
    assert _state(report) == before

"""cr28 #3: the direct line's answer form was said to refuse a token another form spent (ADR 0036, session-27
amendment), but it looked the key up bound to the report's uid — a key no other form's could equal — so a token spent
on 新建通报 was taken as the reporter's answer. It now looks up the token's own key; still nothing is recorded."""

from __future__ import annotations

import re

import pytest

from jianfu.core import formtokens
from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import SpentFormToken
from jianfu.directline.models import Message, Report
from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.directline.workflow import Status
from jianfu.monitor.models import Notice

pytestmark = pytest.mark.django_db

NOTICE = {
    "title": "关于几起增加基层负担问题的通报",
    "issuer": "合浦县减负办",
    "date": "2026-12-01",
    "body": "现将有关情况通报如下。",
}
ANSWER = "是县里某局的“美丽合浦”App，群里口头通知的，没有文件。"
TOKEN_RE = re.compile(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]+)">')


def test_an_answer_posted_with_a_token_a_staff_form_spent_is_an_expired_form(world):
    county_key_with_handler(world)
    report, code = submitted()
    Report.objects.filter(pk=report.pk).update(status=Status.AWAITING_REPORTER)
    token = token_new()
    assert (
        world.client("county_office")
        .post("/monitor/notices/new/", {**NOTICE, "form_token": token})
        .status_code
        == 302
    )
    assert Notice.objects.count() == 1
    spent = [(formtokens.key(token), "monitor.Notice")]
    reporter = world.client(None)
    replay = reporter.post(
        "/directline/public/follow/", {"code": code, "answer": ANSWER, "form_token": token}
    )
    assert EXPIRED in replay.content.decode()
    assert Message.objects.filter(report=report).count() == 0
    assert Report.objects.get(pk=report.pk).status == Status.AWAITING_REPORTER
    assert list(SpentFormToken.objects.values_list("key", "form")) == spent
    # the page's own token is sent, and recorded nowhere outside the direct line
    fresh = TOKEN_RE.search(replay.content.decode()).group(1)
    sent = reporter.post("/directline/public/follow/", {"code": code, "answer": ANSWER, "form_token": fresh})
    assert "已发送。" in sent.content.decode()
    assert Message.objects.filter(report=report).count() == 1
    assert list(SpentFormToken.objects.values_list("key", "form")) == spent

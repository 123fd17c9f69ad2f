"""quality27 #4 (security LOW of session 26): a form token spent by one form is refused by every other form. A row's
`form_key` is unique only within its own table, so the token of a saved 新建通报 was accepted once more by 添加案例
or a review upload. Now `formtokens.spend` records the table each key was spent on: a replay on another form is the
expired-form answer, nothing stored; a replay on the same form is answered as before."""

from __future__ import annotations

import pytest

from jianfu.core import formtokens
from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord, SpentFormToken
from jianfu.directline.models import Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler
from jianfu.monitor.models import Notice, NoticeCase
from jianfu.review.models import Document, Review

pytestmark = pytest.mark.django_db

NOTICE = {"title": "关于几起增加基层负担问题的通报", "issuer": "合浦县减负办", "date": "2026-12-01", "body": "现将有关情况通报如下。"}
CASE = {"place": "县某局", "category": "fingertip", "summary": "要求村干部每天在 3 个 APP 打卡", "rectification": "pending"}
DRAFT = "关于开展专项检查的通知\n一、工作要求\n（一）各乡镇每日17时前报送工作进展。"


def _state() -> tuple:
    return (list(Notice.objects.values_list("title", flat=True)), NoticeCase.objects.count(), Review.objects.count(),
            Document.objects.count(), AuditRecord.objects.count(),
            list(SpentFormToken.objects.values_list("key", "form")))


def test_a_notice_token_replayed_on_the_case_form_is_an_expired_form(world):
    office, token = world.client("county_office"), token_new()
    assert office.post("/monitor/notices/new/", {**NOTICE, "form_token": token}).status_code == 302
    notice = Notice.objects.get()
    before = _state()
    assert before[-1] == [(formtokens.key(token), "monitor.Notice")]
    replay = office.post(f"/monitor/notices/{notice.pk}/cases/", {**CASE, "form_token": token})
    assert replay.status_code == 400
    assert EXPIRED in replay.content.decode()
    assert _state() == before


def test_a_notice_token_replayed_on_the_review_upload_is_an_expired_form(world):
    # the review upload stores its review in its own transaction, not through `formtokens.once`
    office, token = world.client("county_office"), token_new()
    office.post("/monitor/notices/new/", {**NOTICE, "form_token": token})
    before = _state()
    replay = office.post("/review/submit/", {"text": DRAFT, "form_token": token})
    assert replay.status_code == 400
    assert EXPIRED in replay.content.decode()
    assert _state() == before


def test_the_direct_line_refuses_a_spent_token_and_records_none_of_its_own(world):
    # a staff form's token replayed on the anonymous report form: refused, nothing sent
    county_key_with_handler(world)
    token = token_new()
    world.client("county_office").post("/monitor/notices/new/", {**NOTICE, "form_token": token})
    before = (_state(), Report.objects.count())
    report = {"place": TOWN, "category": "app", "text": "县某局要求各村每周上传 30 张入户走访照片，村干部每晚加班补材料。"}
    anonymous = world.client(None)
    replay = anonymous.post("/directline/public/report/", {**report, "form_token": token})
    assert replay.status_code == 400
    assert EXPIRED in replay.content.decode()
    assert (_state(), Report.objects.count()) == before
    # its own token is sent, and kept nowhere outside the direct line (directline/tests/test_no_trace.py)
    sent = anonymous.post("/directline/public/report/", {**report, "form_token": token_new()})
    assert (sent.status_code, Report.objects.count()) == (302, 1)
    assert list(SpentFormToken.objects.values_list("key", "form")) == [(formtokens.key(token), "monitor.Notice")]


def test_the_same_form_posted_again_is_still_answered_with_its_record(world):
    office, token = world.client("county_office"), token_new()
    office.post("/monitor/notices/new/", {**NOTICE, "form_token": token}, follow=True)
    before = _state()
    again = office.post("/monitor/notices/new/", {**NOTICE, "form_token": token}, follow=True)
    assert [str(m) for m in again.context["messages"]] == ["这份通报已经保存过，没有重复保存。"]
    assert _state() == before


def test_spend_refuses_another_table_only():
    key = formtokens.key(token_new())
    formtokens.spend(Notice.objects, key)
    formtokens.spend(Notice, key)   # the same table again: its own rules answer that post
    with pytest.raises(formtokens.ApplicationError) as refused:
        formtokens.spend(NoticeCase.objects.filter(pk=1), key)
    assert (refused.value.code, refused.value.message) == ("form_expired", EXPIRED)
    formtokens.spend(Review.objects, "")   # no key (an API create): nothing recorded
    assert list(SpentFormToken.objects.values_list("key", "form")) == [(key, "monitor.Notice")]

"""cr18 #3 (ADR 0036): the 台账 and 通报 create forms answered the same token posted with other content (back, the title
changed, 提交) with the first row — "该表单已提交过，“村书记培训”已登记" — and dropped what was typed. A repeat is the
same token with the same content: another content is an expired form, nothing recorded; the exact same post is still
answered with the first row."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.monitor.models import LedgerMeeting, Notice

pytestmark = pytest.mark.django_db
LEDGER = "/monitor/ledgers/meeting/new/"
MEETING = {"date": "2026-11-03", "issuer": "林业局", "title": "村书记培训", "duration_minutes": "120",
           "village_secretaries_required": "1"}
NOTICE = {"title": "关于几起增加基层负担问题的通报", "issuer": "合浦县减负办", "date": "2026-12-01",
          "body": "现将有关情况通报如下。"}


def _meetings() -> tuple:
    return (list(LedgerMeeting.objects.values_list("pk", "title", "duration_minutes", "recorded_by__username")),
            AuditRecord.objects.count())


def _notices() -> tuple:
    return list(Notice.objects.values_list("pk", "title", "body", "created_by__username")), AuditRecord.objects.count()


def test_the_same_meeting_again_is_answered_with_its_row(world):
    token = token_new()
    client = world.client("village_a")
    client.post(LEDGER, {**MEETING, "form_token": token}, follow=True)
    row = LedgerMeeting.objects.get()
    before = _meetings()
    r = client.post(LEDGER, {**MEETING, "form_token": token}, follow=True)
    assert r.redirect_chain == [(f"/monitor/ledgers/meeting/{row.pk}/", 302)]
    assert [str(m) for m in r.context["messages"]] == ["该表单已提交过，“村书记培训”已登记，没有重复登记。"]
    assert _meetings() == before and LedgerMeeting.objects.count() == 1


@pytest.mark.parametrize("edited", [{"title": "防汛调度会", "duration_minutes": "45"}, {"duration_minutes": "45"},
                                    {"date": "2026-11-04"}])
def test_the_same_token_with_another_meeting_is_refused_and_records_nothing(world, edited):
    token = token_new()
    client = world.client("village_a")
    client.post(LEDGER, {**MEETING, "form_token": token})
    before = _meetings()
    r = client.post(LEDGER, {**MEETING, **edited, "form_token": token})
    text = r.content.decode()
    assert r.status_code == 400 and EXPIRED in text
    assert f'value="{edited.get("title", "村书记培训")}"' in text          # the typing is kept
    assert _meetings() == before
    assert list(LedgerMeeting.objects.values_list("title", "duration_minutes")) == [("村书记培训", 120)]


def test_an_old_ledger_row_without_a_content_key_is_not_answered_to_a_repost(world):
    token = token_new()
    client = world.client("village_a")
    client.post(LEDGER, {**MEETING, "form_token": token})
    LedgerMeeting.objects.update(form_content_key=None)
    before = _meetings()
    r = client.post(LEDGER, {**MEETING, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _meetings() == before


def test_the_same_notice_again_is_answered_with_its_draft(world):
    token = token_new()
    office = world.client("county_office")
    office.post("/monitor/notices/new/", {**NOTICE, "form_token": token}, follow=True)
    notice = Notice.objects.get()
    before = _notices()
    r = office.post("/monitor/notices/new/", {**NOTICE, "form_token": token}, follow=True)
    assert r.redirect_chain == [(f"/monitor/notices/{notice.pk}/", 302)]
    assert [str(m) for m in r.context["messages"]] == ["这份通报已经保存过，没有重复保存。"]
    assert _notices() == before and Notice.objects.count() == 1


@pytest.mark.parametrize("edited", [{"title": "另一份通报"}, {"body": "现将有关情况再次通报如下。"}])
def test_the_same_token_with_another_notice_is_refused_and_saves_nothing(world, edited):
    token = token_new()
    office = world.client("county_office")
    office.post("/monitor/notices/new/", {**NOTICE, "form_token": token})
    before = _notices()
    r = office.post("/monitor/notices/new/", {**NOTICE, **edited, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _notices() == before
    assert list(Notice.objects.values_list("title", "body")) == [(NOTICE["title"], NOTICE["body"])]


def test_an_old_notice_without_a_content_key_is_not_answered_to_a_repost(world):
    token = token_new()
    office = world.client("county_office")
    office.post("/monitor/notices/new/", {**NOTICE, "form_token": token})
    Notice.objects.update(form_content_key=None)
    before = _notices()
    r = office.post("/monitor/notices/new/", {**NOTICE, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _notices() == before

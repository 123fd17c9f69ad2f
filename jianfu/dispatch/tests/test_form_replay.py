"""newuser13 V03: back after a public report, then 提交 again, filed a second case. The form carries a one-time
token; a second post of the same form shows the first case instead of filing another."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from jianfu.core.errors import ApplicationError
from jianfu.core.models import AuditRecord
from jianfu.dispatch import services
from jianfu.dispatch.models import Event, TimelineEntry

pytestmark = pytest.mark.django_db
QUMU = "450521200206"
TEXT = "曲木村三队路灯坏了两个星期，晚上很黑。"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _token(page: str) -> str:
    match = re.search(r'<input type="hidden" name="form_token" value="([A-Za-z0-9_-]+)">', page)
    assert match is not None
    return match.group(1)


def _post(client, token, text=TEXT):
    return client.post("/dispatch/public/report/", {"text": text, "town": "450521200000", "org_code": QUMU,
                                                    "form_token": token}, follow=True)


def test_each_rendering_of_the_form_has_its_own_token(world, catalogue):
    client = world.client(None)
    first, second = (_token(client.get("/dispatch/public/report/").content.decode()) for _ in range(2))
    assert first != second and len(first) == 43


def test_the_same_form_posted_again_shows_the_first_case_and_files_nothing(world, catalogue):
    client = world.client(None)
    token = _token(client.get("/dispatch/public/report/").content.decode())
    filed = _post(client, token)
    event = Event.objects.get()
    assert filed.redirect_chain == [(f"/dispatch/public/track/{event.feedback_token}/", 302)]
    counts = (Event.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count())
    # back (the browser restores the filled form, token and all), 提交 again with the same words (other words with the
    # same token are an expired form: ADR 0036, dispatch/tests/test_form_content.py)
    again = _post(client, token)
    assert again.redirect_chain == [(f"/dispatch/public/track/{event.feedback_token}/", 302)]
    page = again.content.decode()
    assert f"这份反映已经提交过，受理编号 {event.case_number}，没有重复受理。如要反映另一件事，请重新打开反映页面。" in page
    assert f'<strong id="case-number">{event.case_number}</strong>' in page
    assert (Event.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count()) == counts
    assert Event.objects.get().text == TEXT
    # a fresh form is a fresh report
    fresh = _token(client.get("/dispatch/public/report/").content.decode())
    _post(client, fresh, text="村委会门前的大树倒了，挡住了路。")
    assert Event.objects.count() == 2


def test_a_refused_post_files_nothing_and_the_corrected_post_files_once(world, catalogue):
    client = world.client(None)
    token = _token(client.get("/dispatch/public/report/").content.decode())
    refused = client.post("/dispatch/public/report/", {"text": "短", "org_code": QUMU, "form_token": token})
    assert refused.status_code == 400 and Event.objects.count() == 0
    _post(client, token)
    _post(client, token)
    assert Event.objects.count() == 1


def test_the_service_files_one_case_per_token_and_refuses_a_malformed_one(world):
    token = services.form_token_new()
    first, filed = services.event_report_from_form(form_token=token, actor=None, text=TEXT, org_code=QUMU,
                                                   source="citizen")
    again, filed_again = services.event_report_from_form(form_token=token, actor=None, text=TEXT, org_code=QUMU,
                                                         source="citizen")
    assert (filed, filed_again, again.pk) == (True, False, first.pk)
    assert len(first.form_key) == 64 and token not in first.form_key  # only its hash is kept
    for bad in ("", "short", "<script>" * 8, None):   # ADR 0035: the form always carries one; nothing filed without
        with pytest.raises(ApplicationError) as refused:
            services.event_report_from_form(form_token=bad, actor=None, text=TEXT, org_code=QUMU, source="citizen")
        assert (refused.value.code, refused.value.message) == (
            "form_expired", "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。")
    assert list(Event.objects.values_list("pk", flat=True)) == [first.pk]


def test_the_token_kept_across_back_wins_over_the_one_in_the_refetched_page(world, catalogue):
    """Back re-fetches the form (a new hidden token) while the browser restores the text and the script-kept
    form_token_back of the first visit: the kept one names the form."""
    client = world.client(None)
    first = _token(client.get("/dispatch/public/report/").content.decode())
    page = client.get("/dispatch/public/report/").content.decode()
    assert f'<input type="text" name="form_token_back" value="" data-keep-on-back="{_token(page)}" hidden' in page
    _post(client, first)
    again = client.post("/dispatch/public/report/", {"text": TEXT, "org_code": QUMU, "form_token": _token(page),
                                                     "form_token_back": first}, follow=True)
    assert "这份反映已经提交过" in again.content.decode()
    assert Event.objects.count() == 1
    # a malformed kept token falls back to the page's own (other words: the same ones would be the session's case)
    client.post("/dispatch/public/report/", {"text": "村委会门前的大树倒了，挡住了路。", "org_code": QUMU,
                                             "form_token": _token(page), "form_token_back": "x"})
    client.post("/dispatch/public/report/", {"text": "村委会门前的大树倒了，挡住了路。", "org_code": QUMU,
                                             "form_token": _token(page), "form_token_back": ""})
    assert Event.objects.count() == 2


def test_a_replay_from_another_browser_session_shows_the_case_number_only(world, catalogue):
    """diffreview13 D14: on a shared device (a kiosk, a relative's phone) the next person's back + 提交 must not
    open the first citizen's case page (its text, timeline, rate/reopen link): the number and a notice only."""
    first_person = world.client(None)
    token = _token(first_person.get("/dispatch/public/report/").content.decode())
    _post(first_person, token)
    event = Event.objects.get()
    counts = (Event.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count())
    next_person = world.client(None)  # the same form and words replayed, but not from the session that filed it
    again = _post(next_person, token)
    assert again.redirect_chain == [("/dispatch/public/report/", 302)]
    page = again.content.decode()
    assert f"这份反映已经提交过，受理编号 {event.case_number}，没有重复受理。如要反映另一件事，请重新打开反映页面。" in page
    assert event.feedback_token not in page and TEXT not in page and 'id="case-number"' not in page
    assert (Event.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count()) == counts
    # the session that filed it still gets its own case page back
    own = _post(first_person, token)
    assert own.redirect_chain == [(f"/dispatch/public/track/{event.feedback_token}/", 302)]


def test_with_javascript_off_the_same_words_from_the_same_session_are_the_same_case(world, catalogue):
    """newuser13, left in session 13: with JavaScript off no token survives the back button (the re-fetched form
    has a new one and nothing keeps the old), but the browser puts the words back: the same place and words from
    the session that filed them are that case, for two hours."""
    from datetime import timedelta

    from django.utils import timezone

    client = world.client(None)
    _post(client, _token(client.get("/dispatch/public/report/").content.decode()))
    event = Event.objects.get()
    counts = (Event.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count())
    again = _post(client, _token(client.get("/dispatch/public/report/").content.decode()))   # back, new token
    assert again.redirect_chain == [(f"/dispatch/public/track/{event.feedback_token}/", 302)]
    assert f"这份反映已经提交过，受理编号 {event.case_number}，没有重复受理。" in again.content.decode()
    assert (Event.objects.count(), TimelineEntry.objects.count(), AuditRecord.objects.count()) == counts
    # other words, or the same words from another session, are another report
    _post(client, _token(client.get("/dispatch/public/report/").content.decode()), text=TEXT + "还有一盏也不亮。")
    other = world.client(None)
    _post(other, _token(other.get("/dispatch/public/report/").content.decode()))
    assert Event.objects.count() == 3
    # two hours on, the same words from the same session are a new report (the light broke again)
    Event.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(hours=2, minutes=1))
    Event.objects.exclude(pk=event.pk).filter(text=TEXT).delete()
    _post(client, _token(client.get("/dispatch/public/report/").content.decode()))
    assert Event.objects.filter(text=TEXT).count() == 2


def test_the_service_recognises_only_the_sessions_own_cases(world):
    # each call a re-fetched form (JavaScript off: a new token, none kept across back)
    first, filed = services.event_report_from_form(form_token=services.form_token_new(), actor=None, text=TEXT,
                                                   org_code=QUMU, source="citizen")
    assert filed is True
    elsewhere = services.event_report_from_form(form_token=services.form_token_new(), filed_here=[first.pk],
                                                actor=None, text=TEXT, org_code="450521200201", source="citizen")
    assert elsewhere[1] is True   # another village: another report
    same, filed_again = services.event_report_from_form(form_token=services.form_token_new(), filed_here=[first.pk],
                                                        actor=None,
                                                        text=f"  {TEXT}\x00 ", org_code=QUMU, source="citizen")
    assert (same.pk, filed_again) == (first.pk, False)
    assert Event.objects.count() == 2


def test_a_post_without_the_forms_token_files_nothing_and_keeps_the_typing(world, catalogue):
    """ADR 0035: a hand-made post (or a page from before tokens) was filed, once per post."""
    client = world.client(None)
    for _ in range(3):
        refused = client.post("/dispatch/public/report/", {"text": TEXT, "org_code": QUMU})
        page = refused.content.decode()
        assert refused.status_code == 400 and "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。" in page
        assert f">{TEXT}</textarea>" in page and _token(page)
    assert Event.objects.count() == 0

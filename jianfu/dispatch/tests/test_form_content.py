"""cr18 #3 (ADR 0036), the dispatch forms left in session 18: the 上报 form (staff), the citizens' 反映 form and the
catalogue's 复制为草稿 answered the same token posted with other content (back, the words changed, 提交; the next
person at a kiosk) with the first case or draft, dropping what was typed. A repeat is the same token with the same
content: another content is an expired form, nothing filed or copied; the exact same post is still answered with the
first row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from jianfu.core import formtokens
from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.dispatch import catalogue as catalogue_services
from jianfu.dispatch.models import CatalogueVersion, Event, Matter, TimelineEntry

pytestmark = pytest.mark.django_db
QUMU = "450521200206"
TEXT = "曲木村三队路灯坏了两个星期，晚上很黑。"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _events() -> tuple:
    return (list(Event.objects.values_list("pk", "text", "org_code", "urgency", "reporter__username")),
            TimelineEntry.objects.count(), AuditRecord.objects.count())


def _staff(client, token, **edited):
    return client.post("/dispatch/report/", {"text": TEXT, "org_code": QUMU, "urgency": "normal",
                                             "address": "三队路口", "form_token": token, **edited}, follow=True)


def _public(client, token, **edited):
    return client.post("/dispatch/public/report/", {"text": TEXT, "town": "450521200000", "org_code": QUMU,
                                                    "form_token": token, **edited}, follow=True)


def test_the_same_staff_report_again_is_answered_with_its_event(world, catalogue):
    client = world.client("village_a")
    token = token_new()
    first = _staff(client, token)
    event = Event.objects.get()
    assert [str(m) for m in first.context["messages"]] == [f"事件 {event.number} 已上报。"]
    before = _events()
    again = _staff(client, token)
    assert again.redirect_chain == [(f"/dispatch/events/{event.pk}/?reported=1", 302)]  # 继续上报 offered (newuser32a)
    assert [str(m) for m in again.context["messages"]] == [f"事件 {event.number} 已经上报过，没有重复上报。"]
    assert _events() == before and Event.objects.count() == 1


@pytest.mark.parametrize("edited", [{"text": TEXT + "补充：是三队的两个路灯。"}, {"urgency": "urgent"},
                                    {"address": "四队路口"}])
def test_the_same_token_with_another_staff_report_is_refused_and_files_nothing(world, catalogue, edited):
    client = world.client("village_a")
    token = token_new()
    _staff(client, token)
    before = _events()
    r = _staff(client, token, **edited)
    text = r.content.decode()
    assert r.status_code == 400 and r.redirect_chain == [] and EXPIRED in text
    assert edited.get("text", TEXT) in text                      # the typing is kept
    assert _events() == before
    assert list(Event.objects.values_list("text", "urgency", "address")) == [(TEXT, "normal", "三队路口")]


def test_an_old_staff_event_without_a_content_key_is_not_answered_to_a_repost(world, catalogue):
    client = world.client("village_a")
    token = token_new()
    _staff(client, token)
    # stored before content keys (session 18), so long ago: not the same report of the last minutes (newuser22 #1)
    Event.objects.update(form_content_key=None, created_at=timezone.now() - dt.timedelta(days=1))
    before = _events()
    r = _staff(client, token)
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _events() == before


def test_the_same_citizens_report_again_is_answered_with_its_case(world, catalogue):
    client = world.client(None)
    token = token_new()
    _public(client, token)
    event = Event.objects.get()
    before = _events()
    again = _public(client, token)
    assert again.redirect_chain == [(f"/dispatch/public/track/{event.feedback_token}/", 302)]
    assert _events() == before and Event.objects.count() == 1


@pytest.mark.parametrize("same_browser", [True, False])
def test_the_same_token_with_another_citizens_report_is_refused_and_files_nothing(world, catalogue, same_browser):
    """Back then other words, 提交 — or the next person at a kiosk, whose words are their own: an expired form."""
    first = world.client(None)
    token = token_new()
    _public(first, token)
    event = Event.objects.get()
    before = _events()
    other = "我家门口的水管也坏了，请派人来看看。"
    r = _public(first if same_browser else world.client(None), token, text=other)
    page = r.content.decode()
    assert r.status_code == 400 and r.redirect_chain == [] and EXPIRED in page
    assert other in page                                           # the typing is kept
    assert event.case_number not in page and event.feedback_token not in page and TEXT not in page
    assert _events() == before


def test_an_old_citizens_case_without_a_content_key_is_not_answered_to_a_repost(world, catalogue):
    client = world.client(None)
    token = token_new()
    _public(client, token)
    # stored before content keys (session 18), so long ago: not the same report of the last minutes (newuser22 #1)
    Event.objects.update(form_content_key=None, created_at=timezone.now() - dt.timedelta(days=1))
    before = _events()
    r = _public(client, token)
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _events() == before


def _versions() -> tuple:
    return (list(CatalogueVersion.objects.values_list("pk", "number", "name", "state")), Matter.objects.count(),
            AuditRecord.objects.count())


def test_the_same_copy_again_is_answered_with_its_draft(world, catalogue):
    client = world.client("county_office")
    token = token_new()
    assert client.post(f"/dispatch/catalogue/{catalogue.pk}/copy/", {"form_token": token}).status_code == 302
    draft = CatalogueVersion.objects.get(state=CatalogueVersion.State.DRAFT)
    before = _versions()
    again = client.post(f"/dispatch/catalogue/{catalogue.pk}/copy/", {"form_token": token})
    assert (again.status_code, again["Location"]) == (302, f"/dispatch/catalogue/{draft.pk}/")
    assert _versions() == before and CatalogueVersion.objects.count() == 2


def test_the_same_copy_token_posted_to_copy_another_version_is_refused_and_copies_nothing(world, catalogue):
    client = world.client("county_office")
    token = token_new()
    first = client.post(f"/dispatch/catalogue/{catalogue.pk}/copy/", {"form_token": token}, follow=True)
    assert [str(m) for m in first.context["messages"]] == ["已复制为草稿 v2。"]
    draft = CatalogueVersion.objects.get(state=CatalogueVersion.State.DRAFT)
    before = _versions()
    r = client.post(f"/dispatch/catalogue/{draft.pk}/copy/", {"form_token": token}, follow=True)
    assert r.redirect_chain == [(f"/dispatch/catalogue/{draft.pk}/", 302)]
    assert [str(m) for m in r.context["messages"]] == [formtokens.FORM_EXPIRED]
    assert _versions() == before and before[1] == 24
    # the service's own draft with another name is another content too
    with pytest.raises(catalogue_services.ApplicationError) as refused:
        catalogue_services.version_create_draft(actor=world.users["county_office"], county_code=catalogue.org_code,
                                                copy_from=catalogue, name="另一个名称", form_token=token)
    assert refused.value.code == "form_expired"
    assert _versions() == before


def test_an_old_draft_without_a_content_key_is_not_answered_to_a_repost(world, catalogue):
    client = world.client("county_office")
    token = token_new()
    first = client.post(f"/dispatch/catalogue/{catalogue.pk}/copy/", {"form_token": token}, follow=True)
    assert [str(m) for m in first.context["messages"]] == ["已复制为草稿 v2。"]
    CatalogueVersion.objects.update(form_content_key=None)
    before = _versions()
    r = client.post(f"/dispatch/catalogue/{catalogue.pk}/copy/", {"form_token": token}, follow=True)
    assert [str(m) for m in r.context["messages"]] == [formtokens.FORM_EXPIRED]
    assert _versions() == before

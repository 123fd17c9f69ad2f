"""security17 #2, #4: a create form's one-time token posted by someone else, or against another record, is an
expired form. The earlier record was looked up by the token over every row and named to whoever posted it
(village_a posting village_b's token read “该表单已提交过，“璋嘉村张三”已登记”); a visit or service form replayed
against another key person ended in a 500 (the unique form_key). Now: the form comes back with “表单已失效”,
nothing is written, nothing is named; the same account's replay is still answered with its own record."""

from __future__ import annotations

import html

import pytest

from jianfu.core import formtokens
from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import FORM_EXPIRED, token_new

pytestmark = pytest.mark.django_db

VA, VB = "450521200206", "450521200201"


def _expired(call):
    with pytest.raises(ApplicationError) as caught:
        call()
    assert (caught.value.code, caught.value.message, caught.value.field) == ("form_expired", FORM_EXPIRED, "form_token")


def test_another_villages_person_token_names_nobody(world):
    from jianfu.registry.models import Person

    token = token_new()
    b = world.client("village_b")
    assert b.post("/registry/persons/new/", {"form_token": token, "org_code": VB, "name": "璋嘉村张三",
                                             "residence_status": "huji", "status": "active"}).status_code == 302
    first = Person.objects.get()
    a = world.client("village_a")
    r = a.post("/registry/persons/new/", {"form_token": token, "org_code": VA, "name": "曲木村李四",
                                          "residence_status": "huji", "status": "active"})
    page = html.unescape(r.content.decode())
    assert r.status_code == 400 and FORM_EXPIRED in page
    assert "璋嘉村张三" not in page and "该表单已提交过" not in page
    assert "璋嘉村张三" not in html.unescape(a.get("/").content.decode())   # nor in a flash message
    assert list(Person.objects.values_list("pk", "name", "org_code")) == [(first.pk, "璋嘉村张三", VB)]
    # village_b's own replay still answers with its person
    again = b.post("/registry/persons/new/", {"form_token": token, "org_code": VB, "name": "璋嘉村张三",
                                              "residence_status": "huji", "status": "active"})
    assert (again.status_code, again["Location"]) == (302, f"/registry/persons/{first.pk}/")
    assert Person.objects.count() == 1


def test_another_villages_household_and_organisation_tokens_are_expired(world):
    from jianfu.registry import services
    from jianfu.registry.models import Household, Organisation

    token = token_new()
    hh, created = services.household_create_from_form(form_token=token, actor=world.users["village_b"], org_code=VB,
                                                      number="B1", address="璋嘉村1组")
    assert created
    _expired(lambda: services.household_create_from_form(form_token=token, actor=world.users["village_a"],
                                                         org_code=VA, number="A1", address="曲木村1组"))
    assert list(Household.objects.values_list("pk", "number", "org_code")) == [(hh.pk, "B1", VB)]
    # the same form again (the same content: ADR 0036) is answered with its household
    assert services.household_create_from_form(form_token=token, actor=world.users["village_b"], org_code=VB,
                                               number="B1", address="璋嘉村1组") == (hh, False)

    token = token_new()
    org, created = services.organisation_create_from_form(
        form_token=token, actor=world.users["village_b"], org_code=VB,
        data={"name": "璋嘉合作社", "kind": "cooperative", "employees": 3})
    assert created
    _expired(lambda: services.organisation_create_from_form(
        form_token=token, actor=world.users["village_a"], org_code=VA,
        data={"name": "曲木合作社", "kind": "cooperative", "employees": 2}))
    assert list(Organisation.objects.values_list("pk", "name")) == [(org.pk, "璋嘉合作社")]


def test_another_accounts_ledger_token_is_expired(world):
    from jianfu.monitor import services
    from jianfu.monitor.models import LedgerMeeting

    meeting = {"date": "2025-03-18", "title": "全县防汛工作会议", "issuer": "林业局", "duration_minutes": "120",
               "speech_minutes": "45", "village_secretaries_required": "是"}
    token = token_new()
    row, created = services.ledger_create_from_form(form_token=token, actor=world.users["village_a"], kind="meeting",
                                                    data=meeting)
    assert created
    _expired(lambda: services.ledger_create_from_form(form_token=token, actor=world.users["village_b"],
                                                      kind="meeting", data={**meeting, "title": "另一个会议"}))
    assert list(LedgerMeeting.objects.values_list("pk", "title")) == [(row.pk, "全县防汛工作会议")]
    assert services.ledger_create_from_form(form_token=token, actor=world.users["village_a"], kind="meeting",
                                            data=meeting) == (row, False)


@pytest.mark.parametrize("at_once", [False, True])
def test_a_visit_form_replayed_against_another_key_person_is_expired_not_a_500(world, monkeypatch, at_once):
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in

    if at_once:   # the "posted before?" look passed: the unique key refuses the insert
        monkeypatch.setattr(formtokens, "once", formtokens.create_once)
    first, other = key_person_in(), key_person_in()
    client = world.client("village_a")
    token = token_new()
    assert client.post(f"/employment/people/{first.pk}/visit/", {"outcome": "phone", "form_token": token,
                                                                 "next": "person"}).status_code == 302
    r = client.post(f"/employment/people/{other.pk}/visit/", {"outcome": "phone", "form_token": token})
    assert r.status_code == 400 and FORM_EXPIRED in html.unescape(r.content.decode())
    assert f'name="form_token" value="{token}"' not in r.content.decode()   # a fresh token to post again with
    assert list(Visit.objects.values_list("key_person_id", flat=True)) == [first.pk]


@pytest.mark.parametrize("at_once", [False, True])
def test_a_service_form_replayed_against_another_key_person_is_expired_not_a_500(world, monkeypatch, at_once):
    from jianfu.employment.models import ServiceRecord
    from jianfu.employment.services import today
    from jianfu.employment.tests.factories import key_person_in

    if at_once:
        monkeypatch.setattr(formtokens, "once", formtokens.create_once)
    first, other = key_person_in(), key_person_in()
    client = world.client("village_a")
    data = {"kind": "training", "title": "电工培训", "started_on": today().isoformat(), "amount": "100",
            "outcome": "ongoing", "form_token": token_new()}
    assert client.post(f"/employment/people/{first.pk}/services/", data).status_code == 302
    r = client.post(f"/employment/people/{other.pk}/services/", {**data, "title": "焊工培训"})
    assert r.status_code == 400 and FORM_EXPIRED in html.unescape(r.content.decode())
    assert f'value="{data["form_token"]}"' not in r.content.decode()
    assert list(ServiceRecord.objects.values_list("key_person_id", "title")) == [(first.pk, "电工培训")]


def test_another_accounts_review_token_is_expired_not_a_500(world):
    from jianfu.review import services
    from jianfu.review.models import Review

    text = "关于开展人居环境整治工作的通知\n各村：请于每周五前上报工作台账。"
    token = token_new()
    first = services.review_submit(actor=world.users["dept_housing"], text=text, form_token=token)
    _expired(lambda: services.review_submit(actor=world.users["town_quzhang"], text=text, form_token=token))
    assert list(Review.objects.values_list("pk", flat=True)) == [first.pk]
    assert services.review_submit(actor=world.users["dept_housing"], text=text, form_token=token) == first


def test_another_accounts_event_report_token_names_no_event(world):
    from jianfu.dispatch import services
    from jianfu.dispatch.models import Event

    text = "路边电线杆倾斜，存在安全隐患，请尽快处理"
    token = token_new()
    event, filed = services.event_report_from_form(actor=world.users["village_a"], form_token=token, text=text,
                                                   org_code=VA + "002", source="village")
    assert filed
    _expired(lambda: services.event_report_from_form(actor=world.users["grid_a"], form_token=token, text=text,
                                                     org_code=VA + "001", source="grid"))
    assert list(Event.objects.values_list("pk", flat=True)) == [event.pk]
    assert services.event_report_from_form(actor=world.users["village_a"], form_token=token, text=text,
                                           org_code=VA + "002", source="village") == (event, False)

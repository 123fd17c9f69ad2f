"""cr18 #3 (ADR 0036), the employment forms left in session 18: the 走访 form and the 服务记录 (training, subsidy)
form answered the same token posted with other content (back, the outcome or the amount changed, 提交) with the first
row — "这次走访已经记录过" — and dropped what was typed. A repeat is the same token with the same content: another
content is an expired form, nothing recorded; the exact same post is still answered with the first row."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment.models import ServiceRecord, Visit
from jianfu.employment.services import today
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db
VISIT = {"outcome": "met", "needs": ["job"], "next_step": "下周推荐分拣岗位", "next": "person"}


def _png(colour: str = "white") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return SimpleUploadedFile("visit.png", out.getvalue(), content_type="image/png")


def _visits() -> tuple:
    return (list(Visit.objects.values_list("pk", "outcome", "needs", "next_step", "visitor__username")),
            AuditRecord.objects.count())


def _service(**edited) -> dict:
    return {"kind": "training", "title": "电商直播培训", "started_on": today().isoformat(), "amount": "300",
            "outcome": "ongoing", **edited}


def _services() -> tuple:
    return (list(ServiceRecord.objects.values_list("pk", "kind", "title", "amount", "recorded_by__username")),
            AuditRecord.objects.count())


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_same_visit_again_is_answered_with_its_row(world):
    kp = key_person_in()
    client = world.client("village_a")
    token = token_new()
    first = client.post(f"/employment/people/{kp.pk}/visit/", {**VISIT, "photo": _png(), "form_token": token},
                        follow=True)
    assert _messages(first) == ["走访已记录。"]
    before = _visits()
    again = client.post(f"/employment/people/{kp.pk}/visit/", {**VISIT, "photo": _png(), "form_token": token},
                        follow=True)
    assert again.redirect_chain == [(f"/employment/people/{kp.pk}/", 302)]
    assert _messages(again) == ["这次走访已经记录过，没有重复记录。"]
    assert _visits() == before and Visit.objects.count() == 1


@pytest.mark.parametrize("edited", [{"outcome": "phone"}, {"needs": ["job", "training"]}, {"next_step": "下月再访"},
                                    {"photo": "black"}])
def test_the_same_token_with_another_visit_is_refused_and_records_nothing(world, edited):
    kp = key_person_in()
    client = world.client("village_a")
    token = token_new()
    client.post(f"/employment/people/{kp.pk}/visit/", {**VISIT, "photo": _png(), "form_token": token})
    before = _visits()
    photo = _png(edited.pop("photo", "white"))
    r = client.post(f"/employment/people/{kp.pk}/visit/", {**VISIT, **edited, "photo": photo, "form_token": token})
    text = r.content.decode()
    assert r.status_code == 400 and EXPIRED in text
    assert f'value="{edited.get("next_step", VISIT["next_step"])}"' in text     # the typing is kept
    assert _visits() == before
    assert list(Visit.objects.values_list("outcome", "next_step")) == [("met", "下周推荐分拣岗位")]


def test_an_old_visit_without_a_content_key_is_not_answered_to_a_repost(world):
    kp = key_person_in()
    client = world.client("village_a")
    token = token_new()
    client.post(f"/employment/people/{kp.pk}/visit/", {**VISIT, "form_token": token})
    Visit.objects.update(form_content_key=None)
    before = _visits()
    r = client.post(f"/employment/people/{kp.pk}/visit/", {**VISIT, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _visits() == before


def test_the_same_service_record_again_is_answered_with_its_row(world):
    kp = key_person_in()
    client = world.client("village_a")
    token = token_new()
    assert client.post(f"/employment/people/{kp.pk}/services/", {**_service(), "form_token": token}).status_code == 302
    before = _services()
    again = client.post(f"/employment/people/{kp.pk}/services/", {**_service(), "form_token": token}, follow=True)
    assert again.redirect_chain == [(f"/employment/people/{kp.pk}/", 302)]
    assert _messages(again) == ["该表单已提交过，没有重复登记。"]
    assert _services() == before and ServiceRecord.objects.count() == 1


@pytest.mark.parametrize("edited", [{"amount": "500"}, {"title": "叉车操作培训"}, {"kind": "post_subsidy"},
                                    {"outcome": "completed"}])
def test_the_same_token_with_another_service_record_is_refused_and_records_nothing(world, edited):
    kp = key_person_in()
    client = world.client("village_a")
    token = token_new()
    client.post(f"/employment/people/{kp.pk}/services/", {**_service(), "form_token": token})
    before = _services()
    r = client.post(f"/employment/people/{kp.pk}/services/", {**_service(**edited), "form_token": token})
    text = r.content.decode()
    assert r.status_code == 400 and EXPIRED in text
    assert f'value="{edited.get("title", "电商直播培训")}"' in text        # the typing is kept
    assert _services() == before
    assert [(kind, title, str(amount)) for _pk, kind, title, amount, _by in before[0]] == [
        ("training", "电商直播培训", "300.00")]


def test_an_old_service_record_without_a_content_key_is_not_answered_to_a_repost(world):
    kp = key_person_in()
    client = world.client("village_a")
    token = token_new()
    client.post(f"/employment/people/{kp.pk}/services/", {**_service(), "form_token": token})
    ServiceRecord.objects.update(form_content_key=None)
    before = _services()
    r = client.post(f"/employment/people/{kp.pk}/services/", {**_service(), "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _services() == before

"""newuser31, a new user on a phone, #2: 纳入帮扶's 先登记此人 opened an empty registry form after the name had been
searched for; the name now comes along (only a name: an ID or phone number never travels in a link)."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.registry.models import Person

pytestmark = pytest.mark.django_db


def test_register_first_carries_the_searched_name_and_only_a_name(world):
    client = world.client("village_a")
    page = client.get("/employment/people/add/", {"q": "黄小明"}).content.decode()
    href = "/registry/persons/new/?then=employment&amp;name=%E9%BB%84%E5%B0%8F%E6%98%8E"
    assert f'id="register-first" href="{href}"' in page
    form = client.get("/registry/persons/new/", {"then": "employment", "name": "黄小明"}).content.decode()
    assert 'name="name" value="黄小明"' in form

    # an ID or phone number searched for is not put in the link, nor taken from one
    for q in ("450521199503121234", "13807791234", "黄2"):
        page = client.get("/employment/people/add/", {"q": q}).content.decode()
        assert 'id="register-first" href="/registry/persons/new/?then=employment"' in page, q
        form = client.get("/registry/persons/new/", {"then": "employment", "name": q}).content.decode()
        assert 'name="name" value=' not in form, q
    assert 'name="name" value=' not in client.get("/registry/persons/new/", {"name": "黄" * 51}).content.decode()

    # the prefilled name is only shown: what is posted is registered, and nothing on a GET
    before = Person.objects.count()
    client.get("/registry/persons/new/", {"then": "employment", "name": "黄小明"})
    assert Person.objects.count() == before
    response = client.post("/registry/persons/new/?then=employment&name=黄小明",
                           {"form_token": token_new(), "org_code": "450521200206", "name": "黄晓明",
                            "residence_status": "huji", "status": "active"})
    person = Person.objects.get(name="黄晓明")
    assert response["Location"] == f"/employment/people/add/?person={person.pk}"
    assert not Person.objects.filter(name="黄小明").exists()

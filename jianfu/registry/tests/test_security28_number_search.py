"""security28 #2: a search by a whole phone or ID number was an unaudited look-up of that number. A grid worker (who
may not reveal) tried 150 0000 7645 … 150 9999 7645 against `?q=` until one found the person: the number, with no
audit row and no limit. Each whole-number search is now audited (`pii.search`) and an account makes at most
NUMBER_SEARCHES_PER_HOUR an hour."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core.models import AuditRecord
from jianfu.employment.tests.factories import GRID_A, VILLAGE_A, person_in
from jianfu.registry import services
from jianfu.registry.services import person_phone

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _searches():
    return list(
        AuditRecord.objects.filter(action="pii.search").order_by("pk").values_list("actor_name", "changes")
    )


def test_the_brute_force_is_audited_and_stopped(world, settings):
    """The attack: guesses of the hidden digits through the API. Before the fix 70 guesses answered 200, the hit
    among them found the person, and no audit row was written; now every guess is audited and the 61st is refused."""
    person = person_in(VILLAGE_A, GRID_A)
    phone = person_phone(person)
    client = world.api_client("grid_a")
    misses = [g for g in (phone[:3] + f"{n:04d}" + phone[-4:] for n in range(100)) if g != phone]
    tried = [*misses[:59], phone, *misses[59:69]]  # the hit the 60th guess, then 10 more
    answers = [client.get("/api/v1/registry/persons/", {"q": g}) for g in tried]
    assert [a.status_code for a in answers] == [200] * 60 + [429] * 10
    assert answers[59].json()["count"] == 1 and answers[59].json()["results"][0]["id"] == person.pk
    assert answers[60].json()["error"]["code"] == "throttled"
    rows = _searches()
    assert len(rows) == 60
    assert rows[-1] == ("grid_a", {"field": "phone", "found": [person.pk]})
    assert rows[0] == ("grid_a", {"field": "phone", "found": []})
    assert all(phone not in str(changes) for _name, changes in rows)


def test_the_web_lists_audit_a_number_search_and_not_a_name(world):
    person = person_in(VILLAGE_A, GRID_A, name="王小明")
    number = services.person_id_number(person)
    client = world.client("village_a")
    assert client.get("/registry/persons/", {"q": number}).status_code == 200
    assert client.get("/employment/people/add/", {"q": number}).status_code == 200
    assert client.get("/registry/persons/", {"q": "王小明"}).status_code == 200
    assert _searches() == [("village_a", {"field": "id_number", "found": [person.pk]})] * 2


def test_past_the_allowance_the_web_list_is_refused_before_it_searches(world, monkeypatch):
    monkeypatch.setattr(services, "NUMBER_SEARCHES_PER_HOUR", 2)
    client = world.client("village_a")
    codes = [client.get("/registry/persons/", {"q": f"1380000000{n}"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert len(_searches()) == 2

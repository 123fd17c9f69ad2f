"""fixcr33b L7: whether an employment page links the registry's edit form is `registry.services.may_write`, the rule
of `registry.services.require_write` — one rule, not a copy in employment.access."""

from __future__ import annotations

import pytest

from jianfu.core.errors import ApplicationError
from jianfu.employment import access
from jianfu.employment.tests.factories import person_in
from jianfu.registry import services as registry_services

pytestmark = pytest.mark.django_db


def test_the_employment_link_asks_the_registrys_rule(world, monkeypatch):
    person = person_in()
    asked = []
    monkeypatch.setattr(registry_services, "may_write", lambda user, obj: asked.append((user.username, obj)) or True)
    assert access.may_edit_registry_person(world.users["county_office"], person) is True
    assert asked == [("county_office", person)]


def test_may_write_answers_as_require_write_decides_for_every_account(world):
    person = person_in()
    answers = {}
    for username, user in sorted(world.users.items()):
        try:
            registry_services.require_write(user, person)
            allowed = True
        except ApplicationError:
            allowed = False
        assert registry_services.may_write(user, person) is allowed, username
        answers[username] = allowed
    assert {name for name, allowed in answers.items() if allowed} >= {"village_a", "town_quzhang"}
    assert answers["county_office"] is False

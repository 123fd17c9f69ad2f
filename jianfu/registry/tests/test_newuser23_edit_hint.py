"""newuser23: the new-person form said the edit-only hint "修改时留空表示不变" (a new person has nothing to keep); it is
said on the edit form only."""

from __future__ import annotations

import pytest

from jianfu.registry import services

VA = "450521200206"
HINT = "修改时留空表示不变"


@pytest.mark.django_db
def test_the_create_form_has_no_edit_only_hint(world):
    page = world.client("village_a").get("/registry/persons/new/").content.decode()
    assert HINT not in page
    assert page.count("性别、出生日期、出生地由身份证号得出") == 1


@pytest.mark.django_db
def test_the_edit_form_keeps_the_hint_on_id_number_and_phone(world):
    person = services.person_create(actor=world.users["village_a"], org_code=VA, data={"name": "王五"})
    page = world.client("village_a").get(f"/registry/persons/{person.pk}/edit/").content.decode()
    assert page.count(HINT) == 2
    assert page.count("修改时留空表示不变；性别、出生日期、出生地由身份证号得出") == 1

"""security28 #1: a masked ID number was the whole number. The mask kept the region prefix and the last four (sequence
code and check digit); the birth date printed beside it (and the birth place the registry API gives) were the digits
it hid, so an account that may not reveal (a grid worker) rebuilt every number in its scope, with no audit row."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps

from jianfu.core.models import AuditRecord
from jianfu.core.pii import mask_id_number
from jianfu.employment.tests.factories import GRID_A, VILLAGE_A, key_person_in, person_in
from jianfu.registry.models import FieldChange, Person
from jianfu.registry.services import person_id_number

pytestmark = pytest.mark.django_db

remask = importlib.import_module("jianfu.registry.migrations.0009_id_number_mask_without_tail")


def _rebuilt(row: dict) -> str:
    """What a reader of the API made of a row: the mask's prefix, the birth place's county digits, the birth date
    and the mask's last four."""
    masked, born = row["id_number"], row["birth_date"].replace("-", "")
    return masked[:4] + (row.get("birthplace_code") or "450521")[4:6] + born + masked[-4:]


def test_the_mask_keeps_the_region_prefix_only():
    assert mask_id_number("450521199004190539") == "4505**************"
    assert mask_id_number("450521900419053") == "4505***********"  # a 15-digit number
    assert mask_id_number("4505**********0539") == "4505**************"  # an older mask, masked again


def test_a_grid_worker_cannot_rebuild_an_id_number_from_the_api(world):
    """The attack: grid_a (no PII_REVEAL) lists its people in both APIs and rebuilds each number from the mask and
    the birth date. Before the fix every rebuilt number was the person's; now none is, and no reveal was needed."""
    kp = key_person_in(VILLAGE_A, GRID_A)
    person = kp.person
    number = person_id_number(person)
    client = world.api_client("grid_a")
    employment = client.get("/api/v1/employment/people/").json()["results"]
    registry = client.get("/api/v1/registry/persons/").json()["results"]
    assert [r["id_number"] for r in employment] == [number[:4] + "*" * 14]
    assert [r["id_number"] for r in registry] == [number[:4] + "*" * 14]
    assert _rebuilt(employment[0]) != number and _rebuilt(registry[0]) != number
    assert AuditRecord.objects.filter(action="pii.reveal").count() == 0


def test_the_person_page_shows_no_digit_of_the_tail(world):
    kp = key_person_in(VILLAGE_A, GRID_A)
    number = person_id_number(kp.person)
    page = world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    assert number[:4] + "*" * 14 in page and number[:4] + "*" * 10 + number[-4:] not in page


def test_the_migration_masks_stored_masks_and_the_change_history_again():
    person = person_in(VILLAGE_A, GRID_A, birth=dt.date(1990, 4, 19))
    number = person_id_number(person)
    old = number[:4] + "*" * 10 + number[-4:]
    Person.objects.filter(pk=person.pk).update(id_number_masked=old)
    short = person_in(VILLAGE_A, GRID_A)
    Person.objects.filter(pk=short.pk).update(id_number_masked="********")  # 8 or fewer: all stars already
    change = FieldChange.objects.create(
        org_code=VILLAGE_A,
        model="person",
        object_id=person.pk,
        field="id_number",
        old_value="4505**********1232",
        new_value=old,
    )
    phone = FieldChange.objects.create(
        org_code=VILLAGE_A,
        model="person",
        object_id=person.pk,
        field="phone",
        old_value="",
        new_value="139****2222",
    )
    remask.forwards(django_apps, None)
    person.refresh_from_db()
    short.refresh_from_db()
    change.refresh_from_db()
    phone.refresh_from_db()
    assert person.id_number_masked == number[:4] + "*" * 14
    assert short.id_number_masked == "********"
    assert (change.old_value, change.new_value) == ("4505**************", number[:4] + "*" * 14)
    assert phone.new_value == "139****2222"

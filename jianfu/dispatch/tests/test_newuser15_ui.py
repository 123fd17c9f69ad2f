"""newuser15 (session 15) findings on 网格通's pages: phone fields that open the number pad (F16)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from jianfu.dispatch import cases, services

pytestmark = pytest.mark.django_db
QUMU = "450521200206"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _input(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def test_the_citizens_phone_fields_open_the_number_pad_and_offer_the_own_number(world, catalogue):
    c = world.client(None)
    report = c.get("/dispatch/public/report/").content.decode()
    assert ('<label for="id_reporter_contact">联系电话</label><input id="id_reporter_contact" type="tel" inputmode="tel" '
            'autocomplete="tel" name="reporter_contact" maxlength="100" value="">') in report
    lookup = c.get("/dispatch/public/lookup/").content.decode()
    assert _input(lookup, "phone") == ('<input id="id_phone" type="tel" inputmode="tel" autocomplete="tel" name="phone" '
                                       'maxlength="20" placeholder="如 13812345678">')
    # the 查询码 has letters: its own text field
    assert 'type="text" name="code"' in _input(lookup, "code")


def test_the_lookup_code_in_its_own_field_finds_a_report_without_phone(world):
    event = services.event_report(actor=None, text="路灯坏了一个月没人修", org_code=QUMU, source="citizen")
    code = cases.lookup_code(event.feedback_token)
    c = world.client(None)
    r = c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": "", "code": f"{code[:4]} {code[4:]}"})
    assert (r.status_code, r["Location"]) == (302, f"/dispatch/public/track/{event.feedback_token}/")
    # both empty: the same answer as a wrong code
    assert c.post("/dispatch/public/lookup/", {"number": event.case_number, "phone": "", "code": ""}).status_code == 404


def test_the_phone_a_citizen_left_is_found_through_the_phone_field(world):
    event = services.event_report(actor=None, text="路灯坏了一个月没人修", org_code=QUMU, source="citizen",
                                  reporter_contact="13812345678")
    r = world.client(None).post("/dispatch/public/lookup/", {"number": event.case_number, "phone": "13812345678",
                                                              "code": ""})
    assert (r.status_code, r["Location"]) == (302, f"/dispatch/public/track/{event.feedback_token}/")


@pytest.mark.parametrize(("username", "path", "name"), [
    ("village_a", "/registry/persons/new/", "phone"),
    ("county_office", "/employment/postings/new/", "contact_phone"),
])
def test_staff_phone_fields_open_the_number_pad_without_autofilling_the_own_number(world, username, path, name):
    page = world.client(username).get(path).content.decode()
    field = _input(page, name)
    assert ('type="tel"' in field, 'inputmode="tel"' in field, 'autocomplete="off"' in field) == (True, True, True)


def test_a_refused_whistle_keeps_the_ticked_departments_the_reason_and_the_hours(world, catalogue):
    """F11: "请填写吹哨事由。" came back with all 32 boxes cleared; nothing is stored, and the form is as it was sent."""
    from jianfu.dispatch.models import Whistle, WhistleSummons
    from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in

    event = event_in(world, status="accepted")
    town = world.client("town_quzhang")
    r = town.post(f"/dispatch/events/{event.pk}/whistle/", {"departments": [HOUSING, FORESTRY], "reason": " ",
                                                             "checkin_hours": "12"})
    assert (r.status_code, r["Location"]) == (302, f"/dispatch/events/{event.pk}/")
    assert (Whistle.objects.count(), WhistleSummons.objects.count()) == (0, 0)
    page = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert "请填写吹哨事由。" in page
    ticked = re.findall(r'<input type="checkbox" name="departments" value="([^"]+)" checked>', page)
    assert sorted(ticked) == sorted([HOUSING, FORESTRY])
    assert '<input id="id_whours" type="number" name="checkin_hours" value="12" min="1" max="168">' in page
    assert 'data-filter-checks="id_wdepts"' in page   # the filter box over the list
    # shown once: the next visit is a fresh form
    again = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert re.findall(r'name="departments" value="[^"]+" checked', again) == []
    assert '<input id="id_whours" type="number" name="checkin_hours" value="24" min="1" max="168">' in again

"""newuser15 (session 15) findings on 网格通's pages: phone fields that open the number pad (F16)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from jianfu.core.formtokens import token_new
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
                                                             "checkin_hours": "12", "form_token": token_new()})
    assert r.status_code == 400   # the event page again, not a redirect (forms400b)
    assert (Whistle.objects.count(), WhistleSummons.objects.count()) == (0, 0)
    page = r.content.decode()
    assert "请填写吹哨事由。" in page
    ticked = re.findall(r'<input type="checkbox" name="departments" value="([^"]+)" checked>', page)
    assert sorted(ticked) == sorted([HOUSING, FORESTRY])
    assert '<input id="id_whours" type="number" name="checkin_hours" value="12" min="1" max="168">' in page
    # the reason beside the 事由 it names
    assert ('<textarea id="id_wreason" name="reason" maxlength="2000" required aria-invalid="true" '
            'aria-describedby="id_wreason_error" autofocus> </textarea><ul class="errorlist" id="id_wreason_error">'
            '<li>请填写吹哨事由。</li></ul>') in page
    assert 'data-filter-checks="id_wdepts"' in page   # the filter box over the list
    # shown once: the next visit is a fresh form
    again = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert re.findall(r'name="departments" value="[^"]+" checked', again) == []
    assert '<input id="id_whours" type="number" name="checkin_hours" value="24" min="1" max="168">' in again


def test_the_whistle_list_puts_the_departments_the_catalogue_names_for_the_matter_first(world, catalogue):
    """F11 (without script the filter box stays hidden): the matter's lead and cooperating departments (林业局; 自然资源局,
    司法局 for LY-001) head the list under their own line, the county's other departments follow in code order."""
    from jianfu.dispatch.catalogue import departments_for
    from jianfu.dispatch.models import Matter
    from jianfu.dispatch.tests.factories import event_in

    matter = Matter.objects.get(version=catalogue, code="LY-001")
    event = event_in(world, status="accepted", matter=matter)
    page = world.client("town_quzhang").get(f"/dispatch/events/{event.pk}/").content.decode()
    box = re.search(r'<div class="check-list" id="id_wdepts">(.*?)</div></fieldset>', page, re.S).group(1)
    names = {d.code: d.name for d in departments_for("450521")}
    suggested = [matter.department_code, *matter.cooperating_codes]
    listed = re.findall(r'<p class="check-group">([^<]+)</p>|name="departments" value="([^"]+)"', box)
    assert [heading or names[code] for heading, code in listed] == [
        "事项目录所列部门", "林业局", "自然资源局", "司法局",
        "其他部门", *[d.name for d in departments_for("450521") if d.code not in suggested]]


def test_an_event_without_a_matter_lists_the_departments_in_one_group(world, catalogue):
    from jianfu.dispatch.catalogue import departments_for
    from jianfu.dispatch.tests.factories import event_in

    event = event_in(world, status="accepted")
    page = world.client("town_quzhang").get(f"/dispatch/events/{event.pk}/").content.decode()
    box = re.search(r'<div class="check-list" id="id_wdepts">(.*?)</div></fieldset>', page, re.S).group(1)
    assert 'class="check-group"' not in box
    assert re.findall(r'name="departments" value="([^"]+)"', box) == [d.code for d in departments_for("450521")]

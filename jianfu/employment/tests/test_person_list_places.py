"""newuser17 #2: the county's employment desk could not narrow its 重点群体 list (366 people, 13 pages) by place. The
list offers town and village selects holding only the places of the account's own people (the scoping rule), the
choice narrows the list and is kept by the pager; an account whose people live in one village gets no select, and a
place outside the scope narrows to nobody, never to someone else's people."""

from __future__ import annotations

import re

import pytest

from jianfu.employment import selectors
from jianfu.employment.tests.factories import TOWN, VILLAGE_A, VILLAGE_B, VILLAGE_C, key_person_in

pytestmark = pytest.mark.django_db

TOWN2 = "450521100000"   # 廉州镇 (village C)


def _people():
    a = [key_person_in(VILLAGE_A) for _i in range(2)]
    b = [key_person_in(VILLAGE_B, None) for _i in range(3)]
    c = [key_person_in(VILLAGE_C, None) for _i in range(31)]   # two pages of 30 on their own
    return a, b, c


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select id="{name}" name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="(\d*)"', select.group(1)) if select else []


def test_the_county_picks_a_town_then_a_village_of_its_own_people(world):
    a, b, c = _people()
    client = world.client("county_office")
    html = client.get("/employment/people/").content.decode()
    assert _options(html, "town") == ["", TOWN2, TOWN]
    assert _options(html, "village") == ["", VILLAGE_C, VILLAGE_B, VILLAGE_A]
    page = client.get("/employment/people/", {"town": TOWN})
    assert sorted(kp.pk for kp in page.context["page"]) == sorted(kp.pk for kp in a + b)
    assert _options(page.content.decode(), "village") == ["", VILLAGE_B, VILLAGE_A]   # that town's villages only
    assert f'<option value="{TOWN}" selected>' in page.content.decode()
    page = client.get("/employment/people/", {"town": TOWN, "village": VILLAGE_B})
    assert sorted(kp.pk for kp in page.context["page"]) == sorted(kp.pk for kp in b)
    assert f'<option value="{VILLAGE_B}" selected>' in page.content.decode()


def test_the_pager_keeps_the_place(world):
    _a, _b, c = _people()
    client = world.client("county_office")
    first = client.get("/employment/people/", {"status": "unemployed", "village": VILLAGE_C})
    assert first.context["page"].paginator.count == 31
    html = first.content.decode()
    assert f'href="?status=unemployed&amp;village={VILLAGE_C}&page=2"' in html
    second = client.get("/employment/people/", {"status": "unemployed", "village": VILLAGE_C, "page": 2})
    assert [kp.pk for kp in second.context["page"]] == [max(kp.pk for kp in c)]


def test_a_village_changed_town_is_ignored_not_an_empty_list(world):
    a, b, _c = _people()
    page = world.client("county_office").get("/employment/people/", {"town": TOWN, "village": VILLAGE_C})
    assert sorted(kp.pk for kp in page.context["page"]) == sorted(kp.pk for kp in a + b)


def test_a_township_sees_only_its_villages_and_a_village_no_select(world):
    a, b, _c = _people()
    html = world.client("town_quzhang").get("/employment/people/").content.decode()
    assert _options(html, "town") == []                       # one town: nothing to choose
    assert _options(html, "village") == ["", VILLAGE_B, VILLAGE_A]
    assert selectors.key_person_places(user=world.users["town_quzhang"]) == [
        (TOWN, "曲樟乡", [(VILLAGE_B, "璋嘉村委会"), (VILLAGE_A, "曲木村委会")])]
    # a place outside its scope narrows to nobody: never the other town's people
    page = world.client("town_quzhang").get("/employment/people/", {"town": TOWN2, "village": VILLAGE_C})
    assert list(page.context["page"]) == []
    html = world.client("village_a").get("/employment/people/").content.decode()
    assert _options(html, "town") == [] and _options(html, "village") == []
    page = world.client("village_a").get("/employment/people/", {"village": VILLAGE_B})
    assert list(page.context["page"]) == []

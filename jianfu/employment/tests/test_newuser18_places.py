"""newuser18 #6: on 重点群体 the village select follows the town select (a small script fed by a json_script of every
town's villages; without script the page offers the chosen town's villages), and a village of another town than the
one chosen is named in a Chinese message instead of being dropped silently."""

from __future__ import annotations

import json
import re

import pytest

from jianfu.employment.tests.factories import TOWN, VILLAGE_A, VILLAGE_B, VILLAGE_C, key_person_in

pytestmark = pytest.mark.django_db
TOWN2 = "450521100000"


def _people():
    return [key_person_in(VILLAGE_A)], [key_person_in(VILLAGE_B, None)], [key_person_in(VILLAGE_C, None)]


def test_the_village_select_carries_every_towns_villages_for_the_script(world):
    _people()
    html = world.client("county_office").get("/employment/people/", {"town": TOWN}).content.decode()
    assert '<select id="village" name="village" data-follows="town" data-places="village-places">' in html
    places = json.loads(re.search(r'<script id="village-places" type="application/json">(.*?)</script>', html).group(1))
    assert places == [[VILLAGE_C, "廉州镇某社区", TOWN2], [VILLAGE_B, "璋嘉村委会", TOWN], [VILLAGE_A, "曲木村委会", TOWN]]
    assert 'id="place-mismatch"' not in html


def test_a_village_of_another_town_is_said_not_dropped_silently(world):
    a, b, _c = _people()
    page = world.client("county_office").get("/employment/people/", {"town": TOWN, "village": VILLAGE_C})
    assert sorted(kp.pk for kp in page.context["page"]) == sorted(kp.pk for kp in a + b)
    assert ('<p class="alert alert-info" role="status" id="place-mismatch">所选的村（社区）“廉州镇某社区”不属于曲樟乡，'
            "未按村（社区）筛选，下面列出曲樟乡的全部人员；请重新选择村（社区）。</p>") in page.content.decode()


def test_a_township_has_no_town_select_nor_script_data(world):
    _people()
    html = world.client("town_quzhang").get("/employment/people/").content.decode()
    assert '<select id="village" name="village">' in html
    assert 'id="village-places"' not in html and 'id="place-mismatch"' not in html


@pytest.mark.parametrize("village", ["<b>假通知：请到村委会缴费</b>", "450521100999", "4505211"])
def test_a_village_that_is_not_one_s_own_is_never_repeated_on_the_page(world, village):
    """security19 #6: the text of `village=` was put in the message as it came (escaped, but a link could make the
    page say anything); a village the account cannot choose gets a fixed message naming only the town."""
    a, b, _c = _people()
    page = world.client("county_office").get("/employment/people/", {"town": TOWN, "village": village})
    html = page.content.decode()
    assert ('<p class="alert alert-info" role="status" id="place-mismatch">所选的村（社区）不在可选范围内，'
            "未按村（社区）筛选，下面列出曲樟乡的全部人员；请重新选择村（社区）。</p>") in html
    assert "假通知" not in html
    assert sorted(kp.pk for kp in page.context["page"]) == sorted(kp.pk for kp in a + b)

"""newuser18 #7: the dashboard writes every median the same way (38, not 38.0 beside 39), its charts have titles, and
a period out of 1–36 months is said to be changed, not changed silently."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.employment.models import StatusChange
from jianfu.employment.tests.factories import VILLAGE_A, VILLAGE_C, key_person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db


def _placed(village: str, days: int):
    today = local_today()
    kp = key_person_in(village, None, status="employed", identified_on=today - dt.timedelta(days=days),
                       placed_on=today)
    StatusChange.objects.create(key_person=kp, org_code=kp.org_code, from_status="unemployed", to_status="employed",
                                on=today)


def test_medians_are_written_alike(world):
    _placed(VILLAGE_A, 38)
    _placed(VILLAGE_A, 38)   # two values: statistics.median gives 38.0
    _placed(VILLAGE_C, 39)   # one value: 39
    page = world.client("county_office").get("/employment/dashboard/").content.decode()
    cells = [c for c in page.split('data-label="用时中位数（天）">')[1:]]
    assert sorted(c.split("</td>")[0] for c in cells) == ["38", "39"]
    assert '就业用时中位数（天）</div><div class="stat">38</div>' in page   # the median of 38, 38, 39
    assert "38.0" not in page


def test_a_half_day_median_keeps_its_half(world):
    _placed(VILLAGE_A, 38)
    _placed(VILLAGE_A, 39)
    page = world.client("county_office").get("/employment/dashboard/").content.decode()
    assert '就业用时中位数（天）</div><div class="stat">38.5</div>' in page


def test_the_charts_have_titles(world):
    page = world.client("county_office").get("/employment/dashboard/", {"months": "6"}).content.decode()
    assert ('<h2 class="chart-title" id="chart-groups-title">重点群体各类别人数（一人可属多类）</h2>'
            '<div id="chart-groups" class="chart" role="img" aria-labelledby="chart-groups-title"></div>') in page
    assert '<h2 class="chart-title" id="chart-trend-title">近 6 个月每月新纳入、新就业、走访和推荐</h2>' in page
    assert 'id="months-note"' not in page


@pytest.mark.parametrize(("asked", "used", "note"), [
    ("999", 36, "统计期为 1 至 36 个月，已按近 36 个月统计（您填的是 999）。"),
    ("0", 1, "统计期为 1 至 36 个月，已按近 1 个月统计（您填的是 0）。"),
    ("abc", 12, "“abc”不是月数，已按近 12 个月统计。"),
])
def test_a_period_out_of_range_is_said_to_be_changed(world, asked, used, note):
    page = world.client("county_office").get("/employment/dashboard/", {"months": asked}).content.decode()
    assert f'<p class="alert alert-info" role="status" id="months-note">{note}</p>' in page
    assert f'<input type="number" name="months" value="{used}" min="1" max="36">' in page

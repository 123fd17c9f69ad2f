"""The 三率 page on a phone (fix-ui19b #4): the ten-column table was cut at the right edge at 390 px and the status
ring had no title. The table is a card per unit on a phone (table.cards, each figure labelled); each chart has a
heading."""

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.dispatch.tests.factories import event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def test_the_rates_table_becomes_cards_and_each_chart_has_a_title(world):
    now = timezone.now()
    event_in(world, status=Status.CLOSED, dispatched_at=now, accepted_at=now + dt.timedelta(hours=2),
             resolved_at=now + dt.timedelta(hours=10))
    page = world.client("county_office").get("/dispatch/dashboard/").content.decode()
    assert '<h2 class="chart-title" id="chart-rates-title">各部门三率</h2>' in page
    assert '<h2 class="chart-title" id="chart-status-title">事件办理状态分布（件）</h2>' in page
    assert 'aria-labelledby="chart-status-title"' in page
    assert '<table class="cards rates-table">' in page
    row = page[page.index('<td class="card-title">林业局</td>'):]
    row = row[:row.index("</tr>")]
    assert ('<td class="num" data-label="派发">1</td><td class="num" data-label="响应率">100.0%</td>'
            '<td class="num" data-label="解决率">100.0%</td>') in row
    assert row.count("data-label=") == 9
    total = page[page.index('<tr class="total">'):]
    assert total[:total.index("</tr>")].count('<td class="empty"></td>') == 3
    by_town = world.client("county_office").get("/dispatch/dashboard/?by=town").content.decode()
    assert '<h2 class="chart-title" id="chart-rates-title">各乡镇三率</h2>' in by_town

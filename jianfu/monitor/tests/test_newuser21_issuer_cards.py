"""newuser21 #2: /monitor/index/'s 负担来自哪些单位 was a plain table 396 px wide in a 358 px box on a 390 px phone (the
hours cut to "52…", unit names two characters a line). It is a list of cards now (table.cards.ranked): "1. 林业局" on
the first line, the hours labelled under it; a desktop keeps the same three columns."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor.tests.test_index_own_villages import burdens  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def _issuers(page: str) -> str:
    table = page[page.index('<table class="cards ranked" id="issuers">'):]
    return table[:table.index("</table>")]


def test_the_county_reads_each_issuer_as_a_card_with_its_hours_labelled(world, burdens):  # noqa: F811
    table = _issuers(world.client("county_office").get("/monitor/index/?year=2025").content.decode())
    assert ('<thead><tr><th>#</th><th>单位</th><th class="num">造成的基层工作量（小时，各村合计） '
            '<small class="muted">全年</small></th></tr></thead>') in table
    assert re.findall(r"<tr><td.*?</tr>", table) == [
        f'<tr><td class="rank">{n}</td><td class="card-title">{name}</td>'
        f'<td class="num key" data-label="各村合计（小时，全年）">{hours}</td></tr>'
        for n, name, hours in ((1, "林业局", "7.0"), (2, "住房和城乡建设局", "1.2"), (3, "民政局", "0.7"))]


def test_a_township_reads_its_issuers_in_hours(world, burdens):  # noqa: F811
    table = _issuers(world.client("town_quzhang").get("/monitor/index/?year=2025").content.decode())
    assert '<thead><tr><th>#</th><th>单位</th><th class="num">小时</th></tr></thead>' in table
    assert re.findall(r"<tr><td.*?</tr>", table) == [
        f'<tr><td class="rank">{n}</td><td class="card-title">{name}</td><td class="num key" data-label="小时">{hours}</td></tr>'
        for n, name, hours in ((1, "林业局", "7.0"), (2, "民政局", "0.7"), (3, "住房和城乡建设局", "0.6"))]


def test_no_burden_yet_is_one_cell(world):
    table = _issuers(world.client("county_office").get("/monitor/index/?year=2025").content.decode())
    assert '<tbody>\n<tr><td colspan="3" class="muted">暂无数据。</td></tr>\n</tbody>' in table

"""newuser21 #3: on /reports/burden/ only 各报表 was cards at 390 px; 多张报表都要的数据元素 squeezed its 报表 list to a
word a line (~3,400 px tall) and the villages' table scrolled sideways. Both are now cards of figures (table.cards
.figures: hidden header on a phone, each cell labelled); the columns and their order on a desktop are unchanged."""

from __future__ import annotations

import re

import pytest

from jianfu.reports import services
from jianfu.reports.models import Template
from jianfu.reports.tests.test_views import setup  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


def _table(page: str, table_id: str) -> str:
    table = page[page.index(f'id="{table_id}"'):]
    return table[:table.index("</table>")]


def test_the_shared_elements_and_the_villages_are_cards_of_labelled_figures(setup):  # noqa: F811
    tpl = Template.objects.get(code="mz_dibao_tekun")
    services.submission_generate(actor=setup.users["village_b"], template=tpl, org_code=setup.village_b.code,
                                 period="202503")
    response = setup.client("county_office").get("/reports/burden/")
    page = response.content.decode()
    summary = response.context["summary"]

    shared = _table(page, "burden-shared")
    assert '<table class="cards figures" id="burden-shared">' in page
    # the desktop header keeps its four columns in their order
    assert ('<thead><tr><th>数据元素</th><th>类型</th><th class="num">报表数</th><th>报表</th></tr></thead>'
            in shared)
    rows = re.findall(r'<tr><td class="card-title">([^<]+)</td><td class="inline" data-label="类型">([^<]+)</td>'
                      r'<td class="num key" data-label="报表数">(\d+)</td><td data-label="报表">([^<]+)</td></tr>',
                      shared)
    assert len(rows) == len(summary.shared) == shared.count("<tr><td")
    assert ("总人口", "计数", "4", "老年人口基本情况年报表、人口基本情况年报表、城乡居民基本医疗保险和基本养老保险参保情况半年报表、"
            "安全生产隐患排查和自然灾害情况月报表") in rows

    villages = _table(page, "burden-villages")
    assert '<table class="cards figures" id="burden-villages">' in page
    assert ('<thead><tr><th>村（社区）</th><th class="num">报表份数</th><th class="num">自动填入单元格</th>'
            '<th class="num">手工填报单元格</th></tr></thead>') in villages
    assert re.findall(r"<tr>.*?</tr>", villages[villages.index("<tbody>"):], flags=re.S) == [
        '<tr><td class="card-title">璋嘉村委会</td><td class="num" data-label="报表份数">1</td>'
        '<td class="num key" data-label="自动填入单元格">10</td><td class="num key" data-label="手工填报单元格">5</td></tr>']


def test_no_submission_yet_says_so_in_one_cell(setup):  # noqa: F811
    villages = _table(setup.client("county_office").get("/reports/burden/").content.decode(), "burden-villages")
    assert '<tbody><tr><td colspan="4" class="muted">暂无报送。</td></tr>\n  </tbody>' in villages

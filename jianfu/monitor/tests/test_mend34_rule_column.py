"""mend34 #8: the findings list's 规则 column showed a direct-line finding's category as if it were a rule. A finding
under no rule now says where it came from — （直通车反映） or （人工登记） — before its category, which links to the
list by that category (as the dashboard's row does, newuser34 #1); a rule's finding shows its rule as before."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor.tests.test_newuser34_dashboard_category import _finding

pytestmark = pytest.mark.django_db


def test_a_finding_under_no_rule_is_not_shown_as_a_rule(world):
    _finding(category="政务应用程序打卡、排名、刷量", summary="乡里要求村干部每天在三个政务App打卡。", source="directline",
             source_ref="1")
    _finding(category="督查检查过多", summary="一周三次检查。", source="manual")
    _finding(rule_code="P5A-APP-FILING", category="政务应用须备案", summary="“打卡小程序”未备案。")
    page = world.client("county_office").get("/monitor/findings/?year=2026").content.decode()
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td data-label="规则">(.*?)</td>', page)]
    assert sorted(cells) == sorted(["政务应用须备案", "（人工登记）督查检查过多", "（直通车反映）政务应用程序打卡、排名、刷量"])
    assert ('<span class="rule-none">（直通车反映）</span><a href="?year=2026&amp;category=%E6%94%BF%E5%8A%A1%E5%BA%94'
            '%E7%94%A8%E7%A8%8B%E5%BA%8F%E6%89%93%E5%8D%A1%E3%80%81%E6%8E%92%E5%90%8D%E3%80%81%E5%88%B7%E9%87%8F">'
            '政务应用程序打卡、排名、刷量</a>') in page

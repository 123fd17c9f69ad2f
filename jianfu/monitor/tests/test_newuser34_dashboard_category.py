"""newuser34 #1: a finding recorded by hand under no rule (a direct-line report turned into a finding) is counted on the
dashboard's 问题按规则 by its category, and its row linked to /monitor/findings/?rule= — an empty rule, so the list
showed every finding of the year (163 in the demo) instead of that one. It links by its category now."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor.models import Finding

pytestmark = pytest.mark.django_db

COUNTY = "450521000000"


def _finding(**kw) -> Finding:
    fields = {"county_code": COUNTY, "org_code": COUNTY, "issuer_code": "450521200000", "issuer_name": "曲樟乡",
              "severity": "medium", "year": 2026, "month": 12, "status": "open"}
    return Finding.objects.create(**{**fields, **kw})


@pytest.fixture
def findings(world):
    by_hand = _finding(category="政务应用程序打卡、排名、刷量", summary="乡里要求村干部每天在三个政务App打卡。",
                       source="directline", source_ref="1")
    by_rule = _finding(rule_code="P5A-APP-FILING", category="政务应用须备案", summary="“打卡小程序”未备案。")
    return by_hand, by_rule


def _listed(page: str) -> list[str]:
    return re.findall(r'<a href="/monitor/findings/\d+/">([^<]*)</a>', page)


def test_the_dashboard_links_a_finding_under_no_rule_by_its_category(world, findings):
    page = world.client("county_office").get("/monitor/dashboard/?year=2026").content.decode()
    assert ('<a href="/monitor/findings/?year=2026&amp;category=%E6%94%BF%E5%8A%A1%E5%BA%94%E7%94%A8%E7%A8%8B%E5%BA%8F'
            '%E6%89%93%E5%8D%A1%E3%80%81%E6%8E%92%E5%90%8D%E3%80%81%E5%88%B7%E9%87%8F">政务应用程序打卡、排名、刷量</a>'
            ) in page
    assert ('<a href="/monitor/findings/?year=2026&amp;rule=P5A-APP-FILING" title="P5A-APP-FILING">政务应用须备案</a>'
            ) in page


def test_the_list_by_category_shows_that_finding_only(world, findings):
    client = world.client("county_office")
    page = client.get("/monitor/findings/", {"year": "2026", "category": "政务应用程序打卡、排名、刷量"}).content.decode()
    assert _listed(page) == ["乡里要求村干部每天在三个政务App打卡。"]
    assert ('<p class="muted wide" id="f-category"><input type="hidden" name="category" value="政务应用程序打卡、排名、刷量">'
            '问题类别：政务应用程序打卡、排名、刷量（未对应监测规则） <a href="?year=2026">查看全部</a></p>') in page
    # a rule's finding of another category is never listed by a category, nor one under a rule of the same category
    _finding(rule_code="P5A-APP-FEATURES", category="政务应用程序打卡、排名、刷量", summary="设有打卡功能。")
    page = client.get("/monitor/findings/", {"year": "2026", "category": "政务应用程序打卡、排名、刷量"}).content.decode()
    assert _listed(page) == ["乡里要求村干部每天在三个政务App打卡。"]
    everything = client.get("/monitor/findings/", {"year": "2026"}).content.decode()
    assert sorted(_listed(everything)) == sorted(["乡里要求村干部每天在三个政务App打卡。", "“打卡小程序”未备案。", "设有打卡功能。"])
    assert 'id="f-category"' not in everything

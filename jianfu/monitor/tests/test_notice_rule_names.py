"""verify15 #2: /monitor/notices/ names the rules that watch for each category by their names; the support code is at
most a tooltip (as the direct line's rule list, newuser15 F5)."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor import selectors
from jianfu.monitor.models import Rule

pytestmark = pytest.mark.django_db


def test_the_notice_statistics_name_rules_not_codes(world):
    from jianfu.monitor.demo import _notices

    _notices(world.users["county_office"])
    names = dict(Rule.objects.filter(county_code="").values_list("code", "name"))
    page = world.client("county_office").get("/monitor/notices/").content.decode()
    section = page.split("本地哪条规则能发现同类问题", 1)[1]
    fingertip = next(c for c in selectors.notice_statistics(user=world.users["county_office"])["by_category"]
                     if c["category"] == "fingertip")
    assert [r["code"] for r in fingertip["rules"]][:1] == ["P5A-APP-FEATURES"]
    assert f'<span title="P5A-APP-FEATURES">{names["P5A-APP-FEATURES"]}</span>' in section
    # no code shown as text: outside the tooltips, no rule code appears in the page
    visible = re.sub(r'title="[^"]*"', "", page)
    assert [code for code in names if code in visible] == []

"""newuser15 F5: the handler's 纳入监测规则 list names each rule as people say it, without its support code."""

from __future__ import annotations

import re

import pytest

from jianfu.directline import services
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
from jianfu.monitor.models import Rule


@pytest.mark.django_db
def test_the_rule_list_shows_names_not_codes(world):
    _key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    report, _code = submitted(category="app")
    services.report_accept(actor=office, report=report, private=private)
    rule = Rule.objects.create(code="P5A-APP-FEATURES", name="政务应用不得设置打卡等强制功能", ledger="app",
                               check_name="app_features", citation="合浦县减负办 2026 年第 1 号",
                               county_code="450521000000")
    handler = world.client("county_office")
    handler.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    page = handler.get(f"/directline/{report.pk}/").content.decode()
    select = re.search(r'<select id="id_rule" name="rule" required>(.*?)</select>', page, re.S).group(1)
    assert f'<option value="{rule.pk}">政务应用不得设置打卡等强制功能</option>' in select
    assert "P5A-APP-FEATURES" not in page

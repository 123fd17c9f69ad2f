"""mend33 in Chromium at 390 × 844: a citizen on /villages/ sees the county's few villages without unfolding a township,
and the line above the list points to the search box (#5); the handler's 纳入监测规则 select is grouped by ledger (#6)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone, shot
from tests.e2e.test_monitor import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def test_a_short_list_of_villages_is_shown_whole_under_a_hint_to_search(phone, world):
    citizen = phone(None)
    citizen.goto("/villages/", timeout=60_000)
    expect(citizen.get_by_role("link", name="曲木村委会")).to_be_visible()      # no tap on 曲樟乡 first
    expect(citizen.get_by_role("link", name="廉州镇某社区")).to_be_visible()
    hint = citizen.locator("#find-hint")
    expect(hint).to_have_text("村（社区）按所属乡镇（街道）列出；找不到时，在上面的搜索框输入村名或乡镇名查找。")
    expect(citizen.locator("#q")).to_have_attribute("placeholder", "输入村（社区）或乡镇名称")
    box, first = hint.bounding_box(), citizen.locator("details.card").first.bounding_box()
    assert box is not None and first is not None and box["y"] < first["y"]
    assert fits_the_phone(citizen)
    shot(citizen, "mend33-villages")


def test_the_handlers_rule_select_is_grouped_by_ledger(phone, world):
    """mend33 #6: 纳入监测规则 offers the rules under their ledger (optgroup), and the one picked is the one saved."""
    from jianfu.directline import services
    from jianfu.directline.models import Report
    from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
    from jianfu.monitor import services as monitor_services
    from jianfu.monitor.models import Rule

    _key, private = county_key_with_handler(world)
    report, _code = submitted(category="app")
    services.report_accept(actor=world.users["county_office"], report=report, private=private)
    monitor_services.rules_seed()   # a transactional test database has lost the data migration's rules
    handler = phone("county_office")
    handler.goto("/directline/unlock/", timeout=60_000)
    handler.fill("#id_passphrase", PASSPHRASE)
    handler.get_by_role("button", name="解锁").click()
    handler.goto(f"/directline/{report.pk}/", timeout=60_000)
    groups = handler.locator("#id_rule optgroup")
    expect(groups.first).to_have_attribute("label", "发文")
    labels = groups.evaluate_all("gs => gs.map(g => g.label)")
    assert labels[:3] == ["发文", "会议", "督查检查考核"] and len(labels) >= 5, labels
    app = Rule.objects.filter(county_code="", ledger="app", enabled=True).order_by("code").first()
    assert app is not None
    expect(handler.locator("#id_rule optgroup[label='政务应用'] option").first).to_be_attached()
    handler.select_option("#id_rule", str(app.pk))
    assert fits_the_phone(handler)
    shot(handler, "mend33-rule-select")
    handler.get_by_role("button", name="纳入规则").click()
    expect(handler.locator("body")).to_contain_text("已纳入监测规则")
    assert Report.objects.get(pk=report.pk).status == "rule"

"""mend33 #6: the handler's 纳入监测规则 select held 25 rules in one list; they are now grouped (optgroup) by the ledger
each rule watches, in the ledgers' order (发文, 会议, 督查检查考核, …), a county's own rule with the national ones."""

from __future__ import annotations

import re

import pytest

from jianfu.directline import services
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
from jianfu.monitor import services as monitor_services
from jianfu.monitor.models import LedgerKind, Rule

pytestmark = pytest.mark.django_db


def test_the_rule_select_is_grouped_by_ledger(world):
    _key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    report, _code = submitted(category="app")
    services.report_accept(actor=office, report=report, private=private)
    monitor_services.rules_seed()
    local = Rule.objects.create(code="HP-MTG-01", name="县里会议不开到村", ledger="meeting", check_name="meeting_length",
                                citation="合浦县减负办 2026 年第 1 号", county_code="450521000000")
    handler = world.client("county_office")
    handler.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    page = handler.get(f"/directline/{report.pk}/").content.decode()
    select = re.search(r'<select id="id_rule" name="rule" required>(.*?)</select>', page, re.S).group(1)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    enabled = Rule.objects.filter(county_code__in=("", "450521000000"), enabled=True)
    ledgers = [kind for kind in LedgerKind if enabled.filter(ledger=kind).exists()]
    assert [label for label, _options in groups] == [str(kind.label) for kind in ledgers]
    assert len(groups) > 1
    # every enabled rule once, each under its own ledger
    for kind, (_label, options) in zip(ledgers, groups, strict=True):
        assert sorted(int(pk) for pk in re.findall(r'<option value="(\d+)"', options)) == sorted(
            enabled.filter(ledger=kind).values_list("pk", flat=True))
    meetings = dict(groups)[str(LedgerKind.MEETING.label)]
    assert f'<option value="{local.pk}">县里会议不开到村</option>' in meetings
    assert re.sub(r"<optgroup[^>]*>|</optgroup>", "", select).count("<option") == enabled.count()

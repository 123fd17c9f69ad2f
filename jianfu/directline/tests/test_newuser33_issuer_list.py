"""newuser33 #3: turning a report into a burden-monitor finding asked for 责任单位 as "填代码或全称", a blank box: the
handler had to know a unit's 15-digit code or its full name. The box now offers the county's units that may cause a
burden (its departments and townships, as the monitor's ledger form does), and a name picked from it is the finding's
unit."""

from __future__ import annotations

import re

import pytest

from jianfu.directline import services
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
from jianfu.monitor.models import Finding
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_the_handler_picks_the_unit_from_a_list(world):
    _key, private = county_key_with_handler(world)
    report, _code = submitted()
    services.report_accept(actor=world.users["county_office"], report=report, private=private)
    client = world.client("county_office")
    client.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    page = client.get(f"/directline/{report.pk}/").content.decode()
    # fixcr33c: the box held 20 characters while a unit's name may have 100 (a long name was cut short by the browser)
    assert OrgUnit._meta.get_field("name").max_length == 100
    assert 'name="issuer_code" required maxlength="100" list="issuer-units"' in page
    offered = re.findall(r'<option value="([^"]+)">', page[page.index('<datalist id="issuer-units">'):])
    forestry = OrgUnit.objects.get(code=world.users["dept_forestry"].org_unit.code)
    assert forestry.name in offered and "曲樟乡" in offered
    assert "曲木村委会" not in offered   # a village bears a burden; it is not where one comes from
    answer = client.post(f"/directline/{report.pk}/act/to_finding/", {
        "issuer_code": forestry.name, "summary": "某局要求每个村每周上报三张台账照片并打卡排名。", "note": "已转监测。"})
    assert answer.status_code == 302
    assert list(Finding.objects.values_list("issuer_code", flat=True)) == [forestry.code]

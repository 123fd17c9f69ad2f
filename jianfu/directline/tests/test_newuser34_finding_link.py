"""newuser34 #2: after 转为监测问题 the report's page said "监测问题 #324" as plain text: the handler, who goes on to
confirm the finding and follow its rectification in the burden monitor, had to find #324 among the year's findings
(163 in the demo, 50 a page, no search by number). It is a link to the finding now."""

from __future__ import annotations

import pytest

from jianfu.directline import services
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
from jianfu.monitor.models import Finding

pytestmark = pytest.mark.django_db


def test_the_report_links_to_the_finding_it_became(world):
    _key, private = county_key_with_handler(world)
    report, _code = submitted()
    services.report_accept(actor=world.users["county_office"], report=report, private=private)
    client = world.client("county_office")
    client.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    before = client.get(f"/directline/{report.pk}/").content.decode()
    assert 'id="finding-link"' not in before
    answer = client.post(f"/directline/{report.pk}/act/to_finding/", {
        "issuer_code": "曲樟乡", "summary": "乡里要求村干部每天在三个政务App打卡。", "note": "已转监测。"})
    assert answer.status_code == 302
    finding = Finding.objects.get()
    page = client.get(f"/directline/{report.pk}/").content.decode()
    assert f'<a href="/monitor/findings/{finding.pk}/" id="finding-link">监测问题 #{finding.pk}</a>' in page
    shown = client.get(f"/monitor/findings/{finding.pk}/")
    assert shown.status_code == 200
    assert "乡里要求村干部每天在三个政务App打卡。" in shown.content.decode()

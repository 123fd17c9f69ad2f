"""mend31 #1: a count finding's page lists every row its summary counts (a village's 9 plaques still kept, 8 of them
recorded last year), not only the one that went over; when the ledger changed since the check, the row it names."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.monitor import selectors, services
from jianfu.monitor.models import Finding, LedgerPlaque

pytestmark = pytest.mark.django_db
COUNTY, QUMU, ZHANGJIA = "450521000000", "450521200206", "450521200201"


def _plaques(user, dates: list[str], *, title: str = "牌子") -> list[int]:
    rows = services.ledger_bulk_create(actor=user, kind="plaque", rows=[
        (n, {"date": d, "title": f"{title}{n}", "issuer": "林业局", "placement": "outside"})
        for n, d in enumerate(dates, start=2)])
    return [r.pk for r in rows]


def test_the_page_lists_the_whole_group_oldest_first_and_only_its_unit(world):
    year = timezone.localdate().year
    ids = _plaques(world.users["village_a"], [f"{year - 1}-01-10"] * 8 + [f"{year}-02-01"])
    _plaques(world.users["village_b"], [f"{year - 1}-05-01"] * 7, title="璋嘉")     # another village, its own finding
    services.findings_evaluate(actor=None, county_code=COUNTY, year=year)
    finding = Finding.objects.get(rule_code="P6A-PLAQUE-OUT", org_code=QUMU, year=year)
    assert finding.row_id == ids[-1]
    assert [r.pk for r in selectors.finding_rows(finding, user=world.users["county_office"]).rows] == ids
    other = Finding.objects.get(rule_code="P6A-PLAQUE-OUT", org_code=ZHANGJIA, year=year)
    assert selectors.finding_rows(other, user=world.users["county_office"]).counted == 7
    # three taken down since the check: 6 left, no longer over 6 — the row the finding names, alone
    LedgerPlaque.objects.filter(pk__in=ids[:3]).update(status="removed")
    assert [r.pk for r in selectors.finding_rows(finding, user=world.users["county_office"]).rows] == [ids[-1]]


def test_a_per_row_finding_lists_its_row(world):
    year = timezone.localdate().year
    [doc] = services.ledger_bulk_create(actor=world.users["county_office"], kind="document", rows=[
        (2, {"date": f"{year}-03-01", "title": "长文件", "issuer": "林业局", "target": COUNTY, "length": 9000})])
    services.findings_evaluate(actor=None, county_code=COUNTY, year=year)
    finding = Finding.objects.get(rule_code="P2-DOC-5000", row_id=doc.pk)
    assert [r.pk for r in selectors.finding_rows(finding, user=world.users["county_office"]).rows] == [doc.pk]

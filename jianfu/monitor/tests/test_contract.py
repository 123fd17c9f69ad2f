"""The three things the direct line (and the public village pages) rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.monitor import selectors, services
from jianfu.monitor.models import Finding, Rule

pytestmark = pytest.mark.django_db


def test_plaques_for_village_lists_public_rows(world):
    services.ledger_create(actor=world.users["village_a"], kind="plaque", data={
        "date": "2024-03-01", "title": "综治中心", "issuer": "450521000000D01", "placement": "outside"})
    services.ledger_create(actor=world.users["village_a"], kind="plaque", data={
        "date": "2024-03-02", "title": "农家书屋", "issuer": "林业局", "placement": "inside", "status": "removed"})
    rows = selectors.plaques_for_village(village_code="450521200206")
    assert [(r["name"], r["placement"], r["demanded_by"], r["status"]) for r in rows] == [
        ("综治中心", "outside", "住房和城乡建设局", "kept"), ("农家书屋", "inside", "林业局", "removed")]
    assert selectors.plaques_for_village(village_code="450521200201") == []


def test_finding_record_manual_from_directline(world):
    rule = Rule.objects.get(county_code="", code="P5A-APP-FEATURES")
    finding = services.finding_record_manual(
        actor=world.users["county_office"], issuer_code="450521000000D02", category="指尖上的形式主义",
        summary="要求每日在应用内打卡", source="directline", source_ref="r-7f3a", rule=rule)
    assert (finding.issuer_name, finding.source, finding.source_ref, finding.rule_code, finding.county_code) == (
        "林业局", "directline", "r-7f3a", "P5A-APP-FEATURES", "450521000000")
    assert finding.year == dt.date.today().year
    audit = AuditRecord.objects.get(action="monitor.finding.record")
    assert audit.changes["source_ref"] == "r-7f3a"


def test_finding_record_manual_refused_for_others(world):
    for user in ("dept_housing", "village_a", "town_quzhang"):
        with pytest.raises(PermissionDeniedError):
            services.finding_record_manual(actor=world.users[user], issuer_code="450521000000D02", category="x",
                                           summary="y", source="directline", source_ref="r")
    with pytest.raises(ApplicationError):
        services.finding_record_manual(actor=world.users["county_office"], issuer_code="999999", category="x",
                                       summary="y", source="directline", source_ref="r")
    assert Finding.objects.count() == 0


def test_finding_record_manual_stays_in_the_county(world):
    from jianfu.orgs.models import OrgUnit

    OrgUnit.objects.create(code="450502000000", name="海城区", kind="county", level=3, parent_code="450500000000")
    with pytest.raises(ApplicationError, match="不在您的管辖范围内"):
        services.finding_record_manual(actor=world.users["county_office"], issuer_code="林业局", category="x",
                                       summary="y", source="directline", source_ref="r", org_code="450502000000")
    # an issuer above the county is fine; the finding is the county's
    finding = services.finding_record_manual(actor=world.users["county_office"], issuer_code="北海市", category="x",
                                             summary="要求村级填报重复报表", source="manual", source_ref="")
    assert (finding.county_code, finding.org_code, finding.issuer_code) == ("450521000000", "450521000000",
                                                                           "450500000000")
    assert Finding.objects.count() == 1

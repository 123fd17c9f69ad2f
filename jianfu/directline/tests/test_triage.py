"""Triage into the burden monitor: a finding (through monitor's service) or a rule; the reporter sees
the outcome; refusals change nothing."""

from __future__ import annotations

import re

import pytest

from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.directline import selectors, services
from jianfu.directline.models import Report
from jianfu.directline.tests.factories import PASSPHRASE, county_key_with_handler, submitted
from jianfu.directline.workflow import Status
from jianfu.monitor.models import Finding, Rule

HOUSING = "450521000000D01"


@pytest.mark.django_db
def test_into_a_monitor_finding_without_the_report(world):
    _key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    report, code = submitted("住建局要求每个村每月报送 12 张危房排查照片台账，重复填报三个系统。", category="materials")
    services.report_accept(actor=office, report=report, private=private)
    services.report_to_finding(actor=office, report=report, private=private, issuer_code=HOUSING,
                               summary="住建局要求村级重复填报危房排查台账（三个系统）")
    report.refresh_from_db()
    finding = Finding.objects.get()
    assert (report.status, report.finding_ref) == (Status.FINDING, str(finding.pk))
    assert (finding.source, finding.source_ref, finding.issuer_code, finding.category) == (
        "directline", report.uid, HOUSING, "索要材料、台账、留痕")
    assert "12 张危房" not in finding.summary
    opened = selectors.reporter_view(report=report, private=selectors.report_by_receipt(code=code)[1])
    assert opened.outcome == "已作为减负监测问题登记并督促整改。"


@pytest.mark.django_db
def test_into_a_rule(world):
    _key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    report, _code = submitted(category="app")
    services.report_accept(actor=office, report=report, private=private)
    # A county's own (local) rule: the office adds it in the monitor, then answers the report with it.
    rule = Rule.objects.create(code="LOCAL-APP-1", name="政务应用不得按在线时长排名", ledger="app",
                               check_name="app_features", citation="合浦县减负办 2026 年第 1 号",
                               county_code="450521000000")
    other_county = Rule.objects.create(code="LOCAL-X", name="外县规则", ledger="app", check_name="app_features",
                                       citation="外县", county_code="450522000000")
    with pytest.raises(ApplicationError):
        services.report_to_rule(actor=office, report=report, private=private, rule_id=other_county.pk)
    handler = world.client("county_office")
    handler.post("/directline/unlock/", {"passphrase": PASSPHRASE})
    response = handler.post(f"/directline/{report.pk}/act/to_rule/", {"rule": rule.pk, "note": "已纳入规则。"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.rule_ref) == (Status.RULE, str(rule.pk))


@pytest.mark.django_db
def test_bad_triage_changes_nothing(world):
    _key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    report, _code = submitted()
    with pytest.raises(ApplicationError) as err:  # not accepted yet: no finding from NEW
        services.report_to_finding(actor=office, report=report, private=private, issuer_code=HOUSING, summary="某局重复索要台账")
    assert err.value.code == "wrong_state"
    services.report_accept(actor=office, report=report, private=private)
    for kwargs in ({"issuer_code": "999999999999", "summary": "某局重复索要台账"},
                   {"issuer_code": HOUSING, "summary": "短"}):
        with pytest.raises(ApplicationError):
            services.report_to_finding(actor=office, report=Report.objects.get(pk=report.pk), private=private, **kwargs)
    with pytest.raises(ApplicationError):
        services.report_to_rule(actor=office, report=Report.objects.get(pk=report.pk), private=private, rule_id="abc")
    with pytest.raises(PermissionDeniedError):
        services.report_close(actor=world.users["admin"], report=Report.objects.get(pk=report.pk), private=private, note="x")
    assert Report.objects.get(pk=report.pk).status == Status.IN_REVIEW
    assert Finding.objects.count() == 0


@pytest.mark.django_db
def test_handler_invites_and_the_invitee_reads(world):
    from jianfu.accounts.models import User

    key, _private = county_key_with_handler(world)
    second = User.objects.create(username="office_two", role="county_office", org_unit=world.county)
    submitted("某局要求村里每周上报安全生产排查表，表格内容与上周完全相同。")
    inviter = world.client("county_office")
    inviter.post("/directline/unlock/", {"passphrase": "直通车测试口令-abc-123"})
    page = inviter.post("/directline/handlers/", {"username": "office_two"}).content.decode()
    code = re.search(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}", page).group()
    invitee = world.client(None)
    invitee.force_login(second)
    assert invitee.post("/directline/enrol/", {"code": code, "passphrase": "短"}).status_code == 400
    assert invitee.post("/directline/enrol/", {"code": code, "passphrase": "第二位办理人的口令-xyz"}).status_code == 302
    assert invitee.post("/directline/unlock/", {"passphrase": "第二位办理人的口令-xyz"}).status_code == 302
    report = Report.objects.get()
    assert "安全生产排查表" in invitee.get(f"/directline/{report.pk}/").content.decode()
    # The code is single-use.
    assert invitee.post("/directline/enrol/", {"code": code, "passphrase": "第二位办理人的口令-xyz"}).status_code == 400
    assert key.slots.count() == 2

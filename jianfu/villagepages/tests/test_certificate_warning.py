"""The township reviewing a village's list is warned about items that ask for a certificate, with the burden
monitor's rule on certificates and the village's open finding about one, linked (fix-ui19b #2)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.monitor import selectors as monitor_selectors
from jianfu.monitor import services as monitor_services
from jianfu.monitor.models import Finding, FindingStatus, LedgerDemand
from jianfu.villagepages.models import ServiceList
from jianfu.villagepages.tests.factories import QUMU

COUNTY = "450521000000"


def _submit(world, *names: str) -> ServiceList:
    data = {"office_address": "曲木村党群服务中心", "office_hours": "工作日", "office_phone": "0779-7201234", "note": "",
            "rows": str(len(names)), "submit": "1"}
    for i, name in enumerate(names):
        data |= {f"item-{i}-name": name, f"item-{i}-place": "村两委办公室", f"item-{i}-materials": "身份证",
                 f"item-{i}-time_limit": "3 个工作日"}
    assert world.client("village_a").post(f"/villages/manage/{QUMU}/edit/", data).status_code == 302
    return ServiceList.objects.get(org_code=QUMU, status="submitted")


def _demand(title: str, kind: str) -> None:
    LedgerDemand.objects.create(org_code=QUMU, county_code=COUNTY, issuer_code="450521000000D08", issuer_name="公安局",
                                date=dt.date(2026, 3, 2), title=title, demand_kind=kind, in_access_list=False, times=6)


def test_the_rule_names_certificates():
    assert [monitor_selectors.names_a_certificate(t) for t in ("开具居住、亲属关系等证明", "出具居住证明", "低保申请受理", "")] == [
        True, True, False, False]


@pytest.mark.django_db
def test_the_reviewer_is_warned_with_the_rule_and_the_open_finding_linked(world):
    monitor_services.rules_seed()
    _demand("出具居住证明", "certificate")
    _demand("协助开展经营主体统计", "work_item")   # an unlisted work item: a finding, but not about a certificate
    monitor_services.findings_evaluate(actor=None, county_code=COUNTY, year=2026)
    findings = {f.summary: f for f in Finding.objects.filter(org_code=QUMU)}
    assert sorted(findings) == ["要求村（社区）出具证明，未列入清单：“出具居住证明”。",
                                "要求村（社区）承担工作事项，未列入清单：“协助开展经营主体统计”。"]
    certificate = findings["要求村（社区）出具证明，未列入清单：“出具居住证明”。"]
    service_list = _submit(world, "低保申请受理", "开具居住、亲属关系等证明")
    page = world.client("town_quzhang").get(f"/villages/lists/{service_list.pk}/").content.decode()
    section = page[page.index('id="certificates"'):]
    section = section[:section.index("</section>")]
    assert section.count('<li class="certificate-item">') == 1
    assert ('<li class="certificate-item">开具居住、亲属关系等证明<br><small><strong>未写明依据</strong></small></li>'
            in section and "低保申请受理" not in section)   # newuser33 #2: the basis, or that none is written
    # the rule by its name alone: the township reads no rule code (newuser20 #6, newuser21 #8)
    assert "减负监测规则「村级工作事项、证明事项须在清单内」：《" in section and "P6A-DEMAND" not in section
    assert section.count('<li class="open-finding">') == 1
    assert (f'<li class="open-finding"><a href="/monitor/findings/{certificate.pk}/">要求村（社区）出具证明，未列入清单：'
            f'“出具居住证明”。</a>（待处理）</li>') in section
    # the warning sits above the approve button, and the township can open the finding it links
    assert page.index('id="certificates"') < page.index("审核通过并公开")
    assert world.client("town_quzhang").get(f"/monitor/findings/{certificate.pk}/").status_code == 200

    # once rectified the finding is no longer listed; the warning about the item stays
    Finding.objects.filter(pk=certificate.pk).update(status=FindingStatus.RECTIFIED)
    page = world.client("town_quzhang").get(f"/villages/lists/{service_list.pk}/").content.decode()
    assert 'class="open-finding"' not in page and '<li class="certificate-item">开具居住、亲属关系等证明<br>' in page


@pytest.mark.django_db
def test_no_warning_without_a_certificate_item(world):
    service_list = _submit(world, "低保申请受理", "矛盾纠纷调解")
    page = world.client("town_quzhang").get(f"/villages/lists/{service_list.pk}/").content.decode()
    assert 'id="certificates"' not in page and "证明事项提醒" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("demand_kinds", "quoted"), [(None, True), (["certificate"], True),
                                                      (["certificate", "work_item"], True), (["work_item"], False)])
def test_the_rule_is_quoted_when_it_checks_certificate_demands_as_the_engine_reads_it(world, demand_kinds, quoted):
    """cr19b #4: which kinds the rule checks is the engine's reading (`engine.checked_kinds`: none listed is every
    kind), not a copy of it."""
    from jianfu.monitor.models import Rule

    monitor_services.rules_seed()
    rule = Rule.objects.get(code="P6A-DEMAND")
    rule.params = {} if demand_kinds is None else {"demand_kinds": demand_kinds}
    rule.save()
    warning = monitor_selectors.certificate_items(user=world.users["town_quzhang"], village_code=QUMU,
                                                  titles=["低保申请受理", "开具居住、亲属关系等证明"])
    assert warning is not None
    assert (warning["items"], getattr(warning["rule"], "code", None)) == (
        ["开具居住、亲属关系等证明"], "P6A-DEMAND" if quoted else None)

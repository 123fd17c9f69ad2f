"""audit-merge24: the audit log names everything it shows — who by name, the object, its unit, a report's figures by
the form's items, the template, matters, findings, monitor and review rules, key persons and postings — with one
query per kind of name for the page, never one per row: a page of 2 records and one of 20 take the same queries
(newuser24's namers asked per row: /audit/ 15 → 45 queries, ?action=reports. 7 → 89 on the demo data)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from jianfu.core.audit import audit_record

pytestmark = pytest.mark.django_db

# session and user, the count and the page of records; one query each for the accounts, the units, the forms, the
# matters, the findings, the monitor rules, the review rules (county ones), the key persons and the postings, two for
# the report forms' items (the submissions' forms, their cells); the session saved (savepoint, update, release)
QUERIES = 18
# ?action=reports.: the same without the kinds no report record names (key persons, postings, matters, review rules)
REPORT_QUERIES = 14

VILLAGES = ("450521200206", "450521200201", "450521100001", "450521200000")


@pytest.fixture
def fixtures(world):
    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.reports import services
    from jianfu.reports.catalog import forms_load
    from jianfu.reports.models import Template

    catalogue_load_yaml(actor=None, county_code="450521", effective_from=dt.date(2020, 1, 1))
    forms_load(actor=None)
    return services.submission_generate(
        actor=world.users["village_a"],
        template=Template.objects.get(code="mz_dibao_tekun"),
        org_code="450521200206",
        period="202506",
    )


def _pairs(world, sub, first: int, n: int) -> None:
    """n pairs of records: a report's figures filled (naming its form, a finding and a monitor rule) and a referral
    (naming a key person and a posting, a matter and a county's review rule), by several accounts in several
    units; every pair different objects."""
    from jianfu.employment.tests.factories import key_person_in, posting_in
    from jianfu.monitor.models import Finding, Rule
    from jianfu.review.models import RuleOverride

    actors = [world.users[name] for name in ("admin", "village_a", "county_office", "grid_a")]
    with transaction.atomic():
        for i in range(first, first + n):
            rule = Rule.objects.create(code=f"LOC-R{i:02d}", name=f"本地规则{i}", ledger="app")
            finding = Finding.objects.create(
                county_code="450521000000",
                org_code="450521000000",
                issuer_code="450521000000D02",
                issuer_name="林业局",
                category="app",
                summary=f"问题线索{i}",
                year=2026,
                month=11,
            )
            audit_record(
                actor=actors[i % 4],
                action="reports.submission.fill",
                object_type="reports.submission",
                object_id=str(sub.pk),
                object_repr=str(sub),
                org_code=VILLAGES[i % 4],
                changes={
                    "dibao_new_households": i,
                    "template": sub.template.code,
                    "finding": finding.pk,
                    "rule": rule.code,
                },
            )
            kp = key_person_in()
            posting = posting_in(title=f"分拣工{i}")
            RuleOverride.objects.create(
                county_code="450521000000",
                org_code="450521000000",
                rule_id=f"CTY-{i:02d}",
                definition={"name": f"本县规则{i}"},
                created_by=actors[0],
            )
            audit_record(
                actor=actors[(i + 1) % 4],
                action="employment.referral.create",
                object_type="employment.referral",
                object_id=str(i),
                object_repr=f"{kp.pk} → {posting.pk}",
                org_code=VILLAGES[(i + 1) % 4],
                changes={
                    "posting": posting.pk,
                    "key_person": kp.pk,
                    "matter": "LY-001",
                    "rule_id": f"CTY-{i:02d}",
                },
            )


def test_a_page_of_20_mixed_records_takes_the_queries_of_a_page_of_2(
    world, fixtures, client, django_assert_num_queries
):
    from jianfu.core.models import AuditRecord

    before = AuditRecord.objects.count()
    client.force_login(world.users["admin"])
    url = reverse("accounts:audit_list")
    sub = fixtures
    _pairs(world, sub, 1, 1)
    client.get(url)  # warm the per-process caches (the rule catalogue, the label registry)
    with django_assert_num_queries(QUERIES):
        page = client.get(url).content.decode()
    _pairs(world, sub, 2, 9)
    assert AuditRecord.objects.count() - before == 20
    with django_assert_num_queries(QUERIES):
        page = client.get(url, {"page": 1}).content.decode()
    for i in range(1, 11):
        assert f"本期新增低保户数：{i}</div>" in page
        assert f"减负问题：问题线索{i}（第 " in page
        assert f"本地规则{i}（LOC-R{i:02d}）" in page
        assert f"“分拣工{i}”" in page and f"岗位：分拣工{i}" in page
        assert f"审查规则：本县规则{i}（CTY-{i:02d}）" in page
    assert "事项：林木林地权属争议调处（LY-001）" in page
    assert "报表模板：城乡最低生活保障和特困人员救助供养情况月报表" in page
    assert "曲木村委会" in page and "dibao_" not in page


def test_the_reports_filter_names_its_page_in_the_same_queries_for_2_and_20(
    world, fixtures, client, django_assert_num_queries
):
    client.force_login(world.users["admin"])
    url = reverse("accounts:audit_list")
    sub = fixtures
    _pairs(world, sub, 1, 2)
    client.get(url, {"action": "reports."})
    with django_assert_num_queries(REPORT_QUERIES):
        page = client.get(url, {"action": "reports."}).content.decode()
    assert page.count("本期新增低保户数") >= 2
    _pairs(world, sub, 3, 18)
    with django_assert_num_queries(REPORT_QUERIES):
        page = client.get(url, {"action": "reports."}).content.decode()
    assert [f"本期新增低保户数：{i}</div>" in page for i in range(1, 21)] == [True] * 20

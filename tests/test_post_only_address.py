"""newuser20 #4: after a refused form the address bar keeps the form's POST-only address (a submission's /fill/, a
finding's /transition/, a referral's confirm step /refer/<posting>/); opening it again met Django's empty 405, shown
by the browser in English. One middleware answers such a GET: the item's own page with a note, or, with no page above
the address, a Chinese page. Nothing is written either way."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment.models import Referral
from jianfu.employment.tests.factories import key_person_in, posting_in, snapshot_kp
from jianfu.monitor import services as monitor_services
from jianfu.reports import services as report_services
from jianfu.reports.catalog import forms_load
from jianfu.reports.models import Submission, Template

pytestmark = pytest.mark.django_db
NOTE = "此地址只用于提交表单，已为您打开它所属的页面。"


def _opened_again(client, address: str, page: str) -> str:
    response = client.get(address)
    assert response.status_code == 302 and response["Location"] == page
    shown = client.get(page)
    assert shown.status_code == 200
    return shown.content.decode()


def test_a_submissions_fill_address_opens_the_submission(world):
    forms_load(actor=None)
    sub = report_services.submission_generate(actor=world.users["village_a"],
                                              template=Template.objects.get(code="rs_employment"),
                                              org_code=world.village_a.code, period="202611")
    before = (Submission.objects.get(pk=sub.pk).values, AuditRecord.objects.count())
    html = _opened_again(world.client("village_a"), f"/reports/submissions/{sub.pk}/fill/",
                         f"/reports/submissions/{sub.pk}/")
    assert NOTE in html
    assert (Submission.objects.get(pk=sub.pk).values, AuditRecord.objects.count()) == before


def test_a_findings_transition_address_opens_the_finding(world):
    finding = monitor_services.finding_record_manual(
        actor=world.users["county_office"], issuer_code="450521000000D01", category="文件",
        summary="《关于做好森林防火工作的通知》未经评估即印发。", source="manual", source_ref="")
    before = AuditRecord.objects.count()
    html = _opened_again(world.client("county_office"), f"/monitor/findings/{finding.pk}/transition/",
                         f"/monitor/findings/{finding.pk}/")
    assert NOTE in html
    finding.refresh_from_db()
    assert finding.status == "open" and AuditRecord.objects.count() == before


def test_a_referrals_confirm_address_opens_the_person(world):
    kp, posting = key_person_in(), posting_in(title="大棚种植工")
    before = (snapshot_kp(kp), AuditRecord.objects.count())
    html = _opened_again(world.client("grid_a"), f"/employment/people/{kp.pk}/refer/{posting.pk}/",
                         f"/employment/people/{kp.pk}/")
    assert NOTE in html
    assert (snapshot_kp(kp), AuditRecord.objects.count()) == before and Referral.objects.count() == 0


def test_an_address_with_no_page_above_gets_a_chinese_page(world):
    response = world.client("county_office").get("/logout/")
    html = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST, OPTIONS"
    assert "<p>此地址只用于提交表单，不能直接打开。请返回上一页重新操作。</p>" in html
    assert '<a href="/">回到工作台</a>' in html


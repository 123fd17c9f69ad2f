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
    response = world.client("county_office").get("/employment/referrals/1/advance/")
    html = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "<p>此地址只用于提交表单，不能直接打开。请返回上一页重新操作。</p>" in html
    assert '<a href="/">回到工作台</a>' in html


REFUSED = "<p>此地址只用于提交表单，不能直接打开。请返回上一页重新操作。</p>"


def _refused_here(client, address: str) -> str:
    """The Chinese 405 page at the address itself: no redirect, and no note left for the next page."""
    response = client.get(address)
    html = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert REFUSED in html and NOTE not in html
    assert NOTE not in client.get("/").content.decode()
    return html


def test_a_page_above_the_account_may_not_see_is_not_opened(world):
    """newuser21 #6: a grid worker's GET on a finding's /dismiss/ opened the review with the note above a 403; the
    county office's GET on a service list's /approve/ did so above a 404 (the township approves)."""
    from jianfu.review.models import Finding
    from jianfu.review.services import review_submit
    from jianfu.villagepages.tests.factories import QUMU, list_in
    from jianfu.villagepages.workflow import Status

    review = review_submit(actor=world.users["dept_housing"], text="XX县关于开展危房排查的通知\n一、考核结果每月排名通报。\n")
    finding = review.findings.first()
    assert world.client("grid_a").get(f"/review/reviews/{review.pk}/").status_code in (403, 404)
    before = (list(Finding.objects.values_list("pk", "status")), AuditRecord.objects.count())
    _refused_here(world.client("grid_a"), f"/review/reviews/{review.pk}/findings/{finding.pk}/dismiss/")
    service_list = list_in(QUMU, status=Status.SUBMITTED)
    assert world.client("county_office").get(f"/villages/lists/{service_list.pk}/").status_code in (403, 404)
    _refused_here(world.client("county_office"), f"/villages/lists/{service_list.pk}/approve/")
    service_list.refresh_from_db()
    assert service_list.status == Status.SUBMITTED
    assert (list(Finding.objects.values_list("pk", "status")), AuditRecord.objects.count()) == before
    # the office that may see the review is still taken to it, and the township to the list
    assert NOTE in _opened_again(world.client("county_office"),
                                 f"/review/reviews/{review.pk}/findings/{finding.pk}/dismiss/",
                                 f"/review/reviews/{review.pk}/")
    assert NOTE in _opened_again(world.client("town_quzhang"), f"/villages/lists/{service_list.pk}/approve/",
                                 f"/villages/lists/{service_list.pk}/")


def test_a_message_waiting_for_the_page_is_not_spent_by_the_check(world):
    """The view is asked with its own message store: a message queued before the GET is shown on the page opened."""
    from django.contrib.messages import constants
    from django.contrib.messages.storage.session import SessionStorage
    from django.http import HttpResponse

    kp, posting = key_person_in(), posting_in(title="大棚种植工")
    client = world.client("grid_a")
    session = client.session                  # messages live in the session (MESSAGE_STORAGE, code review 21)
    store = SessionStorage(type("R", (), {"session": session})())
    store.add(constants.SUCCESS, "先前的提示")
    store.update(HttpResponse())
    session.save()
    html = _opened_again(client, f"/employment/people/{kp.pk}/refer/{posting.pk}/", f"/employment/people/{kp.pk}/")
    assert NOTE in html and "先前的提示" in html

"""Session 15 (newuser15 F4, ADR 0033): the county's 人社局 refers people to postings — from the posting's 适合的求职者,
the person page and the jobs page — audited as a village's referral is; it still writes nothing else of a person."""

from __future__ import annotations

import pytest

from jianfu.core.models import AuditRecord
from jianfu.employment import matchsvc
from jianfu.employment.models import KeyStatus, Referral, StatusChange
from jianfu.employment.tests.factories import (
    TOWN,
    hrss_account,
    key_person_in,
    person_in,
    posting_in,
    refer_confirmed,
    snapshot_kp,
)

pytestmark = pytest.mark.django_db


def _people_and_posting():
    kp = key_person_in(person=person_in(name="黄秀英"), profile={"desired_text": "想做海产品分拣", "places": ["county"]})
    posting = posting_in(TOWN, title="海产品分拣工")
    return kp, posting


def test_the_posting_page_gives_the_hrss_a_refer_button_per_candidate_and_it_refers(world):
    hrss = hrss_account(world)
    kp, posting = _people_and_posting()
    client = world.client("dept_hrss")
    html = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    form = f'action="/employment/people/{kp.pk}/refer/{posting.pk}/"'
    assert html.count(form) == 1 and "推荐给单位" in html
    assert 'name="next" value="posting"' in html and 'id="refer-note"' not in html

    _page, response = refer_confirmed(client, f"/employment/people/{kp.pk}/refer/{posting.pk}/",
                                      {"next": "posting", "score": "0.5", "reasons": "想做海产品分拣"})
    assert response.status_code == 302 and response["Location"] == f"/employment/postings/{posting.pk}/"
    referral = Referral.objects.get()
    assert (referral.key_person_id, referral.posting_id, referral.referred_by_id, referral.reasons) == (
        kp.pk, posting.pk, hrss.pk, matchsvc.referral_match(kp, posting)[1])   # the matcher's (security20 #4)
    kp.refresh_from_db()
    assert kp.status == KeyStatus.REFERRED
    change = StatusChange.objects.filter(key_person=kp).order_by("-pk").first()
    assert (change.from_status, change.to_status, change.actor_id) == (KeyStatus.UNEMPLOYED, KeyStatus.REFERRED,
                                                                       hrss.pk)
    assert change.note == f"推荐至{posting.organisation.name} 海产品分拣工"
    audits = list(AuditRecord.objects.filter(actor=hrss).order_by("pk").values_list("action", flat=True))
    assert audits == ["employment.referral.create", "employment.keyperson.referred"]

    # the page now shows 已推荐 instead of the button
    html = client.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert form not in html and '<span class="badge">已推荐</span>' in html


def test_the_jobs_page_gives_the_hrss_the_button_and_the_county_office_says_who_refers(world):
    hrss_account(world)
    kp, posting = _people_and_posting()
    jobs = f"/employment/people/{kp.pk}/jobs/"
    html = world.client("dept_hrss").get(jobs).content.decode()
    assert "<title>推荐岗位" in html and f'action="/employment/people/{kp.pk}/refer/{posting.pk}/"' in html
    assert 'id="refer-note"' not in html
    office = world.client("county_office")
    html = office.get(jobs).content.decode()
    assert "<title>适合的岗位" in html and "推荐给单位" not in html
    assert '<p class="muted" id="refer-note">推荐人员由乡镇（街道）、村（社区）或县人社局办理。</p>' in html
    html = office.get(f"/employment/postings/{posting.pk}/").content.decode()
    assert "推荐给单位" not in html and 'id="refer-note"' in html


@pytest.mark.parametrize("username", ["county_office", "dept_housing"])
def test_who_may_not_refer_is_refused_and_nothing_changes(world, username):
    kp, posting = _people_and_posting()
    before = snapshot_kp(kp)
    response = world.client(username).post(f"/employment/people/{kp.pk}/refer/{posting.pk}/", {"score": "0.5"})
    assert response.status_code in (403, 404)
    assert snapshot_kp(kp) == before and Referral.objects.count() == 0
    assert not AuditRecord.objects.filter(action="employment.referral.create").exists()


def test_the_hrss_still_writes_nothing_else_of_a_person(world):
    """ADR 0030 stands apart from referring: no outcome, no visit, no status move, no profile (each refused, unchanged)."""
    hrss_account(world)
    kp = key_person_in(status="referred", profile={"desired_text": "想进厂"})
    posting = posting_in(TOWN)
    referral = Referral.objects.create(key_person=kp, posting=posting, org_code=kp.org_code, grid_code=kp.grid_code,
                                       referred_on=kp.identified_on)
    client = world.client("dept_hrss")
    before = snapshot_kp(kp)
    for url, data in ((f"/employment/referrals/{referral.pk}/advance/", {"status": "interviewed"}),
                      (f"/employment/people/{kp.pk}/visit/", {"outcome": "met", "needs": ["job"]}),
                      (f"/employment/people/{kp.pk}/status/employ/", {"note": "进厂"}),
                      (f"/employment/people/{kp.pk}/profile/", {"desired_text": "改了", "wage": "3000"})):
        assert client.post(url, data).status_code == 403, url
    assert snapshot_kp(kp) == before
    assert Referral.objects.get(pk=referral.pk).status == "recommended"


def test_the_api_referral_is_open_to_the_hrss(world):
    hrss_account(world)
    kp, posting = _people_and_posting()
    response = world.api_client("dept_hrss").post(f"/api/v1/employment/people/{kp.pk}/referrals/",
                                                  {"posting": posting.pk}, format="json")
    assert response.status_code == 201
    assert list(Referral.objects.values_list("key_person_id", "posting_id")) == [(kp.pk, posting.pk)]

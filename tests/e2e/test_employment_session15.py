"""Session 15 (newuser15) in Chromium at 390 px: the county's 人社局 refers a candidate from the posting and from the
person's jobs (F4, ADR 0032)."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_hrss_refers_a_candidate_from_the_posting_and_from_the_persons_jobs(phone, world):
    from jianfu.core.models import AuditRecord
    from jianfu.employment.models import KeyStatus, Referral
    from jianfu.employment.tests.factories import TOWN, hrss_account, key_person_in, person_in, posting_in

    hrss = hrss_account(world)
    a = key_person_in(person=person_in(name="黄秀英"), profile={"desired_text": "想做海产品分拣", "places": ["county"]})
    b = key_person_in(person=person_in(name="李桂兰"), profile={"desired_text": "海产品分拣包装", "places": ["county"]})
    posting = posting_in(TOWN, title="海产品分拣工")
    page = phone("dept_hrss")
    page.goto(f"/employment/postings/{posting.pk}/", timeout=60_000)
    card = page.locator(".card", has=page.get_by_role("link", name="黄秀英"))
    expect(page.get_by_role("button", name="推荐给单位")).to_have_count(2)
    card.get_by_role("button", name="推荐给单位").click()
    expect(page.locator(".alert-success")).to_have_text("已推荐。系统将提醒在规定天数内回访结果。")
    assert page.url.endswith(f"/employment/postings/{posting.pk}/")
    expect(page.locator(".card", has=page.get_by_role("link", name="黄秀英")).locator(".badge")).to_have_text("已推荐")
    expect(page.get_by_role("button", name="推荐给单位")).to_have_count(1)
    assert fits_the_phone(page)
    shot(page, "employment-s15-hrss-posting-refer")

    # the person page: 推荐岗位 leads to the jobs, each with its button
    page.goto(f"/employment/people/{b.pk}/")
    page.get_by_role("link", name="推荐岗位").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("适合李桂兰的岗位")
    match = page.locator(".job-match", has_text="海产品分拣工")
    match.get_by_role("button", name="推荐给单位").click()
    expect(page.locator(".alert-success")).to_have_text("已推荐。系统将提醒在规定天数内回访结果。")
    expect(page.locator("h1 .badge")).to_have_text("已推荐")
    assert fits_the_phone(page)
    shot(page, "employment-s15-hrss-person-refer")

    assert sorted(Referral.objects.values_list("key_person_id", "posting_id", "referred_by_id")) == sorted(
        [(a.pk, posting.pk, hrss.pk), (b.pk, posting.pk, hrss.pk)])
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (KeyStatus.REFERRED, KeyStatus.REFERRED)
    assert AuditRecord.objects.filter(actor=hrss, action="employment.referral.create").count() == 2
    assert phone.errors == []

"""The county's 人社局 at a desk (1366 px, session 12, ADR 0030): it opens its open posting with the county's people
for it and ends it from its page, and opens the dashboard; and 纳入帮扶's * follows the 登记失业人员 box (U05)."""

from __future__ import annotations

import re

import pytest

from jianfu.employment.tests.factories import (
    TOWN,
    VILLAGE_B,
    hrss_account,
    key_person_in,
    person_in,
    posting_in,
)
from tests.e2e import test_daily_tasks
from tests.e2e.conftest import shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
DESK = {"width": 1366, "height": 800}


def test_hrss_opens_its_posting_with_people_and_the_dashboard(phone, world):
    hrss_account(world)
    a = key_person_in(person=person_in(name="黄秀英"), profile={"desired_text": "想做海产品分拣", "places": ["county"]})
    key_person_in(VILLAGE_B, None, person=person_in(VILLAGE_B, None, name="陈志强"),
                  profile={"desired_text": "分拣包装", "places": ["county"]})
    posting = posting_in(TOWN)
    page = phone("dept_hrss")
    page.set_viewport_size(DESK)
    page.goto(f"/employment/postings/{posting.pk}/", timeout=60_000)
    expect(page.get_by_role("heading", name="适合的求职者")).to_be_visible()
    expect(page.get_by_role("link", name="黄秀英")).to_be_visible()
    expect(page.get_by_role("link", name="陈志强")).to_be_visible()
    shot(page, "employment-hrss-posting")
    page.get_by_role("link", name="黄秀英").click()
    expect(page.locator("body")).to_contain_text(a.person.id_number_masked)
    page.goto(f"/employment/postings/{posting.pk}/")
    page.get_by_role("button", name="结束招聘").click()
    expect(page.locator("h1 .badge")).to_have_text("已结束")
    page.goto("/employment/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("一目了然|就业帮扶"))
    expect(page.get_by_role("link", name=re.compile("导出"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "employment-hrss-dashboard")


def test_the_unemployment_date_star_follows_the_box(phone, world):
    person = person_in(name="李桂兰")                 # unemployed: 登记失业人员 comes ticked
    page = phone("village_a")
    page.goto(f"/employment/people/add/?person={person.pk}", timeout=60_000)
    label = page.locator('label[for="id_unemployment_registered_on"]')
    expect(label).to_have_text("失业认定日期 *")
    box = page.locator('input[name="groups"][value="is_registered_unemployed"]')
    box.uncheck()
    expect(label).to_have_text("失业认定日期")
    box.check()
    expect(label).to_have_text("失业认定日期 *")
    # never `required`: the browser's bubble blocked 纳入帮扶 silently; the server says why (newuser16 #6)
    assert page.locator("#id_unemployment_registered_on").evaluate("el => el.required") is False


def test_the_county_office_goes_from_a_seeker_to_the_jobs_that_fit_them(phone, world):
    """newuser13 V09: the seeker's record links 适合的岗位 for a reader who does not refer — the county office since
    session 15 (the 人社局 refers, ADR 0032: tests/e2e/test_employment_session15.py); no 推荐 button, a line says who."""
    kp = key_person_in(person=person_in(name="陈凤"), profile={"desired_text": "电工，想做水电工",
                                                               "certificates": ["电工证"]})
    posting_in(TOWN, title="水电工", description="小区水电维修，需电工证")
    page = phone("county_office")
    page.set_viewport_size(DESK)
    page.goto(f"/employment/people/{kp.pk}/", timeout=60_000)
    page.get_by_role("link", name="适合的岗位").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("适合陈凤的岗位")
    expect(page.locator(".job-match").first).to_contain_text("水电工")
    expect(page.get_by_role("button", name="推荐给单位")).to_have_count(0)
    expect(page.locator("#refer-note")).to_have_text("推荐人员由乡镇（街道）、村（社区）或县人社局办理。")
    assert page.url.endswith(f"/employment/people/{kp.pk}/jobs/")
    shot(page, "employment-county-office-seeker-jobs")

"""newuser13 V09: whoever may read a seeker's record may reach the jobs that fit them from it — the county office by a
read-only 适合的岗位 link (no 推荐, no 去填写), a village by its 推荐岗位 button, the 人社局 by its 推荐岗位 link (it refers
since session 15, ADR 0033); a role that may not read the person gets neither the page nor the link."""

from __future__ import annotations

import pytest

from jianfu.employment.models import Referral
from jianfu.employment.tests.factories import TOWN, hrss_account, key_person_in, posting_in

pytestmark = pytest.mark.django_db


def test_the_person_page_links_the_matching_jobs_for_every_reader(world):
    hrss_account(world)
    kp = key_person_in(profile={"desired_text": "电工，想找水电工的活", "certificates": ["电工证"]})
    posting_in(TOWN, title="水电工", description="小区水电维修，需电工证")
    jobs = f"/employment/people/{kp.pk}/jobs/"
    read_only = f'<a class="btn" href="{jobs}">适合的岗位</a>'
    writer = f'<a class="btn btn-secondary" href="{jobs}">推荐岗位</a>'
    referrer = f'<a class="btn" href="{jobs}">推荐岗位</a>'
    expected = {"dept_hrss": referrer, "county_office": read_only, "admin": writer, "town_quzhang": writer,
                "village_a": writer, "grid_a": writer}
    for username, link in expected.items():
        page = world.client(username).get(f"/employment/people/{kp.pk}/").content.decode()
        assert link in page, username
        assert page.count(f'href="{jobs}"') == 1, username
        assert world.client(username).get(jobs).status_code == 200, username
    # the read-only page: the jobs and why, nothing to refer with or fill in
    html = world.client("county_office").get(jobs).content.decode()
    assert "<title>适合的岗位" in html and "水电工" in html and "为何推荐" in html
    assert "推荐给单位" not in html and f"/employment/people/{kp.pk}/profile/" not in html
    assert "推荐人员由乡镇（街道）、村（社区）或县人社局办理。" in html
    # a village and the 人社局 refer from the same page
    assert "推荐给单位" in world.client("village_a").get(jobs).content.decode()
    assert "推荐给单位" in world.client("dept_hrss").get(jobs).content.decode()
    assert Referral.objects.count() == 0


@pytest.mark.parametrize("username", ["dept_housing", "dept_forestry", "village_b"])
def test_a_role_that_may_not_read_the_person_gets_no_page_and_no_link(world, username):
    kp = key_person_in()
    client = world.client(username)
    for url in (f"/employment/people/{kp.pk}/", f"/employment/people/{kp.pk}/jobs/"):
        response = client.get(url)
        assert response.status_code in (403, 404), (username, url)
        assert f"/employment/people/{kp.pk}/jobs/" not in response.content.decode()

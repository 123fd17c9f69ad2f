"""fixcr32 (code review of session 31): what the review found through the pages and the API — one posting's or one
seeker's "1月0日" never fails a person's 适合的岗位 page (finding 1)."""

from __future__ import annotations

import pytest

from jianfu.employment.tests.factories import TOWN, key_person_in, posting_in

pytestmark = pytest.mark.django_db


def test_a_posting_dated_1_month_0_day_leaves_the_jobs_page_listing_the_others(world):
    kp = key_person_in(profile={"desired_text": "电工，想找水电工的活", "certificates": ["电工证"]})
    posting_in(TOWN, title="小区水电工", description="小区水电维修，需电工证")
    posting_in(TOWN, title="寒假水电工", description="1月0日至2月3日，小区水电维修，需电工证")
    response = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "小区水电工" in html and "寒假水电工" in html


def test_a_seeker_off_school_on_1_month_0_day_still_gets_the_jobs_page(world):
    kp = key_person_in(profile={"desired_text": "电工，想找水电工的活", "certificates": ["电工证"],
                                "limits_note": "1月0号放假，2月22号开学"})
    posting_in(TOWN, title="水电工", description="小区水电维修，需电工证")
    response = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/")
    assert response.status_code == 200
    assert "水电工" in response.content.decode()

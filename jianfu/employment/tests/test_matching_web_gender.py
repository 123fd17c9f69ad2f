"""ADR 0027 through the web: a woman's 匹配 page lists a posting that says 限男性 (once the office has let it open)
with the 提示 that it binds nobody, and not one whose stated loads the law closes to women."""

from __future__ import annotations

import pytest

from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

pytestmark = pytest.mark.django_db


def test_a_womans_jobs_page_explains_an_unlawful_gender_requirement_and_keeps_the_lawful_one_out(world):
    seeker = key_person_in(person=person_in(name="陈桂兰", gender="F"),
                           profile={"desired_text": "保安、装卸都行", "places": ["town"]})
    posting_in(TOWN, title="小区保安", place_text="曲樟乡", description="小区门岗和巡逻，限男性，白班。")
    posting_in(TOWN, title="水泥装卸工", place_text="曲樟乡", description="水泥装卸，每袋50公斤，限男性。")
    page = world.client("grid_a").get(f"/employment/people/{seeker.pk}/jobs/").content.decode()
    assert "小区保安" in page and "水泥装卸工" not in page
    assert "提示" in page and "用人单位不得以性别为由拒绝录用；求职者不受此限制，可照常报名" in page
    # the API carries the same note in its own field
    recs = world.api_client("grid_a").get(f"/api/v1/employment/people/{seeker.pk}/jobs/").json()
    assert [r["notes"] for r in recs] == [["该岗位写有性别要求（“限男性”），用人单位不得以性别为由拒绝录用；"
                                          "求职者不受此限制，可照常报名，遇到拒绝可向人社部门反映"]]

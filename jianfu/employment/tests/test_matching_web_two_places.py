"""The web's 匹配 views offer a posting listed at two places ("廉州镇、曲樟乡") at either, as the batch does: the
stored `place_code` holds the first place only, so the online path reads the words (issue 8, session 7)."""

from __future__ import annotations

import pytest

from jianfu.employment import matchsvc
from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

pytestmark = pytest.mark.django_db

TOWN2 = "450521100000"      # 廉州镇


def _world():
    seeker = key_person_in(person=person_in(name="梁秀英"),
                           profile={"desired_text": "想进厂做分拣", "places": ["town"]})   # 曲木村, 曲樟乡; 本镇 only
    both = posting_in(TOWN2, title="冻虾分拣工（两地）", place_text="廉州镇、曲樟乡", place_code=TOWN2)
    there = posting_in(TOWN2, title="冻虾分拣工（廉州）", place_text="廉州镇", place_code=TOWN2)
    here = posting_in(TOWN, title="冻虾分拣工（曲樟）", place_text="曲樟乡", place_code=TOWN)
    return seeker, both, there, here


def test_a_two_place_posting_is_offered_to_a_seeker_of_its_second_place_through_the_view(world):
    seeker, both, there, here = _world()
    page = world.client("grid_a").get(f"/employment/people/{seeker.pk}/jobs/").content.decode()
    assert "冻虾分拣工（两地）" in page and "冻虾分拣工（曲樟）" in page
    assert "冻虾分拣工（廉州）" not in page            # 廉州镇 alone is outside 本镇 for a 曲樟乡 seeker
    recs = {p.pk: r for p, r in matchsvc.jobs_for(seeker)}
    assert set(recs) == {both.pk, here.pk}
    # taken at 曲樟乡, the nearer of its two places, inside what the seeker accepts
    assert "工作地点曲樟乡（本镇），在可接受范围内" in recs[both.pk].met


def test_the_posting_page_lists_the_seeker_of_its_second_place(world):
    seeker, both, there, _here = _world()
    client = world.client("county_office")
    assert "梁秀英" in client.get(f"/employment/postings/{both.pk}/").content.decode()
    assert "梁秀英" not in client.get(f"/employment/postings/{there.pk}/").content.decode()
    assert [kp.pk for kp, _r in matchsvc.seekers_for(world.users["county_office"], both)] == [seeker.pk]
    assert matchsvc.seekers_for(world.users["county_office"], there) == []

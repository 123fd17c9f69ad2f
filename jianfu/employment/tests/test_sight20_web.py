"""Session 20 (emp-prod20) through the web: a person with 视力残疾 sees work that needs eyesight marked and below the
suitable work on the 匹配 page, and a recorded grade is shown and read (一级/二级: suitable work first of all)."""

from __future__ import annotations

import pytest

from jianfu.employment import matchsvc
from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

pytestmark = pytest.mark.django_db


def _page(world, grade: int | None) -> tuple[object, str]:
    kp = key_person_in(person=person_in(name="王伟", gender="M", disability_category="visual", disability_grade=grade),
                       profile={"desired_text": "什么活都能干", "places": ["town"]})
    posting_in(TOWN, title="超市收银员", place_text="曲樟乡", description="超市收银，白班。", wage_min=3000, wage_max=3000)
    posting_in(TOWN, title="办公楼保洁员", place_text="曲樟乡", description="办公楼保洁，白班。", wage_min=3000, wage_max=3000)
    return kp, world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/").content.decode()


def test_the_jobs_page_marks_work_that_needs_eyesight_and_lists_it_after_the_suitable(world):
    kp, page = _page(world, None)
    assert "需要良好视力（收银），请核实" in page
    assert "对视力要求不高（保洁）" in page
    assert page.index("办公楼保洁员") < page.index("超市收银员")
    assert [p.title for p, _rec in matchsvc.jobs_for(kp, top=10)] == ["办公楼保洁员", "超市收银员"]


def test_a_recorded_grade_is_shown_and_read(world):
    kp, page = _page(world, 2)
    assert kp.disability_words == "视力残疾（二级）"
    assert "视力残疾（二级）" in matchsvc.seeker_of(kp).notes.split("，")
    assert "需要良好视力（收银），请核实" in page
    # 二级: suitable work first of all — with one place in the list, the cashier's post does not take it
    assert [p.title for p, _rec in matchsvc.jobs_for(kp, top=1)] == ["办公楼保洁员"]
    html = world.client("village_a").get(f"/employment/people/{kp.pk}/").content.decode()
    assert "<td>视力残疾（二级）" in html.split('<tr id="disability">')[1].split("</tr>")[0]

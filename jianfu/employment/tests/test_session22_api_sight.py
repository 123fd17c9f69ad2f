"""Session 22 (emp-dev22, issue 8 item 5): the API's match results carry the one phrase about eyesight the web shows
apart (`Recommendation.sight`, session 21) and whether it is a doubt — in both directions, and in the OpenAPI schema."""

from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator

from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

pytestmark = pytest.mark.django_db


def _visual():
    return key_person_in(
        person=person_in(name="王强强", gender="M", disability_category="visual", disability_grade=3),
        profile={"desired_text": "什么活都能干", "places": ["town"]},
    )


def test_a_persons_jobs_say_the_word_on_eyesight_in_fields_of_their_own(world):
    kp = _visual()
    posting_in(
        TOWN,
        title="建筑小工",
        place_text="曲樟乡",
        description="工地搬砖、拌砂浆。",
        wage_min=6000,
        wage_max=6500,
    )
    posting_in(
        TOWN,
        title="办公楼保洁员",
        place_text="曲樟乡",
        description="办公楼保洁，白班。",
        wage_min=3000,
        wage_max=3000,
    )
    recs = world.api_client("grid_a").get(f"/api/v1/employment/people/{kp.pk}/jobs/").json()
    by_title = {r["job_id"]: r for r in recs}
    assert len(by_title) == 2
    sights = sorted((r["sight"], r["sight_doubt"]) for r in recs)
    assert sights == [("对视力要求不高（保洁）", False), ("需要良好视力（建筑施工），请核实", True)]
    # the doubt stays among the reasons too, as before
    doubt = next(r for r in recs if r["sight_doubt"])
    assert "需要良好视力（建筑施工），请核实" in doubt["unmet"]


def test_a_postings_seekers_carry_it_and_a_sighted_seeker_has_none(world):
    kp = _visual()
    other = key_person_in(
        person=person_in(name="李明明", gender="M"), profile={"desired_text": "建筑小工", "places": ["town"]}
    )
    posting = posting_in(
        TOWN,
        title="建筑小工",
        place_text="曲樟乡",
        description="工地搬砖、拌砂浆。",
        wage_min=6000,
        wage_max=6500,
    )
    recs = world.api_client("town_quzhang").get(f"/api/v1/employment/postings/{posting.pk}/seekers/").json()
    by_seeker = {r["seeker_id"]: (r["sight"], r["sight_doubt"]) for r in recs}
    assert by_seeker == {str(kp.pk): ("需要良好视力（建筑施工），请核实", True), str(other.pk): ("", False)}


def test_the_schema_documents_the_two_fields():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    props = schema["components"]["schemas"]["Recommendation"]["properties"]
    assert props["sight"]["type"] == "string" and props["sight_doubt"]["type"] == "boolean"
    assert "视力" in props["sight"]["description"]
    assert set(schema["components"]["schemas"]["Recommendation"]["required"]) >= {"sight", "sight_doubt"}

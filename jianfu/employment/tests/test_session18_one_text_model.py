"""Session 18: one text model per county, whoever asks. The candidates of a posting come in the same order for a
village and for the county among the people both may see (before, each scope's index fitted its own people's texts,
so the order depended on the account), and the website's model is the one `make eval-matching` fits: every open
posting's and every seeker's texts (`matching.fit_text`)."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.employment import matchsvc, services
from jianfu.employment.matching.matcher import Matcher, fit_text
from jianfu.employment.models import KeyPerson
from jianfu.employment.tests.factories import key_person_in, posting_in
from jianfu.employment.tests.test_seeker_index import TOWN, V_A, V_B
from jianfu.employment.workflow import ACTIVE_STATUSES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_process_caches():
    for held in (matchsvc._indexes, matchsvc._texted, matchsvc._text_cache, matchsvc._cache):
        held.clear()
    yield
    for held in (matchsvc._indexes, matchsvc._texted, matchsvc._text_cache, matchsvc._cache):
        held.clear()


WORDS = ["做过流水线，想进厂", "想进厂做分拣包装", "在海产厂分拣三年，想找计件的活", "电子厂普工，会看图纸",
         "想做包装工，离家近", "冻品厂干过，能吃苦", "想做仓管，会用电脑", "进厂打工，什么都能干"]


def people(world) -> list:
    """Eight people in each of two villages of one town who all want factory work, in their own words."""
    out = []
    for village, actor in ((V_A, "village_a"), (V_B, "village_b")):
        for n, words in enumerate(WORDS):
            kp = key_person_in(village, None, identified_on=dt.date(2025, 3, 1))
            services.profile_save(actor=world.users[actor], key_person=kp, data={
                "desired_text": words if village == V_A else WORDS[-1 - n], "wage": "3000",
                "places": ["town", "county"], "experience": "在厂里做过两年" if n % 2 else ""})
            out.append(kp)
    return out


def _postings():
    return [posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班"),
            posting_in(TOWN, title="电子厂普工", description="流水线插件，会看图纸优先，长白班"),
            posting_in(TOWN, title="仓库理货员", description="登记出入库，会用电脑，白班")]


def test_a_village_and_the_county_order_the_people_both_see_alike(world):
    kps = people(world)
    village_a = {str(kp.pk) for kp in kps[:8]}
    for posting in _postings():
        lists = {u: [kp.pk for kp, _r in matchsvc.seekers_for(world.users[u], posting, top=20)]
                 for u in ("village_a", "town_quzhang", "county_office")}
        assert lists["county_office"] == lists["town_quzhang"]
        assert [pk for pk in lists["county_office"] if str(pk) in village_a] == lists["village_a"]
        assert len(lists["village_a"]) >= 2
    # the scores too: the village's index and the county's give one person one score for one posting
    posting = _postings()[0]
    scores = {u: {kp.pk: r.score for kp, r in matchsvc.seekers_for(world.users[u], posting, top=20)}
              for u in ("village_a", "county_office")}
    assert scores["village_a"] and all(scores["county_office"][pk] == s for pk, s in scores["village_a"].items())


def test_each_scope_fitting_its_own_people_ordered_them_by_who_asked(world):
    """The fault this session removes, shown on the same people: scored as before (each scope's index with a model
    of its own people's texts), the village and the county disagree on at least one posting."""
    kps = people(world)
    village_a = {str(kp.pk) for kp in kps[:8]}
    gaz = matchsvc.gazetteer()
    differ = []
    for posting in _postings():
        lists = {}
        for u in ("village_a", "county_office"):
            own = Matcher(seekers=[matchsvc.seeker_of(kp) for kp in matchsvc.scoped_seekers(world.users[u])],
                          gazetteer=gaz, year=matchsvc.local_today().year)
            lists[u] = [r.seeker_id for r in own.seekers_for(matchsvc.job_of(posting, gaz), top=20)
                        if r.seeker_id in village_a]
        differ.append(lists["village_a"] != lists["county_office"])
    assert any(differ)


def test_the_websites_text_model_is_the_evaluations_fit_on_both_sides(world):
    people(world)
    _postings()
    gaz = matchsvc.gazetteer()
    everyone = KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).select_related("person", "profile")
    expected = fit_text([matchsvc.job_of(p, gaz) for p in matchsvc._open_postings()],
                        [matchsvc.seeker_of(kp) for kp in everyone])
    model = matchsvc.text_model()
    assert model.key == expected.key and model.dims == expected.dims
    matcher, _postings_by_id = matchsvc._job_matcher()
    assert matcher.text is model and matchsvc.with_county_text(matchsvc.scope_index(world.users["village_a"])).text \
        is model
    # a person's new words are a new model for everyone: the posting side is encoded again, not rebuilt
    base = matchsvc._cache["base"]
    kp = everyone[0]
    kp.profile.desired_text = "想学做面点师傅"
    kp.profile.save()
    again, _p = matchsvc._job_matcher()
    assert again.text.key != model.key and again is not matcher and matchsvc._cache["base"] is base

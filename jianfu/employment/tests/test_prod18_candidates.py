"""Session 18 (emp-prod18): a posting's 适合的求职者 as a cadre reads them.

1. An employer's refusal is learned in the candidates list: the scope's seeker index holds no postings, and the
   outcome model skipped every outcome whose posting it did not hold, so a person an employer refused for a posting
   was proposed for it again (for the county, a town and a village alike).
2. (a) Each candidate's key groups and open referrals to other postings are marked — marks, not a re-ranking.
   (b) The demo's 公益性岗位 say whom they are for, in the description, where the matcher reads a group limit."""

from __future__ import annotations

import io
import random

import openpyxl
import pytest

from jianfu.employment import demo, matchsvc, selectors, services
from jianfu.employment.models import Referral
from jianfu.employment.tests.factories import TOWN, VILLAGE_A, VILLAGE_B, VILLAGE_C, key_person_in, posting_in

pytestmark = pytest.mark.django_db

WANTS_SORTING = {"desired_text": "想进厂做海产品分拣", "places": ["town", "county"]}
SCOPES = ("county_office", "town_quzhang", "village_a")


def _ids(user, posting) -> list[int]:
    return [kp.pk for kp, _rec in matchsvc.seekers_for(user, posting)]


def test_a_person_the_employer_refused_is_no_candidate_for_that_posting_in_any_scope(world):
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件。")
    other = posting_in(TOWN, title="冻品分拣工", description="冻品分拣、装箱，白班。")
    refused = key_person_in(profile=WANTS_SORTING)
    kept = key_person_in(profile=WANTS_SORTING)
    for name in SCOPES:
        assert sorted(_ids(world.users[name], posting)) == sorted([refused.pk, kept.pk]), name
    referral = services.referral_create(actor=world.users["village_a"], key_person=refused, posting=posting)
    services.referral_advance(actor=world.users["village_a"], referral=referral, status="refused",
                              reason="年龄不合适", refused_by="employer")
    assert Referral.objects.get(pk=referral.pk).status == "refused"
    for name in SCOPES:
        user = world.users[name]
        assert _ids(user, posting) == [kept.pk], name                       # not proposed for that posting again
        assert sorted(_ids(user, other)) == sorted([refused.pk, kept.pk]), name   # still for another one


def test_a_posting_the_person_refused_is_not_recommended_to_them_again(world):
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件。")
    other = posting_in(TOWN, title="冻品分拣工", description="冻品分拣、装箱，白班。")
    kp = key_person_in(profile=WANTS_SORTING)
    assert sorted(p.pk for p, _rec in matchsvc.jobs_for(kp)) == sorted([posting.pk, other.pk])
    referral = services.referral_create(actor=world.users["village_a"], key_person=kp, posting=posting)
    services.referral_advance(actor=world.users["village_a"], referral=referral, status="refused", reason="不想去",
                              refused_by="seeker")
    assert [p.pk for p, _rec in matchsvc.jobs_for(kp)] == [other.pk]
    assert _ids(world.users["village_a"], posting) == []


def test_candidates_show_their_key_groups_and_open_referrals_elsewhere_in_the_same_order(world):
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件。")
    elsewhere = posting_in(TOWN, title="电子厂装配工", description="流水线装配，白班。")
    closed = posting_in(TOWN, title="超市理货员", description="理货上架，白班。")
    poor = key_person_in(profile=WANTS_SORTING, is_poverty_labour=True, is_hard_to_employ=True)
    busy = key_person_in(VILLAGE_B, None, profile=WANTS_SORTING)
    village = world.users["village_a"]
    town = world.users["town_quzhang"]
    referral = services.referral_create(actor=town, key_person=busy, posting=elsewhere)
    services.referral_advance(actor=town, referral=referral, status="interviewed")
    done = services.referral_create(actor=village, key_person=poor, posting=closed)
    services.referral_advance(actor=village, referral=done, status="refused", reason="不想去", refused_by="seeker")
    response = world.client("county_office").get(f"/employment/postings/{posting.pk}/")
    assert response.status_code == 200
    seekers = response.context["seekers"]
    candidates = response.context["candidates"]
    assert [kp.pk for kp, _rec, _open in candidates] == [kp.pk for kp, _rec in seekers]   # marks only: same order
    assert sorted(kp.pk for kp, _rec in seekers) == sorted([poor.pk, busy.pk])
    marks = {kp.pk: (kp.groups, [(r.get_status_display(), r.posting.title) for r in opened])
             for kp, _rec, opened in candidates}
    assert marks == {poor.pk: (["登记失业人员", "脱贫劳动力", "就业困难人员"], []),          # a closed referral is no mark
                     busy.pk: (["登记失业人员"], [("已面试", "电子厂装配工")])}
    page = response.content.decode()
    assert '<span class="badge badge-info">脱贫劳动力</span>' in page
    assert '<span class="badge badge-info">就业困难人员</span>' in page
    # the mark names the other posting's employer (newuser31 #3: a title alone read as this posting's)
    assert f'<span class="badge badge-warn elsewhere">已面试：{elsewhere.organisation.name}「电子厂装配工」</span>' in page
    assert "超市理货员" not in page
    # the marks read within the account's scope: a village sees no referral of another village's person
    assert selectors.open_referrals_elsewhere(user=village, key_person_ids=[poor.pk, busy.pk], posting=posting) == {}


def _demo_welfare_descriptions() -> dict[str, set[str]]:
    book = openpyxl.load_workbook(io.BytesIO(demo._postings_xlsx(["曲樟乡", "廉州镇"], random.Random(demo.SEED))))
    rows = list(book.active.iter_rows(min_row=3, values_only=True))
    found: dict[str, set[str]] = {}
    for row in rows:
        if str(row[0]).startswith("GY"):            # the towns' own (the synthetic board has a 护林员 of its own)
            found.setdefault(row[2], set()).add(row[10])
    return found


def test_the_demos_public_welfare_posts_are_for_the_groups_they_say_and_the_matcher_keeps_to_them(world):
    descriptions = _demo_welfare_descriptions()
    assert sorted(descriptions) == ["保洁员（公益性岗位）", "护林员（公益性岗位）"]
    assert descriptions["护林员（公益性岗位）"] == {
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第1片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：廉州镇（第1片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第2片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：廉州镇（第2片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第3片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：廉州镇（第3片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第4片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：廉州镇（第4片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第5片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：廉州镇（第5片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第6片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：廉州镇（第6片区）。",
        "山林巡护，防火宣传，限就业困难人员、脱贫劳动力。工作地点：曲樟乡（第7片区）。"}
    (forest,) = {d for d in descriptions["护林员（公益性岗位）"] if "曲樟乡（第1片区）" in d}
    (cleaning,) = {d for d in descriptions["保洁员（公益性岗位）"] if "曲樟乡（第1片区）" in d}
    assert cleaning == "乡镇公益性岗位，限本地户籍的就业困难人员、脱贫劳动力。工作地点：曲樟乡（第1片区）。"
    wants = {"desired_text": "护林、巡山都可以", "places": ["town", "county"]}
    poor = key_person_in(profile=wants, is_poverty_labour=True)
    hard = key_person_in(VILLAGE_A, None, profile=wants, is_hard_to_employ=True)
    other_town = key_person_in(VILLAGE_C, None, profile=wants, is_poverty_labour=True)   # 廉州镇: no "本镇" limit
    key_person_in(profile=wants)                                # 登记失业人员 only: neither group
    key_person_in(VILLAGE_B, None, profile=wants, is_returning_migrant=True)
    for title, description in (("护林员（公益性岗位）", forest), ("保洁员（公益性岗位）", cleaning)):
        posting = posting_in(TOWN, title=title, description=description, wage_min=1800, wage_max=1800,
                             age_min=30, age_max=60)
        assert sorted(_ids(world.users["county_office"], posting)) == sorted([poor.pk, hard.pk, other_town.pk]), title

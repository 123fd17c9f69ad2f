"""Session 15 (emp-read15): blind15 read after its one run — a group limit one of whose alternatives is a kind of people
outside the four groups the matcher reads (issue 8). Own sentences, none of blind15's rows verbatim."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.explain import group_phrase
from jianfu.employment.matching.parse import posting_groups

GAZ = Gazetteer.builtin()


@pytest.mark.parametrize(("text", "groups"), [
    # an alternative of another kind: its people may take the post too, so no group refuses
    ("护林巡查（公益性岗位），限本村退捕渔民或脱贫劳动力", set()),
    ("河道保洁，限返乡农民工、就业困难人员", set()),
    ("门岗，只限退役军人或军属", set()),
    # every alternative one of the four groups, or a place beside them: read as before
    ("护林巡查，限本村脱贫劳动力或监测对象", {"脱贫"}),
    ("河道保洁，限石湾镇户籍的就业困难人员或脱贫劳动力", {"困难", "脱贫"}),
    ("保洁，限本镇大田村、西村的脱贫劳动力", {"脱贫"}),
    ("手工编织，限持残疾人证的肢体、听力残疾人", {"残疾"}),
    ("护林巡查，限脱贫家庭劳动力", {"脱贫"}),
])
def test_a_group_limit_with_an_alternative_of_another_kind_names_no_group(text, groups):
    assert posting_groups(text) == frozenset(groups)


@pytest.mark.parametrize("category", ["退捕渔民", "退捕渔民、脱贫户", "脱贫户", "登记失业人员", ""])
def test_a_post_for_fishermen_or_the_poverty_group_refuses_nobody_by_group(category):
    seeker = Seeker(id="S1", age=52, residence="公馆镇", desired="巡查、公益岗", places="本镇", category=category)
    post = Job(id="J1", title="河堤巡查员（公益性岗位）", place="公馆镇", age="18-60岁",
               description="限本镇退捕渔民或脱贫劳动力，沿河堤步行巡查。")
    assert violations(seeker, post, GAZ) == []
    assert group_phrase(seeker, post) is None
    assert [r.job_id for r in Matcher(jobs=[post], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] == ["J1"]


def test_a_post_for_the_poverty_group_alone_still_refuses_a_fisherman():
    seeker = Seeker(id="S1", age=52, residence="公馆镇", desired="巡查、公益岗", places="本镇", category="退捕渔民")
    post = Job(id="J1", title="河堤巡查员（公益性岗位）", place="公馆镇", age="18-60岁",
               description="限本镇脱贫劳动力，沿河堤步行巡查。")
    assert violations(seeker, post, GAZ) == ["group"]
    assert Matcher(jobs=[post], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker) == []

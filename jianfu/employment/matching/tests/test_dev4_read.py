"""Session 14: readings dev4's errors showed to be general (issue 8). Own sentences, none of dev4's rows verbatim:
a certificate the employer takes the worker to get is preferred; places joined by 到 and followed by an acceptance
("工业园也行") are each read; "本村" of a seeker whose village the gazetteer does not know is checked at the town."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import parse_required_certificates

GAZ = Gazetteer.builtin()
LIANZHOU, ZHAKOU = "450521100", "450521105"


@pytest.mark.parametrize(("text", "required", "preferred"), [
    ("健康证（老板带去办）", set(), {"健康证"}),
    ("叉车证，厂里组织考证", set(), {"叉车证"}),
    ("电工证(单位负责办)", set(), {"电工证"}),
    ("无人机执照，培训后考证", set(), {"无人机驾驶证"}),
    ("须持健康证", {"健康证"}, set()),
    ("健康证，公司不办", {"健康证"}, set()),            # a refusal turns it round
])
def test_a_certificate_the_employer_gets_for_the_worker_is_preferred(text, required, preferred):
    assert parse_required_certificates(text) == (frozenset(required), frozenset(preferred))


@pytest.mark.parametrize(("home", "text", "level", "named"), [
    ("闸口镇", "闸口到县城都行", 1, (LIANZHOU,)),          # either place, not a route
    ("闸口镇", "本镇，县城也行", 1, (LIANZHOU,)),
    ("闸口镇", "本镇,工业园也可以", 1, (LIANZHOU,)),        # "工业园" alone is the park (at the county seat)
    ("闸口镇", "工业园都得", 1, (LIANZHOU,)),
    ("闸口镇", "去广东也行", 2, ("44",)),                 # as before: a far place beside home
    ("闸口镇", "闸口", 1, ()),
])
def test_places_joined_by_dao_or_followed_by_an_acceptance_are_read(home, text, level, named):
    assert GAZ.acceptable(text, home=GAZ.resolve(home)) == (level, named)


@pytest.mark.parametrize(("home", "text", "level"), [
    ("闸口镇某某村", "本村", 1),          # the village is unknown to the gazetteer: the town is checked
    ("闸口镇某某村", "只能在村里", 1),
    ("闸口镇", "在家附近，本村", 1),
    ("", "本村", 2),                     # an unknown home: the county, as before
    ("闸口镇", "东莞", 0),                # only far places named: nothing around home (not loosened)
    ("闸口镇", "只能在家做", 0),           # work at home only is home outwork, not the town
])
def test_own_village_at_the_precision_the_home_is_known(home, text, level):
    resolved = GAZ.resolve(home) if home else None
    assert GAZ.acceptable(text, home=resolved)[0] == level


def test_a_village_post_of_the_town_reaches_a_seeker_who_says_own_village():
    seeker = Seeker(id="S1", age=50, residence="闸口镇某某村", desired="村里保洁", places="本村")
    near = Job(id="J1", title="公益性岗位（保洁）", place="闸口镇", description="村道清扫，半天")
    far = Job(id="J2", title="保洁员", place="廉州镇", description="商场保洁")
    assert violations(seeker, near, GAZ) == []
    assert violations(seeker, far, GAZ) == ["place"]
    assert [r.job_id for r in Matcher(jobs=[near, far], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] == ["J1"]


@pytest.mark.parametrize(("title", "code"), [
    ("挖红薯（日结）", "5-01-01"),          # digging a crop is field work, not courier or packing
    ("收花生零工", "5-01-01"),
    ("蕉园季节工", "5-01-01"),
    ("卸水泥货柜", "4-02-06"),              # unloading a container is loading, whatever it holds
    ("码头工", "4-02-06"),
    ("虾类加工工", "6-01-01"),              # processing prawns, not farming them
    ("太阳能板清洗工", "4-09-01"),          # washing panels is cleaning (entry-level)
])
def test_gig_station_titles_are_read_to_their_trade(title, code):
    from jianfu.employment.matching.features import job_occupations

    assert job_occupations(Job(id="J", title=title))[0] == code


@pytest.mark.parametrize(("wish", "code"), [
    ("出力气的活", "4-02-06"),
    ("摘豆角、采茶", "5-01-01"),
    ("港口的活", "4-02-06"),
])
def test_gig_station_wishes_are_read_to_their_trade(wish, code):
    from jianfu.employment.matching.features import seeker_occupations

    assert seeker_occupations(Seeker(id="S", desired=wish))[0][0] == code


@pytest.mark.parametrize(("wish", "open_"), [
    ("零工都做", True), ("有工就去", True), ("日结的活都可以", True), ("有活干就好", True),
    ("只做日结的保洁", False),
])
def test_a_gig_station_s_anything(wish, open_):
    from jianfu.employment.matching.parse import is_open_intent

    assert is_open_intent(wish) is open_

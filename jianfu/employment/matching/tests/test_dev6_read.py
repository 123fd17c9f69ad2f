"""Session 15 (emp-dev15): readings dev6's errors (a county job board's larger pool) showed to be general (issue 8).
Own sentences, none of dev6's rows verbatim."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations

GAZ = Gazetteer.builtin()
LIANZHOU, SHIKANG, BEIHAI_PROPER, TIESHANGANG = "450521100", "450521111", ("450502", "450503"), ("450512",)


@pytest.mark.parametrize(("home", "text", "level", "named"), [
    # a district outside the home county named beside the county seat: that district, not the whole home county
    ("廉州镇某社区", "县城、北海市区", 1, BEIHAI_PROPER),
    ("闸口镇", "县城或者铁山港", 1, (LIANZHOU,) + TIESHANGANG),
    ("石湾镇", "石湾、北海市区都行", 1, BEIHAI_PROPER),
    ("闸口镇", "廉州镇、广东东莞", 1, (LIANZHOU, "4419")),
    # as before: the county named, a scope word, a far place alone, a far place beside home
    ("闸口镇", "合浦县、北海市区", 2, BEIHAI_PROPER),
    ("闸口镇", "县内、北海市区", 2, BEIHAI_PROPER),
    ("闸口镇", "北海市区", 0, BEIHAI_PROPER),
    ("闸口镇", "去广东也行", 2, ("44",)),
])
def test_a_place_outside_the_county_named_beside_a_town_does_not_widen_to_the_county(home, text, level, named):
    assert GAZ.acceptable(text, home=GAZ.resolve(home)) == (level, named)


def test_a_seeker_of_the_county_seat_and_the_city_is_not_sent_to_another_town():
    seeker = Seeker(id="S1", age=45, residence="廉州镇某社区", desired="保洁", places="县城、北海市区")
    town = Job(id="J1", title="保洁员", place="石康镇", description="办公楼保洁")
    seat = Job(id="J2", title="保洁员", place="廉州镇", description="商场保洁")
    city = Job(id="J3", title="保洁员", place="北海市海城区", description="小区保洁")
    assert violations(seeker, town, GAZ) == ["place"]
    assert violations(seeker, seat, GAZ) == violations(seeker, city, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[town, seat, city], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)]
    assert sorted(ranked) == ["J2", "J3"]


@pytest.mark.parametrize(("text", "live_in"), [
    ("照顾瘫痪老人，住雇主家，月休四天", True),
    ("做饭带小孩，吃住在雇主家", True),
    ("陪护老人，住在客户家里", True),
    ("白天照顾老人，晚上回自己家", False),
    ("雇主家离县城近，白天做饭搞卫生", False),        # the household named, no living in
])
def test_living_in_at_the_employers_household_is_read(text, live_in):
    from jianfu.employment.matching.parse import infer_job_demands
    demands = infer_job_demands(text, ())
    assert ("AWAY" in demands, "LONG_HOURS" in demands) == (live_in, live_in)


def test_a_carer_who_must_go_home_at_night_is_not_sent_to_live_in():
    seeker = Seeker(id="S1", age=48, residence="廉州镇某社区", desired="照顾老人", places="县城", notes="晚上要回家")
    live_in = Job(id="J1", title="护工", place="廉州镇", description="照顾卧床老人，住雇主家", benefits="包吃住")
    by_day = Job(id="J2", title="护工", place="廉州镇", description="白天照顾老人，8:00-17:00")
    assert violations(seeker, live_in, GAZ) == ["limits:AWAY"]
    assert violations(seeker, by_day, GAZ) == []
    assert [r.job_id for r in Matcher(jobs=[live_in, by_day], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] == ["J2"]


@pytest.mark.parametrize(("text", "gender", "phrase"), [
    ("女性，25-45岁，手脚麻利", "女", "女性"),
    ("年龄20-40岁，男，能吃苦", "男", "男"),
    ("任职要求：1.女士；2.初中以上", "女", "女士"),
    ("适合女性，活不重", "", ""),                    # who it suits, not an item of its own
    ("男性、女性均可，45岁以下", "", ""),
    ("男性，女性，年龄不限", "", ""),                 # both sexes as items ask for neither
    ("销售女装，底薪加提成", "", ""),
    ("限男性，女性勿扰", "男", "限男性"),              # as before
])
def test_a_gender_written_as_an_item_of_its_own_is_read(text, gender, phrase):
    from jianfu.employment.matching.parse import gender_phrase, gender_requirement
    assert (gender_requirement(text), gender_phrase(text)) == (gender, phrase)


@pytest.mark.parametrize(("text", "limited"), [
    ("关节炎，手不能碰冷水", True),
    ("手怕冷，冰水碰不得", True),
    ("冬天手开裂，不能长时间泡冷水", True),
    ("凉水都不行，手会肿", True),
    ("冷库也能做", False),
    ("怕热，不要室外", False),
])
def test_hands_that_cannot_touch_cold_water_are_read(text, limited):
    from jianfu.employment.matching.parse import cold_water_limited
    assert cold_water_limited(text) is limited


@pytest.mark.parametrize(("text", "cold"), [
    ("虾仁去壳，冷水车间", True),
    ("鲜鱼加冰装箱发货", True),
    ("腌菜翻缸，手泡盐水", True),
    ("冻品市场分拣打包", True),
    ("洗菜切配，不用碰冷水", False),
    ("冰箱总装线，坐着干", False),
    ("茶叶称重装袋", False),
])
def test_work_in_ice_or_cold_water_is_read(text, cold):
    from jianfu.employment.matching.parse import cold_wet_work
    assert cold_wet_work(text) is cold


def test_a_seeker_whose_hands_cannot_touch_cold_water_is_not_sent_to_an_iced_line():
    seeker = Seeker(id="S1", age=50, residence="党江镇某村", desired="海产加工", places="本镇", notes="手不能碰冷水")
    other = Seeker(id="S2", age=50, residence="党江镇某村", desired="海产加工", places="本镇")
    iced = Job(id="J1", title="海产加工工", place="党江镇", description="鱼虾分级，冷水车间，站着干")
    dry = Job(id="J2", title="海产加工工", place="党江镇", description="鱼干、虾干称重装袋，坐着干")
    assert violations(seeker, iced, GAZ) == ["limits:COLD_WATER"]
    assert violations(seeker, dry, GAZ) == violations(other, iced, GAZ) == []
    m = Matcher(jobs=[iced, dry], seekers=[seeker, other], gazetteer=GAZ)
    assert [r.job_id for r in m.jobs_for(seeker)] == ["J2"]
    assert [r.seeker_id for r in m.seekers_for(iced)] == ["S2"]


@pytest.mark.parametrize(("title", "text", "standing"), [
    ("洗碗工", "午市洗碗，11:00-14:00", False),               # the trade's standing, a short shift: no long standing
    ("保洁员", "上午打扫办公楼，半天班", False),
    ("洗碗工", "洗碗，9:00-18:00", True),                    # a full day
    ("洗碗工", "洗碗", True),                                # no hours stated: the trade's usual demand
    ("洗碗工", "午市洗碗，站着干，11:00-14:00", True),         # standing stated stays
    ("食堂厨工", "早餐6点开工，切菜打荷", True),                # a start alone states no length of day
    ("普工", "流水线装配，8:00-12:00", True),                 # a line stands whatever its hours
])
def test_a_trades_usual_standing_is_no_long_standing_on_a_short_shift(title, text, standing):
    from jianfu.employment.matching.features import job_occupations
    from jianfu.employment.matching.parse import infer_job_demands
    job = Job(id="J", title=title, description=text)
    assert ("STANDING" in infer_job_demands(f"{title} {text}", job_occupations(job))) is standing


def test_a_seeker_who_cannot_stand_long_is_offered_a_short_dishwashing_shift():
    seeker = Seeker(id="S1", age=58, residence="廉州镇某社区", desired="洗碗", places="县城", notes="站不了太久")
    short = Job(id="J1", title="洗碗工", place="廉州镇", description="午市洗碗，11:00-14:00")
    long = Job(id="J2", title="洗碗工", place="廉州镇", description="洗碗，9:00-18:00")
    assert violations(seeker, short, GAZ) == []
    assert violations(seeker, long, GAZ) == ["limits:STANDING"]
    assert [r.job_id for r in Matcher(jobs=[short, long], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)] == ["J1"]


@pytest.mark.parametrize(("text", "groups"), [
    ("村道保洁，限本村脱贫户", {"脱贫"}),
    ("协管员（公益性岗位），仅限登记的就业困难人员", {"困难"}),
    ("门岗值守，限本乡脱贫劳动力或就业困难人员报名", {"脱贫", "困难"}),
    ("图书整理，限持残疾人证者", {"残疾"}),
    ("巡逻，只限退伍军人", {"退役"}),
    ("不限户籍，脱贫户优先", set()),                 # a preference, and a limit lifted
    ("限本镇户籍", set()),                          # a place, no group
])
def test_a_posting_open_only_to_a_group_is_read(text, groups):
    from jianfu.employment.matching.parse import posting_groups
    assert posting_groups(text) == frozenset(groups)


@pytest.mark.parametrize(("category", "admitted"), [
    ("脱贫户", True),
    ("防返贫监测对象", True),
    ("就业困难人员（4050）", True),                   # 4050 is a category of 就业困难人员
    ("残疾人（肢体三级）", True),
    ("登记失业人员", False),                         # another category stated
    ("退役军人", False),
    ("", True),                                    # nothing stated: not refused (unknown breaks nothing)
])
def test_a_group_post_admits_the_groups_it_names(category, admitted):
    seeker = Seeker(id="S1", age=50, residence="闸口镇", desired="公益性岗位", places="本镇", category=category)
    post = Job(id="J1", title="公益性岗位（保洁）", place="闸口镇", description="街道保洁，限脱贫劳动力或就业困难人员")
    assert violations(seeker, post, GAZ) == ([] if admitted else ["group"])
    found = [r.job_id for r in Matcher(jobs=[post], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)]
    assert found == (["J1"] if admitted else [])


@pytest.mark.parametrize(("text", "short"), [
    ("商场保洁，8:00-12:00", True),
    ("食堂洗碗，半天班", True),
    ("商场保洁，8:00-17:00", False),           # a full day
    ("商场保洁", False),                       # nothing stated
    ("早上6点开工", False),                     # a start alone states no length
])
def test_a_short_day_stated_is_read(text, short):
    from jianfu.employment.matching.hours import short_day
    assert short_day(text) is short


def test_a_half_day_seeker_scores_a_stated_half_day_above_what_the_words_alone_give():
    from jianfu.employment.matching.matcher import DEFAULT_WEIGHTS
    from jianfu.employment.matching.parse import HALF_DAY_FIT
    seeker = Seeker(id="S1", age=55, residence="廉州镇某社区", desired="保洁", places="县城", notes="只能做半天")
    silent = Job(id="J1", title="保洁员", place="廉州镇", description="商场保洁")
    half = Job(id="J2", title="保洁员", place="廉州镇", description="商场保洁，半天班")
    full = Job(id="J3", title="保洁员", place="廉州镇", description="商场保洁，8:00-17:00")
    assert violations(seeker, silent, GAZ) == violations(seeker, half, GAZ) == []
    assert violations(seeker, full, GAZ) == ["limits:FULL_DAY"]
    m = Matcher(jobs=[silent, half, full], seekers=[seeker], gazetteer=GAZ)
    assert [int(m.J.cert_pref[k, 0]) & HALF_DAY_FIT != 0 for k in range(3)] == [False, True, False]
    assert int(m.S.certs[0, 0]) & HALF_DAY_FIT
    without = Matcher(jobs=[silent, half, full], seekers=[seeker], gazetteer=GAZ, weights={"pref": 0.0})
    gain = {r.job_id: r.score for r in m.jobs_for(seeker)}
    base = {r.job_id: r.score for r in without.jobs_for(seeker)}
    assert sorted(gain) == sorted(base) == ["J1", "J2"]
    assert gain["J2"] - base["J2"] > gain["J1"] - base["J1"]
    assert DEFAULT_WEIGHTS["pref"] > 0


@pytest.mark.parametrize(("category", "said"), [
    ("4050人员", "属于就业困难人员，符合岗位限定（脱贫劳动力或就业困难人员）"),
    ("脱贫户", "属于脱贫劳动力，符合岗位限定（脱贫劳动力或就业困难人员）"),
    ("", "不足：岗位限脱贫劳动力或就业困难人员，未写明人员类别，请核实"),
])
def test_why_recommended_says_the_group_a_post_is_limited_to(category, said):
    seeker = Seeker(id="S1", age=50, residence="闸口镇", desired="保洁", places="本镇", category=category)
    post = Job(id="J1", title="公益性岗位（保洁）", place="闸口镇", description="街道保洁，限脱贫劳动力或就业困难人员")
    [rec] = Matcher(jobs=[post], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    assert said in rec.reasons


@pytest.mark.parametrize(("wish", "codes"), [
    ("厨师，拿手炒海鲜", ["4-03-01"]),             # the cook's specialty, not the seafood trade
    ("会炒鱼炒虾，想去饭店", ["4-03-01"]),
    ("海鲜加工、剥虾", ["6-01-01"]),                # the seafood trade, as before
])
def test_a_dish_a_cook_stir_fries_is_cooking(wish, codes):
    from jianfu.employment.matching.features import seeker_occupations
    assert [c for c, _ in seeker_occupations(Seeker(id="S", desired=wish))][:len(codes)] == codes
    assert "6-01-01" not in [c for c, _ in seeker_occupations(Seeker(id="S", desired=wish))] or "加工" in wish

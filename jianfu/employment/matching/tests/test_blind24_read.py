"""Session 24 (emp-read24): blind24 read after its one run — a county 公益性岗位 desk's posts: age caps by sex and the
法定退休年龄, "身体健康即可" as no age limit, a 户籍 named by the posting's own town or village (and "本乡镇户籍"), who a
post is for ("对象为已认定就业困难人员", "面向…", 认定 on the spot) and a seeker not yet 认定, and the household rule
("每户限1人") against a household member already on a 公益岗. Own sentences, none of blind24's rows verbatim: for each
reading one that must fire and a look-alike that must not, in the kernel, the numpy path and the oracle
(`constraints.violations`) alike."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    CERT_BITS,
    HOUSEHOLD_FREE,
    SEX_AGE_CAPS,
    CertBit,
    ages_counted_in,
    household_on_public_post,
    household_rule,
    local_restriction,
    parse_age_range,
    posting_groups,
    seeker_groups,
    sex_age_caps,
    sex_cap_bits_held,
    sex_cap_bits_required,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

# ------------------------------------------------------------------------------------ where the new bits are


def test_the_sex_caps_and_the_household_rule_take_the_third_words_next_bits() -> None:
    assert [CERT_BITS[n] for n in SEX_AGE_CAPS.values()] == [CertBit(2, 1 << k) for k in range(21, 37)]
    assert CERT_BITS[HOUSEHOLD_FREE] == CertBit(2, 1 << 37)


# ------------------------------------------------------------------------------------ age caps by sex


def test_age_cells_a_county_writes_are_read() -> None:
    assert parse_age_range("男性不超过62周岁，女性不超过57周岁") == (None, 62)
    assert sex_age_caps("男性不超过62周岁，女性不超过57周岁") == {"男": 62, "女": 57}
    assert parse_age_range("男≤62岁；女≤57岁") == (None, 62)
    assert sex_age_caps("男<60岁，女<55岁") == {"男": 59, "女": 54}
    # the statutory retirement age: men under 60, women under 55, in full years (before the 2025 reform; session 27,
    # emp-read27: in 2026 a man of exactly 60 and a woman of 55 may be inside it, read at the reform's edge)
    with ages_counted_in(2024):
        for cell in ("须在法定退休年龄以内", "未到法定退休年龄", "在法定劳动年龄段内"):
            assert sex_age_caps(cell) == {"男": 59, "女": 54}, cell
        assert parse_age_range("未到法定退休年龄") == (None, 59)
        assert parse_age_range("在法定劳动年龄段内") == (16, 59)
    with ages_counted_in(2026):
        assert sex_age_caps("未到法定退休年龄") == {"男": 60, "女": 55}
        assert parse_age_range("未到法定退休年龄") == (None, 60)
        assert parse_age_range("在法定劳动年龄段内") == (16, 60)
    # health alone is no age
    assert parse_age_range("身体健康，能胜任工作") == (None, None)
    assert parse_age_range("身体健康") == (None, None)
    # look-alikes: women kept out before their own statutory age while men stay is a gender line (ADR 0027: the wider
    # range), one cap for both, a range, a cap of one sex alone
    assert parse_age_range("男性不超过55周岁，女性不超过50周岁") == (None, 55)
    assert sex_age_caps("男性不超过55周岁，女性不超过50周岁") == {}
    assert sex_age_caps("男18-55岁，女18-50岁") == {}
    assert sex_age_caps("20-58周岁") == {}
    assert sex_age_caps("男女不限，50岁以下") == {}
    assert sex_cap_bits_required("女45岁以下") == 0
    assert sex_cap_bits_required("男55岁以下，女55岁以下") == 0


def test_a_cap_between_two_levels_takes_the_next_one_up() -> None:
    # women 57 against men 63: the women's cap is carried at 58 (a woman of 58 passes: unknown breaks nothing)
    bits = sex_cap_bits_required("男不超过63周岁，女不超过57周岁")
    assert bits == CERT_BITS[SEX_AGE_CAPS[("女", 58)]].bit
    assert sex_cap_bits_held("女", 58) & bits
    assert not sex_cap_bits_held("女", 59) & bits
    assert sex_cap_bits_held("男", 62) & bits and sex_cap_bits_held("", 70) & bits


@both_paths
def test_each_sex_is_held_to_its_own_cap(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    post = Job(
        id="J1",
        title="村道保洁员",
        place="闸口镇",
        age="男性不超过60周岁，女性不超过55周岁",
        description="清扫村道",
    )
    same_for_both = Job(id="J2", title="村道保洁员", place="闸口镇", age="18至60周岁", description="清扫村道")
    woman_56 = Seeker(id="S1", gender="女", age=56, residence="闸口镇", desired="保洁", places="闸口镇")
    woman_55 = Seeker(id="S2", gender="女", age=55, residence="闸口镇", desired="保洁", places="闸口镇")
    man_60 = Seeker(id="S3", gender="男", age=60, residence="闸口镇", desired="保洁", places="闸口镇")
    nobody_said = Seeker(id="S4", age=58, residence="闸口镇", desired="保洁", places="闸口镇")
    assert violations(woman_56, post, GAZ) == ["age"]
    assert violations(woman_55, post, GAZ) == [] and violations(man_60, post, GAZ) == []
    assert violations(nobody_said, post, GAZ) == []
    assert violations(woman_56, same_for_both, GAZ) == []
    people = [woman_56, woman_55, man_60, nobody_said]
    assert takers(post, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3", "S4"]
    assert takers(same_for_both, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4"]


@both_paths
def test_the_statutory_retirement_age_binds_men_at_60_and_women_at_55(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # read in 2024, before the 2025 reform (session 27, emp-read27: in 2026 a man of 60 and a woman of 55 may be inside
    # it, `test_blind27_read`)
    with ages_counted_in(2024):
        _binds_at_60_and_55(kernel, monkeypatch)


def _binds_at_60_and_55(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    post = Job(
        id="J1", title="水库巡查员", place="公馆镇", age="须在法定退休年龄以内", description="巡查水库堤坝"
    )
    health = Job(
        id="J2", title="水库巡查员", place="公馆镇", age="身体健康，能胜任工作", description="巡查水库堤坝"
    )
    people = [
        Seeker(id="S1", gender="男", age=59, residence="公馆镇", desired="巡查", places="公馆镇"),
        Seeker(id="S2", gender="男", age=60, residence="公馆镇", desired="巡查", places="公馆镇"),
        Seeker(id="S3", gender="女", age=54, residence="公馆镇", desired="巡查", places="公馆镇"),
        Seeker(id="S4", gender="女", age=55, residence="公馆镇", desired="巡查", places="公馆镇"),
        Seeker(id="S5", gender="男", age=66, residence="公馆镇", desired="巡查", places="公馆镇"),
    ]
    assert [violations(p, post, GAZ) for p in people] == [[], ["age"], [], ["age"], ["age"]]
    assert [violations(p, health, GAZ) for p in people] == [[], [], [], [], []]
    assert takers(post, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S3"]
    assert takers(health, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4", "S5"]


# ------------------------------------------------------------------------------------ 户籍


def test_a_hukou_named_by_the_posts_own_place_is_its_town_or_village() -> None:
    assert local_restriction("报名须本乡镇户籍的群众") == 1
    assert local_restriction("管护水库。户籍须在闸口镇", "闸口镇茶亭村") == 1
    assert local_restriction("管护水库。限闸口镇户籍", "闸口镇") == 1
    assert local_restriction("须为茶亭村户籍村民", "闸口镇茶亭村") == 0
    # look-alikes: another place than the post's (not read), a preference, the place opened
    assert local_restriction("户籍须在公馆镇", "闸口镇茶亭村") == 5
    assert local_restriction("闸口镇户籍优先", "闸口镇") == 5
    assert local_restriction("不限闸口镇户籍", "闸口镇") == 5


@both_paths
def test_a_named_town_hukou_refuses_a_seeker_of_another_town(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = Job(id="J1", title="护林员", place="闸口镇", age="不限", description="巡山护林。户籍须在闸口镇")
    in_benefits = Job(
        id="J2",
        title="护林员",
        place="闸口镇",
        age="不限",
        description="巡山护林",
        benefits="限本乡镇户籍；补贴每月900元",
    )
    other_town = Job(
        id="J3", title="护林员", place="闸口镇", age="不限", description="巡山护林。公馆镇户籍优先"
    )
    local = Seeker(id="S1", age=45, residence="闸口镇", desired="护林", places="闸口镇、公馆镇")
    incomer = Seeker(id="S2", age=45, residence="公馆镇", desired="护林", places="闸口镇、公馆镇")
    assert violations(incomer, post, GAZ) == ["local"] and violations(incomer, in_benefits, GAZ) == ["local"]
    assert violations(local, post, GAZ) == [] and violations(incomer, other_town, GAZ) == []
    jobs = [post, in_benefits, other_town]
    assert offered(local, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3"]
    assert offered(incomer, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J3"]


# ------------------------------------------------------------------------------------ who the post is for


def test_who_a_post_is_for_as_counties_write_it() -> None:
    assert posting_groups("服务对象为已认定的就业困难人员") == {"困难"}
    assert posting_groups("报名须已办理就业困难人员认定") == {"困难"}
    assert posting_groups("安置对象：脱贫人口、已认定的就业困难人员") == {"脱贫", "困难"}
    assert posting_groups("面向脱贫劳动力和残疾人") == {"脱贫", "残疾"}
    # look-alikes: no group named, and 认定 allowed on the spot
    assert posting_groups("面向社会公开招聘") == frozenset()
    assert posting_groups("对象为就业困难人员，尚未认定的可以现场申请认定") == frozenset()
    # a seeker who says the 认定 is not (yet) made holds no 困难
    assert seeker_groups("长期失业，还没认定就业困难") == frozenset()
    assert seeker_groups("低保户，就业困难认定正在申请认定") == frozenset()
    assert seeker_groups("已认定就业困难人员（低保户）") == {"困难"}


@both_paths
def test_a_post_for_recognised_people_refuses_the_unrecognised(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = Job(
        id="J1",
        title="社区网格员",
        place="廉州镇",
        age="不限",
        description="网格巡查，入户登记。服务对象为已认定的就业困难人员",
    )
    on_the_spot = Job(
        id="J2",
        title="社区网格员",
        place="廉州镇",
        age="不限",
        description="网格巡查。对象为就业困难人员，尚未认定的可以现场申请认定",
    )
    recognised = Seeker(
        id="S1", age=45, residence="廉州镇", category="已认定就业困难人员", desired="网格员", places="县城"
    )
    not_yet = Seeker(
        id="S2",
        age=45,
        residence="廉州镇",
        category="长期失业，还没认定就业困难",
        desired="网格员",
        places="县城",
    )
    assert violations(recognised, post, GAZ) == [] and violations(not_yet, post, GAZ) == ["group"]
    assert violations(not_yet, on_the_spot, GAZ) == []
    assert takers(post, [recognised, not_yet], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert takers(on_the_spot, [recognised, not_yet], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]


# ------------------------------------------------------------------------------------ 每户限1人


def test_the_household_rule_and_a_household_member_on_a_public_post() -> None:
    assert household_rule("每户只限1人报名") and household_rule("同户只安排一人")
    assert household_rule("家里已有人从事公益性岗位的不予安排")
    assert not household_rule("每户每月补助200元") and not household_rule("一户一策帮扶")
    assert household_on_public_post("儿子已经在镇上当护路公益岗")
    assert household_on_public_post("我爱人现在做村里的保洁公益性岗位")
    assert not household_on_public_post("家里没有人在公益岗")
    assert not household_on_public_post("儿子去年做过公益岗，今年辞了")
    assert not household_on_public_post("想找个公益岗做")


@both_paths
def test_a_post_one_a_household_refuses_a_household_already_on_one(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = Job(
        id="J1",
        title="河道保洁员",
        place="石湾镇",
        age="不限",
        description="打捞河面漂浮物",
        benefits="每户只限1人报名；补贴每月800元",
    )
    no_rule = Job(id="J2", title="河道保洁员", place="石湾镇", age="不限", description="打捞河面漂浮物")
    taken = Seeker(
        id="S1",
        age=50,
        residence="石湾镇",
        desired="保洁",
        places="石湾镇",
        notes="儿子已经在镇上当护路公益岗",
    )
    free = Seeker(
        id="S2",
        age=50,
        residence="石湾镇",
        desired="保洁",
        places="石湾镇",
        notes="儿子去年做过公益岗，今年辞了",
    )
    assert violations(taken, rule, GAZ) == ["household"] and violations(free, rule, GAZ) == []
    assert violations(taken, no_rule, GAZ) == []
    assert offered(taken, [rule, no_rule], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert offered(free, [rule, no_rule], kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2"]


# ------------------------------------------------------------------------------------ "在家或本村"


@both_paths
def test_at_home_or_in_the_village_is_the_village_not_home_outwork_only(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    village_post = Job(id="J1", title="村道保洁员", place="白沙镇", age="不限", description="清扫村道")
    either = Seeker(id="S1", age=40, residence="白沙镇", desired="保洁", places="在家或者本村")
    home_only = Seeker(id="S2", age=40, residence="白沙镇", desired="保洁", places="只能在家做")
    assert GAZ.acceptable("在家或者本村", home=GAZ.resolve("白沙镇"))[0] == 1
    assert violations(either, village_post, GAZ) == [] and violations(home_only, village_post, GAZ) == [
        "place"
    ]
    assert takers(village_post, [either, home_only], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]

"""fix-match24: a code review's findings on session 24's readings (emp-read24), each a hard bit that fired on a
preference, a slogan or a look-alike name — a preference for a group ("优先面向脱贫人口"), a 户籍 preference in any
wording and a village named by a substring or cut at its town, the household rule read from a slogan and a seeker's
own wish read as a household member's post, and a seeker's 性别 read two ways. Own sentences: for each, a phrase that
must fire and its near neighbours that must not, in the kernel, the numpy path and the oracle (`constraints.violations`)
alike."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    NO_LOCAL_LIMIT,
    household_on_public_post,
    household_rule,
    is_female,
    local_restriction,
    posting_groups,
    sex_cap_bits_held,
    sex_cap_bits_required,
    sex_of,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

# ------------------------------------------------------------------------------------ 1. a preference for a group


def test_a_preference_for_a_group_is_no_limit() -> None:
    assert posting_groups("优先面向脱贫人口招聘") == frozenset()
    assert posting_groups("面向脱贫人口优先") == frozenset()
    assert posting_groups("本岗位优先面向脱贫劳动力") == frozenset()
    assert posting_groups("面向脱贫劳动力，同等条件优先") == frozenset()
    # the limits themselves, and a limit with a preference of its own inside it
    assert posting_groups("面向脱贫人口招聘") == {"脱贫"}
    assert posting_groups("限脱贫劳动力，其中监测对象优先") == {"脱贫"}
    assert posting_groups("限脱贫劳动力报名（有护林经验者优先）") == {"脱贫"}
    assert posting_groups("脱贫户优先。对象为已认定的就业困难人员") == {"困难"}


@both_paths
def test_a_post_preferring_a_group_refuses_nobody(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    preferred = Job(
        id="J1",
        title="村道保洁员",
        place="石康镇",
        age="不限",
        description="清扫村道。优先面向脱贫劳动力招聘",
    )
    preferred_after = Job(
        id="J2", title="村道保洁员", place="石康镇", age="不限", description="清扫村道，面向脱贫人口优先"
    )
    limited = Job(
        id="J3", title="村道保洁员", place="石康镇", age="不限", description="清扫村道。面向脱贫劳动力招聘"
    )
    laid_off = Seeker(
        id="S1", age=48, residence="石康镇", category="登记失业人员", desired="保洁", places="石康镇"
    )
    lifted = Seeker(
        id="S2", age=48, residence="石康镇", category="脱贫劳动力", desired="保洁", places="石康镇"
    )
    assert violations(laid_off, preferred, GAZ) == [] and violations(laid_off, preferred_after, GAZ) == []
    assert violations(laid_off, limited, GAZ) == ["group"] and violations(lifted, limited, GAZ) == []
    jobs = [preferred, preferred_after, limited]
    assert offered(laid_off, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2"]
    assert offered(lifted, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3"]


# ------------------------------------------------------------------------------------ 2. a 户籍 named by its place


def test_a_named_hukou_preference_in_any_wording_is_none() -> None:
    assert local_restriction("户籍在沙坡村的优先录用", "白沙镇沙坡村") == NO_LOCAL_LIMIT
    assert local_restriction("户籍在白沙镇的优先", "白沙镇沙坡村") == NO_LOCAL_LIMIT
    assert local_restriction("户籍须在白沙镇，同等条件优先", "白沙镇沙坡村") == NO_LOCAL_LIMIT
    assert local_restriction("优先招本村村民", "白沙镇沙坡村") == NO_LOCAL_LIMIT
    # the limits: a preference with its own object in the next clause leaves them
    assert local_restriction("户籍须在沙坡村", "白沙镇沙坡村") == 0
    assert local_restriction("户籍须在白沙镇，会骑电动车优先", "白沙镇沙坡村") == 1
    assert local_restriction("招本村村民", "白沙镇沙坡村") == 0


def test_a_named_hukou_is_the_whole_place_name() -> None:
    # a village by its whole name: "沙坡村" is not "大沙坡村"
    assert local_restriction("户籍须在沙坡村", "白沙镇大沙坡村") == NO_LOCAL_LIMIT
    assert local_restriction("户籍须在大沙坡村", "白沙镇大沙坡村") == 0
    # the longest name: town and village together are the village, not the first 镇
    assert local_restriction("户籍须在白沙镇沙坡村", "白沙镇沙坡村") == 0
    assert local_restriction("限白沙镇沙坡村户籍", "合浦县白沙镇沙坡村") == 0
    # another village of the post's town: the town (everyone outside it is outside the village too)
    assert local_restriction("户籍须在白沙镇沙坡村", "白沙镇大沙坡村") == 1
    assert local_restriction("户籍须在白沙镇沙坡村", "白沙镇") == 1
    # a village of the same name in another town is not the post's
    assert local_restriction("户籍须在公馆镇沙坡村", "白沙镇沙坡村") == NO_LOCAL_LIMIT


@both_paths
def test_a_named_hukou_binds_only_when_it_is_a_limit_of_the_posts_own_place(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = Job(
        id="J1", title="护林员", place="白沙镇沙坡村", age="不限", description="巡山护林。户籍须在白沙镇"
    )
    preferred = Job(
        id="J2",
        title="护林员",
        place="白沙镇沙坡村",
        age="不限",
        description="巡山护林。户籍在白沙镇的优先录用",
    )
    look_alike = Job(
        id="J3",
        title="护林员",
        place="白沙镇大沙坡村",
        age="不限",
        description="巡山护林。户籍须在公馆镇沙坡村",
    )
    local = Seeker(id="S1", age=45, residence="白沙镇", desired="护林", places="白沙镇、公馆镇")
    incomer = Seeker(id="S2", age=45, residence="公馆镇", desired="护林", places="白沙镇、公馆镇")
    assert violations(incomer, limit, GAZ) == ["local"] and violations(local, limit, GAZ) == []
    assert violations(incomer, preferred, GAZ) == [] and violations(incomer, look_alike, GAZ) == []
    jobs = [limit, preferred, look_alike]
    assert offered(local, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3"]
    assert offered(incomer, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J2", "J3"]


# ------------------------------------------------------------------------------------ 3. the household rule


def test_the_household_rule_only_in_its_own_words() -> None:
    for rule in (
        "每户限1人",
        "每户只限1人报名",
        "同户只安排一人",
        "一户仅限一人",
        "每户限报1人",
        "家中已有人在公益性岗位的不予安排",
        "家里已有人从事公益性岗位的不再安排",
    ):
        assert household_rule(rule), rule
    for look_alike in (
        "每户一名劳动力实现就业",
        "每户1人次补贴500元",
        "每户限1人次",
        "每户只有1名劳动力的优先",
        "确保每户至少1人就业",
        "每户1人",
    ):
        assert not household_rule(look_alike), look_alike


def test_a_household_member_on_a_public_post_is_the_members_own_words() -> None:
    assert household_on_public_post("老婆已经在做村保洁公益岗")
    assert household_on_public_post("我爱人现在做村里的保洁公益性岗位")
    assert household_on_public_post("老公在做打扫卫生的公益岗，我想找个近的活")
    # the speaker's own wish after a member's words, a member's wish, a post held once
    for look_alike in (
        "老公在广东打工我在家想做公益岗位",
        "妈妈在家我想在村里做公益岗",
        "老公在家想做公益岗",
        "老婆以前在做公益岗，现在不做了",
        "老婆在做公益岗位，今年辞了",
        "儿子在外地，本人想做公益岗",
    ):
        assert not household_on_public_post(look_alike), look_alike


@both_paths
def test_the_household_rule_refuses_only_a_household_already_on_a_post(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = Job(
        id="J1",
        title="河道保洁员",
        place="西场镇",
        age="不限",
        description="打捞漂浮物",
        benefits="每户限1人",
    )
    slogan = Job(
        id="J2",
        title="河道保洁员",
        place="西场镇",
        age="不限",
        description="打捞漂浮物，助力每户一名劳动力实现就业",
        benefits="每户1人次补贴500元",
    )
    taken = Seeker(
        id="S1", age=50, residence="西场镇", desired="保洁", places="西场镇", notes="老婆已经在做村保洁公益岗"
    )
    own_wish = Seeker(
        id="S2",
        age=50,
        residence="西场镇",
        desired="保洁",
        places="西场镇",
        notes="老公在广东打工我也想做公益岗位",
    )
    held_once = Seeker(
        id="S3",
        age=50,
        residence="西场镇",
        desired="保洁",
        places="西场镇",
        notes="老婆以前在做公益岗，现在不做了",
    )
    people = [taken, own_wish, held_once]
    assert [violations(p, rule, GAZ) for p in people] == [["household"], [], []]
    assert [violations(p, slogan, GAZ) for p in people] == [[], [], []]
    assert takers(rule, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3"]
    assert takers(slogan, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"]


# ------------------------------------------------------------------------------------ 4. one reading of 性别


def test_one_reading_of_sex() -> None:
    for man in ("男", "男性", "男 ", "Ｍ", "m", "男士", "Male"):
        assert sex_of(man) == "男", man
    for woman in ("女", "女性", " 女", "Ｆ", "f", "女士"):
        assert sex_of(woman) == "女" and is_female(woman), woman
    for unknown in ("", None, "不详", "男女"):
        assert sex_of(unknown) == "" and not is_female(unknown), unknown


@both_paths
@pytest.mark.parametrize("gender", ["男", "男性", "男 ", "Ｍ"])
def test_a_mans_cap_is_read_the_same_however_his_sex_is_written(
    gender: str, kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # men capped below women ("男不超过60周岁，女不超过65周岁"): a man of 62 is refused, whatever way 男 is written
    post = Job(
        id="J1", title="护路员", place="山口镇", age="男不超过60周岁，女不超过65周岁", description="清扫路面"
    )
    assert sex_cap_bits_required(post.age) and not sex_cap_bits_held(gender, 62) & sex_cap_bits_required(
        post.age
    )
    man_62 = Seeker(id="S1", gender=gender, age=62, residence="山口镇", desired="护路", places="山口镇")
    man_60 = Seeker(id="S2", gender=gender, age=60, residence="山口镇", desired="护路", places="山口镇")
    woman_62 = Seeker(id="S3", gender="女士", age=62, residence="山口镇", desired="护路", places="山口镇")
    unknown_62 = Seeker(id="S4", gender="不详", age=62, residence="山口镇", desired="护路", places="山口镇")
    people = [man_62, man_60, woman_62, unknown_62]
    assert [violations(p, post, GAZ) for p in people] == [["age"], [], [], []]
    assert takers(post, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3", "S4"]

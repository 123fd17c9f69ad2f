"""Session 29 (fix-match29): three readings of emp-read29 mended. One 证 said for two care trades names a care trade
right before it — no certificate is invented from "养老护理员、护工需持健康证" or "育婴员、健康证"; the 医疗护理员 is another
trade, whose card is no 养老护理员证; and a carer's post names lifting care in the general words of dependent care
(轮椅, 不能完全自理, 截瘫, 脑梗, 骨折, 助浴/洗澡, 搀扶, 护理院), never "无需重体力搬运" beside them. Own sentences, each beside a
look-alike, in the kernel, the numpy path and the oracle (`constraints.violations`) alike."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching import matcher as matcher_module
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    MID_LEVEL,
    held_certificates,
    infer_job_demands,
    names_lifting_care,
    parse_required_certificates,
    trade_certificate_names,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

pytestmark = pytest.mark.usefixtures("ages_in_2026")

CARER = "4-10-04"       # 养老护理员


def seeker(sid: str, *, desired: str = "照顾老人", notes: str = "", certificates: str = "无") -> Seeker:
    return Seeker(id=sid, age=45, gender="女", residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates=certificates, category="", education="初中", wage="3000")


def post(jid: str, title: str, description: str = "", *, certificates: str = "无") -> Job:
    return Job(id=jid, title=title, employer="合浦某养老服务公司", place="廉州镇", description=description, age="18-55岁",
               wage="3500-4000", certificates=certificates, benefits="")


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


# ------------------------------------------------------------------------------------ 1. one 证 for two care trades


def test_one_certificate_for_two_trades_names_a_care_trade_right_before_it() -> None:
    # the review's two: no 养老护理员证 asked, no 育婴员证 held
    assert trade_certificate_names("养老护理员、护工需持健康证") == "养老护理员、护工需持健康证"
    assert parse_required_certificates("养老护理员、护工需持健康证") == (frozenset({"健康证"}), frozenset())
    assert held_certificates("育婴员、健康证") == frozenset({"健康证"})
    assert held_certificates("保育员/叉车证") == frozenset({"叉车证"})
    # emp-read29's own cases still read: the second trade's name right before its 证 or 职业技能
    assert trade_certificate_names("保育员或育婴员证") == "保育员证或育婴员证"
    assert trade_certificate_names("育婴员或母婴护理证书") == "育婴员证或母婴护理证书"
    assert parse_required_certificates("育婴员或保育员证") == (frozenset(), frozenset({"育婴员证", "保育员证"}))
    assert parse_required_certificates("育婴员或母婴护理证书") == (frozenset(), frozenset({"育婴员证", "母婴护理证"}))
    assert held_certificates("育婴员、保育员职业技能等级证书") == frozenset({"育婴员证", "保育员证", "育婴培训证"})   # (session 30)


@both_paths
def test_a_post_asking_a_health_card_of_two_trades_asks_no_trade_card(
        kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    home = post("J1", "养老院护理员", "照顾能自理的老人，白班。", certificates="养老护理员、护工需持健康证")
    people = [seeker("S1", certificates="健康证"), seeker("S2", certificates="无")]
    assert [broken(p, home) for p in people] == [[], ["certificate"]]
    assert takers(home, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1"]


@both_paths
def test_a_seeker_naming_a_trade_beside_a_health_card_holds_no_trade_card(
        kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    nursery = post("J1", "育婴员", "照顾6个月宝宝，白班。", certificates="育婴员证（须持）")
    people = [seeker("S1", desired="育婴员", certificates="育婴员、健康证"),
              seeker("S2", desired="育婴员", certificates="育婴员证、健康证")]
    assert [broken(p, nursery) for p in people] == [["certificate"], []]
    assert takers(nursery, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


# ------------------------------------------------------------------------------------ 3. the 医疗护理员 is another trade


def test_a_medical_carers_card_is_no_elderly_carers_card() -> None:
    assert trade_certificate_names("医疗护理员职业技能等级证书（四级）") == "医疗护理员职业技能等级证书（四级）"
    assert trade_certificate_names("医疗护理员四级") == "医疗护理员四级"
    assert held_certificates("医疗护理员职业技能等级证书（四级）") == frozenset()
    assert held_certificates("医疗护理员四级") == frozenset()
    assert held_certificates("医疗护理员（四级）") == frozenset()
    assert held_certificates("医疗护理员证") == frozenset()
    assert parse_required_certificates("医疗护理员四级以上") == (frozenset(), frozenset())
    assert trade_certificate_names("医疗护理员或育婴员证") == "医疗护理员或育婴员证"
    # look-alikes: the 养老护理员's card however written, and the 母婴护理员's; a post naming both keeps the 养老护理员证
    assert held_certificates("护理员职业技能等级证书（四级）") == frozenset({"养老护理员证", "养老护理培训证"})   # (session 30)
    assert held_certificates("养老护理员四级") == frozenset({"养老护理员证", "养老护理培训证"})
    assert held_certificates("护理员证") == frozenset({"养老护理员证", "养老护理培训证"})
    assert held_certificates("母婴护理员职业技能等级证书") == frozenset({"母婴护理证"})
    assert parse_required_certificates("养老护理员四级以上") == (frozenset({"养老护理员证", MID_LEVEL}), frozenset())
    assert parse_required_certificates("持养老护理员证或医疗护理员证") == (frozenset({"养老护理员证"}), frozenset())


@both_paths
def test_a_medical_carers_card_does_not_take_an_elderly_carers_post(
        kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    home = post("J1", "养老院护理员", "照顾能自理的老人，白班。", certificates="养老护理员证（须持）")
    people = [seeker("S1", certificates="医疗护理员职业技能等级证书（四级）"), seeker("S2", certificates="医疗护理员四级"),
              seeker("S3", certificates="护理员职业技能等级证书（四级）")]
    assert [broken(p, home) for p in people] == [["certificate"], ["certificate"], []]
    assert takers(home, people, kernel=kernel, monkeypatch=monkeypatch) == ["S3"]


# ------------------------------------------------------------------------------------ 2. lifting care in general words


@pytest.mark.parametrize("text", [
    "陪老人散步、推轮椅，白班。",
    "照顾不能完全自理的老人。",
    "照顾生活难以自理的老人。",
    "照顾截瘫病人，喂饭。",
    "照顾脑梗后的老人。",
    "照顾骨折的老人，白班。",
    "协助老人助浴、如厕。",
    "帮老人洗澡、擦身。",
    "搀扶老人散步、陪同看病。",
    "护理院病区护工，三班倒。",
    "医院陪护术后病人，按天算。",
])
def test_a_carer_lifts_where_a_posting_names_dependent_care(text: str) -> None:
    assert names_lifting_care(text)
    assert "HEAVY" in infer_job_demands(text, (CARER,))


@pytest.mark.parametrize("text", [
    "照顾能自理的老人，做饭、打扫。",
    "自理区护理员：送餐、整理房间。",
    "陪伴聊天、读报，白班。",
    "产科护工：照顾产妇、给新生儿洗澡。",
    "给宝宝洗澡、冲奶粉。",
    "白天陪护行动方便的病人，喂饭、陪检。",
])
def test_the_care_of_those_who_look_after_themselves_asks_no_lifting(text: str) -> None:
    assert not names_lifting_care(text)
    assert "HEAVY" not in infer_job_demands(text, (CARER,))


@both_paths
def test_no_one_is_told_a_wheelchair_post_spares_them_lifting(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher_module, "USE_KERNEL", kernel)
    light = post("J1", "护理员", "照顾能自理的老人，陪伴聊天，白班。")
    wheelchair = post("J2", "护理员", "照顾坐轮椅的老人，搀扶如厕，白班。")
    back = seeker("S1", notes="腰不好，抱不动人")
    assert (broken(back, light), broken(back, wheelchair)) == ([], ["limits:HEAVY"])
    assert offered(back, [light, wheelchair], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]
    (rec,) = Matcher(jobs=[light], seekers=[back], gazetteer=GAZ).jobs_for(back)
    assert "无需重体力搬运（符合“腰不好”）" in rec.met
    # a wish to avoid lifting is told the wheelchair post asks it, never that it spares it
    wish = seeker("S2", notes="最好轻松点的活")
    (rec,) = Matcher(jobs=[wheelchair], seekers=[wish], gazetteer=GAZ).jobs_for(wish)
    assert "岗位涉及重体力搬运（本人希望尽量避免）" in rec.unmet
    assert "无需重体力搬运" not in rec.reasons

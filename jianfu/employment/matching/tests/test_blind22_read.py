"""Session 22 (emp-read22): blind22 read after its one run — a county 建筑业 desk's posts: wages held to the year's end,
the building trades' certificates by issuer (应急管理 / 住建 / 市场监管) and the 八大员's, a certificate the employer takes
the worker to sit, the load carried by others or by a crane, a crew the seeker leads, and pay by the area or as a
pair's joint figure. Own sentences, none of blind22's rows verbatim: for each reading one that must fire and a look-alike
that must not, in the kernel, the numpy path and the oracle (`constraints.violations`) alike where a constraint is
involved."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.crews import crew_fits, posting_crew, seeker_crew
from jianfu.employment.matching.parse import (
    BODY_SHIFT,
    CERT_BITS,
    CERTIFICATES,
    ELECTRICIAN_BUILDING,
    ELECTRICIAN_SAFETY,
    EXPLOSION_PROOF,
    FIRST_WORD_CERTS,
    HIGH_VOLTAGE,
    LOW_VOLTAGE,
    CertBit,
    Wage,
    held_certificates,
    infer_job_demands,
    normalise_certificates,
    parse_required_certificates,
    parse_wage,
    withholds_wages,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

# ------------------------------------------------------------------------------------ wages held to the year's end


def test_wages_held_to_the_year_or_the_project_end() -> None:
    assert withholds_wages("一天280，平时发生活费，剩下的年底一次性结清")
    assert withholds_wages("月薪7000，工程完工后统一结算")
    assert withholds_wages("每月借支1000，其余过年前一次结")
    assert withholds_wages("干完活后再结工钱")
    assert withholds_wages("工资年终结算")
    # the look-alikes: monthly pay with a year-end bonus, a refusal, a season that simply ends before 春节, a wedding
    assert not withholds_wages("每月10号发工资，年底另有奖金")
    assert not withholds_wages("年底发双薪，月结")
    assert not withholds_wages("工资专户按月发，绝不压到年底")
    assert not withholds_wages("砍蔗干到春节前结束，按天算")
    assert not withholds_wages("年底结婚请假可批")


@both_paths
def test_a_post_holding_wages_to_the_year_end_is_offered_to_nobody(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = Job(
        id="J1",
        title="砌墙师傅",
        place="廉州镇",
        age="18-60岁",
        wage="一天300，年底一次结清",
        description="自建房砌墙，中午管饭",
    )
    lawful = Job(
        id="J2",
        title="砌墙师傅",
        place="廉州镇",
        age="18-60岁",
        wage="一天300，按月结",
        description="自建房砌墙，工资专户每月发，中午管饭",
    )
    mason = Seeker(id="S1", age=45, residence="廉州镇", desired="泥水工", places="县城")
    assert violations(mason, held, GAZ) == ["wages"]
    assert violations(mason, lawful, GAZ) == []
    assert offered(mason, [held, lawful], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert takers(held, [mason], kernel=kernel, monkeypatch=monkeypatch) == []


# ------------------------------------------------------------------------ the building trades' certificates by issuer


def test_the_new_certificates_take_the_second_words_free_bits() -> None:
    names = list(CERTIFICATES)
    assert names.index(ELECTRICIAN_SAFETY) - FIRST_WORD_CERTS == 24
    assert CERT_BITS["信号司索工证"].word == 1
    # below the health conditions' bits: the loader's is the second word's last (bit 39); what follows (emp-dev22's
    # vehicle levels, merged after) takes the third word
    assert CERT_BITS["装载机操作证"] == CertBit(1, 1 << (BODY_SHIFT - 1))
    assert all(cb.bit < 1 << BODY_SHIFT for cb in CERT_BITS.values() if cb.word == 1)
    assert {CERT_BITS[name].word for name in names[FIRST_WORD_CERTS + BODY_SHIFT:][:63]} == {2}   # (the fourth word: session 30)


def test_an_electricians_certificate_by_its_issuer() -> None:
    # held: a named issuer's certificate meets a post naming none ("电工证"); one written without issuer is held of both
    # (emp-left33: the 低压 card is a 项目 of its own, `LOW_VOLTAGE`, which holds the 应急管理 card)
    assert normalise_certificates("低压电工作业证（2023年取证）") == frozenset({LOW_VOLTAGE, ELECTRICIAN_SAFETY, "电工证"})
    assert normalise_certificates("建筑电工操作资格证") == frozenset({ELECTRICIAN_BUILDING, "电工证"})
    # (session 32, emp-read32: a card naming no 项目 may be the 高压 one too, `HIGH_VOLTAGE`)
    assert held_certificates("电工证") == frozenset({"电工证", ELECTRICIAN_SAFETY, ELECTRICIAN_BUILDING, HIGH_VOLTAGE,
                                                   LOW_VOLTAGE, EXPLOSION_PROOF})     # emp-left33: every 项目
    # what is stored and shown keeps to what was written, and reads back the same (the issuer's name is kept)
    assert normalise_certificates("电工证") == frozenset({"电工证"})
    stored = "、".join(sorted(normalise_certificates("低压电工作业证")))
    assert held_certificates(stored) == frozenset({LOW_VOLTAGE, ELECTRICIAN_SAFETY, "电工证"})
    # asked
    assert parse_required_certificates("须持高压电工证") == (frozenset({HIGH_VOLTAGE}), frozenset())   # its 项目 (session 32)
    assert parse_required_certificates("建筑电工证（住建部门）") == (
        frozenset({ELECTRICIAN_BUILDING}),
        frozenset(),
    )
    assert parse_required_certificates("持电工证") == (frozenset({"电工证"}), frozenset())


@both_paths
def test_a_post_naming_one_issuer_is_met_only_by_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    building = Job(
        id="J1",
        title="工地电工",
        place="廉州镇",
        age="18-55岁",
        certificates="建筑电工证（住建）",
        description="临时用电、配电箱巡查",
    )
    safety = Job(
        id="J2",
        title="维修电工",
        place="廉州镇",
        age="18-55岁",
        certificates="低压电工作业证",
        description="车间设备维修",
    )
    either = Job(
        id="J3", title="电工", place="廉州镇", age="18-55岁", certificates="电工证", description="小区维修"
    )
    site = Seeker(
        id="S1", age=40, residence="廉州镇", desired="电工", places="县城", certificates="建筑电工证（住建）"
    )
    plant = Seeker(
        id="S2", age=40, residence="廉州镇", desired="电工", places="县城", certificates="低压电工作业证"
    )
    plain = Seeker(id="S3", age=40, residence="廉州镇", desired="电工", places="县城", certificates="电工证")
    assert violations(site, safety, GAZ) == ["certificate"] and violations(plant, building, GAZ) == [
        "certificate"
    ]
    assert offered(site, [building, safety, either], kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J3"]
    assert offered(plant, [building, safety, either], kernel=kernel, monkeypatch=monkeypatch) == ["J2", "J3"]
    assert offered(plain, [building, safety, either], kernel=kernel, monkeypatch=monkeypatch) == [
        "J1",
        "J2",
        "J3",
    ]


def test_work_at_height_certificates_by_issuer() -> None:
    assert normalise_certificates("高处安装维护拆除作业证（应急，去年复审）") == frozenset(
        {"高处安装维护拆除作业证", "高处作业证"}
    )
    assert normalise_certificates("登高架设作业证") == frozenset({"登高架设作业证", "高处作业证"})
    assert normalise_certificates("建筑架子工证") == frozenset({"建筑架子工证"})  # 住建: no 应急 certificate
    assert held_certificates("高处作业证") == frozenset(
        {"高处作业证", "登高架设作业证", "高处安装维护拆除作业证"}
    )
    assert held_certificates("高处作业证、登高架设作业证") == frozenset({"高处作业证", "登高架设作业证"})
    assert parse_required_certificates("高处作业吊篮安装拆卸工证") == (
        frozenset({"吊篮安装拆卸工证"}),
        frozenset(),
    )
    # two certificates either of which will do are both preferred (as any "A或B")
    assert parse_required_certificates("架子工证或登高架设作业证均可") == (
        frozenset(),
        frozenset({"建筑架子工证", "登高架设作业证"}),
    )


@both_paths
def test_a_scaffolders_certificate_is_not_the_safety_offices(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    steel = Job(
        id="J1",
        title="登高架设工",
        place="廉州镇",
        age="18-55岁",
        certificates="登高架设作业证",
        description="钢结构厂房登高架设",
    )
    facade = Job(
        id="J2",
        title="外墙作业",
        place="廉州镇",
        age="18-55岁",
        certificates="高处作业证",
        description="外墙吊篮翻新",
    )
    scaffolder = Seeker(
        id="S1", age=45, residence="廉州镇", desired="架子工", places="县城", certificates="建筑架子工证"
    )
    cradle = Seeker(
        id="S2",
        age=45,
        residence="廉州镇",
        desired="外墙吊篮",
        places="县城",
        certificates="高处安装维护拆除作业证",
    )
    assert violations(scaffolder, steel, GAZ) == ["certificate"] and violations(cradle, facade, GAZ) == []
    assert offered(cradle, [steel, facade], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert takers(steel, [scaffolder, cradle], kernel=kernel, monkeypatch=monkeypatch) == []


def test_cranes_welders_and_the_site_offices_certificates() -> None:
    assert normalise_certificates("塔吊司机证、施工电梯证") == frozenset(
        {"塔式起重机司机证", "施工升降机司机证"}
    )
    assert normalise_certificates("起重信号司索工证") == frozenset({"信号司索工证"})
    assert normalise_certificates("特种设备焊接作业人员证") == frozenset({"特种设备焊工证", "焊工证"})
    assert normalise_certificates("焊工证") == frozenset({"焊工证"})  # the 应急 one, not the 特种设备 one
    assert normalise_certificates("安全员C证、资料员岗位证书") == frozenset({"安全员证", "资料员证"})
    # a registered constructor meets a post's 施工员 certificate; one not yet registered or passed does not
    assert normalise_certificates("一级建造师（机电）") == frozenset({"施工员证"})
    assert normalise_certificates("二级建造师在考") == frozenset()
    assert parse_required_certificates("物料提升机司机证") == (frozenset({"物料提升机司机证"}), frozenset())
    assert parse_required_certificates("质量员岗位证书") == (frozenset({"质量员证"}), frozenset())


def test_a_certificate_the_employer_takes_the_worker_to_sit() -> None:
    assert parse_required_certificates("无（单位带考焊工证）") == (frozenset(), frozenset({"焊工证"}))
    assert parse_required_certificates("安全员C证，公司出钱考") == (frozenset(), frozenset({"安全员证"}))
    assert parse_required_certificates("资料员证（可以后补）") == (frozenset(), frozenset({"资料员证"}))
    # the look-alikes: held before the start; "带班组" is no exam
    assert parse_required_certificates("须持焊工证，不带考") == (frozenset({"焊工证"}), frozenset())
    assert parse_required_certificates("焊工证，带班组考察") == (frozenset({"焊工证"}), frozenset())


# ------------------------------------------------------------------------- the load carried by others or by a crane


def test_a_load_carried_by_others_or_a_crane_is_not_the_workers() -> None:
    mason, rebar = ["6-29-01"], ["6-29-02"]
    assert "HEAVY" in infer_job_demands("砌砖抹灰", mason)  # the trade's usual load
    assert "HEAVY" not in infer_job_demands("内墙砌砖，不用扛砖，材料有人送到位", mason)
    assert "HEAVY" not in infer_job_demands("车间加工钢筋网片，行车吊运", rebar)
    # the look-alike: a load stated stays
    assert "HEAVY" in infer_job_demands("砌砖，要自己扛水泥上楼", mason)


@both_paths
def test_a_bad_back_takes_a_post_whose_load_a_crane_carries(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    crane = Job(
        id="J1", title="钢筋加工工", place="廉州镇", age="18-55岁", description="车间加工钢筋网片，机械吊运"
    )
    carry = Job(
        id="J2", title="钢筋工", place="廉州镇", age="18-55岁", description="工地绑扎钢筋，要扛钢筋上楼"
    )
    back = Seeker(
        id="S1", age=50, residence="廉州镇", desired="钢筋工", places="县城", notes="腰不好，不能搬重的"
    )
    assert violations(back, crane, GAZ) == [] and violations(back, carry, GAZ) == ["limits:HEAVY"]
    assert offered(back, [crane, carry], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]


# ------------------------------------------------------------------------------------------ a crew the seeker leads


def test_a_crew_the_seeker_leads() -> None:
    assert seeker_crew("带7个人的泥水班组，一起来") == -7
    assert seeker_crew("自己带着五个人的施工队") == -5
    assert seeker_crew("我们5个人一起去") == 5  # peers who all go or none: a crew as before
    assert seeker_crew("带孩子，下午要接") == 1
    assert seeker_crew("当过班组长，带过8个人") == 1  # a past, no crew brought
    # led: its size on a post hiring by the group, one man on any other
    assert crew_fits(-7, 6, 8) and not crew_fits(-7, 2, 5) and crew_fits(-7, 1, 2)
    assert not crew_fits(5, 1, 2)


@both_paths
def test_a_crew_leader_on_group_and_ordinary_posts(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    group = Job(
        id="J1",
        title="泥水班组",
        place="廉州镇",
        age="不限",
        headcount=1,
        description="招泥水班组一个，每组6-8人，按平方包",
    )
    small = Job(
        id="J2",
        title="泥水班组",
        place="廉州镇",
        age="不限",
        headcount=1,
        description="招泥水班组一个，每组3-4人",
    )
    lone = Job(id="J3", title="泥水工", place="廉州镇", age="不限", headcount=2, description="砌墙抹灰")
    leader = Seeker(
        id="S1", age=48, residence="廉州镇", desired="泥水工", places="县城", notes="带7个人的泥水班组"
    )
    peers = Seeker(
        id="S2", age=48, residence="廉州镇", desired="泥水工", places="县城", notes="我们7个人一起去"
    )
    assert posting_crew("泥水班组", "招泥水班组一个，每组6-8人，按平方包", 1) == (6, 8)
    assert violations(leader, group, GAZ) == [] and violations(leader, small, GAZ) == ["crew"]
    assert violations(leader, lone, GAZ) == [] and violations(peers, lone, GAZ) == ["crew"]
    assert offered(leader, [group, small, lone], kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J3"]
    assert offered(peers, [group, small, lone], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]


# ------------------------------------------------------------------------------ pay by the area or a pair's figure


def test_pay_by_the_area_weight_or_length_is_piece_rate() -> None:
    # was "无法识别的工资"
    assert parse_wage("按平方包") == Wage(None, None, False, True)
    assert parse_wage("按吨包干") == Wage(None, None, False, True)
    assert parse_wage("按米算") == Wage(None, None, False, True)
    with pytest.raises(ValueError, match="无法识别的工资“按心情”"):
        parse_wage("按心情")


def test_a_pairs_joint_figure_is_halved() -> None:
    # was "超出合理范围" or read as each one's pay
    assert parse_wage("两个人一万四") == Wage(7000, None, False, False)
    assert parse_wage("夫妻俩月薪10000-12000") == Wage(5000, 6000, False, False)
    assert parse_wage("两口子一共9000") == Wage(4500, None, False, False)
    # the look-alikes: an amount starting with 两, and one person's pay
    assert parse_wage("两千五") == Wage(2500, None, False, False)
    assert parse_wage("两万") == Wage(20000, None, False, False)


# ------------------------------------------------------------------ the loader's certificate, colour vision, 小工


def test_the_loaders_certificate_as_people_say_it() -> None:
    assert normalise_certificates("铲车证（2018年考的）") == frozenset({"装载机操作证"})
    assert parse_required_certificates("持装载机证") == (frozenset({"装载机操作证"}), frozenset())
    assert CERT_BITS["装载机操作证"].word == 1 and CERT_BITS["装载机操作证"].bit == 1 << 39
    # the look-alike: the forklift's certificate is another
    assert normalise_certificates("叉车证") == frozenset({"叉车证"})


@both_paths
def test_a_signallers_and_an_electricians_colour_vision(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianfu.employment.matching.parse import body_conditions

    assert "COLOUR" in body_conditions("塔吊信号指挥，持证上岗")
    assert "COLOUR" in body_conditions("工地电工，配电箱接线")
    assert "COLOUR" not in body_conditions("施工电梯司机，持证上岗")
    signal = Job(id="J1", title="信号工", place="廉州镇", age="18-55岁", description="塔吊信号指挥")
    lift = Job(id="J2", title="施工电梯司机", place="廉州镇", age="18-55岁", description="人货电梯运行")
    weak = Seeker(
        id="S1", age=30, residence="廉州镇", desired="信号工、施工电梯", places="县城", notes="体检有色弱"
    )
    assert violations(weak, signal, GAZ) == ["body:COLOUR"] and violations(weak, lift, GAZ) == []
    assert offered(weak, [signal, lift], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


def test_a_site_labourer_is_every_site_trades_fallback() -> None:
    from jianfu.employment.matching.occupations import RELATED

    labourer = RELATED["6-29-06"]
    assert labourer["6-29-03"] == labourer["6-29-05"] == 0.5  # 木工, 架子工
    assert labourer["6-31-01"] == labourer["6-18-01"] == 0.3  # 电工, 焊工
    assert labourer["6-29-01"] == 0.6  # 泥水工: as it was
    assert "4-10-01" not in labourer  # 家政: no site trade

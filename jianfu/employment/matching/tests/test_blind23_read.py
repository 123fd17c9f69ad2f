"""Session 23 (emp-read23): blind23 read after its one run — a county 季节性农业用工对接 desk's posts: farm machines'
licences by kind and drone pilots' papers by issuer, pay at a task's end, pesticide against a pregnancy or an allergy,
a cold store entered now and then, loads named by the bundle, a crew of "我们6个人一起", "不去广东" beside "区内", and
piece rates written unit first. Own sentences, none of blind23's rows verbatim: for each reading one that must fire and
a look-alike that must not, in the kernel, the numpy path and the oracle (`constraints.violations`) alike where a
constraint is involved."""

import pytest

from jianfu.employment.matching import Job, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.crews import posting_crew, seeker_crew
from jianfu.employment.matching.parse import (
    CERT_BITS,
    CERTIFICATES,
    COLD_STORE_ENTRY,
    DRONE_AOPA,
    DRONE_CAAC,
    DRONE_MAKER,
    EBIKE_OR_CAR,
    HARVESTER_LICENCE,
    OWN_EBIKE,
    TRACTOR_LICENCE,
    CertBit,
    body_conditions,
    body_limits,
    cold_now_and_then,
    cold_store_refused,
    held_certificates,
    infer_seeker_limits,
    parse_required_certificates,
    parse_wage,
    stated_load_kg,
    wage_rate,
    withholds_wages,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers
from jianfu.employment.matching.vehicles import posting_needs, seeker_lacks

# ------------------------------------------------------------------------------------ where the new bits are


def test_the_farm_and_drone_certificates_take_the_third_words_free_bits() -> None:
    names = [
        TRACTOR_LICENCE,
        HARVESTER_LICENCE,
        DRONE_CAAC,
        DRONE_AOPA,
        DRONE_MAKER,
        COLD_STORE_ENTRY,
        "农药使用培训证",
    ]
    assert [CERT_BITS[n] for n in names] == [CertBit(2, 1 << k) for k in range(13, 20)]
    assert len(CERTIFICATES) == 229  # (emp-left33: 196; emp-read33: 200; emp-read34: 202; emp-left34: 204; emp-read35: 207; emp-left35: 212; emp-left36: 229) and bit 20, an e-bike or a car (below); bits 21–37 session 24's, 38–53 session 25's,
    # 54–57 session 26's, 58–62 session 27's; the fourth word's 16 session 30's, a flag session 31's (emp-window31), the
    # public-sector conditions (emp-read31, 36) and its top six bits (62–57) three languages and three employer kinds
    # (emp-lang31), below them two licences by 项目 (56 高压电工作业, 55 R1 压力容器; emp-read32)


# ------------------------------------------------------------------------------------ farm machines' licences by kind


def test_a_tractor_and_a_harvester_licence_are_two_certificates() -> None:
    assert held_certificates("拖拉机驾驶证（农机站发的）") == {TRACTOR_LICENCE, "农机驾驶证"}
    assert held_certificates("甘蔗收割机驾驶证") == {HARVESTER_LICENCE, "农机驾驶证"}
    # a 农机 licence naming neither kind: held of both (unknown breaks nothing), and a post asking it is met by either
    assert held_certificates("农机驾驶证") == {TRACTOR_LICENCE, HARVESTER_LICENCE, "农机驾驶证"}
    assert parse_required_certificates("须持农机驾驶证") == (frozenset({"农机驾驶证"}), frozenset())
    assert parse_required_certificates("须持拖拉机驾驶证") == (frozenset({TRACTOR_LICENCE}), frozenset())
    assert parse_required_certificates("收割机驾驶证可协助考") == (
        frozenset(),
        frozenset({HARVESTER_LICENCE}),
    )
    # both kinds named as one: either meets the post, and a seeker naming both holds both
    assert parse_required_certificates("拖拉机或联合收割机驾驶证") == (frozenset({"农机驾驶证"}), frozenset())
    assert held_certificates("拖拉机、收割机驾驶证") == {TRACTOR_LICENCE, HARVESTER_LICENCE, "农机驾驶证"}
    # a lapsed one is none
    assert held_certificates("拖拉机驾驶证（过期三年没审）") == set()


@both_paths
def test_a_harvester_driver_does_not_meet_a_tractor_post(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    tractor = Job(
        id="J1",
        title="旋耕拖拉机手",
        place="石湾镇",
        age="18-60岁",
        certificates="拖拉机驾驶证",
        description="冬种整地旋耕",
    )
    harvester = Job(
        id="J2",
        title="收割机机手",
        place="石湾镇",
        age="18-60岁",
        certificates="联合收割机驾驶证",
        description="水稻收割",
    )
    either = Job(
        id="J3",
        title="农机手",
        place="石湾镇",
        age="18-60岁",
        certificates="农机驾驶证",
        description="农机作业",
    )
    driver = Seeker(
        id="S1",
        age=40,
        residence="石湾镇",
        desired="开收割机",
        certificates="联合收割机驾驶证",
        places="石湾镇",
    )
    assert violations(driver, tractor, GAZ) == ["certificate"]
    assert violations(driver, harvester, GAZ) == []
    assert violations(driver, either, GAZ) == []
    assert sorted(offered(driver, [tractor, harvester, either], kernel=kernel, monkeypatch=monkeypatch)) == [
        "J2",
        "J3",
    ]


@both_paths
def test_a_bare_licence_on_a_tractor_post_is_the_tractors(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    hauling = Job(
        id="J1",
        title="拖拉机拉肥司机",
        place="白沙镇",
        age="18-55岁",
        certificates="需驾驶证",
        description="拖拉机拉肥料上公路",
    )
    van = Job(
        id="J2",
        title="送肥司机",
        place="白沙镇",
        age="18-55岁",
        certificates="需驾驶证",
        description="开面包车送肥料",
    )
    car = Seeker(id="S1", age=40, residence="白沙镇", desired="开车", certificates="C1驾照", places="白沙镇")
    tractor = Seeker(
        id="S2", age=40, residence="白沙镇", desired="开拖拉机", certificates="拖拉机驾驶证", places="白沙镇"
    )
    assert violations(car, hauling, GAZ) == ["certificate"]
    assert violations(tractor, hauling, GAZ) == []
    assert violations(car, van, GAZ) == []  # the look-alike: a van's bare licence stays a car's
    assert offered(car, [hauling, van], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert takers(hauling, [car, tractor], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]


# ------------------------------------------------------------------------------------ drone pilots' papers by issuer


def test_a_drone_pilots_papers_by_issuer_and_order() -> None:
    assert held_certificates("CAAC民用无人机驾驶员执照（超视距）") == {
        DRONE_CAAC,
        DRONE_AOPA,
        DRONE_MAKER,
        "无人机驾驶证",
    }
    assert held_certificates("UTC合格证") == {DRONE_AOPA, DRONE_MAKER, "无人机驾驶证"}
    assert held_certificates("极飞植保无人机培训合格证") == {DRONE_MAKER, "无人机驾驶证"}
    assert held_certificates("飞手证") == {
        DRONE_CAAC,
        DRONE_AOPA,
        DRONE_MAKER,
        "无人机驾驶证",
    }  # no issuer: any
    assert parse_required_certificates("持民航执照") == (frozenset({DRONE_CAAC}), frozenset())
    assert parse_required_certificates("AOPA或UTC合格证均可") == (frozenset({DRONE_AOPA}), frozenset())
    # one of two of the order: the lower is asked (a CAAC holder meets it too)
    assert parse_required_certificates("CAAC执照或AOPA合格证") == (frozenset({DRONE_AOPA}), frozenset())
    assert parse_required_certificates("有无人机操作证即可") == (frozenset({"无人机驾驶证"}), frozenset())
    # the issuer-less name with the papers it may be in a bracket: the papers decide
    assert parse_required_certificates("须持无人机驾驶员执照（CAAC或AOPA）") == (
        frozenset({DRONE_AOPA}),
        frozenset(),
    )


@both_paths
def test_a_makers_paper_does_not_meet_a_caac_post(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    caac = Job(
        id="J1",
        title="植保飞手",
        place="公馆镇",
        age="20-45岁",
        certificates="CAAC执照",
        description="统防统治飞防",
    )
    aopa = Job(
        id="J2",
        title="植保飞手",
        place="公馆镇",
        age="20-45岁",
        certificates="AOPA合格证",
        description="果园飞防",
    )
    any_paper = Job(
        id="J3",
        title="植保飞手",
        place="公馆镇",
        age="20-45岁",
        certificates="无人机操作证",
        description="冬种飞防",
    )
    maker = Seeker(
        id="S1",
        age=30,
        residence="公馆镇",
        desired="无人机飞防",
        certificates="大疆无人机培训合格证",
        places="公馆镇",
    )
    licensed = Seeker(
        id="S2", age=30, residence="公馆镇", desired="无人机飞防", certificates="CAAC执照", places="公馆镇"
    )
    assert violations(maker, caac, GAZ) == ["certificate"]
    assert violations(maker, aopa, GAZ) == ["certificate"]
    assert violations(maker, any_paper, GAZ) == []
    assert violations(licensed, aopa, GAZ) == []
    assert offered(maker, [caac, aopa, any_paper], kernel=kernel, monkeypatch=monkeypatch) == ["J3"]
    assert sorted(takers(caac, [maker, licensed], kernel=kernel, monkeypatch=monkeypatch)) == ["S2"]


# ------------------------------------------------------------------------------------ pay at a task's end


def test_pay_at_a_tasks_end_is_lawful_only_for_a_month_or_less() -> None:
    assert withholds_wages("一天150 摘果期1月至3月 采完统一结")
    assert withholds_wages("按吨计 砍蔗扛捆，工钱收完一次结")  # no period stated: held
    assert withholds_wages("一天200 （12月10日至次年2月底） 收完一次结")
    assert withholds_wages("干完活后结")  # blind22's, unchanged
    # the look-alikes: a task of a month or less, paid when done (《工资支付暂行规定》 第七条)
    assert not withholds_wages("一天130 12月下种，约18天做完 做完一次结")
    assert not withholds_wages("一天160 12月18日至1月12日 收完一次结")
    assert not withholds_wages("一天150 约20天收完 收完统一结")
    assert not withholds_wages("日结 一天两餐")


# ------------------------------------------------------------------------------------ pesticide


def test_pesticide_handled_against_a_pregnancy_or_an_allergy() -> None:
    assert "CHEMICALS" in body_conditions("给橘园人工喷药")
    assert "CHEMICALS" in body_conditions("帮飞手配药、搬电池")
    assert "CHEMICALS" not in body_conditions("卖化肥农药，送货下乡")  # sold, not handled
    assert "CHEMICALS" not in body_conditions("棚里分拣，不接触农药")
    assert "CHEMICALS" not in body_conditions("药店按处方配药")
    assert "CHEMICALS" in body_limits("对农药有点过敏")
    assert "CHEMICALS" in body_limits("不能碰农药")
    assert "CHEMICALS" in body_limits("怀孕四个月")
    assert "CHEMICALS" not in body_limits("打药没问题")


@both_paths
def test_a_spraying_post_refuses_a_seeker_allergic_to_pesticide(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    spraying = Job(
        id="J1", title="果园打药工", place="常乐镇", age="18-60岁", description="背喷雾器给果园打药"
    )
    picking = Job(
        id="J2", title="果园摘果工", place="常乐镇", age="18-60岁", description="摘砂糖橘，不用打药"
    )
    allergic = Seeker(
        id="S1", age=40, residence="常乐镇", desired="果园干活", places="常乐镇", notes="对农药过敏"
    )
    assert violations(allergic, spraying, GAZ) == ["body:CHEMICALS"]
    assert violations(allergic, picking, GAZ) == []
    assert offered(allergic, [spraying, picking], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


def test_the_pesticide_training_certificate() -> None:
    assert parse_required_certificates("须持农药使用培训合格证") == (
        frozenset({"农药使用培训证"}),
        frozenset(),
    )
    assert held_certificates("农药安全使用培训合格证") == {"农药使用培训证"}


# ------------------------------------------------------------------------------------ a cold store now and then


def test_a_cold_store_entered_now_and_then() -> None:
    assert cold_now_and_then("常温包装为主，装完箱偶尔推进冷库")
    assert not cold_now_and_then("冷库内分拣，0-4℃")
    assert not cold_now_and_then("偶尔进冷库，平时在冷库里理货")  # one cold not now and then is cold work
    assert cold_store_refused("怕冷，不能进冷库")
    assert cold_store_refused("冷库进不了")
    assert not cold_store_refused("怕冷")
    assert not cold_store_refused("冷库干过两年")


@both_paths
def test_a_cold_store_now_and_then_refuses_only_its_refusal(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    now_and_then = Job(
        id="J1",
        title="蔬菜打包工",
        place="石康镇",
        age="18-55岁",
        description="常温打包为主，装好箱后偶尔推进冷库",
    )
    cold = Job(id="J2", title="冷库理货员", place="石康镇", age="18-55岁", description="冷库内理货，零下18℃")
    pregnant = Seeker(
        id="S1", age=28, gender="女", residence="石康镇", desired="打包", places="石康镇", notes="怀孕4个月"
    )
    refusing = Seeker(
        id="S2", age=40, gender="女", residence="石康镇", desired="打包", places="石康镇", notes="不能进冷库"
    )
    assert violations(pregnant, now_and_then, GAZ) == []
    assert violations(pregnant, cold, GAZ) == ["limits:COLD_WATER"]
    assert violations(refusing, now_and_then, GAZ) == ["limits:COLD_WATER"]
    assert offered(pregnant, [now_and_then, cold], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]
    assert takers(now_and_then, [pregnant, refusing], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]


# ------------------------------------------------------------------------------------ loads by the bundle, light work


def test_a_load_named_by_the_bundle_and_a_light_work_limit() -> None:
    assert stated_load_kg("蔗捆约45公斤，人工装车") == 45
    assert stated_load_kg("捆约40公斤") == 40
    assert stated_load_kg("捆扎整齐后装箱") == 0
    assert "HEAVY" in infer_seeker_limits("年纪大了只能干轻活")
    assert "HEAVY" in infer_seeker_limits("挑不动担子")
    assert "HEAVY" not in infer_seeker_limits("干活麻利")


@both_paths
def test_a_light_work_seeker_is_not_sent_to_heavy_bundles(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundles = Job(
        id="J1", title="砍蔗工", place="沙田镇", age="不限", description="砍蔗，蔗捆约45公斤人工装车"
    )
    light = Job(id="J2", title="剥蔗叶工", place="沙田镇", age="不限", description="坐着剥蔗叶，不用扛")
    old = Seeker(id="S1", age=62, residence="沙田镇", desired="农活", places="沙田镇", notes="只能干轻活")
    assert violations(old, bundles, GAZ) == ["limits:HEAVY"]
    assert violations(old, light, GAZ) == []
    assert offered(old, [bundles, light], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


# ------------------------------------------------------------------------------------ crews and places


def test_we_n_together_is_a_crew_and_n_or_more_a_group() -> None:
    assert seeker_crew("我们5个人一起，要安排在一块") == 5
    assert seeker_crew("我们4个人一起要一起安排") == 4
    assert seeker_crew("我们3个人一起住在镇上") == 1  # a household, not a crew
    assert posting_crew("砍蔗队", "每组5人以上带队", 30) == (5, 30)
    assert posting_crew("砍蔗队", "每组5人", 30) == (5, 5)


def test_not_guangdong_beside_the_region_caps_at_the_province() -> None:
    home = GAZ.resolve("闸口镇")
    assert GAZ.acceptable("广西区内", home=home, notes="只在区内，不去广东")[0] == 4
    assert GAZ.acceptable("", home=home, notes="不去广东")[0] == 2  # alone: the county, as before


@both_paths
def test_a_region_seeker_who_refuses_guangdong_takes_a_post_in_the_region(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    region = Job(
        id="J1", title="沃柑采摘工", place="广西南宁市武鸣区", age="18-60岁", description="组团采摘，包车往返"
    )
    guangdong = Job(
        id="J2", title="沃柑采摘工", place="广东湛江市", age="18-60岁", description="组团采摘，包车往返"
    )
    seeker = Seeker(
        id="S1", age=50, residence="闸口镇", desired="摘沃柑", places="广西区内", notes="只去区内，不去广东"
    )
    assert violations(seeker, region, GAZ) == []
    assert violations(seeker, guangdong, GAZ) == ["place"]
    assert offered(seeker, [region, guangdong], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]


# ------------------------------------------------------------------------------------ piece rates, unit first


def test_piece_rates_written_unit_first_and_a_skilled_hands_day() -> None:
    assert wage_rate("按吨80元") == ("ton", 80.0, 80.0)
    assert parse_wage("按吨80元").piece_rate
    assert wage_rate("按斤0.4元，熟手一天约220") == ("jin", 0.4, 0.4)
    day = parse_wage("按斤0.4元，熟手一天约220")  # the skilled hand's day, a month of 26 such days
    assert (day.low, day.high, day.piece_rate) == (5720, None, True)
    assert wage_rate("按筐计，熟手一天180-200元") == ("day", 180.0, 200.0)
    assert wage_rate("按斤计，熟手日均150") == ("day", 150.0, None)  # "按斤计" names no price
    month = parse_wage("按件1.5元，月入3500-5000")  # a piece's price before a month: the month is read
    assert (month.low, month.high, month.piece_rate) == (3500, 5000, True)


# ------------------------------------------------------------------------------------ an e-bike or a car (session 22's)


def test_an_ebike_or_a_car_is_asked_as_either() -> None:
    assert posting_needs("送外卖，需自备电动车或小车") == {EBIKE_OR_CAR}
    assert posting_needs("送外卖，需自备电动车") == {OWN_EBIKE}
    assert posting_needs("自备电动车或小车优先") == frozenset()
    assert EBIKE_OR_CAR in seeker_lacks("没有电动车，也没有小车", "")
    assert EBIKE_OR_CAR not in seeker_lacks("没有电动车，家里有辆小车", "")
    assert EBIKE_OR_CAR not in seeker_lacks("没有小车，有电动车", "")
    assert CERT_BITS[EBIKE_OR_CAR] == CertBit(2, 1 << 20)


@both_paths
def test_a_post_asking_either_vehicle_refuses_only_a_seeker_with_neither(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = Job(
        id="J1", title="跑腿配送员", place="廉州镇", age="18-50岁", description="同城配送，需自备电动车或小车"
    )
    neither = Seeker(
        id="S1", age=30, residence="廉州镇", desired="跑腿", places="县城", notes="没有电动车，也没有小车"
    )
    car = Seeker(
        id="S2", age=30, residence="廉州镇", desired="跑腿", places="县城", notes="没有电动车，家里有辆小车"
    )
    assert violations(neither, post, GAZ) == [f"vehicle:{EBIKE_OR_CAR}"]
    assert violations(car, post, GAZ) == []
    assert takers(post, [neither, car], kernel=kernel, monkeypatch=monkeypatch) == ["S2"]

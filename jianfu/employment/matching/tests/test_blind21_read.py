"""Session 21 (emp-read21): blind21 read after its one run — a flexible-work station's posts: pay by commission or by
the order, the ride-hailing driver's licence, a post that needs the worker's own car, and the oracle's flags. Own sentences, none of
blind21's rows verbatim: for each reading one that must fire and a look-alike that must not, in the kernel, the numpy
path and the oracle (`constraints.violations`) alike where a constraint is involved."""

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    ALL_TERM_BITS,
    CERT_BITS,
    OWN_VEHICLE_BIT,
    Wage,
    lacks_own_vehicle,
    needs_own_vehicle,
    normalise_certificates,
    parse_required_certificates,
    parse_wage,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

# ------------------------------------------------------------------------------------ pay by commission or by the order


def test_a_share_of_sales_is_commission_pay_not_a_monthly_figure() -> None:
    # a percentage is a share, never an amount: paid by results, the month unknown (was "超出合理范围")
    assert parse_wage("销售佣金5%-9%") == Wage(None, None, False, True)
    assert parse_wage("每单抽成65%") == Wage(None, None, False, True)
    assert parse_wage("按成交额返佣6%") == Wage(None, None, False, True)
    # a base beside the share is read
    assert parse_wage("底薪2800+佣金5%") == Wage(2800, None, False, True)
    # the look-alikes: an ordinary month and a month beside a rate stay as they were
    assert parse_wage("3000-4000元/月") == Wage(3000, 4000, False, False)
    assert parse_wage("底薪2500+5元/单，月均5000-7000") == Wage(5000, 7000, False, True)


def test_pay_by_the_order_alone_is_piece_rate() -> None:
    assert parse_wage("按单") == Wage(None, None, False, True)
    assert parse_wage("按单，多劳多得") == Wage(None, None, False, True)
    # nonsense is still refused with its reason
    with pytest.raises(ValueError, match="无法识别的工资“看心情”"):
        parse_wage("看心情")


def test_a_rate_per_appliance_or_household_with_a_monthly_average() -> None:
    # "每台…元" is paid per unit installed: the 月均 beside it is the month (was "超出合理范围")
    assert parse_wage("每台安装费50元，月均5500") == Wage(5500, None, False, True)
    assert parse_wage("装机每户30-60元月均7000") == Wage(7000, None, False, True)
    assert parse_wage("每台45元") == Wage(None, None, False, True)


# ---------------------------------------------------------------------------------- the ride-hailing driver's licence


def test_the_ride_hailing_licence_is_a_certificate_of_its_own() -> None:
    assert normalise_certificates("C1驾驶证、网络预约出租汽车驾驶员证") == frozenset({"C1", "C2", "网约车驾驶员证"})   # C1 includes C2
    assert normalise_certificates("网约车证") == frozenset({"网约车驾驶员证"})
    assert parse_required_certificates("C1驾照、网约车驾驶员证") == (frozenset({"C1", "网约车驾驶员证"}), frozenset())
    # obtained after hiring, it is no requirement
    assert parse_required_certificates("C1驾照、网约车驾驶员证（入职可协助办理）") == (frozenset({"C1"}),
                                                                       frozenset({"网约车驾驶员证"}))
    assert CERT_BITS["网约车驾驶员证"].word == 1 and CERT_BITS["网约车驾驶员证"].bit == 1 << 21


@both_paths
def test_a_post_needing_the_licence_held_refuses_a_driver_without_it(kernel: bool,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    post = Job(id="J1", title="网约车司机", place="廉州镇", age="22-55岁", certificates="C1驾照、网约车驾驶员证",
               description="开公司电动车，须持证上岗")
    holder = Seeker(id="S1", age=40, residence="廉州镇", desired="开网约车", certificates="C1驾驶证、网约车驾驶员证")
    plain = Seeker(id="S2", age=40, residence="廉州镇", desired="开网约车", certificates="C1驾驶证")
    assert violations(holder, post, GAZ) == []
    assert violations(plain, post, GAZ) == ["certificate"]
    assert takers(post, [holder, plain], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]


# ------------------------------------------------------------------------------------------- the worker's own vehicle


def test_a_post_needing_the_workers_own_car() -> None:
    assert needs_own_vehicle("拼车接送，须自带5座以上轿车，车龄6年内")
    assert needs_own_vehicle("快运司机（带车加盟） 跑县城到镇上")
    assert needs_own_vehicle("本人自有面包车即可注册")
    assert needs_own_vehicle("须有自己的小货车，手机抢单")
    # the look-alikes: a car offered or not needed, and a rider's e-bike (another kind: a driver "没有车" may ride one)
    assert not needs_own_vehicle("公司配车，不用自带车辆")
    assert not needs_own_vehicle("开公司的小货车送货")
    assert not needs_own_vehicle("自带7座车优先，没有的公司配")
    assert not needs_own_vehicle("代驾 自备电动车或折叠车，APP接单")
    assert not needs_own_vehicle("需自备电动车，没有的站点可租")
    assert not needs_own_vehicle("自备电动三轮或面包车均可") and not needs_own_vehicle("须自带小车或电动车")


def test_a_seeker_saying_they_have_no_car() -> None:
    assert lacks_own_vehicle("自己没有车，白天晚上都行")
    assert lacks_own_vehicle("会开车但没有小车")
    # the look-alikes: a car named as theirs, an e-bike missing (not a car), another thing missing
    assert not lacks_own_vehicle("有面包车")
    assert not lacks_own_vehicle("没有车，想租一辆电动车跑外卖")
    assert not lacks_own_vehicle("刚回老家，没有电动车")
    assert not lacks_own_vehicle("没有小车，家里有一辆五菱")
    assert not lacks_own_vehicle("没有驾照")
    assert not lacks_own_vehicle("没有车间经验")


def test_the_vehicle_bit_sits_above_the_terms() -> None:
    assert OWN_VEHICLE_BIT == 1 << 61 and OWN_VEHICLE_BIT & ALL_TERM_BITS == 0


@both_paths
def test_a_post_needing_an_own_car_refuses_a_seeker_without_one(kernel: bool,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    post = Job(id="J1", title="同城货运司机", place="廉州镇", age="22-55岁", certificates="C1驾照",
               description="须自带面包车或小货车，手机抢单，时间自由")
    owner = Seeker(id="S1", age=35, residence="廉州镇", desired="开车拉货", certificates="C1驾驶证", places="县城",
                   notes="有一辆面包车")
    silent = Seeker(id="S2", age=35, residence="廉州镇", desired="开车拉货", certificates="C1驾驶证", places="县城")
    carless = Seeker(id="S3", age=35, residence="廉州镇", desired="开车拉货", certificates="C1驾驶证", places="县城",
                     notes="自己没有车")
    assert violations(owner, post, GAZ) == [] and violations(silent, post, GAZ) == []
    assert violations(carless, post, GAZ) == ["vehicle"]
    assert takers(post, [owner, silent, carless], kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]
    # the look-alike: a post that drives the company's van takes him
    company = Job(id="J2", title="货运司机", place="廉州镇", age="22-55岁", certificates="C1驾照",
                  description="开公司面包车送货，时间自由")
    assert violations(carless, company, GAZ) == []
    assert offered(carless, [post, company], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


# ------------------------------------------------------------------------- the oracle's flags on blind21's first run


def test_a_certificate_got_within_days_of_joining_is_no_requirement() -> None:
    from jianfu.employment.matching.parse import parse_required_certificates as required
    assert required("健康证（入职后3天内办理）") == (frozenset(), frozenset({"健康证"}))
    assert required("健康证，上岗后一周内补办") == (frozenset(), frozenset({"健康证"}))
    # the look-alike: held before the start
    assert required("须持健康证上岗") == (frozenset({"健康证"}), frozenset())


def test_typing_at_a_desk_asks_no_hearing() -> None:
    from jianfu.employment.matching.parse import infer_job_demands
    # a customer-service trade (4-04-01) asks hearing unless the replies are typed
    assert "HEARING" not in infer_job_demands("网店客服（文字） 回复买家消息", ["4-04-01"])
    assert "HEARING" not in infer_job_demands("客服 值班回复消息，坐着打字", ["4-04-01"])
    assert "HEARING" not in infer_job_demands("客服 在家接待网店文字咨询", ["4-04-01"])
    # the look-alikes: a phone beside the typing, and customer service said no more
    assert "HEARING" in infer_job_demands("客服 文字咨询为主，也要接电话", ["4-04-01"])
    assert "HEARING" in infer_job_demands("网店客服 回复买家消息", ["4-04-01"])


def test_a_shift_left_to_choice_before_it_is_named_asks_no_night() -> None:
    from jianfu.employment.matching.parse import infer_job_demands
    assert "NIGHT" not in infer_job_demands("在线客服，可选早班、晚班", [])
    assert "NIGHT" in infer_job_demands("在线客服，早班、晚班轮换", [])


def test_a_day_job_and_free_evenings_is_no_night_limit() -> None:
    from jianfu.employment.matching.parse import infer_seeker_limits
    assert "NIGHT" not in infer_seeker_limits("白天在厂里上班，晚上8点以后有空")
    assert "NIGHT" not in infer_seeker_limits("白天上班，晚上6点后才有时间")
    # the look-alike: a day-shift wish stays a limit
    assert "NIGHT" in infer_seeker_limits("只能白天上班")


@both_paths
def test_a_certificate_the_description_lets_be_got_after_joining(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from jianfu.employment.matching.parse import optional_in_description
    assert optional_in_description("送餐到户。健康证入职后5天内办好即可。") == frozenset({"健康证"})
    assert optional_in_description("送餐到户，须持健康证上岗。") == frozenset()
    # the help offered is the second certificate's, not the licence named before it
    assert optional_in_description("须持B2驾照及危险货物运输从业资格证（公司协助办理）") == frozenset()
    post = Job(id="J1", title="送餐员", place="廉州镇", age="18-50岁", certificates="健康证",
               description="县城送餐，健康证入职后5天内办好即可")
    strict = Job(id="J2", title="送餐员", place="廉州镇", age="18-50岁", certificates="健康证",
                 description="县城送餐，须持健康证上岗")
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="送餐", places="县城")
    assert violations(seeker, post, GAZ) == []
    assert violations(seeker, strict, GAZ) == ["certificate"]
    assert offered(seeker, [post, strict], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]


# ------------------------------------------------ the ride-hailing licence's three years of driving (暂行办法 第十四条)


def test_the_years_a_seeker_has_held_a_licence() -> None:
    from jianfu.employment.matching.parse import licence_years
    assert licence_years("驾驶证2025年才拿到", year=2026) == 1
    assert licence_years("C1（2019年领的）", year=2026) == 7
    assert licence_years("2024年考的驾照", year=2026) == 2
    assert licence_years("刚拿驾照一年", year=2026) == 1
    assert licence_years("驾龄两年", year=2026) == 2
    # the look-alikes: a car's year, a licence without one
    assert licence_years("车是2025年买的", year=2026) is None
    assert licence_years("C1驾驶证，开过货车", year=2026) is None


def test_a_ride_hailing_post_naming_the_licence() -> None:
    from jianfu.employment.matching.parse import asks_ride_hailing_licence
    assert asks_ride_hailing_licence("网约车司机 自带车，人车双证入职可办")
    assert asks_ride_hailing_licence("网约车快车司机 网约车驾驶员证公司帮办")
    # the look-alikes: a taxi's licence, a ride-hailing post naming none
    assert not asks_ride_hailing_licence("出租车司机 巡游出租汽车驾驶员证可协助考")
    assert not asks_ride_hailing_licence("网约车车队 招洗车工")


@both_paths
def test_a_licence_under_three_years_cannot_get_the_ride_hailing_licence(kernel: bool,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date
    this_year = date.today().year
    post = Job(id="J1", title="网约车司机（公司车）", place="廉州镇", age="22-55岁", certificates="C1驾照",
               description="开公司电动车，网约车驾驶员证入职后公司帮办")
    new = Seeker(id="S1", age=30, residence="廉州镇", desired="开网约车", certificates="C1驾驶证",
                 notes=f"驾照{this_year - 1}年才考到")
    old = Seeker(id="S2", age=30, residence="廉州镇", desired="开网约车", certificates="C1驾驶证",
                 notes=f"驾照{this_year - 6}年考的")
    silent = Seeker(id="S3", age=30, residence="廉州镇", desired="开网约车", certificates="C1驾驶证")
    assert violations(new, post, GAZ) == ["certificate"]
    assert violations(old, post, GAZ) == [] and violations(silent, post, GAZ) == []
    assert takers(post, [new, old, silent], kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3"]
    # the look-alike: an ordinary driving post asks no three years of the new driver
    van = Job(id="J2", title="送货司机", place="廉州镇", age="22-55岁", certificates="C1驾照", description="开公司面包车送货")
    assert violations(new, van, GAZ) == []
    assert offered(new, [post, van], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


# --------------------------------------------------------------------- a post charging the worker to start (第九条)


def test_a_post_charging_the_worker_to_start() -> None:
    from jianfu.employment.matching.parse import charges_worker
    assert charges_worker("上岗前需交工装押金150元")
    assert charges_worker("报名收取资料费和培训费共300元")
    assert charges_worker("入驻平台需缴纳保证金200元")
    assert charges_worker("注册须自费购买指定头盔和餐箱260元")
    # the look-alikes: nothing charged, a rental the worker may choose, a wage deduction for damage
    assert not charges_worker("不收押金，不收任何费用")
    assert not charges_worker("免培训费，无需保证金")
    assert not charges_worker("没有车的可租，租车押金300元（自愿）")
    assert not charges_worker("损坏设备照价赔偿")


@both_paths
def test_a_post_charging_a_deposit_is_offered_to_nobody(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    charging = Job(id="J1", title="配送员", place="廉州镇", age="18-50岁", description="入职交装备押金300元，时间自由")
    fair = Job(id="J2", title="配送员", place="廉州镇", age="18-50岁", description="不收押金，时间自由")
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="送外卖", places="县城", notes="有电动车")
    assert violations(seeker, charging, GAZ) == ["fee"]
    assert violations(seeker, fair, GAZ) == []
    assert offered(seeker, [charging, fair], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert takers(charging, [seeker], kernel=kernel, monkeypatch=monkeypatch) == []


def test_the_reasons_name_the_licence_not_the_years_it_asks() -> None:
    post = Job(id="J1", title="网约车司机（公司车）", place="廉州镇", age="22-55岁", certificates="C1驾照、网约车驾驶员证",
               description="开公司电动车，须持证上岗")
    driver = Seeker(id="S1", age=40, residence="廉州镇", desired="开网约车", places="县城",
                    certificates="C1驾驶证、网约车驾驶员证")
    rec = matcher.Matcher(jobs=[post], seekers=[driver], gazetteer=GAZ).jobs_for(driver)[0]
    assert "持有C1、网约车驾驶员证" in rec.reasons and "驾龄" not in rec.reasons

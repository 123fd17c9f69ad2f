"""Session 22 (emp-dev22, issue 8 items 1–2): the vehicle a post needs the worker to bring — an e-bike, the kind and
age of a car — and a stated record against the driving platforms and a "无犯罪记录" line. Own sentences, none of
blind21's rows: for each reading one that must fire and a look-alike that must not, in the kernel, the numpy path and
the oracle (`constraints.violations`) alike."""

import pytest

from jianfu.employment.matching import Job, Seeker, vehicles
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    CAR_AGES,
    CAR_KINDS,
    CERT_BITS,
    EBIKE_OR_CAR,
    NO_DRIVING_RECORD,
    NO_RECORD,
    OWN_EBIKE,
    VEHICLE_AND_RECORD,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

CAR, SEAT5, SEAT7, VAN, TRUCK = CAR_KINDS


def _needs(text: str) -> frozenset[str]:
    return vehicles.posting_needs(text, year=2026)


def _lacks(said: str, record: str = "") -> frozenset[str]:
    return vehicles.seeker_lacks(said, f"{said} {record}", year=2026)


def test_the_levels_take_the_third_certificate_word() -> None:
    # merged with emp-read22 (whose certificates by issuer fill the second word's bits 24–39): the third word's 0–12
    bits = [CERT_BITS[n] for n in VEHICLE_AND_RECORD]
    assert {b.word for b in bits} == {2}
    assert [b.bit.bit_length() - 1 for b in bits] == list(range(0, 13))


# ----------------------------------------------------------------------------------------------------------- e-bikes


def test_a_post_asking_the_rider_to_bring_an_e_bike() -> None:
    assert _needs("镇上送外卖，骑手须自带电动车，中午晚上高峰在线") == {OWN_EBIKE}
    assert _needs("上门送水，电动车需自备") == {OWN_EBIKE}
    # look-alikes: preferred, waived, a car doing as well, or one lent free
    assert _needs("送外卖，有电动车优先") == frozenset()
    assert _needs("送桶装水，无需自备电动车，店里有三轮") == frozenset()
    # (session 23, emp-read23: either vehicle asked — refused only to a seeker with neither, `EBIKE_OR_CAR`)
    assert _needs("同城急送，自备电动车或小汽车均可") == {EBIKE_OR_CAR}
    assert _needs("送外卖，自备电动车，没有车的网点免费借用") == frozenset()
    assert _needs("送外卖，自备电动车，没有车的可租，月租200元，不收押金") == frozenset()


def test_a_rental_with_a_deposit_binds_only_who_needs_it() -> None:
    post = "跑腿配送，自备电动车，没有车的可以向站点租，租车押金600元"
    assert _needs(post) == {OWN_EBIKE}
    assert _lacks("家里没有电动车，想租一辆") == {OWN_EBIKE}
    assert _lacks("有电动车，手机会用") == frozenset()
    # a bare "没车" is a car: a driver without one may still ride an e-bike
    assert OWN_EBIKE not in _lacks("自己没车，会开车")


@both_paths
def test_an_e_bike_post_with_a_rental_deposit_in_both_paths(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = Job(
        id="J1",
        title="跑腿员",
        place="廉州镇",
        description="县城跑腿配送，自备电动车，没有车的可以向站点租，租车押金600元",
    )
    free = Job(
        id="J2", title="跑腿员", place="廉州镇", description="县城跑腿配送，没有电动车的站点免费借，不收押金"
    )
    owner = Seeker(id="S1", age=30, residence="廉州镇", desired="跑腿", notes="有电动车")
    renter = Seeker(id="S2", age=30, residence="廉州镇", desired="跑腿", notes="没有电动车，想租一辆")
    assert violations(owner, post, GAZ) == []
    assert violations(renter, post, GAZ) == ["vehicle:" + OWN_EBIKE]
    assert violations(renter, free, GAZ) == []
    assert offered(renter, [post, free], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert takers(post, [owner, renter], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]


# ------------------------------------------------------------------------------------------------ a car's kind and age


def test_the_kind_and_age_of_the_car_a_post_asks_for() -> None:
    assert _needs("拼车接送，须自带7座商务车，车龄5年以内") == {SEAT7, CAR_AGES[1]}
    assert _needs("带车加盟，五座轿车，车龄不超过7年") == {
        SEAT5,
        CAR_AGES[3],
    }  # 7 rounds up to 8, never stricter
    assert _needs("带车加盟，2019年以后的车，非面包车") == {CAR, CAR_AGES[3]}  # 2026 − 2019 = 7 → 8
    assert _needs("同城货运，须自带面包车") == {VAN}
    assert _needs("干线物流，自有4.2米厢式货车") == {TRUCK}
    # look-alikes: any car, any of several kinds, a company car, or no car asked at all
    assert _needs("带车加盟，五座或七座均可") == {CAR}
    assert _needs("同城货运，自带面包车或小货车均可") == frozenset()
    assert _needs("开公司7座商务车接送客人，车龄3年以内的新车") == frozenset()
    assert _needs("仓库理货，车龄5年以内的叉车由公司提供") == frozenset()


def test_the_car_a_seeker_says_they_own() -> None:
    assert _lacks("家里有一辆2015年的五座轿车") == {
        SEAT7,
        VAN,
        TRUCK,
        *CAR_AGES,
    }  # 11 years: over every limit
    assert _lacks("自己有台七座车，前年买的") == {SEAT5, VAN, TRUCK}
    assert _lacks("长安面包车，2020年的") == {CAR, SEAT5, SEAT7, TRUCK, *CAR_AGES[:2]}  # 6 years old
    # look-alikes: a car with no kind or year, a car driven for work, a birth year beside an e-bike
    assert _lacks("有车，想跑网约车") == frozenset()
    assert _lacks("在厂里开过五年面包车") == frozenset()
    assert _lacks("有电动车，1970年出生") == frozenset()


@both_paths
def test_a_car_too_old_or_of_another_kind_is_refused(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    post = Job(
        id="J1",
        title="网约车司机（带车）",
        place="廉州镇",
        certificates="C1驾照",
        description="自带五座轿车，车龄8年以内，平台派单",
    )
    old = Seeker(
        id="S1", age=40, residence="廉州镇", desired="网约车", certificates="C1", notes="家里有辆2012年的轿车"
    )
    van = Seeker(
        id="S2",
        age=40,
        residence="廉州镇",
        desired="网约车",
        certificates="C1",
        notes="自己的面包车，2022年买的",
    )
    new = Seeker(
        id="S3", age=40, residence="廉州镇", desired="网约车", certificates="C1", notes="有辆2021年的五座轿车"
    )
    plain = Seeker(id="S4", age=40, residence="廉州镇", desired="网约车", certificates="C1", notes="有车")
    assert violations(old, post, GAZ) == ["vehicle:" + CAR_AGES[3]]
    assert violations(van, post, GAZ) == ["vehicle:" + SEAT5]
    assert violations(new, post, GAZ) == violations(plain, post, GAZ) == []
    assert takers(post, [old, van, new, plain], kernel=kernel, monkeypatch=monkeypatch) == ["S3", "S4"]


# ----------------------------------------------------------------------------------------------------------- records


def test_a_stated_record() -> None:
    assert _lacks("", "前几年酒后驾驶被抓过") == {NO_DRIVING_RECORD}  # administrative: no criminal record
    assert _lacks("", "因醉酒驾驶判过刑，已经刑满") == {NO_DRIVING_RECORD, NO_RECORD}
    assert _lacks("", "刑满释放人员，想找份正经工作") == {NO_RECORD}
    # look-alikes: a clean record said, a post's words on drink-driving quoted as a wish
    assert _lacks("", "无犯罪记录，没有酒驾") == frozenset()
    assert _lacks("", "从没醉驾过，驾龄十年") == frozenset()


def test_the_posts_a_record_bars() -> None:
    assert _needs("网约车司机，开公司车，时间自由") == {NO_DRIVING_RECORD}
    assert _needs("酒楼代驾，晚上接单") == {NO_DRIVING_RECORD}
    assert _needs("仓库夜班保管员，需无犯罪记录") == {NO_RECORD}
    # session 25 (emp-read25, blind25 read): a line naming drink-driving alone asks that alone — `records`'
    # NO_DRINK_DRIVING, not the ride-hailing list (test_blind25_read.py)
    assert _needs("班车司机，要求无酒驾记录") == frozenset()
    assert _needs("班车司机，要求无交通肇事、暴力犯罪记录") == {NO_DRIVING_RECORD}
    # look-alikes: a rental firm's other work, a post waiving the line
    assert _needs("汽车出租车辆清洗，白班") == frozenset()
    assert _needs("分拣打包，不要求无犯罪记录证明") == frozenset()


@both_paths
def test_a_drink_driving_record_bars_the_driving_platforms_only(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    drive = Job(id="J1", title="代驾司机", place="廉州镇", description="晚上接单，平台派单")
    night = Job(id="J2", title="仓库保管员", place="廉州镇", description="夜班看仓库，需无犯罪记录")
    pack = Job(id="J3", title="打包员", place="廉州镇", description="电商打包，白班")
    record = Seeker(
        id="S1",
        age=45,
        residence="廉州镇",
        desired="代驾、看仓库、打包都行",
        certificates="C1",
        notes="以前醉驾被判过拘役",
    )
    clean = Seeker(id="S2", age=45, residence="廉州镇", desired="代驾、看仓库、打包都行", certificates="C1")
    assert violations(record, drive, GAZ) == ["vehicle:" + NO_DRIVING_RECORD]
    assert violations(record, night, GAZ) == ["vehicle:" + NO_RECORD]
    assert (
        violations(record, pack, GAZ) == violations(clean, drive, GAZ) == violations(clean, night, GAZ) == []
    )
    assert offered(record, [drive, night, pack], kernel=kernel, monkeypatch=monkeypatch) == ["J3"]
    assert offered(clean, [drive, night, pack], kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3"]

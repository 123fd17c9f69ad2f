"""Session 25 (emp-read25): blind25 read after its one run — an 安置帮教 and 社区矫正 desk's seekers against postings with
records and statutory bars: the statute of the work a posting names (保安, 幼儿园, a unit in close contact with minors, a
娱乐场所, 会计, food management), the record lines a posting writes (无违法犯罪记录 / 政审, 无吸毒史 / 尿检, 无酒驾记录, a
sealed record against 无犯罪记录), a seeker's 禁止令 and 从业禁止, the county a 社区矫正对象 may not leave, a licence a drug
measure voids and a motorcycle licence that is no car's; and three misreadings beside them (a deposit the worker
collects is no fee, "证有最好" is a wish, "带孩子的…都能做" names no 育婴 trade). Own sentences, none of blind25's rows
verbatim: for each reading one that must fire and a look-alike that must not, in the kernel, the numpy path and the
oracle (`constraints.violations`) alike. Fairness is tested as a reading: a record breaks only what a posting's words or
the statute of its work bar, what a row does not state breaks nothing, and a record is never a soft penalty."""

from collections.abc import Iterator

import pytest

from jianfu.employment.matching import Job, Seeker, records
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.matcher import Matcher
from jianfu.employment.matching.parse import (
    CERT_BITS,
    MOTORCYCLE_LICENCE,
    RECORD_LEVELS,
    CertBit,
    ages_counted_in,
    charges_worker,
    parse_required_certificates,
    posting_trades,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers


@pytest.fixture(autouse=True)
def _in_2026() -> Iterator[None]:
    with ages_counted_in(2026):      # terms, licences and measures are read against a reference year
        yield


def seeker(sid: str, category: str = "", *, desired: str = "普工", places: str = "县城", notes: str = "",
           certificates: str = "无", residence: str = "廉州镇", gender: str = "男", age: int = 35) -> Seeker:
    return Seeker(id=sid, age=age, gender=gender, residence=residence, desired=desired, places=places, notes=notes,
                  certificates=certificates, category=category, wage="3000")


def post(jid: str, title: str, description: str = "", *, employer: str = "合浦某公司", place: str = "廉州镇",
         certificates: str = "无", age: str = "18-55") -> Job:
    return Job(id=jid, title=title, employer=employer, place=place, description=description,
               certificates=certificates, age=age, wage="3000-4000")


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ)


# ------------------------------------------------------------------------------------ where the new bits are


def test_the_record_levels_and_the_motorcycle_licence_take_the_third_words_next_bits() -> None:
    assert [CERT_BITS[n] for n in RECORD_LEVELS] == [CertBit(2, 1 << k) for k in range(38, 53)]
    assert CERT_BITS[MOTORCYCLE_LICENCE] == CertBit(2, 1 << 53)


# ------------------------------------------------------------------------------------ whose record, and which


def test_a_relatives_record_a_victims_words_and_silence_are_no_record() -> None:
    assert records.offences("刑满释放人员家属（老公前年刑满）") == frozenset()
    assert records.offences("社区矫正对象家属（儿子缓刑）；他在矫正，我想离家近点") == frozenset()
    assert records.offences("以前在饭店打工被人打伤过") == frozenset()
    assert records.offences("做事稳重，怕得罪人") == frozenset()
    assert records.offences("") == frozenset()
    # look-alikes: the seeker's own record, written in the first or the third person
    assert records.offences("刑满释放人员（2021年出狱，抢劫罪）") >= {"CONVICTED", "INTENTIONAL", "VIOLENT"}
    assert records.offences("他2022年出狱，诈骗罪") >= {"CONVICTED", "INTENTIONAL"}
    assert "VIOLENT" not in records.offences("缓刑，寻衅滋事罪：在路口拦车要钱，无人受伤")
    assert "VIOLENT" in records.offences("缓刑，寻衅滋事罪：在夜市打架致人轻伤")
    assert "INTENTIONAL" not in records.offences("刑满释放人员（过失致人重伤罪）")
    assert "INTENTIONAL" not in records.offences("刑满释放，2022年出狱")        # the offence unstated
    assert records.offences("社区戒毒人员（2025年起）") == {"DRUG_USE"}
    assert "DRUG_USE" not in records.offences("刑满释放（容留他人吸毒罪）")
    assert "DRUG_USE" not in records.offences("刑满释放（运输毒品罪），本人从不吸毒")


# ------------------------------------------------------------------------------------ the statute of the work


@both_paths
def test_a_guards_post_refuses_an_intentional_crime_forced_rehab_and_three_detentions(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    guard = post("J1", "物业秩序维护员", "小区门岗值班")
    patrol = post("J2", "仓库夜班看守", "晚上看仓库，每隔一小时巡逻一次")
    watch = post("J3", "果园看护", "住在果园里看果子，不用巡逻")
    people = [
        seeker("S1", "刑满释放人员（2020年出狱，抢夺罪）", desired="保安、看场"),
        seeker("S2", "刑满释放人员（2019年释放，过失致人重伤罪）", desired="保安、看场"),
        seeker("S3", "刑满释放，2022年出狱", desired="保安、看场"),                   # offence unstated
        seeker("S4", "", desired="保安、看场"),                                         # silent
        seeker("S5", "解除强制隔离戒毒人员（2019年解除）", desired="保安、看场"),
        seeker("S6", "", desired="保安、看场", notes="以前赌博被行政拘留过四次"),
        seeker("S7", "", desired="保安、看场", notes="年轻时打架被行政拘留过一次"),
    ]
    for job in (guard, patrol):
        assert [bool(broken(p, job)) for p in people] == [True, False, False, False, True, True, False], job.title
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3", "S4", "S7"]
    assert [broken(p, watch) for p in people] == [[]] * 7
    assert takers(watch, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]


@both_paths
def test_a_kindergarten_bars_drugs_and_gambling_a_school_only_what_its_statute_names(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    kindergarten = post("J1", "保洁员", "教室和走廊保洁", employer="廉州镇某幼儿园")
    school = post("J2", "食堂帮厨", "切菜、洗碗", employer="合浦县某小学")
    driving_school = post("J3", "报名接待", "接待学员报名", employer="合浦某驾驶员培训学校")
    people = [
        seeker("S1", "社区戒毒人员（2025年起）", desired="保洁、帮厨、接待"),
        seeker("S2", "刑满释放人员（聚众赌博罪）", desired="保洁、帮厨、接待"),
        seeker("S3", "刑满释放人员（故意伤害罪）", desired="保洁、帮厨、接待"),
        seeker("S4", "刑满释放人员（盗窃罪）", desired="保洁、帮厨、接待"),
    ]
    assert [bool(broken(p, kindergarten)) for p in people] == [True, True, True, False]
    assert [bool(broken(p, school)) for p in people] == [False, False, True, False]
    assert [broken(p, driving_school) for p in people] == [[]] * 4
    assert takers(kindergarten, people, kernel=kernel, monkeypatch=monkeypatch) == ["S4"]
    assert takers(school, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S4"]
    assert takers(driving_school, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4"]


@both_paths
def test_an_entertainment_venue_a_till_and_a_kitchen_head_bar_what_their_statutes_name(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    karaoke = post("J1", "服务员", "包厢点单、送酒水", employer="廉州镇某歌舞厅")
    billiards = post("J2", "服务员", "开台计时、收银", employer="廉州镇某台球室")
    accounts = post("J3", "财务会计", "记账、报税")
    stores = post("J4", "仓管员", "出入库登记")
    head = post("J5", "后厨主管", "排班、验收食材")
    line = post("J6", "包装工", "月饼装盒封口", employer="合浦某食品厂")
    people = [
        seeker("S1", "刑满释放人员（贩卖毒品罪）", desired="服务员、会计、仓管、厨房、包装"),
        seeker("S2", "社区戒毒人员（2025年起）", desired="服务员、会计、仓管、厨房、包装"),
        seeker("S3", "刑满释放人员（挪用公款罪）", desired="服务员、会计、仓管、厨房、包装"),
        seeker("S4", "刑满释放人员（生产、销售有毒、有害食品罪）", desired="服务员、会计、仓管、厨房、包装"),
    ]
    assert [bool(broken(p, karaoke)) for p in people] == [True, False, False, False]
    assert [bool(broken(p, accounts)) for p in people] == [False, False, True, False]
    assert [bool(broken(p, head)) for p in people] == [False, False, False, True]
    for job in (billiards, stores, line):
        assert [broken(p, job) for p in people] == [[]] * 4, job.title
    assert takers(karaoke, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3", "S4"]
    assert takers(accounts, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S4"]
    assert takers(head, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3"]
    for job in (billiards, stores, line):
        assert takers(job, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4"], job.title


# ------------------------------------------------------------------------------------ lines a posting writes


@both_paths
def test_record_lines_refuse_what_they_name(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    no_offence = post("J1", "理货员", "上货理货。需提供无违法犯罪记录证明")
    vetted = post("J2", "理货员", "上货理货，录用前政审")
    no_crime = post("J3", "理货员", "上货理货。入职须开具无犯罪记录证明")
    no_drugs = post("J4", "理货员", "上货理货，入职体检含尿检")
    open_post = post("J5", "理货员", "上货理货")
    people = [
        seeker("S1", "社区戒毒人员（2025年起）", desired="理货"),
        seeker("S2", "", desired="理货", notes="前年打架被行政拘留过一次"),
        seeker("S3", "刑满释放人员（运输毒品罪），本人从不吸毒", desired="理货"),
        seeker("S4", "刑满释放人员（盗窃罪；犯罪时16岁，犯罪记录已封存）", desired="理货"),
        seeker("S5", "", desired="理货"),
    ]
    assert [bool(broken(p, no_offence)) for p in people] == [True, True, True, False, False]
    assert [bool(broken(p, vetted)) for p in people] == [True, True, True, False, False]
    assert [bool(broken(p, no_crime)) for p in people] == [False, False, True, False, False]
    assert [bool(broken(p, no_drugs)) for p in people] == [True, False, False, False, False]
    assert [broken(p, open_post) for p in people] == [[]] * 5
    assert takers(no_offence, people, kernel=kernel, monkeypatch=monkeypatch) == ["S4", "S5"]
    assert takers(no_crime, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S4", "S5"]
    assert takers(no_drugs, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2", "S3", "S4", "S5"]
    assert takers(open_post, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S2", "S3", "S4", "S5"]


@both_paths
def test_a_drink_driving_line_is_not_the_ride_hailing_bar(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    truck = post("J1", "货车司机", "跑县内送货，要求无酒驾记录", certificates="B2驾驶证")
    ride = post("J2", "网约车司机", "公司提供车辆，县城接单", certificates="C1驾驶证")
    people = [
        seeker("S1", "刑满释放人员（2019年释放，交通肇事罪）", desired="司机", certificates="B2驾驶证"),
        seeker("S2", "", desired="司机", certificates="B2驾驶证", notes="前年醉驾被判缓刑，缓刑已结束"),
        seeker("S3", "", desired="司机", certificates="B2驾驶证"),
    ]
    assert [bool(broken(p, truck)) for p in people] == [False, True, False]
    assert [bool(broken(p, ride)) for p in people] == [True, True, False]
    assert takers(truck, people, kernel=kernel, monkeypatch=monkeypatch) == ["S1", "S3"]
    assert takers(ride, people, kernel=kernel, monkeypatch=monkeypatch) == ["S3"]


# ------------------------------------------------------------------------------------ 禁止令 and 从业禁止


def test_the_workplaces_and_trades_an_order_names() -> None:
    assert records.banned("缓刑；禁止令：考验期内禁止进入酒吧、网吧等娱乐场所") == {
        "未被禁止进入娱乐场所", "未被禁止进入网吧"}
    assert records.banned("缓刑；禁止令：禁止进入中小学校园") == {"未被禁止进入中小学校、幼儿园"}
    assert records.banned("判决从业禁止三年（禁止从事食品经营）") == {"未被禁止从事食品生产经营"}
    assert records.banned("从业禁止：禁止从事药品零售相关职业") == {"未被禁止从事药品生产经营"}
    # look-alikes: an order that has ended, one that names a person, a row with none
    assert records.banned("缓刑；禁止令已到期（原禁止进入娱乐场所）") == frozenset()
    assert records.banned("缓刑；禁止令：禁止接触被害人") == frozenset()
    assert records.banned("刑满释放人员（盗窃罪）") == frozenset()


@both_paths
def test_an_order_refuses_the_places_and_trades_it_names_and_no_other(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    bar = post("J1", "服务员", "晚上点单、送酒", employer="廉州镇某清吧")
    netbar = post("J2", "网管", "收银、维护电脑", employer="廉州镇某网咖")
    hotel = post("J3", "前台", "办理入住退房。酒店三楼有KTV，另行招聘", employer="廉州镇某宾馆")
    billiards = post("J4", "服务员", "开台计时", employer="廉州镇某台球室")
    school = post("J5", "宿管员", "学生宿舍管理", employer="合浦县某中学")
    meals = post("J6", "送餐员", "中央厨房做好饭，跟车进校园分餐", employer="合浦某餐饮公司")
    lunch = post("J7", "午托厨师", "街上的午托班，不在学校里面，给孩子做午饭", employer="廉州镇某午托班")
    noodles = post("J8", "普工", "蒸粉、切粉", employer="合浦某米粉厂")
    electronics = post("J9", "普工", "插件、目检", employer="合浦某电子厂")
    pharmacy = post("J10", "营业员", "卖药、收银", employer="廉州镇某大药房")
    market = post("J11", "理货员", "超市上货", employer="廉州镇某超市")
    nights = seeker("S1", "社区矫正对象（缓刑二年，盗窃罪）；禁止令：考验期内禁止进入酒吧、网吧等娱乐场所",
                    desired="服务员、网管、前台")
    schools = seeker("S2", "社区矫正对象（缓刑，寻衅滋事罪，无人受伤）；禁止令：禁止进入中小学校园",
                     desired="宿管、送餐、厨师")
    food = seeker("S3", "社区矫正对象（缓刑，销售不符合安全标准的食品罪）；禁止令：禁止从事食品生产、销售", desired="普工")
    drugs = seeker("S4", "刑满释放人员（销售假药罪）；判决从业禁止（禁止从事药品经营）", desired="营业员、理货")
    for s, refused, kept in ((nights, (bar, netbar), (hotel, billiards)), (schools, (school, meals), (lunch,)),
                             (food, (noodles,), (electronics,)), (drugs, (pharmacy,), (market,))):
        assert all(broken(s, j) for j in refused), s.id
        assert not any(broken(s, j) for j in kept), s.id
        assert offered(s, [*refused, *kept], kernel=kernel, monkeypatch=monkeypatch) == sorted(j.id for j in kept)


# ------------------------------------------------------------------------------------ 社区矫正 and the county


def test_who_is_bound_to_the_county() -> None:
    assert records.county_bound("社区矫正对象（缓刑一年，盗窃罪；矫正期至2027年9月）")
    assert records.county_bound("暂予监外执行（诈骗罪）")                        # no end written: running
    assert records.county_bound("", ) is False
    assert records.county_bound("想去外地，可是出县要请假")
    # look-alikes: a term that has ended, a relative's term, a released prisoner, a drug measure
    assert not records.county_bound("社区矫正对象（缓刑，盗窃罪；矫正期至2025年3月）")
    assert not records.county_bound("社区矫正对象家属（丈夫缓刑）；他在矫正")
    assert not records.county_bound("刑满释放人员（盗窃罪）")
    assert not records.county_bound("社区戒毒人员（2025年起）")


@both_paths
def test_a_supervised_seeker_stays_in_the_county_but_where_approved_or_after_the_term(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = post("J1", "普工", "插件")
    far = post("J2", "普工", "两班倒，包吃住", place="广东东莞")
    city = post("J3", "普工", "白班", place="北海市海城区")
    travels = post("J4", "跟单员", "经常出差去外省工厂验货")
    now_and_then = post("J5", "文员", "录单，偶尔出差去北海")
    jobs = [home, far, city, travels, now_and_then]
    supervised = seeker("S1", "社区矫正对象（缓刑，盗窃罪；矫正期至2030年5月）", places="县城、广东也可以、北海市区",
                        desired="普工、跟单、文员")
    approved = seeker("S2", "社区矫正对象（缓刑，盗窃罪；矫正期至2030年5月）；司法所已批准经常去北海市区上班",
                      places="县城、北海市区", desired="普工、跟单、文员")
    after_term = seeker("S3", "社区矫正对象（缓刑，盗窃罪；矫正期至2030年5月）", places="县城；矫正结束后去广东也可以",
                        desired="普工、跟单、文员")
    ended = seeker("S4", "社区矫正对象（缓刑，盗窃罪；矫正期至2024年5月）", places="县城、广东也可以、北海市区",
                   desired="普工、跟单、文员")
    released = seeker("S5", "刑满释放人员（盗窃罪）", places="县城、广东也可以、北海市区", desired="普工、跟单、文员")
    assert offered(supervised, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J5"]
    assert offered(approved, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J3", "J5"]
    assert offered(after_term, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J5"]
    assert offered(ended, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3", "J4", "J5"]
    assert offered(released, jobs, kernel=kernel, monkeypatch=monkeypatch) == ["J1", "J2", "J3", "J4", "J5"]
    assert broken(supervised, far) == ["place"] and broken(supervised, travels) == ["record:可经常离开本县"]
    assert broken(approved, city) == [] and broken(after_term, far) == [] and broken(ended, travels) == []


# ------------------------------------------------------------------------------------ licences


def test_a_drug_measure_voids_a_licence_for_three_years() -> None:
    assert records.licence_void("社区戒毒人员（2025年起，期限三年）")
    assert records.licence_void("解除强制隔离戒毒人员（2025年3月解除），目前在社区康复")
    assert records.licence_void("2024年8月解除强制隔离戒毒")
    # look-alikes: a measure over, a release three or more years ago, a drug crime without use, a disability's 康复
    assert not records.licence_void("解除社区戒毒人员（2020年完成社区戒毒）")
    assert not records.licence_void("解除强制隔离戒毒人员（2021年8月解除，社区康复已结束）")
    assert not records.licence_void("刑满释放人员（运输毒品罪）")
    assert not records.licence_void("残疾人，在社区康复站做理疗")


@both_paths
def test_a_voided_licence_and_a_motorcycle_licence_drive_no_car(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    van = post("J1", "送货司机", "开面包车给县城商店送货", certificates="C1驾驶证")
    motorbike = post("J2", "跑腿骑手", "骑摩托车跑单", certificates="摩托车驾驶证（D或E）")
    people = [
        seeker("S1", "社区戒毒人员（2025年起）", desired="司机、骑手", certificates="C1驾驶证、摩托车驾驶证（E证）"),
        seeker("S2", "解除社区戒毒人员（2020年完成社区戒毒）", desired="司机、骑手", certificates="C1驾驶证"),
        seeker("S3", "", desired="司机、骑手", certificates="摩托车驾驶证（D证）"),
    ]
    assert [bool(broken(p, van)) for p in people] == [True, False, True]
    assert [bool(broken(p, motorbike)) for p in people] == [True, True, False]
    assert takers(van, people, kernel=kernel, monkeypatch=monkeypatch) == ["S2"]
    assert takers(motorbike, people, kernel=kernel, monkeypatch=monkeypatch) == ["S3"]


# ------------------------------------------------------------------------------------ three misreadings beside them


def test_a_deposit_the_worker_collects_is_no_fee() -> None:
    assert not charges_worker("宾馆前台：登记入住、收押金、办退房")
    assert not charges_worker("负责收取住客押金并开具收据")
    assert charges_worker("入职收押金200元，做满三个月退")
    assert charges_worker("员工需交服装押金")


def test_a_certificate_one_would_best_have_is_a_wish() -> None:
    assert parse_required_certificates("挖机证有最好") == (frozenset(), frozenset({"挖掘机操作证"}))
    assert parse_required_certificates("最好有叉车证") == (frozenset(), frozenset({"叉车证"}))
    assert parse_required_certificates("叉车证") == (frozenset({"叉车证"}), frozenset())


def test_who_may_do_the_work_is_no_trade_of_it() -> None:
    nanny = "4-10-02"     # 育婴员
    assert nanny not in posting_trades("居家编织工", "到点里领竹条回家编筐，带孩子的、年纪大的都能做")
    assert nanny not in posting_trades("临时工", "在家粘纸盒，带娃的宝妈也能做")
    # look-alikes: minding children as the work itself
    assert nanny in posting_trades("临时工", "帮忙带孩子，白天在家")
    assert nanny in posting_trades("招工", "负责带孩子、哄睡、喂奶")


# ------------------------------------------------------------------------------------ fairness and ADR 0027


def test_a_record_is_no_soft_penalty_on_a_post_that_states_no_bar() -> None:
    job = post("J1", "普工", "插件、目检，长白班")
    with_record = seeker("S1", "刑满释放人员（2023年出狱，盗窃罪）")
    drug_measure = seeker("S2", "社区戒毒人员（2025年起）")
    without = seeker("S3")
    m = Matcher(jobs=[job], seekers=[with_record, drug_measure, without], gazetteer=GAZ)
    scores = {r.seeker_id: r.score for r in m.seekers_for(job)}
    assert scores["S1"] == scores["S2"] == scores["S3"]
    reasons = m.pair(with_record, job)
    assert reasons is not None and "持有；" not in reasons.reasons and "记录" not in reasons.reasons


@both_paths
def test_a_mens_only_guard_post_still_offers_a_woman_adr_0027(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    job = post("J1", "保安员", "小区门岗，限男性")
    woman = seeker("S1", "刑满释放人员（交通肇事罪）", desired="保安", gender="女")
    assert broken(woman, job) == []
    assert takers(job, [woman], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]

"""Session 12 (emp-dev), kinds read after blind12's run (own sentences, not the split's rows): shifts a posting states
by their crew count or by its clock hours, round-the-clock care, a seeker's evening cut-off, and caring for elders as a
wish of work rather than a duty at home."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    infer_job_demands,
    infer_seeker_limits,
    normalise_certificates,
    occupation_scores,
    posting_trades,
    stated_load_kg,
    works_late,
)

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------ a posting's nights

@pytest.mark.parametrize("text", ["纸机岗位，四班三倒", "三班两倒，月休四天", "四班二倒，做二休二"])
def test_rotations_named_by_their_crew_count_are_night_work(text):
    assert "NIGHT" in infer_job_demands(text)          # were read as day work: no shift word matched


@pytest.mark.parametrize("text", [
    "烧烤店帮工，晚上6点到12点",           # the end inherits the start's evening: 24:00
    "夜宵档，18:00-23:30",
    "仓库夜间理货，晚9点到早5点",           # past midnight
    "下午三点到晚上十一点",
    "上午10点到晚上10点半，做六休一",       # emp-fix27: ending at 22:00 sharp is no night (below); half past is
])
def test_stated_hours_that_run_into_the_night_are_night_work(text):
    assert works_late(text)
    assert "NIGHT" in infer_job_demands(text)


@pytest.mark.parametrize("text", [
    "饭店服务员，分段班10:30-14:00、17:00-21:00",   # ends before 22:00
    "早上7点到下午5点，中午休息两小时",
    "凌晨5点开工，中午收工",                          # an early start is not night work here
    "早餐档，凌晨5点到中午12点",                      # a start in the small hours is not past midnight
    "长白班八点到五点半",                             # a 12-hour clock: 8:00 to 17:30, not overnight
    "白班8点到5点，晚上不用留",
    "上午9点至下午3点",
    "中午11点到下午2点送餐",
    "月薪3000-4000，每天8:00-17:30",
    "上午10点到晚上10点，做六休一",          # emp-fix27: 《劳动法》's night is 22:00–6:00; a shift ending at 22:00 works none
])
def test_day_hours_and_early_starts_are_not_night_work(text):
    assert not works_late(text)
    assert "NIGHT" not in infer_job_demands(text)


def test_round_the_clock_care_asks_nights_long_hours_and_a_night_away():
    demands = infer_job_demands("病房陪护，24小时看护病人")
    assert {"NIGHT", "LONG_HOURS", "AWAY"} <= demands
    assert "NIGHT" not in infer_job_demands("养老院护理员，白班，8小时")


# ------------------------------------------------------------------------------ a seeker's evening cut-off

@pytest.mark.parametrize("text", [
    "晚上八点后不行，要辅导孩子功课",
    "下午六点以后要回家做饭",
    "10点以后没空",
    "傍晚6点前得回家",
    "下午四点半前要走，接小孩",
])
def test_an_evening_cut_off_is_a_night_limit(text):
    assert "NIGHT" in infer_seeker_limits(text)


@pytest.mark.parametrize("text", ["早上8点以后才能到", "上午9点以后才有空", "早上7点前要送孩子去学校"])
def test_a_morning_time_is_no_night_limit(text):
    assert "NIGHT" not in infer_seeker_limits(text)


def test_an_evening_cut_off_keeps_the_seeker_from_late_shifts():
    seeker = Seeker(id="S1", age=33, residence="廉州镇", desired="超市收银", places="县城", notes="晚上8点后不行")
    late = Job(id="J1", title="收银员", place="廉州镇", description="超市收银，14:00-22:30")
    day = Job(id="J2", title="收银员", place="廉州镇", description="超市收银，8:00-17:00")
    # session 13: the stated hours (until 22:30) also fall in the window the seeker cannot work (after 20:00)
    assert violations(seeker, late, GAZ) == ["limits:NIGHT", "hours"]
    assert violations(seeker, day, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[late, day], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker, top=10)]
    assert ranked == ["J2"]


# ------------------------------------------------------------------------------ caring for elders: a wish or a duty

@pytest.mark.parametrize("text", ["照顾老人，做护工也行", "想找照顾老人的活", "照顾老人"])
def test_caring_for_elders_as_the_work_asked_for_is_no_limit(text):
    assert not {"LONG_HOURS", "AWAY"} & infer_seeker_limits(text)


@pytest.mark.parametrize("text", ["晚上要照顾老人", "家里有老人要照顾", "得照顾卧床的婆婆", "白天可以，晚上要照顾父母"])
def test_caring_for_ones_own_elders_is_a_limit(text):
    assert {"LONG_HOURS", "AWAY"} <= infer_seeker_limits(text)


def test_a_carer_who_asked_for_care_work_is_offered_round_the_clock_care():
    seeker = Seeker(id="S1", age=48, residence="廉州镇", desired="照顾老人，医院陪护也行", places="县城")
    ward = Job(id="J1", title="病房护工", place="廉州镇", description="住院病人陪护，24小时陪护")
    assert violations(seeker, ward, GAZ) == []
    home = Seeker(id="S2", age=48, residence="廉州镇", desired="医院陪护", places="县城", notes="晚上要回家")
    assert violations(home, ward, GAZ) != []


# ------------------------------------------------------------------------------ ladders, trees and roofs are heights

@pytest.mark.parametrize("text", ["龙眼采摘，要架梯子上树", "屋顶防水补漏", "爬树摘椰子", "仓库高位货架，需爬梯取货"])
def test_ladders_trees_and_roofs_are_work_at_height(text):
    assert "HEIGHT" in infer_job_demands(text)


@pytest.mark.parametrize("text", ["矮化果树，不用搭梯子", "写字楼保洁，有电梯", "楼梯扶手擦拭"])
def test_no_ladder_no_height(text):
    assert "HEIGHT" not in infer_job_demands(text)


def test_a_seeker_who_fears_heights_is_kept_from_ladder_work():
    seeker = Seeker(id="S1", age=40, residence="公馆镇", desired="果园的活", places="本镇", notes="恐高")
    ladder = Job(id="J1", title="龙眼采摘工", place="公馆镇", description="龙眼采摘，要架梯子上树")
    ground = Job(id="J2", title="果园除草工", place="公馆镇", description="果园除草、施肥")
    assert violations(seeker, ladder, GAZ) == ["limits:HEIGHT"]
    assert violations(seeker, ground, GAZ) == []


# ------------------------------------------------------------------------------ a load stated per piece

@pytest.mark.parametrize(("text", "kg"), [
    ("砖块人工装车，每块约28公斤", 28.0),     # was 0: 每块 was no word of a piece lifted
    ("每捆钢筋60斤，两人抬", 30.0),
    ("每桶油漆20公斤", 20.0),
    ("每袋50公斤", 50.0),                     # read as before
    ("体重120斤以上", 0.0),                   # a body weight, not a load
    ("日采摘300斤", 0.0),                     # a day's output, not a load
])
def test_a_load_stated_per_piece(text, kg):
    assert stated_load_kg(text) == kg


def test_a_woman_is_not_sent_to_men_only_work_whose_piece_is_over_the_legal_load():
    # ADR 0027: 限男性 binds only where the posting's own words put the work in the appendix (over 25 kg a lift)
    woman = Seeker(id="S1", age=40, gender="女", residence="廉州镇", desired="装卸、搬运", places="县城")
    bricks = Job(id="J1", title="装车工", place="廉州镇", description="砖块人工装车，每块约28公斤，限男性")
    light = Job(id="J2", title="装车工", place="廉州镇", description="纸箱装车，每箱约15公斤，限男性")
    assert violations(woman, bricks, GAZ) == ["limits:MEN_ONLY_LAWFUL"]
    assert violations(woman, light, GAZ) == []


@pytest.mark.parametrize(("text", "heavy"), [
    ("晒场收筐，每筐50来斤", True),           # "50来斤" is about 50 斤 (was not read)
    ("收筐入库，每筐30斤", False),            # 15 kg: under the law's 20
    ("分装干货，每箱约8公斤", False),
    ("饲料入库，每包20公斤", True),
])
def test_a_stated_load_of_twenty_kilos_is_heavy_work(text, heavy):
    assert ("HEAVY" in infer_job_demands(text)) is heavy


def test_a_seeker_who_cannot_lift_is_kept_from_a_stated_load():
    seeker = Seeker(id="S1", age=50, residence="西场镇", desired="海产厂的活", places="本镇", notes="腰椎不好")
    baskets = Job(id="J1", title="晒场工", place="西场镇", description="翻晒鱼干，每筐45斤，收筐入库")
    sorting = Job(id="J2", title="分拣工", place="西场镇", description="坐着分拣鱼干")
    assert violations(seeker, baskets, GAZ) == ["limits:HEAVY"]
    assert violations(seeker, sorting, GAZ) == []


# ------------------------------------------------------------------------------ speaking Mandarin

@pytest.mark.parametrize(("text", "asks"), [
    ("酒店前台，普通话流利", True), ("景区讲解，标准普通话", True), ("电话回访，能用普通话交流", True),
    ("普通话二级乙等以上", True),
    ("海味店员，会讲白话优先", False), ("不要求普通话", False), ("收银，普通话不限", False),
    ("会讲普通话和白话更好", False), ("普通话流利者优先", False),
])
def test_a_posting_that_asks_for_mandarin(text, asks):
    assert ("MANDARIN" in infer_job_demands(text)) is asks


@pytest.mark.parametrize(("text", "limited"), [
    ("普通话说不好", True), ("不会说普通话", True), ("只会讲粤语和客家话", True), ("普通话不太会", True),
    ("想找讲白话的地方洗碗", False), ("普通话二级甲等", False),
])
def test_a_seeker_who_cannot_speak_mandarin(text, limited):
    assert ("MANDARIN" in infer_seeker_limits(text)) is limited


def test_a_seeker_who_speaks_only_cantonese_is_kept_from_a_mandarin_post():
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="直播卖货", places="县城", notes="只会讲白话")
    host = Job(id="J1", title="带货主播", place="廉州镇", description="直播卖干货，普通话标准")
    stall = Job(id="J2", title="海味店员", place="廉州镇", description="卖海味干货，会讲白话优先")
    assert violations(seeker, host, GAZ) == ["limits:MANDARIN"]
    assert violations(seeker, stall, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[host, stall], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker, top=10)]
    assert ranked == ["J2"]


# ------------------------------------------------------------------------------ a certificate not held

@pytest.mark.parametrize(("text", "held"), [
    ("初级会计职称", {"会计证"}),
    ("（初级会计职称在考）", set()),           # being sat: was read as held
    ("电工证（正在考）", set()),
    ("健康证、叉车证准备考", {"健康证"}),     # only the item that says so is left out
    ("没有健康证", set()),
    ("健康证过期了", set()),
    ("C1驾照在学", set()),
])
def test_a_certificate_not_held_is_not_read(text, held):
    assert normalise_certificates(text) == held


def test_a_seeker_still_sitting_the_exam_is_not_sent_to_a_post_that_requires_it():
    seeker = Seeker(id="S1", age=24, education="大专", residence="廉州镇", desired="会计", certificates="初级会计职称在考",
                    places="县城")
    books = Job(id="J1", title="会计", education="大专", certificates="须持初级会计职称", place="廉州镇")
    assert violations(seeker, books, GAZ) == ["certificate"]


# ------------------------------------------------------------------------------ the sugar mills' pressing season

def test_the_pressing_season_is_the_sugar_mills_work():
    assert "6-01-02" in occupation_scores("榨季想去做点活")
    assert posting_trades("榨季临时工", "11月开榨，看压榨机") == ("6-01-02",)
    assert posting_trades("糖厂压榨工") == ("6-01-02",)
    # a trade named beside the season keeps its own title: a harvester driver of the season is a harvester driver
    assert posting_trades("甘蔗收割机手（榨季）") == ("5-05-01",)


def test_a_seeker_asking_for_season_work_finds_the_mill():
    seeker = Seeker(id="S1", age=45, residence="常乐镇", desired="榨季的活", places="本镇")
    mill = Job(id="J1", title="压榨辅助工", place="常乐镇", description="榨季压榨车间辅助，长白班")
    other = Job(id="J2", title="饭店服务员", place="常乐镇", description="点菜传菜")
    ranked = [r.job_id for r in Matcher(jobs=[mill, other], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker, top=10)]
    assert ranked[0] == "J1"

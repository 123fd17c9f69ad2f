"""Session 13: working hours as a window (issue 8). A posting's stated hours (ranges, split shifts, rotations) against
the hours a seeker says they cannot work; a seeker who can only work nights; weekends; half a day. Own sentences, none
taken from the evaluation splits."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.explain import hours_conflict, hours_phrases
from jianfu.employment.matching.hours import SLOTS, job_bits, job_hours, seeker_busy
from jianfu.employment.matching.parse import DEMAND_BITS, infer_job_demands, infer_seeker_limits

GAZ = Gazetteer.builtin()


def spans(slots: int) -> list[tuple[float, float]]:
    """The slot bits as clock spans on a day from 4:00 (ends past 24 are the small hours)."""
    out: list[tuple[float, float]] = []
    for k in [*range(8, SLOTS), *range(0, 8)]:
        if slots >> k & 1:
            h = k / 2 + (24 if k < 8 else 0)
            if out and out[-1][1] == h:
                out[-1] = (out[-1][0], h + 0.5)
            else:
                out.append((h, h + 0.5))
    return out


# ------------------------------------------------------------------------------ a posting's stated hours

@pytest.mark.parametrize(("text", "label", "hours"), [
    ("包装工，8:00-17:30，中午休息1小时", "8:00–17:30", 9.5),
    ("果园采摘，早7点到晚7点", "7:00–19:00", 12),
    ("纺纱车间两班倒 8-20/20-8", "8:00–20:00、20:00–8:00", 24),
    ("学校食堂上午班 8-12", "8:00–12:00", 4),
    ("长白班七点半到五点半", "7:30–17:30", 10),              # a 12-hour clock: 5点半 is 17:30
    ("酒楼服务员，两头班10:00-14:00、17:00-21:00", "10:00–14:00、17:00–21:00", 8),
    ("物流分拣，晚上9点到凌晨3点", "21:00–3:00", 6),
    ("早上五点出车送菜", "5:00–5:30", 0.5),                  # a start said with its verb
    ("保洁，上午8点30分到11点30分", "8:30–11:30", 3),
    ("门卫，8时至18时", "8:00–18:00", 10),
    ("两班倒（早班7点到3点，晚班3点到11点）", "7:00–15:00、15:00–23:00", 16),   # a late shift's hours are the afternoon's
    ("送货司机，早上7点出车，下午4点收车", "7:00–16:00", 9),                  # a start and an end said with their verbs
])
def test_a_postings_stated_hours(text, label, hours):
    read = job_hours(text)
    assert read.label() == label
    assert bin(read.slots).count("1") == hours * 2


@pytest.mark.parametrize("text", [
    "早上7点半前到岗有补贴",         # a deadline with a bonus, not a shift start
    "有意者下午4点前报名",
    "报名时间8:00-17:00，地点人社局三楼",
    "面试时间：上午9点到11点",
    "年龄18-45岁，月薪4-5千",
    "每天工作8-10小时",
    "3-6月份为旺季",
    "中午12:00-13:30休息",
    "普工，包吃住",
    "上午7:00-11:30，下午14:00-17:30，带孩子的可以只做上午",   # hours the worker may shorten bind nobody
    "早8点到晚6点，时间可协商",
])
def test_what_is_not_a_postings_hours(text):
    assert job_hours(text).slots == 0
    assert job_bits(text) == 0


def test_named_shifts_to_choose_from_count_only_their_common_hours():
    # "早班…，晚班…" without a word of rotating: the worker takes one; a rotation does both
    choice = job_hours("超市理货，早班7:00-15:00，晚班15:00-23:00")
    assert choice.alternatives and choice.slots == 0
    rotation = job_hours("超市理货，早班7:00-15:00，晚班15:00-23:00，每周轮换")
    assert not rotation.alternatives
    assert spans(rotation.slots) == [(7.0, 23.0)]


def test_seven_hours_or_more_is_a_full_days_work():
    assert job_bits("上午8点到下午3点") & DEMAND_BITS["FULL_DAY"]
    assert not job_bits("上午9点到下午2点") & DEMAND_BITS["FULL_DAY"]
    assert "FULL_DAY" in infer_job_demands("电子厂，长白班")


# ------------------------------------------------------------------------------ a seeker's window

@pytest.mark.parametrize(("text", "busy"), [
    ("早上送完孩子8点半以后才能上班", [(4.0, 8.5)]),
    # free until the child is fetched (session 16, emp-read16: a writer's rule; was half an hour before, 15.5)
    ("下午4点要接孩子", [(16.0, 28.0)]),
    ("晚上7点前要到家", [(18.5, 28.0)]),
    ("上午有空，下午要带孙子", [(12.0, 28.0)]),
    ("晚上9点后不行", [(21.0, 28.0)]),
    ("早上8点前、下午5点后不行", [(4.0, 8.0), (17.0, 28.0)]),
    ("只能做到下午两点", [(14.0, 28.0)]),
    ("下午要接孩子", [(16.0, 28.0)]),
    ("早上八点半前到不了", [(4.0, 8.5)]),
    ("晚上要照顾老人", []),                              # an evening duty without a clock is the night limit's
    ("下午5点要走", [(17.0, 28.0)]),
    ("只能上夜班", [(8.0, 17.0)]),
    ("白天要照顾家里，只能晚上干", [(8.0, 17.0)]),
])
def test_a_seekers_unavailable_hours(text, busy):
    assert spans(seeker_busy(text)) == busy


@pytest.mark.parametrize("text", [
    "老婆上夜班，我白天晚上都行", "能上夜班", "夜班也行", "早上7点起床", "上午下午都有空", "想找8小时的活",
    "做过3年保安", "下午有空也可以上午有空也可以",
])
def test_what_is_no_window(text):
    assert seeker_busy(text) == 0
    assert "DAYTIME" not in infer_seeker_limits(text)


def test_night_only_is_the_mirror_of_day_only():
    assert infer_seeker_limits("只能上夜班") == frozenset({"DAYTIME"})       # not NIGHT: nights are what they want
    assert "DAYTIME" in infer_job_demands("电子厂普工，长白班，不上夜班")
    assert "DAYTIME" not in infer_job_demands("电子厂普工，白班夜班两班倒")
    assert "DAYTIME" not in infer_job_demands("电子厂普工")                     # says nothing of its shifts


@pytest.mark.parametrize(("seeker", "job", "broken"), [
    ("周末不能上班", "做六休一", True),
    ("周末要带孩子", "单休，月休4天", True),
    ("周末不能上班", "周末双休", False),
    ("周末不能上班", "普工，包吃住", False),
    ("周末有空", "做六休一", False),
])
def test_weekends(seeker, job, broken):
    assert bool(infer_seeker_limits(seeker) & infer_job_demands(job) & {"WEEKEND"}) is broken


# ------------------------------------------------------------------------------ the pair: oracle, matcher, 为何推荐

def _seeker(notes: str) -> Seeker:
    return Seeker(id="S1", age=38, residence="廉州镇", desired="食堂帮厨", places="县城", notes=notes)


def _job(id_: str, description: str) -> Job:
    return Job(id=id_, title="食堂帮厨", place="廉州镇", description=description)


def test_a_window_breaks_only_what_the_posting_states():
    seeker = _seeker("下午4点要接孩子")
    full = _job("J1", "学校食堂帮厨，8:00-17:30")
    morning = _job("J2", "学校食堂帮厨，上午班 8-12")
    silent = _job("J3", "学校食堂帮厨，洗菜切菜")
    assert violations(seeker, full, GAZ) == ["hours"]
    assert violations(seeker, morning, GAZ) == []
    assert violations(seeker, silent, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[full, morning, silent], seekers=[seeker], gazetteer=GAZ)
              .jobs_for(seeker, top=10)]
    assert sorted(ranked) == ["J2", "J3"]


def test_a_morning_start_keeps_the_seeker_from_an_early_shift_and_not_from_a_late_one():
    seeker = _seeker("早上送完孩子8点半以后才能上班")
    early = _job("J1", "食堂帮厨，早上6点到下午2点")
    late = _job("J2", "食堂帮厨，上午9点到下午5点")
    assert violations(seeker, early, GAZ) == ["hours"]
    assert violations(seeker, late, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[early, late], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker, top=10)]
    assert ranked == ["J2"]


def test_a_night_only_seeker_is_not_sent_to_day_work():
    seeker = _seeker("白天要照顾家里，只能晚上干")
    day = _job("J1", "食堂帮厨，长白班")
    night = _job("J2", "夜宵档帮厨，晚上8点到凌晨2点")
    silent = _job("J3", "食堂帮厨")
    assert violations(seeker, day, GAZ) == ["limits:DAYTIME"]
    assert violations(seeker, night, GAZ) == []
    assert violations(seeker, silent, GAZ) == []
    ranked = [r.job_id for r in Matcher(jobs=[day, night, silent], seekers=[seeker], gazetteer=GAZ)
              .jobs_for(seeker, top=10)]
    assert sorted(ranked) == ["J2", "J3"]


def test_half_a_day_against_a_full_days_hours():
    seeker = _seeker("只能做半天")
    assert violations(seeker, _job("J1", "食堂帮厨，8:00-17:30"), GAZ) == ["limits:FULL_DAY"]
    assert violations(seeker, _job("J2", "食堂帮厨，上午9点到下午1点"), GAZ) == []


def test_the_seekers_for_a_posting_leave_out_those_its_hours_do_not_suit():
    job = _job("J1", "学校食堂帮厨，8:00-17:30")
    fetches = Seeker(id="S1", age=38, residence="廉州镇", desired="食堂帮厨", places="县城", notes="下午4点要接孩子")
    free = Seeker(id="S2", age=40, residence="廉州镇", desired="食堂帮厨", places="县城", notes="时间都可以")
    ranked = [r.seeker_id for r in Matcher(jobs=[job], seekers=[fetches, free], gazetteer=GAZ).seekers_for(job, top=10)]
    assert ranked == ["S2"]


def test_why_recommended_names_the_hours_in_plain_words():
    seeker = _seeker("上午有空，下午要带孙子")
    morning = _job("J1", "学校食堂帮厨，上午班 8-12")
    rec = Matcher(jobs=[morning], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker, top=10)[0]
    assert "岗位工作时间 8:00–12:00，不与“上午有空，下午要带孙子”冲突" in rec.reasons
    silent = _job("J2", "学校食堂帮厨")
    assert hours_phrases(seeker, silent) == ([], ["岗位未写明工作时间，请核实能否兼顾“上午有空，下午要带孙子”"])
    assert hours_conflict(_seeker("下午4点要接孩子"), _job("J3", "食堂帮厨，8:00-17:30")) == \
        "岗位工作时间 8:00–17:30，与“下午4点要接孩子”冲突"
    assert hours_conflict(_seeker("下午4点要接孩子"), _job("J4", "食堂帮厨，上午班 8-12")) == ""

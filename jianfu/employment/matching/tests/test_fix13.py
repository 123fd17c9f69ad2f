"""Session 13 diff review (notes/diffreview13.md), the matching findings: home outwork only at a county or finer (D03)
and not where the posting forbids it (D02); hours on a 12-hour clock (D01), a seeker's duty with words between the clock
and the duty (D05), night shifts and short forms of hours (D06), named shifts with no common hour (D17)."""

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.evaluate import _age_place_ok
from jianfu.employment.matching.explain import hours_phrases
from jianfu.employment.matching.hours import job_hours, seeker_busy
from jianfu.employment.matching.parse import works_at_home

GAZ = Gazetteer.builtin()


def _busy_from(slots: int) -> float:
    """The clock time a seeker's busy evening starts (slots on a day from 4:00)."""
    return min(k / 2 for k in range(8, 48) if slots >> k & 1)


# ------------------------------------------------------------------------------ D02: a forbidding posting

@pytest.mark.parametrize("text", [
    "不允许带回家做",
    "禁止把材料带回家做",
    "不要在家做",
    "材料不用带回家做，厂里有宿舍",
    "不能够在家做",
    "材料不允许带回家做，须在车间完成",
])
def test_a_posting_that_forbids_home_work_is_not_home_outwork(text):
    assert not works_at_home(text)


@pytest.mark.parametrize("text", ["年龄不限，可以带回家做", "年龄不限可在家做", "把材料带回家做，按件计酬"])
def test_home_work_after_an_unrelated_negation_is_still_read(text):
    assert works_at_home(text)


def test_a_forbidding_posting_keeps_its_place_limit():
    seeker = Seeker(id="s", age=48, gender="女", residence="山口镇", desired="手工活", places="本镇", wage="面议")
    job = Job(id="j", title="毛绒玩具缝制", place="合浦县", description="材料不允许带回家做，须在车间完成", wage="计件")
    assert violations(seeker, job, GAZ) == ["place"]
    m = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ)
    assert m.J.at_home.tolist() == [0]
    assert m.jobs_for(seeker) == []


# ------------------------------------------------------------------------------ D03: home outwork at a wide place

@pytest.mark.parametrize("place", ["广西", "北海市"])
def test_home_outwork_at_a_province_or_prefecture_is_no_nearer_than_its_place(place):
    seeker = Seeker(id="s", age=48, gender="女", residence="山口镇", desired="手工活", places="本镇", wage="面议")
    job = Job(id="j", title="藤编加工", place=place, description="藤编果篮来料加工，可带回家做", wage="计件")
    assert violations(seeker, job, GAZ) == ["place"]
    assert _age_place_ok(seeker, job, GAZ) is False           # the evaluation's baseline filter agrees
    m = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ)
    assert m.J.at_home.tolist() == [0]
    assert m.jobs_for(seeker) == []
    from jianfu.employment.matching import matcher as mod
    si, ji = np.arange(1), np.arange(1)
    fused = mod.score_block(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
    ref = mod.score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
    assert not np.isfinite(fused).any() and not np.isfinite(ref).any()


def test_home_outwork_of_the_county_still_reaches_its_homes():
    seeker = Seeker(id="s", age=48, gender="女", residence="山口镇", desired="手工活", places="本镇", wage="面议")
    job = Job(id="j", title="藤编加工", place="合浦县", description="藤编果篮来料加工，可带回家做", wage="计件")
    assert violations(seeker, job, GAZ) == []
    assert _age_place_ok(seeker, job, GAZ) is True
    m = Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ)
    assert m.J.at_home.tolist() == [3]
    assert [r.job_id for r in m.jobs_for(seeker)] == ["j"]


# ------------------------------------------------------------------------------ D01, D06: a posting's hours

@pytest.mark.parametrize(("text", "label"), [
    ("8点上班，5点半下班", "8:00–17:30"),                 # D01: a 12-hour clock end
    ("包装普工，5点半下班", "17:00–17:30"),
    ("晚上8点上班，早上8点下班", "20:00–8:00"),
    ("晚上12点到早上8点", "0:00–8:00"),                   # D06: a start at midnight
    ("夜班8点到8点", "20:00–8:00"),
    ("早8晚6", "8:00–18:00"),
    ("早八晚五，包吃住", "8:00–17:00"),
    ("做六休一 8-18", "8:00–18:00"),
    ("早上8点上班，下午5点半下班", "8:00–17:30"),          # unchanged
    ("晚上10点下班", "21:30–22:00"),                     # unchanged
])
def test_a_postings_hours_after_the_review(text, label):
    assert job_hours(text).label() == label


def test_a_twelve_hour_clock_end_decides_the_pair_both_ways():
    job = Job(id="j", title="包装普工", place="山口镇", description="8点上班，5点半下班")

    def seeker(notes: str) -> Seeker:
        return Seeker(id="s", age=38, residence="山口镇", desired="包装普工", places="县内", notes=notes)

    assert violations(seeker("下午4点要接孩子"), job, GAZ) == ["hours"]
    assert violations(seeker("早上6点前不行"), job, GAZ) == []


# ------------------------------------------------------------------------------ D05, D06: a seeker's hours

@pytest.mark.parametrize(("text", "start"), [
    # session 16 (emp-read16): a child fetched at a time leaves the seeker free until then (was half an hour before)
    ("下午3点半放学要接孩子", 15.5),
    ("每天下午四点半要去学校接孙子", 16.5),
    ("下午4点要接孩子", 16.0),
    ("12点前要到家", 23.5),                             # home by midnight, not by noon
    ("中午12点前要到家", 11.5),
])
def test_a_seekers_duty_with_words_between(text, start):
    assert _busy_from(seeker_busy(text)) == start


def test_a_school_fetch_breaks_a_full_days_post():
    seeker = Seeker(id="s", age=38, residence="山口镇", desired="包装普工", places="县内", notes="每天下午四点半要去学校接孙子")
    job = Job(id="j", title="包装普工", place="山口镇", description="上班时间8:00-17:30")
    assert violations(seeker, job, GAZ) == ["hours"]


# ------------------------------------------------------------------------------ D17: named shifts, no common hour

def test_named_shifts_with_no_common_hour_are_not_said_to_be_unstated():
    job = Job(id="j", title="食堂帮厨", place="廉州镇", description="早班7:00-15:00，晚班15:00-23:00")
    seeker = Seeker(id="s", age=38, residence="廉州镇", desired="食堂帮厨", places="县城", notes="下午4点要接孩子")
    assert hours_phrases(seeker, job) == (["岗位班次可选（7:00–15:00、15:00–23:00），其中 7:00–15:00 不与“下午4点要接孩子”冲突"], [])
    night = Seeker(id="n", age=38, residence="廉州镇", desired="食堂帮厨", places="县城", notes="早上8点半前到不了，下午4点要接孩子")
    assert hours_phrases(night, job) == ([], ["岗位班次可选（7:00–15:00、15:00–23:00），均与“早上8点半前到不了，下午4点要接孩子”冲突，请核实"])

"""emp-fix27: the matcher's misreadings session 26 left (docs/matching.md, "Session 27 (emp-fix27)") — the age on a
posting's stated start, a shift ending at 22:00, a lapsed certificate taken for renewal, 在读 against an education floor,
and the work history's trade named as such in 为何推荐. Each reading in the kernel, the numpy path, the one-seeker
filter (`kernel.feasible`) and the oracle (`constraints.violations`) alike, with a look-alike that must not move."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, matcher, minors, parse
from jianfu.employment.matching import kernel as kernel_module
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import ADULT_PLACE, ADULT_WORK
from jianfu.employment.matching.tests.two_paths import both_paths

GAZ = Gazetteer.builtin()
TODAY = date(2026, 12, 6)


pytestmark = pytest.mark.usefixtures("ages_in_2026")


def person(sid: str, age: int, *, notes: str = "", desired: str = "普工", education: str = "初中", category: str = "",
           certificates: str = "无", experience: str = "") -> Seeker:
    return Seeker(id=sid, age=age, gender="男", residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates=certificates, category=category, education=education, wage="3000", experience=experience)


def post(jid: str, title: str, description: str = "", *, employer: str = "合浦某公司", age: str = "18-45",
         education: str = "不限", certificates: str = "无") -> Job:
    return Job(id=jid, title=title, employer=employer, place="廉州镇", description=description, age=age,
               education=education, wage="3000-4000", certificates=certificates)


def offered(seeker: Seeker, jobs: list[Job], *, kernel_on: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The postings offered to `seeker` (the kernel or the numpy path), counted from TODAY."""
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel_on)
    m = matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ, today=TODAY)
    return sorted(r.job_id for r in m.jobs_for(seeker))


def takers(job: Job, seekers: list[Seeker], *, kernel_on: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel_on)
    m = matcher.Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ, today=TODAY)
    return sorted(r.seeker_id for r in m.seekers_for(job))


def filtered(seeker: Seeker, jobs: list[Job]) -> list[str]:
    """The postings the one-seeker filter lets through (`kernel.feasible`, the kernel's own test of one row)."""
    m = matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ, today=TODAY)
    mask = kernel_module.feasible(m.S, 0, m.J, np.arange(len(jobs)))
    return sorted(j.id for j, ok in zip(jobs, mask, strict=True) if ok)


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ, today=TODAY)


def reasons(seeker: Seeker, job: Job) -> str:
    m = matcher.Matcher(jobs=[job], seekers=[seeker], gazetteer=GAZ, today=TODAY)
    return m.jobs_for(seeker)[0].reasons


# ------------------------------------------------------------------------------------ 1. the age on the start


@pytest.mark.parametrize(("text", "birth"), [
    ("2009年6月生", 20090630),                     # a month without its day: its last day
    ("2008年12月20日生，这个月满18", 20081220),
    ("2009年1月生；家长同意，开学前要回来", 20090131),
    ("2009.3出生", 20090331),
    ("2009年2月生", 20090228),
    ("明年3月满18岁", 20090331),                  # counted back from the birthday
    ("这个月满18", 20081231),
    ("1月份满16", 20110131),                       # January said in December: next January
    ("明年3月满十八周岁", 20090331),
    ("做过生产，满18个月", 0),                    # no birth: a length of time, the word 生产
    ("身体健康", 0),
])
def test_a_birth_date_as_the_row_states_it(text: str, birth: int) -> None:
    assert minors.birth_date(text, TODAY) == birth


def test_a_birthday_without_its_year_is_not_read_without_today() -> None:
    assert (minors.birth_date("明年3月满18岁"), minors.birth_date("2009年6月生")) == (0, 20090630)


@pytest.mark.parametrize(("text", "start"), [
    ("2月1日进厂，做到3月15日", 20270201),          # a date in the coming year
    ("1月20日至2月25日", 20270120),
    ("2027年2月22日入职", 20270222),
    ("新站2027年4月1日开站，4月1日统一上岗培训", 20270401),
    ("2027年7月毕业后入职；3月至6月可先来岗位实习", 20270301),   # the earliest stated
    ("7月到岗", 20270701),                          # a month without its day: its first day
    ("12月10日上岗", 20261210),                    # later this month: this year
    ("寒假工，做奶茶", 20270115),                  # a break named, no date: its first common day
    ("1月20日前到岗", 0),                            # a deadline, no start
    ("早班10:00-18:00，每周休一天", 0),             # hiring now
])
def test_a_start_as_the_posting_states_it(text: str, start: int) -> None:
    assert minors.start_date(text, TODAY) == start


def test_a_start_without_its_year_is_not_read_without_today() -> None:
    assert (minors.start_date("2月1日进厂"), minors.start_date("2027年2月22日入职")) == (0, 20270222)


@both_paths
def test_a_seventeen_year_old_is_eighteen_on_a_start_after_his_birthday(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    boy = person("S1", 17, notes="2009年1月生；家长同意")
    later = post("J1", "寒假工", "2月1日进厂，做到3月15日，电子厂插件")            # 18 on 2027-02-01
    earlier = post("J2", "寒假工", "1月20日进厂，做到2月25日，电子厂插件")          # still 17 on 2027-01-20
    now = post("J3", "普工", "电子厂插件，长白班")                                    # hiring now: 17
    jobs = [later, earlier, now]
    assert [broken(boy, j) for j in jobs] == [[], ["age"], ["age"]]
    assert offered(boy, jobs, kernel_on=kernel, monkeypatch=monkeypatch) == ["J1"]
    assert filtered(boy, jobs) == ["J1"]
    assert takers(later, [boy], kernel_on=kernel, monkeypatch=monkeypatch) == ["S1"]
    # no birth stated: today's age on every posting
    plain = person("S2", 17)
    assert offered(plain, jobs, kernel_on=kernel, monkeypatch=monkeypatch) == []
    assert [broken(plain, j) for j in jobs] == [["age"], ["age"], ["age"]]


@both_paths
def test_a_birth_month_is_its_last_day_and_a_start_month_its_first(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    boy = person("S1", 17, notes="明年3月满18岁")
    march, april = post("J1", "骑手", "3月到岗"), post("J2", "骑手", "4月到岗")
    assert [broken(boy, j) for j in (march, april)] == [["age"], []]
    assert offered(boy, [march, april], kernel_on=kernel, monkeypatch=monkeypatch) == ["J2"]


@both_paths
def test_an_age_cap_counts_the_start_too(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    man = person("S1", 45, notes="1981年1月生")
    jobs = [post("J1", "普工", "2027年3月1日入职"), post("J2", "普工", "长白班")]
    assert [broken(man, j) for j in jobs] == [["age"], []]
    assert offered(man, jobs, kernel_on=kernel, monkeypatch=monkeypatch) == ["J2"]


@both_paths
def test_a_minor_bar_is_lifted_only_on_a_start_after_his_eighteenth(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    boy = person("S1", 17, notes="2009年1月生")
    later = post("J1", "收银员", "2月1日上岗", employer="合浦某KTV", age="不限")
    now = post("J2", "收银员", "白班", employer="合浦某KTV", age="不限")
    cold = post("J3", "理货员", "冷库理货，1月20日上岗", age="不限")
    assert [broken(boy, j) for j in (later, now, cold)] == [[], [f"minor:{ADULT_PLACE}"], [f"minor:{ADULT_WORK}"]]
    assert offered(boy, [later, now, cold], kernel_on=kernel, monkeypatch=monkeypatch) == ["J1"]
    assert filtered(boy, [later, now, cold]) == ["J1"]


def test_the_reason_says_the_age_on_the_start() -> None:
    boy = person("S1", 17, notes="2009年1月生")
    said = reasons(boy, post("J1", "普工", "2月1日进厂"))
    assert "2027年2月1日到岗时18岁，符合18–45岁" in said and "年龄17岁" not in said
    assert "年龄17岁符合16–45岁" in reasons(boy, post("J2", "普工", "长白班", age="16-45"))


# ------------------------------------------------------------------------------------ 2. 22:00 and 6:00


@pytest.mark.parametrize(("text", "late"), [
    ("14:00-22:00", False), ("晚班14:00-22:00", False), ("下午2点到晚上10点", False),
    ("14:30-22:30", True), ("18:00-23:00", True), ("晚8点到早6点", True),
])
def test_a_shift_ending_at_ten_sharp_works_no_night(text: str, late: bool) -> None:
    assert parse.works_late(text) is late


@pytest.mark.parametrize(("text", "night"), [
    ("早班10:00-18:00、晚班14:00-22:00轮着排", False),     # both shifts stated, both by 22:00
    ("早班6:00-14:00，中班14:00-22:00，两班倒", False),      # starting at 6:00 is day work
    ("早班9:30-17:30或晚班14:30-22:30，学生可以只排早班", False),
    ("两班倒，8:00-20:00", True),                             # the other shift unstated
    ("早班8:00-16:00，有晚班", True),                           # the 晚班's hours unstated
    ("夜班22:00-6:00", True),
])
def test_a_late_shift_by_ten_is_no_night(text: str, night: bool) -> None:
    assert ("NIGHT" in parse.infer_job_demands(text)) is night


@both_paths
def test_a_seeker_kept_off_nights_meets_a_late_shift_ending_at_ten(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    girl = person("S1", 16, notes="只能寒假做；我妈说不能上夜班", desired="奶茶店")
    by_ten = post("J1", "店员", "早班10:00-18:00、晚班14:00-22:00轮着排", age="16周岁以上")
    past_ten = post("J2", "店员", "早班10:00-18:00、晚班16:00-23:00轮着排", age="16周岁以上")
    assert [broken(girl, j) for j in (by_ten, past_ten)] == [[], ["limits:NIGHT"]]
    assert offered(girl, [by_ten, past_ten], kernel_on=kernel, monkeypatch=monkeypatch) == ["J1"]


@both_paths
def test_a_day_only_option_for_students_keeps_an_intern_post_open(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    intern = person("S1", 17, desired="岗位实习，服务员", education="中职在读（2027届酒店服务与管理）", category="在校生")
    jobs = [post("J1", "服务员实习生", "早班9:00-17:00，晚班15:00-23:00，学生可以只排早班", age="16-45"),
            post("J2", "服务员实习生", "早班9:00-17:00，晚班15:00-23:00", age="16-45"),
            post("J3", "服务员实习生", "凌晨6点开工，下午2点下班", age="16-45"),
            post("J4", "服务员实习生", "凌晨4点开工，中午12点下班", age="16-45")]
    assert [minors.posting_needs("", j.title, j.description) for j in jobs] == [
        frozenset(), frozenset({parse.NOT_INTERN_SEEKER, parse.NOT_VOCATIONAL_STUDENT}), frozenset(),
        frozenset({parse.NOT_INTERN_SEEKER, parse.NOT_VOCATIONAL_STUDENT})]
    assert offered(intern, jobs, kernel_on=kernel, monkeypatch=monkeypatch) == ["J1", "J3"]


# ------------------------------------------------------------------------------------ 3. a lapsed certificate


@pytest.mark.parametrize(("text", "lapsed"), [
    ("叉车证（去年到期没复审）", {"叉车证"}), ("健康证过期了、电工证", {"健康证"}), ("叉车证过期", {"叉车证"}),
    ("电工证（吊销）", set()), ("没有叉车证", set()), ("叉车证、健康证", set()),
])
def test_a_lapsed_certificate_is_read_apart(text: str, lapsed: set[str]) -> None:
    assert parse.lapsed_certificates(text) == lapsed


@pytest.mark.parametrize(("text", "taken"), [
    ("叉车证（过期的可带去复审后上岗）", True), ("电工证，证件过期的可协助复审/换证", True),
    ("叉车证", False), ("健康证，过期不要", False),
])
def test_a_posting_taking_a_lapsed_certificate_for_renewal(text: str, taken: bool) -> None:
    assert parse.renewal_taken(text) is taken


@both_paths
def test_a_lapsed_certificate_meets_a_post_that_takes_it_for_renewal(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    lapsed = person("S1", 46, desired="叉车", certificates="叉车证（去年到期没复审）")
    valid = person("S2", 46, desired="叉车", certificates="叉车证")
    none = person("S3", 46, desired="叉车", certificates="无")
    renews = post("J1", "叉车工", "仓库装卸货，白班", age="18-50", certificates="叉车证（过期的可带去复审后上岗）")
    strict = post("J2", "叉车工", "仓库装卸货，白班", age="18-50", certificates="叉车证")
    assert [[broken(s, j) for j in (renews, strict)] for s in (lapsed, valid, none)] == [
        [[], ["certificate"]], [[], []], [["certificate"], ["certificate"]]]
    assert offered(lapsed, [renews, strict], kernel_on=kernel, monkeypatch=monkeypatch) == ["J1"]
    assert filtered(lapsed, [renews, strict]) == ["J1"]
    assert takers(renews, [lapsed, valid, none], kernel_on=kernel, monkeypatch=monkeypatch) == ["S1", "S2"]
    said = reasons(lapsed, renews)
    assert "不足：叉车证已过期，岗位接受复审后上岗" in said and "持有叉车证" not in said
    assert "持有叉车证" in reasons(valid, renews)


# ------------------------------------------------------------------------------------ 4. 在读 against a floor


@pytest.mark.parametrize(("education", "category", "reading"), [
    ("中职在读（2027届计算机应用）", "在校生（三年级）", (2, 20270701)),
    ("大专在读（预计2027年6月毕业）", "", (3, 20270601)),
    ("大三在读", "", (3, 0)),
    ("中专毕业（在校期间获奖学金）", "", None),
    ("中专", "", None),
])
def test_a_student_has_finished_the_stage_below(education: str, category: str, reading: tuple[int, int] | None) -> None:
    assert minors.studying(education, category) == reading


@both_paths
def test_a_student_meets_a_floor_only_as_a_student_or_after_graduating(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    student = person("S1", 18, desired="直播运营", education="中职在读（2027届计算机应用）", category="在校生（三年级）")
    graduate = person("S2", 19, desired="直播运营", education="中职（2026年毕业）")
    jobs = [post("J1", "直播运营专员", "白班9:00-18:00，双休", education="中专以上"),              # hires now
            post("J2", "直播运营专员", "2027年7月毕业后入职，白班，双休", education="中专以上"),     # after graduating
            post("J3", "直播运营实习生", "白班，双休", education="中专以上"),                      # takes students
            post("J4", "直播运营专员", "白班，双休，在读学生可", education="中专以上"),
            post("J5", "直播运营专员", "白班，双休", education="初中以上")]                       # finished 初中
    assert [broken(student, j) for j in jobs] == [["education"], [], [], [], []]
    assert offered(student, jobs, kernel_on=kernel, monkeypatch=monkeypatch) == ["J2", "J3", "J4", "J5"]
    assert filtered(student, jobs) == ["J2", "J3", "J4", "J5"]
    assert takers(jobs[0], [student, graduate], kernel_on=kernel, monkeypatch=monkeypatch) == ["S2"]


# ------------------------------------------------------------------------------------ 5. the middle phrase


def test_a_trade_of_the_work_historys_class_is_said_as_the_history() -> None:
    welder = person("S1", 40, desired="保安", experience="在东莞做过五年电焊工")
    said = reasons(welder, post("J1", "钳工", "白班", age="18-50"))
    assert said.startswith("为何推荐：岗位为机床操作工，与本人工作经历（焊工）同类；")
    # a wish of the same class is said as the wish, as before
    wished = person("S2", 40, desired="电焊工", experience="在东莞做过五年保安")
    assert reasons(wished, post("J1", "钳工", "白班", age="18-50")).startswith(
        "为何推荐：岗位为机床操作工，与求职意向“电焊工”同类；")


@pytest.mark.parametrize(("text", "day_only"), [
    ("只上白班", True), ("晚上要回家照顾孩子", True), ("晚上8点前要回家", True), ("不上晚班", True),
    ("我妈说不能上夜班", False), ("晚上10点后不行", False), ("怀孕3个月", False), ("最好白班", False),
])
def test_a_seeker_kept_to_day_work_is_told_from_one_kept_off_the_night(text: str, day_only: bool) -> None:
    assert parse.day_work_only(text) is day_only


@both_paths
def test_an_evening_to_ten_is_no_day_work(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # 《劳动法》's night starts at 22:00: an evening ending then is open to a seeker kept off nights, not to one kept to
    # day work or home in the evening (as before session 27)
    evening = post("J1", "楼面服务员", "点菜、传菜，10:00-14:00，16:30-22:00")
    day = post("J2", "楼面服务员", "点菜、传菜，9:00-17:00")
    assert (parse.evening_to_ten(evening.description), parse.evening_to_ten(day.description)) == (True, False)
    off_nights, day_only = person("S1", 30, notes="不能上夜班"), person("S2", 30, notes="晚上要带孩子，只能白班")
    assert [[broken(s, j) for j in (evening, day)] for s in (off_nights, day_only)] == [
        [[], []], [["limits:EVENING"], []]]
    assert takers(evening, [off_nights, day_only], kernel_on=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert offered(day_only, [evening, day], kernel_on=kernel, monkeypatch=monkeypatch) == ["J2"]
    assert filtered(day_only, [evening, day]) == ["J2"]

"""Session 35 (emp-read35): blind35 read after its one run — a county window for graduates who came home without work
and for 就业见习 (traineeship) places. The readings, as a 人社 clerk reads them: selling work refused ("不做销售") against a
post whose work is selling; a 就业见习 place against a seeker out of the 见习 rule (once a trainee, refusing it, over 24
and two years out of a 全日制 school); the 学位 asked beside the 学历; a part-time degree written in the history; an exam
of two parts half passed (教师资格证 笔试/面试, 初级会计 one subject) and both subjects passed; weekends kept for study
("周末要复习", "不能单休") against weekend duty, weekend classes and weekday rest days. Own sentences, none of blind35's
rows: each reading with a look-alike that must not fire, in the oracle (`constraints.violations`) and in both paths of
the matcher (the numba kernel and the numpy formulation)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from jianfu.employment.matching import Job, Seeker, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.graduates import (
    asks_degree,
    lacks_degree,
    out_of_traineeship,
    refuses_selling,
    sells,
    traineeship_post,
)
from jianfu.employment.matching.parse import (
    CERT_BITS,
    DEGREE_OK,
    SELLING_OK,
    TOP_OF_FIFTH_WORD,
    TRAINEESHIP_OK,
    ages_counted_in,
    held_certificates,
    infer_job_demands,
    infer_seeker_limits,
)
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, offered, takers

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _ages_in_2026() -> Iterator[None]:
    with ages_counted_in(2026):
        yield


def grad(sid: str, *, age: int = 23, notes: str = "", desired: str = "行政文员", education: str = "本科",
         experience: str = "2026年6月毕业于某师范学院秘书学专业（全日制本科）", category: str = "离校未就业高校毕业生",
         certificates: str = "无") -> Seeker:
    return Seeker(id=sid, age=age, gender="女", residence="廉州镇", desired=desired, places="县城", notes=notes,
                  certificates=certificates, education=education, wage="3000", experience=experience, category=category)


def post(jid: str, *, title: str = "行政文员", description: str = "文件收发、会议记录；双休。", education: str = "大专及以上",
         benefits: str = "五险", wage: str = "3000-3800", certificates: str = "无") -> Job:
    return Job(id=jid, title=title, employer="某贸易有限公司", place="廉州镇", description=description, age="不限",
               wage=wage, certificates=certificates, education=education, benefits=benefits)


def broken(s: Seeker, j: Job) -> list[str]:
    return violations(s, j, GAZ, today=TODAY)


def test_the_three_flags_sit_at_the_fifth_words_top() -> None:
    assert (TOP_OF_FIFTH_WORD[SELLING_OK], TOP_OF_FIFTH_WORD[TRAINEESHIP_OK], TOP_OF_FIFTH_WORD[DEGREE_OK]) == (56, 55, 54)
    assert {CERT_BITS[n].word for n in (SELLING_OK, TRAINEESHIP_OK, DEGREE_OK)} == {4}


# ------------------------------------------------------------------------- selling work refused


def test_selling_refused_is_read_from_the_verb_before_it() -> None:
    assert refuses_selling("不做销售")
    assert refuses_selling("以前跑过业务，现在不想再做电话销售")
    assert refuses_selling("不跑业务，想坐办公室")
    # look-alikes: selling accepted, done in the past, feared not
    assert not refuses_selling("销售、客服都可以")
    assert not refuses_selling("做过两年销售")
    assert not refuses_selling("不怕做销售，能吃苦")


def test_a_post_sells_when_its_title_or_its_pay_says_so() -> None:
    assert sells("房产销售", "接待来访客户")
    assert sells("储备店长", "从门店导购做起，半年后竞聘店长")
    assert sells("理财专员", "向客户推荐理财产品，底薪加提成")
    assert sells("直播运营", "直播间带货，按月销售额考核")
    # look-alikes: a desk beside selling, a post that says it has no target, a shop's online operation
    assert not sells("销售内勤", "订单录入、合同归档；双休")
    assert not sells("网店运营", "商品上架、活动报名，无销售指标")
    assert not sells("售前客服", "在线回复买家咨询（不考核销售额）")
    assert not sells("新媒体编辑", "写推文、剪视频")


@both_paths
def test_a_graduate_refusing_selling_is_not_sent_to_a_selling_post(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    no_sales = grad("N", notes="不做销售", desired="文员、销售都行")
    any_ = grad("A", desired="文员、销售都行")
    selling = post("SE", title="家具销售顾问", description="门店接待客户，底薪加提成；双休。")
    desk = post("DK", title="销售内勤", description="订单录入、合同归档；双休。")
    assert takers(selling, [no_sales, any_], kernel=kernel, monkeypatch=monkeypatch) == ["A"]
    assert takers(desk, [no_sales, any_], kernel=kernel, monkeypatch=monkeypatch) == ["A", "N"]
    assert (broken(no_sales, selling), broken(any_, selling), broken(no_sales, desk)) == (["selling"], [], [])


# ------------------------------------------------------------------------- 就业见习


def test_a_traineeship_post_is_read_from_its_words() -> None:
    assert traineeship_post("档案整理见习岗", "见习期6个月")
    assert traineeship_post("办公室助理", "县就业见习基地岗位，见习补贴每月2200元")
    # look-alike: a civil servant's or a new teacher's 见习期 (a probation)
    assert not traineeship_post("乡镇公务员", "新录用人员见习期一年")
    assert not traineeship_post("行政文员", "试用期一个月")


def test_who_is_out_of_the_traineeship_rule() -> None:
    # once a trainee; refusing it
    assert out_of_traineeship("2024年在县图书馆参加过就业见习3个月", 23, TODAY)
    assert out_of_traineeship("要找签合同的正式工作，不要见习", 23, TODAY)
    # over 24 and out of a 全日制 school more than two years
    assert out_of_traineeship("2022届；2022年7月毕业于某学院会计专业（全日制大专）", 26, TODAY)
    # look-alikes: 24 or under is in whatever the schooling; within two years; a later 全日制 degree; never a trainee
    assert not out_of_traineeship("2019年7月毕业于某技校", 24, TODAY)
    assert not out_of_traineeship("2025年6月毕业于某大学（全日制本科）", 27, TODAY)
    assert not out_of_traineeship("2019年本科毕业，2025年6月硕士毕业（全日制）", 29, TODAY)
    assert not out_of_traineeship("没参加过见习，想试试", 23, TODAY)
    # a part-time degree's end is no 全日制 schooling's; its holder is in by age only
    assert out_of_traineeship("2025年1月成人高考函授大专毕业", 26, TODAY)
    assert not out_of_traineeship("2025年1月成人高考函授大专毕业", 23, TODAY)
    # silent on the schooling: unknown breaks nothing
    assert not out_of_traineeship("想做文员", 30, TODAY)
    assert not out_of_traineeship("2022届；2022年7月毕业于某学院会计专业（全日制大专）", 26, None)     # no day: not counted


def takers_on(job: Job, seekers: list[Seeker], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`takers` on a named day (the 见习 rule counts two years back from it; the core reads no clock)."""
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    return sorted(r.seeker_id for r in matcher.Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ, today=TODAY)
                  .seekers_for(job))


@both_paths
def test_a_traineeship_place_takes_only_those_the_rule_admits(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = grad("F")
    used = grad("U", experience="2025年6月毕业于某学院（全日制本科）；2025年参加过就业见习6个月")
    old = grad("O", age=27, experience="2021年6月毕业于某学院秘书学专业（全日制本科）")
    place = post("JX", title="综合办公室见习岗", description="就业见习岗位，见习期6个月；文件收发；双休。",
                 benefits="见习补贴每月2200元", wage="2200")
    job = post("JB")
    assert takers_on(place, [fresh, used, old], kernel=kernel, monkeypatch=monkeypatch) == ["F"]
    assert takers_on(job, [fresh, used, old], kernel=kernel, monkeypatch=monkeypatch) == ["F", "O", "U"]
    assert (broken(used, place), broken(old, place), broken(old, job)) == (["traineeship"], ["traineeship"], [])
    # no day named: the two years are not counted (unknown breaks nothing); once a trainee is read without a day
    assert takers(place, [fresh, used, old], kernel=kernel, monkeypatch=monkeypatch) == ["F", "O"]
    assert violations(old, place, GAZ) == []


# ------------------------------------------------------------------------- the 学位, and a part-time degree


def test_the_degree_asked_and_lacked() -> None:
    assert asks_degree("全日制本科及以上，须取得学士学位", "")
    assert asks_degree("本科", "本科及以上学历并具有相应学位")
    assert not asks_degree("本科及以上", "学位不限") and not asks_degree("本科及以上", "")
    assert lacks_degree("本科（挂科两门，学位证没拿到）") and lacks_degree("毕业了但没拿到学位证")
    assert not lacks_degree("本科，学士学位") and not lacks_degree("学位证已拿到")


@both_paths
def test_a_post_asking_the_degree_and_a_row_without_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    without = grad("W", experience="2025年6月毕业于某学院会计学专业（全日制本科），学位证未授予", desired="会计")
    with_ = grad("D", experience="2025年6月毕业于某学院会计学专业（全日制本科，学士学位）", desired="会计")
    asked = post("DG", title="会计", education="本科及以上，须取得学士学位", description="账务处理；双休。")
    silent = post("SI", title="会计", education="本科及以上", description="账务处理；双休。")
    assert takers(asked, [without, with_], kernel=kernel, monkeypatch=monkeypatch) == ["D"]
    assert takers(silent, [without, with_], kernel=kernel, monkeypatch=monkeypatch) == ["D", "W"]
    assert broken(without, asked) == ["degree"]


def test_a_part_time_degree_in_the_history_meets_no_full_time_condition() -> None:
    part = grad("P", education="大专", experience="2024年7月网络教育大专毕业（非全日制）；在超市做收银两年")
    planned = grad("Q", education="大专", experience="大专毕业后在超市做收银两年，准备自考本科")
    both = grad("B", education="本科", experience="2019年全日制大专毕业；2022年自考取得本科")
    full_time = post("FT", education="全日制大专及以上")
    assert broken(part, full_time) == ["civil:全日制学历"]
    assert broken(planned, full_time) == [] and broken(both, full_time) == []


# ------------------------------------------------------------------------- exams of two parts


def test_an_exam_half_passed_holds_nothing_and_both_subjects_passed_hold_the_accounting_qualification() -> None:
    assert held_certificates("教师资格证（小学，笔试过了，面试没过）") == frozenset()
    assert held_certificates("初级会计（只过了《初级会计实务》一科）") == frozenset()
    assert held_certificates("初级会计（两科都没过）") == frozenset()
    assert held_certificates("初级会计职称（两科都过了，证还没领）") == {"会计证"}
    # look-alikes: a certificate held as written; a card whose validity is said
    assert held_certificates("小学教师资格证（语文）") == {"教师资格证"}
    assert held_certificates("初级会计（在考）") == frozenset()


# ------------------------------------------------------------------------- weekends kept for study


def test_weekends_kept_for_study_and_posts_that_work_them() -> None:
    assert "WEEKEND" in infer_seeker_limits("准备考编，晚上和周末要复习")
    assert "WEEKEND" in infer_seeker_limits("不能单休")
    assert "WEEKEND" not in infer_seeker_limits("想考编，平时晚上复习")
    assert "WEEKEND" not in infer_seeker_limits("单休也可以")
    assert "WEEKEND" in infer_job_demands("社区网格工作；周末轮流值班")
    assert "WEEKEND" in infer_job_demands("少儿美术课外培训；周末和寒暑假上课，周一、周二休息")
    assert "WEEKEND" in infer_job_demands("早教课程；周中轮休")
    assert "WEEKEND" not in infer_job_demands("周一至周五上班，双休")
    assert "WEEKEND" not in infer_job_demands("周末值班有加班费，双休")


@both_paths
def test_a_graduate_studying_at_weekends_is_not_sent_to_weekend_duty(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    study = grad("S", notes="准备考公，周末要复习")
    free = grad("F")
    duty = post("DU", description="综合窗口工作；周末轮流值班。")
    weekdays = post("WD")
    assert takers(duty, [study, free], kernel=kernel, monkeypatch=monkeypatch) == ["F"]
    assert offered(study, [duty, weekdays], kernel=kernel, monkeypatch=monkeypatch) == ["WD"]
    assert broken(study, duty) == ["limits:WEEKEND"]

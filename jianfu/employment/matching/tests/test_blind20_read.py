"""Session 20 (emp-read20): blind20 read after its one run — when and how long people can work, against the terms a
posting states. Own sentences, none of blind20's rows verbatim: for each reading one that must fire and a look-alike
that must not, in the kernel, the numpy path and the oracle (`constraints.violations`) alike where a constraint is
involved."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.hours import seeker_busy
from jianfu.employment.matching.parse import infer_job_demands

GAZ = Gazetteer.builtin()


def offered(seeker: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The postings offered to `seeker` by the kernel (numba) or by the numpy formulation."""
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    return sorted(r.job_id for r in matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker))


def takers(job: Job, seekers: list[Seeker], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    return sorted(r.seeker_id for r in matcher.Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ).seekers_for(job))


both_paths = pytest.mark.parametrize("kernel", [True, False], ids=["kernel", "numpy"])


def _free(text: str) -> tuple[float, float] | None:
    """The first and last free hour of a seeker's day, from `seeker_busy` (None when no hour is busy)."""
    busy = seeker_busy(text)
    if not busy:
        return None
    free = [k / 2 for k in range(48) if not busy >> k & 1]
    return free[0], free[-1] + 0.5


# ------------------------------------------------------------------------------------------------ "在家" said of family life


@both_paths
def test_looking_after_a_parent_at_home_is_no_work_at_home_only(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=40, residence="廉州镇", desired="超市理货", places="县城", notes="白天在家照顾老母亲，只能晚上出来")
    shop = Job(id="J1", title="超市理货员", place="廉州镇", age="18-55岁", description="晚上补货上架")
    assert violations(seeker, shop, GAZ) == []
    assert offered(seeker, [shop], kernel=kernel, monkeypatch=monkeypatch) == ["J1"]
    # the look-alike: work done at home only still narrows the place to home outwork
    homebound = Seeker(id="S2", age=40, residence="廉州镇", desired="手工活", places="县城", notes="腿不方便，只能在家做")
    assert violations(homebound, shop, GAZ) == ["place"]
    assert offered(homebound, [shop], kernel=kernel, monkeypatch=monkeypatch) == []


def test_spending_the_new_year_at_home_keeps_the_places_ticked():
    assert GAZ.acceptable("县城", home="450521100", notes="春节要在家过年") == (1, ())
    assert GAZ.acceptable("县城", home="450521100", notes="只想在家干点活") == (0, ())


# ------------------------------------------------------------------------------------------------ a clock window said


def test_a_clock_window_said_as_the_only_one_is_read():
    assert _free("孩子上学，只能8点半到3点半") == (8.5, 15.5)
    assert _free("上午9点到12点都可以") == (9.0, 12.0)
    # not a wage ("4到6千都可以") nor a length of time ("做到3个月都可以")
    assert _free("工资5到8千都可以") is None
    assert _free("做到3个月都可以") is None


@both_paths
def test_a_school_hours_window_refuses_a_post_ending_after_it(kernel, monkeypatch):
    seeker = Seeker(id="S1", age=35, residence="廉州镇", desired="包装工", places="县城", notes="要接送小孩，只能8点半到3点半")
    late = Job(id="J1", title="包装工", place="廉州镇", age="18-50岁", description="成品装箱，8:30-17:00")
    inside = Job(id="J2", title="包装工", place="廉州镇", age="18-50岁", description="成品装箱，9:00-15:00")
    assert violations(seeker, late, GAZ) == ["hours"]
    assert violations(seeker, inside, GAZ) == []
    assert offered(seeker, [late, inside], kernel=kernel, monkeypatch=monkeypatch) == ["J2"]


# ------------------------------------------------------------------------------------------------ a night post left to choice


def test_night_posts_offered_by_choice_ask_no_night():
    assert "NIGHT" not in infer_job_demands("长白班，夜班岗位自愿报名")
    assert "NIGHT" not in infer_job_demands("白班为主，夜班可选")
    assert "NIGHT" in infer_job_demands("夜班为主，晚上十点上班")

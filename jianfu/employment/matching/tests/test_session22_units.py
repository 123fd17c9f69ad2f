"""Session 22 (emp-dev22, issue 8 item 4): an hourly rate against a daily wish, compared as a day by the hours the
posting states; and a headcount written as a floor ("10人以上") caps no crew. Own sentences, none of a split's rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, crews, hours
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.sheets import read_sheet
from jianfu.employment.matching.tests.two_paths import GAZ, both_paths, takers

# ------------------------------------------------------------------------------------------ an hour against a day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("理货上架，每天工作10小时", 10.0),
        ("早8点到晚6点，理货上架", 10.0),
        ("午市11:00-13:30、晚市17:00-19:30，洗碗", 5.0),
        ("每天在线10小时以上", None),  # a floor, not the day
        ("白班8:00-20:00，夜班20:00-8:00，两班倒", None),  # two shifts to choose from: which one is the day?
        ("早班7:00-15:00，晚班15:00-23:00", None),  # 16 hours: no one worker's day
        ("理货上架，工作轻松", None),
    ],
)
def test_the_length_of_a_postings_day(text: str, day: float | None) -> None:
    assert hours.day_length(text) == day


def _supermarket(jid: str, description: str, wage: str = "18元/小时") -> Job:
    return Job(id=jid, title="超市理货员", place="廉州镇", wage=wage, description=description)


def test_an_hourly_rate_is_a_day_by_the_hours_the_post_states() -> None:
    long_day, no_hours, stated = (
        _supermarket("J1", "早8点到晚6点，理货上架"),
        _supermarket("J2", "理货上架"),
        _supermarket("J3", "理货上架，早8点到晚6点", wage="18元/小时，每天10小时"),
    )
    seeker = Seeker(id="S1", age=30, residence="廉州镇", desired="超市理货", wage="一天200以上")
    m = Matcher(jobs=[long_day, no_hours, stated], seekers=[seeker], gazetteer=Gazetteer.builtin())
    # the description's day makes the rate a day's (18 × 10); no day stated keeps the hour; the wage cell's own hours
    # were read into the month already (18 × 10 × 26), and every month is as before
    assert (m.J.rate_unit.tolist(), m.J.rate.tolist()) == ([2, 1, 1], [180.0, 18.0, 18.0])
    assert m.J.wage_hi.tolist() == [3744.0, 3744.0, 4680.0]
    said = {r.job_id: r.unmet for r in m.jobs_for(seeker)}
    assert "工资18元/小时（按每天10小时约合180元/天），低于期望200元/天" in said["J1"]
    assert "工资18元/小时（按每天8小时约合144元/天），低于期望200元/天" in said["J2"]


def test_a_day_long_enough_meets_the_daily_wish_and_a_monthly_wish_reads_the_month_as_before() -> None:
    post = _supermarket("J1", "上午9点到晚上9点，理货上架", wage="17元/小时")
    daily = Seeker(id="S1", age=30, residence="廉州镇", desired="超市理货", wage="日薪200")
    monthly = Seeker(id="S2", age=30, residence="廉州镇", desired="超市理货", wage="5000")
    m = Matcher(jobs=[post], seekers=[daily, monthly], gazetteer=Gazetteer.builtin())
    (rec,) = m.jobs_for(daily)
    assert "工资17元/小时（按每天12小时约合204元/天），达到期望200元/天" in rec.met
    (rec,) = m.jobs_for(monthly)
    assert "工资17元/小时（约合3536元/月），低于期望5000元" in rec.unmet  # the month as before (8 hours)


# -------------------------------------------------------------------------------------- "10人以上" is a floor


def _sheet(tmp_path: Path, headcount: str) -> Job:
    path = tmp_path / "jobs.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["编号", "岗位名称", "招聘人数", "工作地点", "岗位描述"])
        w.writerow(["J1", "砍甘蔗", headcount, "廉州镇", "按吨计价，包吃住"])
    (job,) = read_sheet(path, "jobs").items
    assert isinstance(job, Job)
    return job


@pytest.mark.parametrize(
    ("headcount", "read", "crew_range"),
    [
        ("10人以上", None, (1, crews.NO_MAX)),
        ("10余人", None, (1, crews.NO_MAX)),
        ("8-15人", 15, (1, 15)),
        ("10人", 10, (1, 10)),
    ],
)
def test_a_headcount_written_as_a_floor_caps_no_crew(
    tmp_path: Path, headcount: str, read: int | None, crew_range: tuple[int, int]
) -> None:
    job = _sheet(tmp_path, headcount)
    assert job.headcount == read
    assert crews.posting_crew(job.title, job.description, job.headcount) == crew_range


@both_paths
def test_a_crew_of_twelve_may_take_a_post_hiring_ten_or_more(
    tmp_path: Path, kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    floor, exact = _sheet(tmp_path, "10人以上"), _sheet(tmp_path, "10人")
    crew = Seeker(id="S1", age=40, residence="廉州镇", desired="砍甘蔗", notes="我们12个人一起去")
    assert violations(crew, floor, GAZ) == []
    assert violations(crew, exact, GAZ) == ["crew"]
    assert takers(floor, [crew], kernel=kernel, monkeypatch=monkeypatch) == ["S1"]
    assert takers(exact, [crew], kernel=kernel, monkeypatch=monkeypatch) == []

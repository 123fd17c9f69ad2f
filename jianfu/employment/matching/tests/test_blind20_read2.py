"""Session 20, second read of blind20 (emp-read20b): pay units. Own sentences, none of blind20's rows verbatim.

- a piece rate followed by what a worker earns in a day ("每斤1.5元，熟手日均170左右") is paid that day figure: the
  rate's phrase no longer runs on over the day figure (the commas are taken out before it is read);
- an hourly rate beside the hours of a day ("时薪21元，每天做9小时") is the rate times those hours a day, not times 8."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, matcher
from jianfu.employment.matching.parse import Wage, parse_wage, wage_as_written

GAZ = Gazetteer.builtin()


# ------------------------------------------------------------------------------------- a piece rate with a day figure


@pytest.mark.parametrize(("text", "wage"), [
    ("按斤收，每斤1.5元，熟手日均170左右", Wage(4420, 4420, piece_rate=True)),
    ("计件，一筐3元，日平均120-160", Wage(3120, 4160, piece_rate=True)),
    ("按趟算，每趟20元，平均每天200以上", Wage(5200, None, piece_rate=True)),
    # the look-alikes: the rate alone names no amount a month; a 月均 after the rate is read as before
    ("按斤收，每斤1.5元", Wage(piece_rate=True)),
    ("计件，每件0.8元，月均3800", Wage(3800, None, piece_rate=True)),
    ("按吨计，日均180左右", Wage(4680, 4680, piece_rate=True)),
])
def test_a_piece_rate_with_a_day_figure_is_paid_the_day_figure(text: str, wage: Wage) -> None:
    assert parse_wage(text) == wage


def test_the_day_figure_is_shown_as_written() -> None:
    assert wage_as_written("按斤收，每斤1.5元，熟手日均170左右") == "按斤收，每斤1.5元，熟手日均170左右"
    assert wage_as_written("计件，每件0.8元，月均3800") == ""


@pytest.mark.parametrize("kernel", [True, False], ids=["kernel", "numpy"])
def test_a_day_wish_ranks_the_piece_rate_that_meets_it_first(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    seeker = Seeker(id="S1", age=44, residence="党江镇", desired="剥虾", places="党江镇", wage="一天一百八以上")
    low = Job(id="J1", title="剥虾工", place="党江镇", age="18-60岁", wage="计件，每斤1.2元，日均90左右", description="剥虾仁")
    high = Job(id="J2", title="剥虾工", place="党江镇", age="18-60岁", wage="计件，每斤2元，日均200左右", description="剥虾仁")
    ranked = [r.job_id for r in matcher.Matcher(jobs=[low, high], seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)]
    assert ranked == ["J2", "J1"]


# ------------------------------------------------------------------------------- an hourly rate with the hours of a day


@pytest.mark.parametrize(("text", "wage"), [
    ("时薪21元，每天做9小时", Wage(4914, None)),           # 21 × 9 a day, 26 days
    ("19元/小时，每天工作十个小时", Wage(4940, None)),
    ("16元一小时，每天上班4个钟头", Wage(1664, None)),
    # the look-alikes: no hours stated is a day of 8; hours out of a day's range are not a day's hours; a month
    # beside the hours of a day stays the month
    ("时薪21元", Wage(4368, None)),
    ("20元/小时，每天24小时轮值", Wage(4160, None)),
    ("月薪4200，每天10小时", Wage(4200, None)),
])
def test_an_hourly_rate_times_the_hours_of_a_day(text: str, wage: Wage) -> None:
    assert parse_wage(text) == wage

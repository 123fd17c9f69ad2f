"""Session 11: pay per piece of work ("一场一百多", "一个柜300", "每吨80") is piece rate with no monthly figure, not a
monthly wage of 100 or 300 refused as out of range; a time unit written beside it still makes it a daily or monthly
wage. Found when an outside writer's wage cells were refused with a misleading message."""

from __future__ import annotations

import pytest

from jianfu.employment.matching.parse import Wage, parse_wage


@pytest.mark.parametrize(("text", "wage"), [
    ("一场一百多", Wage(piece_rate=True)),            # a banquet or event helper, paid per event
    ("一个柜300", Wage(piece_rate=True)),             # loading a container
    ("每吨80", Wage(piece_rate=True)),
    ("0.5元/件", Wage(piece_rate=True)),
    ("每车200元", Wage(piece_rate=True)),
    ("一趟50，面议", Wage(negotiable=True, piece_rate=True)),
    ("按柜计，一天300左右", Wage(7800, 7800, piece_rate=True)),   # a time unit beside it: 300 a day, 26 days
    ("按单结，月入过万", Wage(10000, None, piece_rate=True)),
    ("日结200，一单一结", Wage(5200, None)),
    ("车间普工4000", Wage(4000, None)),                 # 车间 is a workshop, not a truckload
    ("一天一百多", Wage(2600, None)),
    # a base pay beside the piece rate is still read (the diff review's D1)
    ("底薪3000+每单提成5元", Wage(3000, None, piece_rate=True)),
    ("保底4000，每件0.5元", Wage(4000, None, piece_rate=True)),
    ("6000-10000元，每单3-5元", Wage(6000, 10000, piece_rate=True)),
    ("4000-8000，每单提成", Wage(4000, 8000, piece_rate=True)),
    ("一车200，日结", Wage(piece_rate=True)),
    ("一个柜300，月结", Wage(piece_rate=True)),
])
def test_pay_per_piece_of_work(text: str, wage: Wage) -> None:
    assert parse_wage(text) == wage


def test_an_unreadable_wage_is_still_refused_in_words() -> None:
    # "看情况" names no amount: no wish since session 14; words that say nothing of pay are still unreadable
    with pytest.raises(ValueError, match="无法识别的工资“好好干”"):
        parse_wage("好好干")


# ------------------------------------------------------------------------------------------ "only near home"

from jianfu.employment.matching.matcher import Matcher  # noqa: E402
from jianfu.employment.matching.places import Gazetteer  # noqa: E402
from jianfu.employment.matching.types import Job, Seeker  # noqa: E402

GAZ = Gazetteer.builtin()
QUZHANG_VILLAGE = "450521200206"


@pytest.mark.parametrize(("places", "notes", "level"), [
    ("本镇、县内", "只能在家附近", 1),      # the limit is the person's word; the wider tick beside it is not
    ("县内", "只想在镇上", 1),
    ("县内", "只能在本村", 0),
    ("县内", "", 2),
    ("县内", "只能做白班", 2),               # an "only" about the hours says nothing of the place
    ("本镇、县内", "", 2),
    ("县内", "不只想在镇上，县里也行", 2),     # not only (the diff review's D10)
    ("县内", "只想在镇上或者县城", 2),         # a wider place after it in the same clause
    ("县内", "只想在镇上，县里也行", 2),       # an "also fine" after it
])
def test_only_near_home_narrows_a_wider_tick(places: str, notes: str, level: int) -> None:
    assert GAZ.acceptable(places, home=QUZHANG_VILLAGE, notes=notes)[0] == level


def test_a_seeker_only_near_home_is_offered_the_own_town_first_and_only() -> None:
    # found by a new user (session 11, N06): a county-wide tick let the exact trade words of other towns' postings
    # outrank a factory job in the seeker's own town
    seeker = Seeker(id="1", age=39, education="高中", residence=QUZHANG_VILLAGE, desired="做过流水线，想进厂，离家近",
                    wage="4000", places="本镇、县内", notes="只能在家附近")
    jobs = [Job(id="own", employer="甲", title="电子厂普工", place="曲樟乡", wage="4000-6000"),
            Job(id="other", employer="乙", title="操作工", place="常乐镇", wage="4000-6000")]
    matcher = Matcher(seekers=[seeker], jobs=jobs, gazetteer=GAZ)
    assert [r.job_id for r in matcher.jobs_for(seeker, top=10)] == ["own"]


# ------------------------------------------------------------ a negated demand with a verb between (blind11, read after)

from jianfu.employment.matching.parse import infer_job_demands  # noqa: E402


@pytest.mark.parametrize(("text", "height"), [
    ("都在厂房里的平台上做，不用上脚手架。", False),
    ("地面作业，无需爬高。", False),
    ("需上脚手架焊接。", True),
    ("在十几米高的钢架上作业。", True),
])
def test_a_negated_height_with_a_verb_between(text: str, height: bool) -> None:
    assert ("HEIGHT" in infer_job_demands(text)) is height


def test_work_done_at_home_is_no_place_scope() -> None:
    # "只能在家做" (a hand-craft taken home) is about where the work is done, not how far a workplace may be
    assert GAZ.acceptable("本镇", home=QUZHANG_VILLAGE, notes="孩子小要带，只能在家做")[0] == 1


# ------------------------------------------------------------------- a birth year said "88年的" (blind11's writer)

from datetime import date  # noqa: E402

from jianfu.employment.matching.parse import parse_age  # noqa: E402


@pytest.mark.parametrize(("text", "born"), [("88年的", 1988), ("1988年的", 1988), ("05年的", 2005), ("85年出生", 1985)])
def test_a_birth_year_said_as_one_of_a_year(text: str, born: int) -> None:
    assert parse_age(text) == date.today().year - born  # noqa: DTZ011 - the parser's own calendar year


def test_a_decade_is_still_refused_in_words() -> None:
    with pytest.raises(ValueError, match="大致的说法"):
        parse_age("八几年的")

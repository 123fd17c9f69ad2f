"""Code review 21 (fix-cr21b): a 班组长's headcount is not a group size, a household living together is not a crew,
and a rate by weight needs its amount to be money ("每天装卸二十一吨货" is a load, not 20 a ton)."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, crews, matcher
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import wage_rate

GAZ = Gazetteer.builtin()
both_paths = pytest.mark.parametrize("kernel", [True, False], ids=["kernel", "numpy"])

# ------------------------------------------------------------------------------------------------ crews

LEADERS = Job(id="LEAD", title="砍甘蔗", headcount=32, place="廉州镇", description="招聘班组长2人、普工30人，按吨计价")
PAIR = Job(id="PAIR", title="砍甘蔗", headcount=2, place="廉州镇", description="按吨计价")
LONE = Seeker(id="L1", age=45, residence="廉州镇", desired="砍甘蔗", places="县内")
HOUSEHOLD = Seeker(id="H5", age=45, residence="廉州镇", desired="砍甘蔗", places="县内", notes="我们家5个人一起住在镇上")
CREW5 = Seeker(id="C5", age=45, residence="廉州镇", desired="砍甘蔗", places="县内", notes="我们5个人一起去砍蔗")


@pytest.mark.parametrize(
    ("text", "crew"),
    [
        ("我们家5个人一起住在镇上", 1),
        ("当过班组长，管8人", 1),
        ("我们5个人一起去砍蔗", 5),
        ("屯里3个人一起出工", 3),
        ("我们4个人一块进厂", 4),
        ("我们屯里5个人一起来报名", 5),
    ],
)
def test_a_crew_goes_or_works_together(text: str, crew: int) -> None:
    assert crews.seeker_crew(text) == crew


@pytest.mark.parametrize(
    ("title", "text", "headcount", "crew_range"),
    [
        ("普工", "招聘班组长2人、普工30人", 32, (1, 32)),
        ("砍甘蔗", "班组4-6人，按吨计价", 30, (4, 6)),
    ],
)
def test_a_leaders_headcount_is_no_group_size(
    title: str, text: str, headcount: int, crew_range: tuple[int, int]
) -> None:
    assert crews.posting_crew(title, text, headcount) == crew_range


@both_paths
def test_the_matcher_refuses_none_of_these_pairs(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    jobs = [LEADERS, PAIR]
    m = matcher.Matcher(jobs=jobs, seekers=[LONE, HOUSEHOLD, CREW5], gazetteer=GAZ)
    assert sorted(r.job_id for r in m.jobs_for(LONE)) == ["LEAD", "PAIR"]
    assert sorted(r.job_id for r in m.jobs_for(HOUSEHOLD)) == ["LEAD", "PAIR"]
    assert sorted(r.job_id for r in m.jobs_for(CREW5)) == ["LEAD"]   # five do not fit a posting for two


def test_the_oracle_agrees() -> None:
    assert [violations(s, j, GAZ) for s in (LONE, HOUSEHOLD, CREW5) for j in (LEADERS, PAIR)] == [
        [], [], [], [], [], ["crew"]
    ]


# ------------------------------------------------------------------------------------------------ a rate by weight


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("每天装卸二十一吨货", None),
        ("每吨货物装车约2小时", None),
        ("每吨85元，早上6点起开工", ("ton", 85.0, 85.0)),
        ("每吨85元起", ("ton", 85.0, None)),
        ("每吨不低于80元", ("ton", 80.0, None)),
        ("八十块一吨以上", ("ton", 80.0, None)),
        ("80元/吨，最少干满一个月", ("ton", 80.0, 80.0)),
        ("一吨不低于70", ("ton", 70.0, None)),
        ("每吨80-90元", ("ton", 80.0, 90.0)),
        ("0.6元一斤", ("jin", 0.6, 0.6)),
    ],
)
def test_a_rate_by_weight_is_money_next_to_its_unit(text: str, rate: tuple[str, float, float | None] | None) -> None:
    assert wage_rate(text) == rate

"""Session 21 (emp-dev21): what blind20's reading left. Own sentences, none of blind20's rows: crews against the group
range and headcount a posting takes (the kernel, the numpy path, the batch and the oracle alike)."""

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Seeker, crews, matcher
from jianfu.employment.matching.batch import batch_top
from jianfu.employment.matching.constraints import violations

GAZ = Gazetteer.builtin()
both_paths = pytest.mark.parametrize("kernel", [True, False], ids=["kernel", "numpy"])


def offered(seeker: Seeker, jobs: list[Job], *, kernel: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    return sorted(
        r.job_id for r in matcher.Matcher(jobs=jobs, seekers=[seeker], gazetteer=GAZ).jobs_for(seeker)
    )


# ------------------------------------------------------------------------------------------------ crews


@pytest.mark.parametrize(
    ("text", "crew"),
    [
        ("我们屯里5个人一起来报名", 5),
        ("一个班组8人，能住工地", 8),
        ("班组六个人一起，会绑钢筋", 6),
        ("有自己的施工队7个人", 7),
        ("两口子一起去，要夫妻房", 2),
        ("跟老婆一块去", 2),
        ("家里4口人，老人要照顾", 1),
        ("一个人，愿意跟别人拼组", 1),
        ("什么活都干", 1),
    ],
)
def test_the_crew_a_seeker_comes_with(text: str, crew: int) -> None:
    assert crews.seeker_crew(text) == crew


@pytest.mark.parametrize(
    ("title", "text", "headcount", "crew_range"),
    [
        ("砍甘蔗", "每组4-6人，按吨计价，住工棚", 30, (4, 6)),
        ("砍甘蔗", "每组4-6人，单人报名可安排进组", 30, (1, 6)),
        ("绑钢筋", "以组为单位（3人），工期一个月", None, (3, 3)),
        ("木工班组", "支模，按方计", None, (2, crews.NO_MAX)),
        ("装卸工", "只招班组，不要散工", 12, (2, 12)),
        ("搬运工", "个人或班组均可，日结", 10, (1, 10)),
        ("包装工", "坐着做，包午餐", 3, (1, 3)),
        ("班组长", "带十来个人的线", 1, (1, 1)),
    ],
)
def test_the_crews_a_posting_takes(
    title: str, text: str, headcount: int | None, crew_range: tuple[int, int]
) -> None:
    assert crews.posting_crew(title, text, headcount) == crew_range


CANE = [
    Job(id="G46", title="砍甘蔗", headcount=30, place="廉州镇", description="每组4-6人，按吨计价"),
    Job(id="G34", title="砍甘蔗", headcount=30, place="廉州镇", description="每组3-4人，按吨计价"),
    Job(id="ANY", title="砍甘蔗", headcount=30, place="廉州镇", description="单人报名可安排进组，按吨计价"),
    Job(id="TWO", title="砍甘蔗", headcount=2, place="廉州镇", description="按吨计价"),
    Job(id="OPEN", title="砍甘蔗", place="廉州镇", description="按吨计价，人数不限"),
]
CREW5 = Seeker(
    id="C5", age=45, residence="廉州镇", desired="砍甘蔗", places="县内", notes="我们屯里5个人一起来报名"
)
LONE = Seeker(id="L1", age=45, residence="廉州镇", desired="砍甘蔗", places="县内")
COUPLE = Seeker(id="P2", age=45, residence="廉州镇", desired="砍甘蔗", places="县内", notes="两口子一起去")


@both_paths
def test_a_crew_needs_a_posting_that_takes_it(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    assert offered(CREW5, CANE, kernel=kernel, monkeypatch=monkeypatch) == ["ANY", "G46", "OPEN"]
    assert offered(LONE, CANE, kernel=kernel, monkeypatch=monkeypatch) == ["ANY", "OPEN", "TWO"]
    assert offered(COUPLE, CANE, kernel=kernel, monkeypatch=monkeypatch) == ["ANY", "OPEN", "TWO"]


def test_the_oracle_reads_the_crews_as_the_matcher_does() -> None:
    assert [violations(CREW5, j, GAZ) for j in CANE] == [[], ["crew"], [], ["crew"], []]
    assert [violations(LONE, j, GAZ) for j in CANE] == [["crew"], ["crew"], [], [], []]
    m = matcher.Matcher(jobs=CANE, seekers=[CREW5, LONE, COUPLE], gazetteer=GAZ)
    assert [[m.violates(s, j) for j in CANE] for s in (CREW5, LONE, COUPLE)] == [
        [bool(violations(s, j, GAZ)) for j in CANE] for s in (CREW5, LONE, COUPLE)
    ]


def test_the_batch_keeps_the_crews() -> None:
    m = matcher.Matcher(jobs=CANE, seekers=[CREW5, LONE, COUPLE], gazetteer=GAZ)
    result = batch_top(m, k=10, processes=1)
    kept = [sorted(CANE[j].id for j in row.tolist() if j >= 0) for row in result.seeker_jobs]
    assert kept == [["ANY", "G46", "OPEN"], ["ANY", "OPEN", "TWO"], ["ANY", "OPEN", "TWO"]]
    assert np.array_equal(m.S.crew, np.array([5, 1, 2], np.int16))

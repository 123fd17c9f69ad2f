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


# ------------------------------------------------------------------------------------------------ sight, both directions

CASHIER = Job(id="C", title="收银员", place="廉州镇", description="超市收银，站班", wage="3200")
CLEANER = Job(id="A", title="保洁员", place="廉州镇", description="办公楼保洁", wage="2500")


def _person(pid: str, notes: str, desired: str = "超市营业员") -> Seeker:
    return Seeker(id=pid, age=40, residence="廉州镇", desired=desired, places="本镇", notes=notes)


PEOPLE = [
    _person("U", "视力残疾"),
    _person("V", "视力残疾（一级）"),
    _person("L", "视力残疾四级"),
    _person("O", "视力残疾（二级）", "想做收银"),
    _person("N1", "", "什么都能干"),
    _person("N2", "", "保洁、理货"),
    _person("N3", "腰不好", "保洁"),
]


def test_a_posting_that_needs_eyesight_lists_its_seekers_as_a_seeker_lists_it() -> None:
    m = matcher.Matcher(jobs=[CASHIER, CLEANER], seekers=PEOPLE, gazetteer=GAZ)
    # by score: O 0.5971; L, U, V 0.4913; N2, N3, N1 below. Severe (V, 一级): after every suitable candidate; no grade
    # (U): below the suitable seekers of the list; low vision (L) and the person asking for the work (O) keep their place
    assert [r.seeker_id for r in m.seekers_for(CASHIER)] == ["O", "L", "N2", "N3", "N1", "U", "V"]
    assert [r.seeker_id for r in m.seekers_for(CASHIER, top=4)] == ["O", "L", "N2", "U"]
    recs = {r.seeker_id: r for r in m.seekers_for(CASHIER)}
    assert (recs["U"].rank, recs["U"].score, recs["V"].rank, recs["V"].score) == (6, 0.4913, 7, 0.4913)
    assert recs["U"].unmet == ["需要良好视力（收银），请核实"]
    # work that needs no eyesight: the score's order
    assert [r.seeker_id for r in m.seekers_for(CLEANER)] == ["N3", "N2", "N1", "L", "U", "V", "O"]


def test_the_batch_lists_a_postings_seekers_as_the_single_query_does(monkeypatch: pytest.MonkeyPatch) -> None:
    m = matcher.Matcher(jobs=[CASHIER, CLEANER], seekers=PEOPLE, gazetteer=GAZ)
    monkeypatch.setattr(matcher, "BATCH_ABOVE_PAIRS", 0)  # the blocked batch (`batch.batch_top`)
    batched = [(r.job_id, r.rank, r.seeker_id) for r in m.recommend_all("jobs", top=10)]
    assert batched == [("C", k, p) for k, p in enumerate(["O", "L", "N2", "N3", "N1", "U", "V"], start=1)] + [
        ("A", k, p) for k, p in enumerate(["N3", "N2", "N1", "L", "U", "V", "O"], start=1)
    ]


# ------------------------------------------------------------------------------------------------ 医药 and 橡胶厂


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("橡胶厂", ["6-15-01"]),
        ("想进橡胶厂做硫化工", ["6-15-01"]),
        ("橡胶制品", ["6-15-01"]),
        ("割橡胶", []),  # tapping rubber trees is farm work, not the plant
        ("电子厂或者医药", ["6-25-01", "6-12-01"]),  # the longer word first
        ("医药", ["6-12-01"]),
        ("药店、医药", ["4-01-05", "6-12-01"]),
        ("医药相关专业优先", []),  # a major, not a plant
        ("学医药的", []),
        ("医药公司", ["4-01-05"]),
    ],
)
def test_bare_medicine_and_the_rubber_plant_name_their_trades(text: str, codes: list[str]) -> None:
    from jianfu.employment.matching.parse import normalise_occupation

    assert normalise_occupation(text) == codes


def test_the_rubber_plant_is_line_work_near_auto_parts() -> None:
    from jianfu.employment.matching.features import employer_trade
    from jianfu.employment.matching.occupations import FACTORY_LINE, RELATED

    assert "6-15-01" in FACTORY_LINE
    assert RELATED["6-15-01"] == {"6-28-01": 0.75, "6-22-01": 0.5, "6-18-02": 0.4}  # 普工 as every line
    assert employer_trade("合浦某橡胶制品有限公司") == "6-15-01"
    assert employer_trade("广西某医药科技有限公司") == "6-12-01"


# ------------------------------------------------------------------------------------------------ pay in its own unit


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("每小时20以上", ("hour", 20.0, None)),
        ("17元/小时，每天10小时", ("hour", 17.0, None)),
        ("时薪16-19元", ("hour", 16.0, 19.0)),
        ("一天一百五以上", ("day", 150.0, None)),
        ("一吨不低于70", ("ton", 70.0, None)),
        ("按吨计，每吨85元，日均220左右", ("ton", 85.0, 85.0)),
        ("0.6元一斤", ("jin", 0.6, 0.6)),
        ("4000-5000元/月", None),
        ("面议", None),
    ],
)
def test_the_unit_a_wage_is_written_in(text: str, rate: tuple[str, float, float | None] | None) -> None:
    from jianfu.employment.matching.parse import wage_rate

    assert wage_rate(text) == rate


HOURLY = Seeker(id="H", age=35, residence="廉州镇", desired="仓库分拣", places="县内", wage="每小时20以上")
PER_TON = Seeker(id="T", age=45, residence="廉州镇", desired="砍甘蔗", places="县内", wage="一吨不低于70")
SORTING = [
    Job(id="LONG", title="分拣员", place="廉州镇", wage="17元/小时，每天10小时", description="快递分拣"),
    Job(id="FAIR", title="分拣员", place="廉州镇", wage="21元/小时", description="快递分拣"),
]
CUTTING = [
    Job(id="LOW", title="砍甘蔗", place="廉州镇", wage="每吨60元", description="砍蔗装车"),
    Job(id="HIGH", title="砍甘蔗", place="廉州镇", wage="每吨90元", description="砍蔗装车"),
]


@both_paths
def test_a_wage_wished_by_the_hour_or_the_ton_is_compared_in_it(
    kernel: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matcher, "USE_KERNEL", kernel)
    m = matcher.Matcher(jobs=SORTING + CUTTING, seekers=[HOURLY, PER_TON], gazetteer=GAZ)
    # 17 an hour is below 20 an hour, however long the day (as a month, 17 × 10 hours read above 20 × 8)
    hourly = {r.job_id: r for r in m.jobs_for(HOURLY)}
    assert [r.job_id for r in m.jobs_for(HOURLY)][:2] == ["FAIR", "LONG"]
    assert hourly["LONG"].unmet == ["工资17元/小时，低于期望20元/小时"]
    assert "工资21元/小时，达到期望20元/小时" in hourly["FAIR"].met
    per_ton = {r.job_id: r for r in m.jobs_for(PER_TON)}
    assert [r.job_id for r in m.jobs_for(PER_TON)][:2] == ["HIGH", "LOW"]
    assert per_ton["LOW"].unmet == ["工资60元/吨，低于期望70元/吨"]
    assert round(per_ton["HIGH"].score - per_ton["LOW"].score, 4) == round(
        m.weights["wage"] * (1 - (60 / 70) ** 2), 4
    )

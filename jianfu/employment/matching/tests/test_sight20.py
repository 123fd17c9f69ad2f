"""Session 20 (emp-prod20): work that needs ordinary eyesight, for a person with a registered 视力残疾 (`sight`). A new
user saw 收银员 first for such a person, with 建筑小工, 治安协管员 and 网店客服 beside it. Own sentences."""

import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, sight

GAZ = Gazetteer.builtin()

JOBS = [
    Job(id="C", title="收银员", place="廉州镇", description="超市收银，站班", wage="3200"),
    Job(id="B", title="建筑小工", place="廉州镇", description="工地搬砖、搅拌", wage="3500"),
    Job(id="Z", title="治安协管员", place="廉州镇", description="公益性岗位，协助村里治安", wage="2000"),
    Job(id="W", title="网店客服", place="廉州镇", description="在线回复买家消息", wage="3000"),
    Job(id="P", title="电话客服", place="廉州镇", description="接听热线电话，解答咨询", wage="3000"),
    Job(id="A", title="保洁员", place="廉州镇", description="办公楼保洁", wage="2500"),
    Job(id="K", title="包装工", place="廉州镇", description="食品厂包装，坐着", wage="3000"),
    Job(id="M", title="推拿按摩师", place="廉州镇", description="盲人按摩店，包住", wage="3500"),
]


def _seeker(notes: str, desired: str = "什么都能干") -> Seeker:
    return Seeker(id="S", age=40, residence="廉州镇", desired=desired, places="本镇", notes=notes)


def _ids(notes: str, top: int = 10, desired: str = "什么都能干") -> list[str]:
    s = _seeker(notes, desired)
    return [r.job_id for r in Matcher(jobs=JOBS, seekers=[s], gazetteer=GAZ).jobs_for(s, top=top)]


@pytest.mark.parametrize(("text", "level"), [
    ("视力残疾", sight.UNGRADED), ("残疾人（视力二级，持证）", sight.SEVERE), ("视力残疾（一级）", sight.SEVERE),
    ("视力残疾四级", sight.LOW_VISION), ("三级视力残疾", sight.LOW_VISION), ("低视力，看字要凑近", sight.LOW_VISION),
    ("双目失明", sight.SEVERE), ("无视力残疾", sight.NONE), ("视力不好，老花", sight.NONE), ("肢体残疾（三级）", sight.NONE),
])
def test_the_sight_a_seeker_writes_and_its_grade(text, level):
    assert sight.seeker_sight(text) == level


@pytest.mark.parametrize(("title", "description", "codes", "need"), [
    ("收银员", "超市收银", ("4-01-02",), "收银"),
    ("建筑小工", "工地搬砖", ("6-29-06",), "建筑施工"),
    ("治安协管员", "协助村里治安", ("4-09-05",), "治安巡逻"),
    ("网店客服", "在线回复买家消息", ("4-04-01",), "看屏幕打字回复"),
    ("电话客服", "接听热线电话", ("4-04-01",), ""),
    ("营业员", "卖衣服，兼收银", ("4-01-01",), "收银"),
    ("营业员", "卖衣服，不用收银", ("4-01-01",), ""),
    ("客服", "盲人按摩店前台，读屏软件接单", ("4-04-01",), ""),     # stated accessible
    ("保洁员", "办公楼保洁", ("4-09-01",), ""),
])
def test_the_work_that_needs_eyesight(title, description, codes, need):
    assert sight.sight_need(title, description, codes) == need


def test_no_grade_puts_the_doubtful_work_below_the_suitable_and_marks_it():
    assert _ids("") == ["A", "B", "K", "Z", "C", "M", "P", "W"]        # no disability: the score's order
    assert _ids("视力残疾") == ["A", "K", "M", "P", "B", "Z", "C", "W"]
    s = _seeker("视力残疾")
    recs = {r.job_id: r for r in Matcher(jobs=JOBS, seekers=[s], gazetteer=GAZ).jobs_for(s)}
    assert recs["C"].unmet == ["岗位为收银员，求职意向未写明工种", "需要良好视力（收银），请核实"]
    assert recs["W"].unmet[-1] == "需要良好视力（看屏幕打字回复），请核实"
    assert recs["Z"].unmet == ["需要良好视力（治安巡逻），请核实"]
    assert recs["M"].met[-1] == "对视力要求不高（按摩推拿）"
    assert recs["P"].met[-1] == "对视力要求不高（电话客服）"
    assert "需要良好视力" not in recs["A"].reasons
    # the score is the score: only the order moved
    assert (recs["B"].rank, recs["B"].score, recs["M"].rank, recs["M"].score) == (5, 0.3642, 3, 0.2712)


def test_the_grade_decides_how_far():
    # no grade: the three best by score (A, B, K), the building site last of them
    assert _ids("视力残疾", top=3) == ["A", "K", "B"]
    # 一级/二级: suitable work fills the list first
    assert _ids("视力残疾（二级）", top=3) == ["A", "K", "M"]
    assert _ids("残疾人（视力一级，持证）") == ["A", "K", "M", "P", "B", "Z", "C", "W"]
    # 三级/四级 (低视力): marked only, the order of the score
    assert _ids("视力残疾四级", top=3) == ["A", "B", "K"]
    s = _seeker("视力残疾四级")
    recs = Matcher(jobs=JOBS, seekers=[s], gazetteer=GAZ).jobs_for(s, top=3)
    assert [r.unmet for r in recs] == [[], ["需要良好视力（建筑施工），请核实"], []]


def test_nothing_is_refused_and_the_persons_own_wish_is_not_moved():
    for notes in ("视力残疾", "视力残疾（一级）", "视力残疾（四级）"):
        assert sorted(_ids(notes)) == ["A", "B", "C", "K", "M", "P", "W", "Z"]
    # "想做收银": their own words accept it — first as before, and still marked for the cadre to check; the other
    # doubtful work (网店客服 second by score) still goes down
    assert _ids("", top=3, desired="想做收银") == ["C", "W", "A"]
    assert _ids("视力残疾（一级）", top=3, desired="想做收银") == ["C", "A", "M"]
    s = _seeker("视力残疾（一级）", desired="想做收银")
    first = Matcher(jobs=JOBS, seekers=[s], gazetteer=GAZ).jobs_for(s, top=1)[0]
    assert (first.job_id, first.met[0], first.unmet) == ("C", "求职意向相符（收银员）", ["需要良好视力（收银），请核实"])


def test_the_batch_orders_a_list_as_the_single_query_does(monkeypatch):
    from jianfu.employment.matching import matcher as matcher_module

    s = _seeker("视力残疾")
    m = Matcher(jobs=JOBS, seekers=[s], gazetteer=GAZ)
    monkeypatch.setattr(matcher_module, "BATCH_ABOVE_PAIRS", 0)          # the blocked batch (`batch.batch_top`)
    batched = [(r.rank, r.job_id) for r in m.recommend_all("seekers", top=10)]
    assert batched == list(enumerate(["A", "K", "M", "P", "B", "Z", "C", "W"], start=1))

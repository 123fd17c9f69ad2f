"""Session 7 (issue 8): three readings behind postings whose top-10 seekers the character floor ordered better
(blind6) — a seeker naming only a far place, the B1/A3 licences, a height written as "十几米高"."""

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.parse import (
    infer_job_demands,
    normalise_certificates,
    parse_required_certificates,
)

GAZ = Gazetteer.builtin()
HOME = GAZ.resolve("廉州镇")


def test_only_far_places_named_means_only_there():
    assert GAZ.acceptable("广东", home=HOME) == (0, ("44",))
    assert GAZ.acceptable("东莞", home=HOME) == (0, ("4419",))
    # "也行" keeps home; a place of the county named keeps the county or the town
    assert GAZ.acceptable("去广东也行", home=HOME) == (2, ("44",))
    assert GAZ.acceptable("合浦或者去广东也行", home=HOME) == (2, ("44",))
    assert GAZ.acceptable("", home=HOME) == (2, ())
    assert GAZ.acceptable("广东", home=None)[0] == 2       # an unknown home breaks nothing


def test_a_seeker_who_wants_only_guangdong_is_not_offered_the_county_but_is_offered_guangdong():
    seeker = Seeker(id="S", age=24, residence="廉州镇", desired="去广东进厂", places="广东")
    here, there = Job(id="J1", title="普工", place="石湾镇"), Job(id="J2", title="普工", place="广东东莞")
    assert violations(seeker, here, GAZ) and not violations(seeker, there, GAZ)
    m = Matcher(jobs=[here, there], seekers=[seeker], gazetteer=GAZ)
    assert [r.job_id for r in m.jobs_for(seeker)] == ["J2"]
    assert m.violates(seeker, here) and not m.violates(seeker, there)


def test_b1_and_a3_licences_and_what_includes_them():
    assert parse_required_certificates("B1及以上驾照") == (frozenset({"B1"}), frozenset())
    assert normalise_certificates("A1驾照") == frozenset({"A1", "A3", "B1", "B2", "C1", "C2"})
    assert normalise_certificates("A2驾照") == frozenset({"A2", "B1", "B2", "C1", "C2"})
    assert normalise_certificates("B1驾照") == frozenset({"B1", "C1", "C2"})
    assert normalise_certificates("C1驾照") == frozenset({"C1", "C2"})
    bus = Job(id="J", title="校车司机", age="30-55周岁", certificates="B1及以上驾照", place="廉州镇")
    m = Matcher(jobs=[bus], seekers=[], gazetteer=GAZ)
    assert m.violates(Seeker(id="C", age=45, residence="廉州镇", desired="开货车", certificates="C1驾照"), bus)
    assert not m.violates(Seeker(id="A", age=52, residence="廉州镇", desired="开大巴", certificates="A1驾照"), bus)


def test_a_height_written_in_metres_is_a_height_demand():
    text = "钢构电焊工 厂房钢梁现场焊接，需在十几米高的钢架上作业，系双钩安全带"
    assert "HEIGHT" in infer_job_demands(text)
    job = Job(id="J", title="钢构电焊工", certificates="持焊工证", description=text[6:], place="廉州镇")
    welder = Seeker(id="S", age=35, residence="廉州镇", desired="电焊", certificates="焊工证", notes="恐高")
    assert violations(welder, job, GAZ) and Matcher(jobs=[job], gazetteer=GAZ).violates(welder, job)


def _far_world() -> Matcher:
    jobs = [Job(id="J1", title="电焊工", place="廉州镇", description="焊接钢结构"),
            Job(id="J2", title="电子厂普工", place="广东东莞", description="流水线组装"),
            Job(id="J3", title="保安员", place="广东深圳", description="小区门岗"),
            Job(id="J4", title="厨师", place="廉州镇", description="炒菜")]
    seekers = [Seeker(id="S1", age=30, residence="廉州镇", desired="电焊", places="广东"),
               Seeker(id="S2", age=30, residence="廉州镇", desired="电焊", places="县内")]
    return Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)


def test_the_batch_completes_a_far_only_seeker_over_the_places_named():
    import numpy as np

    from jianfu.employment.matching.batch import batch_top, exact_top_for_seekers

    m = _far_world()
    result = batch_top(m, k=3, exact_below=0, processes=1)      # blocks and completions, not the small-input path
    exact, _ = exact_top_for_seekers(m, np.arange(2), k=3)
    found = [sorted(m.J.ids[j] for j in row if j >= 0) for row in result.seeker_jobs]
    assert found == [sorted(m.J.ids[j] for j in row if j >= 0) for row in exact]
    assert found == [["J2", "J3"], ["J1", "J4"]]      # no welding posting in Guangdong: other trades there, not home


def test_the_online_blocked_query_finds_a_far_only_seekers_postings(monkeypatch):
    from jianfu.employment.matching import matcher as matcher_module

    monkeypatch.setattr(matcher_module, "ONLINE_BLOCKED_ABOVE", 0)       # the blocked path of a large county
    m = _far_world()
    assert sorted(r.job_id for r in m.jobs_for(m.seekers[0])) == ["J2", "J3"]

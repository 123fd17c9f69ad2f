"""A posting at two places ("党江镇、沙田镇", "北海市区、廉州镇") may be taken at either (issue 8, session 6): the
kernel, the numpy reference, the single query, the blocks and the batch all read its second place; before, it
sat at the first town and a seeker of the second who takes only their own town was shut out."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from jianfu.employment.matching import Gazetteer, Job, Matcher, Seeker, synth
from jianfu.employment.matching.batch import batch_top, exact_top_for_jobs, exact_top_for_seekers
from jianfu.employment.matching.constraints import violations
from jianfu.employment.matching.features import NO_PLACE

GAZ = Gazetteer.builtin()


def _jobs() -> list[Job]:
    return [
        Job(id="J1", title="鱿鱼晒制工", place="党江镇、沙田镇", wage="3500-4000", age="18-55岁"),
        Job(id="J2", title="鱿鱼晒制工", place="廉州镇", wage="3500-4000", age="18-55岁"),
        Job(id="J3", title="月嫂", place="北海市区、廉州镇", wage="6000", age="25-50岁"),
    ]


def _seekers() -> list[Seeker]:
    return [
        Seeker(id="S1", age=40, desired="晒海货", residence="沙田镇", places="本镇"),
        Seeker(id="S2", age=40, desired="晒海货", residence="廉州镇", places="本镇"),
        Seeker(id="S3", age=35, desired="月嫂", residence="北海市区", places="本区"),
    ]


def test_the_second_place_is_a_column():
    m = Matcher(jobs=_jobs(), seekers=_seekers(), gazetteer=GAZ)
    assert m.J.place[0, 3] == 450521101 and m.J.place2[0, 3] == 450521109     # 党江镇, then 沙田镇
    assert (m.J.place2[1] == NO_PLACE).all()                                   # one place: no second
    assert m.J.place[2, 3] == 450521100 and m.J.place2[2, 2] == 450502         # 廉州镇 (in the county) first
    assert m.job_county2.tolist() == [-1, -1, 450502]     # another block place only for the cross-county one


def test_a_seeker_of_the_second_town_is_offered_the_posting_at_their_own_town():
    m = Matcher(jobs=_jobs(), seekers=_seekers(), gazetteer=GAZ)
    s1, s2 = _seekers()[:2]
    assert [r.job_id for r in m.jobs_for(s1)] == ["J1"]
    assert not m.violates(s1, _jobs()[0])
    assert violations(s1, _jobs()[0], GAZ) == []
    reasons = m.jobs_for(s1)[0].reasons
    assert "工作地点沙田镇（本镇）" in reasons
    # the distance part is the own town's, as for a posting at 沙田镇 alone
    alone = Matcher(jobs=[dataclasses.replace(_jobs()[0], place="沙田镇")], seekers=[s1], gazetteer=GAZ,
                    text_encoder=m.text)
    assert m.jobs_for(s1)[0].score == alone.jobs_for(s1)[0].score
    # a seeker of a third town who takes only their own is still refused it (J3 lists their town)
    assert [r.job_id for r in m.jobs_for(s2)] == ["J2", "J3"]
    assert m.violates(s2, _jobs()[0])


@pytest.mark.parametrize("processes", [1, 2])
def test_the_blocked_batch_reads_the_second_place_across_counties(processes):
    m = Matcher(jobs=_jobs(), seekers=_seekers(), gazetteer=GAZ)
    result = batch_top(m, k=3, exact_below=0, processes=processes)   # blocks, not the small-input exact path
    found = {m.S.ids[s]: [m.J.ids[j] for j in row if j >= 0] for s, row in enumerate(result.seeker_jobs)}
    assert found == {"S1": ["J1"], "S2": ["J2", "J3"], "S3": ["J3"]}
    assert sorted(m.S.ids[s] for s in result.job_seekers[2] if s >= 0) == ["S2", "S3"]


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
def test_kernel_numpy_batch_and_brute_force_agree_with_two_place_postings():
    from jianfu.employment.matching import kernel
    from jianfu.employment.matching.matcher import score_block, score_block_numpy

    towns = ["廉州镇", "党江镇", "沙田镇", "白沙镇", "山口镇", "北海市区"]
    rng = np.random.default_rng(5)
    jobs = list(synth.jobs(240, seed=31))
    for i in range(0, len(jobs), 3):           # a third of the postings at two places
        a, b = rng.choice(len(towns), 2, replace=False)
        jobs[i] = dataclasses.replace(jobs[i], place=f"{towns[a]}、{towns[b]}")
    seekers = list(synth.seekers(200, seed=32))
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=GAZ)
    assert (m.J.place2[:, 0] != NO_PLACE).sum() == 80
    si, ji = np.arange(len(seekers)), np.arange(len(jobs))
    reference = score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
    if kernel.AVAILABLE:
        fused = score_block(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, None).scores
        assert (np.isfinite(fused) == np.isfinite(reference)).all()
        finite = np.isfinite(reference)
        assert np.abs(fused[finite] - reference[finite]).max() < 1e-5
        mask = kernel.feasible(m.S, 0, m.J, ji)
        assert (mask == np.isfinite(reference[0])).all()
    # the oracle reads every listed place: feasibility is the same pair for pair
    oracle = np.array([[not violations(s, j, GAZ) for j in jobs] for s in seekers[:40]])
    assert (oracle == np.isfinite(reference[:40])).all()
    result = batch_top(m, k=10, exact_below=0)
    exact, _ = exact_top_for_seekers(m, si)
    found = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(result.seeker_jobs, exact, strict=True))
    assert found / int((exact >= 0).sum()) >= 0.95
    exact_j, _ = exact_top_for_jobs(m, ji)
    found_j = sum(len(set(a[a >= 0]) & set(e[e >= 0])) for a, e in zip(result.job_seekers, exact_j, strict=True))
    assert found_j / int((exact_j >= 0).sum()) >= 0.95


def test_the_blocks_alone_find_a_posting_at_a_second_county(monkeypatch):
    from jianfu.employment.matching import batch

    # without the completion passes, only the blocks: the 北海市区 seeker is a candidate of J3's block only
    # through its second place (without `job_county2` the seeker's list is empty)
    monkeypatch.setattr(batch, "_complete_needy_seekers", lambda *a, **k: 0)
    monkeypatch.setattr(batch, "_complete_needy_jobs", lambda *a, **k: 0)
    m = Matcher(jobs=_jobs(), seekers=_seekers(), gazetteer=GAZ)
    result = batch_top(m, k=3, exact_below=0, processes=1)
    assert [m.J.ids[j] for j in result.seeker_jobs[2] if j >= 0] == ["J3"]
    m.job_county2[:] = -1
    result = batch_top(m, k=3, exact_below=0, processes=1)
    assert [m.J.ids[j] for j in result.seeker_jobs[2] if j >= 0] == []


@pytest.mark.parametrize(("text", "level"), [
    ("巡山护林、防火宣传 限本乡脱贫劳动力", 1), ("仅限本镇户籍", 1), ("本村村民", 0), ("面向本村", 0), ("限本地户籍", 2),
    ("本村村民优先", 5), ("本镇脱贫劳动力优先", 5), ("公司在本镇", 5), ("", 5),
])
def test_a_posting_open_only_to_its_own_people(text, level):
    from jianfu.employment.matching.parse import local_restriction

    assert local_restriction(text) == level


def test_local_only_posting_is_a_hard_constraint_on_the_home_everywhere():
    job = Job(id="J", title="生态护林员", place="曲樟乡", age="40-60岁", description="巡山护林、防火宣传 限本乡脱贫劳动力")
    here = Seeker(id="A", age=55, desired="护林", residence="曲樟乡", places="本乡")
    there = Seeker(id="B", age=50, desired="护林", residence="乌家镇", places="县内")
    named = Seeker(id="C", age=50, desired="护林", residence="乌家镇", places="曲樟乡")   # naming it is not living there
    unknown = Seeker(id="D", age=50, desired="护林", residence="某某村", places="县内")   # unknown home breaks nothing
    seekers = [here, there, named, unknown]
    m = Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ)
    assert [r.seeker_id for r in m.seekers_for(job)] == ["A", "D"]
    assert [m.violates(s, job) for s in seekers] == [False, True, True, False]
    assert [bool(violations(s, job, GAZ)) for s in seekers] == [False, True, True, False]
    from jianfu.employment.matching.matcher import score_block_numpy

    ref = score_block_numpy(m.S, np.arange(4), m.svec, m.J, np.arange(1), m.jvec, m.weights, None).scores[:, 0]
    assert np.isfinite(ref).tolist() == [True, False, False, True]


@pytest.mark.parametrize("place", ["合浦县", "某某林场", ""])
def test_a_local_limit_at_a_place_too_vague_to_check_shuts_nobody_out(place):
    # "限本乡…" at a posting placed only in the county (or at an unknown place) cannot say which town: the kernel, the
    # scorer and the independent oracle all leave it open, rather than shutting it to every seeker
    job = Job(id="J", title="生态护林员", place=place, age="40-60岁", description="巡山护林、防火宣传 限本乡脱贫劳动力")
    seekers = [Seeker(id="A", age=55, desired="护林", residence="曲樟乡", places="县内"),
               Seeker(id="B", age=50, desired="护林", residence="乌家镇", places="县内")]
    m = Matcher(jobs=[job], seekers=seekers, gazetteer=GAZ)
    assert [r.seeker_id for r in m.seekers_for(job)] == ["A", "B"]
    assert [m.violates(s, job) for s in seekers] == [False, False]
    assert [violations(s, job, GAZ) for s in seekers] == [[], []]

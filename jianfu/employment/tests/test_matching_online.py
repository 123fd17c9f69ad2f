"""One seeker's top-10 over many postings (`Matcher.jobs_for` above ONLINE_BLOCKED_ABOVE postings): the
session-4 path (infeasible candidates dropped before scoring, region postings from an index, only the postings
not yet scored rescored, kth by partition) returns exactly what the previous path returned — every candidate
scored, then every posting of the sorted union rescored."""

from __future__ import annotations

import numpy as np
import pytest

from jianfu.employment.matching import Matcher, synth
from jianfu.employment.matching import matcher as matcher_module
from jianfu.employment.matching.matcher import _top_indices, outside_bound, score_block


def _jobs_for_before(m: Matcher, seeker, top: int = 10) -> tuple[list[tuple[str, float]], bool]:
    """The path before session 4, kept here as the reference: (top-10 as (posting id, score), fell back)."""
    S, row, svec = m._seeker_row(seeker)
    ji = m.candidate_jobs(S, row)
    if not len(ji):
        return [], False
    values = score_block(S, np.array([row]), svec[[row]], m.J, ji, m.jvec[ji], m.weights, m.outcomes).scores[0]
    kth = np.sort(values)[-top] if len(values) >= top else -np.inf
    fell_back = bool(kth < outside_bound(m.weights, m.outcomes))
    if fell_back:
        column = 3 if S.max_level[row] <= 1 else 2
        region = np.flatnonzero((m.J.place[:, column] == S.home[row, column]) | (m.job_county < 0))
        if S.max_level[row] == 0 and S.explicit[row, 0, 0] != 5:     # only far places named: those too (session 7)
            named = np.zeros(len(m.J.ids), bool)
            for li, value in S.explicit[row]:
                if li != 5:
                    named |= (m.J.place[:, li] == value) | (m.J.place2[:, li] == value)
            region = np.union1d(region, np.flatnonzero(named))
        ji = np.union1d(ji, region)
        values = score_block(S, np.array([row]), svec[[row]], m.J, ji, m.jvec[ji], m.weights, m.outcomes).scores[0]
    picks = _top_indices(values, top, lambda p: m.J.ids[ji[p]])
    return [(m.J.ids[ji[p]], round(float(values[p]), 4)) for p in picks], fell_back


@pytest.mark.parametrize("prefilter_above", [100, 10**9])
def test_blocked_online_query_returns_the_same_top10_as_before(monkeypatch, prefilter_above):
    monkeypatch.setattr(matcher_module, "ONLINE_BLOCKED_ABOVE", 500)
    monkeypatch.setattr(matcher_module, "PREFILTER_ABOVE", prefilter_above)
    geo = synth.Geography.province(cities=2, counties=3, towns=4)
    m = Matcher(jobs=list(synth.jobs(2_500, seed=31, geography=geo)),
                seekers=list(synth.seekers(600, seed=32, geography=geo)))
    fell_back = 0
    for seeker in m.seekers:
        before, fell = _jobs_for_before(m, seeker)
        now = [(r.job_id, r.score) for r in m.jobs_for(seeker)]
        assert now == before, seeker.id
        fell_back += fell
    # both branches are exercised: some seekers complete their lists from their town or county
    assert 0 < fell_back < len(m.seekers)


@pytest.mark.parametrize("column", [2, 3])
def test_region_index_equals_the_scan(column):
    geo = synth.Geography.province(cities=2, counties=2, towns=3)
    m = Matcher(jobs=list(synth.jobs(800, seed=33, geography=geo)), seekers=list(synth.seekers(50, seed=34, geography=geo)))
    from jianfu.employment.matching.blocking import RegionIndex

    index = RegionIndex(m.J, m.job_county)
    for code in [*np.unique(m.J.place[:, column]).tolist(), -2, 123456789]:
        expected = np.flatnonzero((m.J.place[:, column] == code) | (m.job_county < 0))
        assert np.array_equal(index.jobs(column, code), expected)


def test_feasible_columns_equal_the_scores_hard_constraints():
    from jianfu.employment.matching import kernel

    geo = synth.Geography.province(cities=2, counties=2, towns=3)
    m = Matcher(jobs=list(synth.jobs(1_500, seed=35, geography=geo)),
                seekers=list(synth.seekers(300, seed=36, geography=geo)))
    ji = np.random.default_rng(0).permutation(len(m.jobs))[:1_000]
    passed = 0
    for row in range(len(m.seekers)):
        scores = score_block(m.S, np.array([row]), m.svec[[row]], m.J, ji, m.jvec[ji], m.weights, None).scores[0]
        mask = kernel.feasible(m.S, row, m.J, ji)
        assert np.array_equal(mask, np.isfinite(scores)), row
        passed += int(mask.sum())
    assert 0 < passed < len(ji) * len(m.seekers)

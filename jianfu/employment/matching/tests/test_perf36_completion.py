"""Session 36 (perf36): the seekers' completion pass (seekers whose k-th blocked score is below what a left-out pair
could reach, rescored over their town's or county's postings) runs through the kernel with its bound, shared by forked
workers, instead of scoring every pair with numpy in one process. At the seed's scale nearly every synthetic seeker is
such a one (53,573 of 55,000 at 1/20 of it) and the pass, unfinished after 13 min of CPU in session 35, decided the
batch's time. It must give the very same lists as the exact numpy pass it replaces."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from jianfu.employment.matching import Matcher, batch, kernel, synth
from jianfu.employment.matching import matcher as matcher_module

pytestmark = pytest.mark.skipif(not kernel.AVAILABLE, reason="numba")

K = 10


@pytest.fixture(scope="module")
def world() -> Matcher:
    geography = synth.Geography.province(cities=2, counties=2, towns=3)
    seekers = list(synth.seekers(1200, seed=36, geography=geography))
    jobs = list(synth.jobs(900, seed=37, geography=geography))
    return Matcher(jobs=jobs, seekers=seekers)


def _blocked_lists(m: Matcher) -> tuple[np.ndarray, np.ndarray]:
    """Every seeker's lists after the blocks alone: the completion's input."""
    keys = batch.blocking.block_keys(m.job_occ, m.job_county, m.job_county2, m.job_occ2)
    plan = [(*batch.blocking.split_key(key), np.sort(ji)) for key, ji in batch._index(keys).items()]
    every, strong = batch.blocking.seeker_middles(m.S)
    runner = batch._BlockRunner(m, plan, batch._SeekerIndex(m.S, strong), every, strong, K, None)
    s_best = np.full((len(m.S.ids), K), -1, np.int64), np.full((len(m.S.ids), K), -np.inf, np.float32)
    j_best = np.full((len(m.J.ids), K), -1, np.int64), np.full((len(m.J.ids), K), -np.inf, np.float32)
    for b in range(len(plan)):
        runner.run(b, s_best, j_best)
    return s_best


def _completed(m: Matcher, s_best: tuple[np.ndarray, np.ndarray], processes: int) -> tuple[np.ndarray, np.ndarray, int]:
    idx, val = s_best[0].copy(), s_best[1].copy()
    with threadpool_limits(1):
        pairs = batch._complete_needy_seekers(m, (idx, val), K, processes=processes)
    return idx, val, pairs


@pytest.mark.parametrize("processes", [1, 2])
def test_the_kernel_completion_gives_the_exact_passs_lists(world, monkeypatch, processes):
    s_best = _blocked_lists(world)
    needy = int((s_best[1].min(axis=1) < batch.outside_bound(world.weights, world.outcomes)).sum())
    assert needy > 100                   # the pass has work to do on this world
    idx, val, pairs = _completed(world, s_best, processes)
    monkeypatch.setattr(matcher_module, "USE_KERNEL", False)
    exact_idx, exact_val, exact_pairs = _completed(world, s_best, 1)
    assert pairs == exact_pairs
    j_rank = batch.ranks(world)[1]
    got, want = batch._sorted(idx, val, j_rank), batch._sorted(exact_idx, exact_val, j_rank)
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_array_equal(got[1], want[1])
    # and it changed the lists: seekers the blocks left short were filled
    assert int((got[0] >= 0).sum()) > int((s_best[0] >= 0).sum())


def test_a_seeker_whose_list_is_full_enough_is_left_alone(world):
    s_best = _blocked_lists(world)
    s_best[1][...] = np.float32(1e9)     # every k-th score beyond any left-out pair: nobody is needy
    idx, val, pairs = _completed(world, s_best, 2)
    assert pairs == 0
    np.testing.assert_array_equal(idx, s_best[0])

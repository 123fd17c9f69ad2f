"""Session 34 (perf34): the batch kernel rewritten for speed (its hard constraints one `if` each, the seeker's columns
read once per row, the top-k entries' id ranks read only when a pair reaches the k-th score) gives the very same
scores and lists. Two checks on a seeded synthetic block: the kernel's score matrix against the reference numpy
formulation (`matcher.score_block_numpy`) on the same rows, and the running top-k against a plain sort of the full score
matrix. Session 35 (fixcr35a, code review): these were checksums recorded with the code before the rewrite, re-recorded
whenever a reading changed what the synthetic rows say; the two paths compared on the same world are the real check, and
a reading change does not move them."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from jianfu.employment.matching import Matcher, kernel, synth
from jianfu.employment.matching.batch import _merge_rows, _sorted, _top_rows, ranks
from jianfu.employment.matching.matcher import DIST_SCORE, OCC_SIM, UNKNOWN_PART, score_block_numpy

pytestmark = pytest.mark.skipif(not kernel.AVAILABLE, reason="numba")

K = 10


@pytest.fixture(scope="module")
def world() -> Matcher:
    geography = synth.Geography.province(cities=1, counties=2, towns=3)
    seekers = list(synth.seekers(1500, seed=34, geography=geography))
    jobs = list(synth.jobs(400, seed=35, geography=geography))
    return Matcher(jobs=jobs, seekers=seekers)


@pytest.fixture(autouse=True)
def one_blas_thread() -> object:
    """The text part is a BLAS product, whose last bits may depend on its threads: one, as the batch's workers."""
    with threadpool_limits(1):
        yield


def _scores(m: Matcher) -> np.ndarray:
    si, ji = np.arange(len(m.S.ids)), np.arange(len(m.J.ids))
    return kernel.block_scores(m.S, si, m.svec, m.J, ji, m.jvec, m.weights, OCC_SIM, DIST_SCORE, UNKNOWN_PART, None)


def _topk(m: Matcher, chunk: int) -> tuple[np.ndarray, ...]:
    """The batch's form: the postings in two column blocks, the seekers in row chunks, the lists carried over."""
    ns, nj = len(m.S.ids), len(m.J.ids)
    rows = np.full((ns, K), -1, np.int64), np.full((ns, K), -np.inf, np.float32)
    cols = np.full((nj, K), -1, np.int64), np.full((nj, K), -np.inf, np.float32)
    pairs = 0
    for ji in (np.arange(0, nj, 2), np.arange(1, nj, 2)):
        col_idx, col_val = cols[0][ji], cols[1][ji]
        for start in range(0, ns, chunk):
            si = np.arange(start, min(ns, start + chunk))
            row_idx, row_val = rows[0][si], rows[1][si]
            pairs += kernel.block_topk(m.S, si, m.svec[si], m.J, ji, m.jvec[ji], m.weights, OCC_SIM, DIST_SCORE,
                                       UNKNOWN_PART, (row_idx, row_val), (col_idx, col_val), *ranks(m))
            rows[0][si], rows[1][si] = row_idx, row_val
        cols[0][ji], cols[1][ji] = col_idx, col_val
    s_rank, j_rank = ranks(m)
    assert pairs == ns * nj
    return (*_sorted(*rows, j_rank), *_sorted(*cols, s_rank))


def test_the_score_matrix_is_the_numpy_reference(world: Matcher) -> None:
    scores = _scores(world)
    si, ji = np.arange(len(world.S.ids)), np.arange(len(world.J.ids))
    reference = score_block_numpy(world.S, si, world.svec, world.J, ji, world.jvec, world.weights, None).scores
    assert scores.shape == reference.shape == (1500, 400)
    finite = np.isfinite(scores)
    assert np.array_equal(finite, np.isfinite(reference))           # the same pairs feasible
    assert 0.1 * finite.size < int(finite.sum()) < finite.size       # a world with pairs refused and pairs kept
    np.testing.assert_allclose(scores[finite], reference[finite], rtol=0, atol=1e-6)    # float32 sums in another order


@pytest.mark.parametrize("chunk", [97, 1500])
def test_the_running_top_k_is_a_sort_of_the_score_matrix(world: Matcher, chunk: int) -> None:
    scores = _scores(world)
    s_rank, j_rank = ranks(world)
    empty_i, empty_v = np.zeros((0, 0), np.int64), np.zeros((0, 0), np.float32)
    c, v = _top_rows(scores, K, j_rank)
    want_rows = _sorted(*_merge_rows(empty_i[:len(scores)].reshape(len(scores), 0), empty_v[:len(scores)].reshape(len(scores), 0),
                                     np.where(np.isfinite(v), c, -1), v, K, j_rank), j_rank)
    c, v = _top_rows(scores.T, K, s_rank)
    want_cols = _sorted(np.where(np.isfinite(v), c, -1), v, s_rank)
    got = _topk(world, chunk)
    for a, b in zip(got, (*want_rows, *want_cols), strict=True):
        assert np.array_equal(a, b)


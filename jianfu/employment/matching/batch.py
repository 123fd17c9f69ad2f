"""Both directions at once for every seeker and every posting: top-k postings per seeker and top-k seekers
per posting, in one pass over blocks.

Blocking (`blocking.py`, the same rule as a single query): a posting sits in one block, (middle class of
its occupation, county); the seekers scored against a block are found through indexes by home county,
home prefecture, province and named places, then filtered by `blocking.accepts`. Within a block the full
score matrix is computed in row chunks (the same `score_block` as a single query), giving both each
seeker's best postings there and each posting's best seekers.

Seekers whose 10th score is below what a left-out pair could reach are then rescored against every
posting of their town or county, and postings likewise against every seeker their place reaches. `exact_top_for_*` score every pair for a sample; the benchmark reports recall@k of the
batch against them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from jianfu.employment.matching import blocking
from jianfu.employment.matching.features import SeekerTable
from jianfu.employment.matching.matcher import Matcher, outside_bound, score_block

CHUNK_CELLS = 1_000_000         # seekers × postings per chunk (4 MB per float32 temporary: stays in cache)


@dataclass
class BatchResult:
    seeker_jobs: np.ndarray      # [n_seekers, k] posting index, -1 none
    seeker_scores: np.ndarray    # [n_seekers, k] float32, -inf none
    job_seekers: np.ndarray      # [n_jobs, k] seeker index, -1 none
    job_scores: np.ndarray
    blocks: int
    pairs_scored: int
    pairs_total: int = 0         # every block's pairs (equal to pairs_scored unless blocks were sampled)


def _merge_rows(best_idx: np.ndarray, best_val: np.ndarray, new_idx: np.ndarray, new_val: np.ndarray,
                k: int) -> tuple[np.ndarray, np.ndarray]:
    """Keep the k best of (best ∪ new) per row; rows are aligned."""
    idx = np.concatenate([best_idx, new_idx], axis=1)
    val = np.concatenate([best_val, new_val], axis=1)
    if val.shape[1] > k:
        part = np.argpartition(-val, k - 1, axis=1)[:, :k]
        idx = np.take_along_axis(idx, part, axis=1)
        val = np.take_along_axis(val, part, axis=1)
    return idx, val


def _merge_rows_unique(best_idx: np.ndarray, best_val: np.ndarray, new_idx: np.ndarray, new_val: np.ndarray,
                       k: int) -> tuple[np.ndarray, np.ndarray]:
    """Like `_merge_rows` when the two sides may hold the same index: duplicates count once."""
    idx = np.concatenate([best_idx, new_idx], axis=1)
    val = np.concatenate([best_val, new_val], axis=1)
    order = np.argsort(idx, axis=1, kind="stable")
    idx = np.take_along_axis(idx, order, axis=1)
    val = np.take_along_axis(val, order, axis=1)
    duplicate = np.zeros(idx.shape, bool)
    duplicate[:, 1:] = (idx[:, 1:] == idx[:, :-1]) & (idx[:, 1:] >= 0)
    val = np.where(duplicate, -np.inf, val)
    idx = np.where(duplicate, -1, idx)
    return _merge_rows(idx[:, :0], val[:, :0], idx, val, k)


def _top_rows(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    if scores.shape[1] <= k:
        cols = np.broadcast_to(np.arange(scores.shape[1]), scores.shape).copy()
        pad = k - scores.shape[1]
        if pad:
            cols = np.pad(cols, ((0, 0), (0, pad)), constant_values=-1)
            vals = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        else:
            vals = scores
        return cols, vals
    cols = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    return cols, np.take_along_axis(scores, cols, axis=1)


def _index(keys: np.ndarray) -> dict[int, np.ndarray]:
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    uniq, starts = np.unique(keys[order], return_index=True)
    ends = np.append(starts[1:], len(order))
    return {int(u): order[a:b] for u, a, b in zip(uniq, starts, ends, strict=True)}


class _SeekerIndex:
    """Who could be scored against a block in a given county: by home county, by home prefecture (those
    accepting 市内 or further), by province (省内), those going out of the province, and named places."""

    def __init__(self, S: SeekerTable) -> None:
        n = len(S.ids)
        level = S.max_level
        self.all = np.arange(n)
        self.by_county = _index(S.home[:, 2])
        wide = np.flatnonzero(level >= 3)
        self.by_city = {k: wide[v] for k, v in _index(S.home[wide, 1]).items()}
        prov4 = np.flatnonzero(level == 4)
        self.by_prov4 = {k: prov4[v] for k, v in _index(S.home[prov4, 0]).items()}
        out = np.flatnonzero(level >= 5)
        self.out_by_prov = {k: out[v] for k, v in _index(S.home[out, 0]).items()}
        self.named: dict[int, list[int]] = defaultdict(list)
        rows, slots = np.nonzero(S.explicit[:, :, 0] != 5)
        for r, k in zip(rows.tolist(), slots.tolist(), strict=True):
            li, value = int(S.explicit[r, k, 0]), int(S.explicit[r, k, 1])
            key = value if li <= 2 else (value // 1000 if li == 3 else value // 1_000_000)
            self.named[key].append(r)
        self.named_arrays = {k: np.array(v) for k, v in self.named.items()}

    def candidates(self, county: int) -> np.ndarray:
        if county < 0:
            return self.all
        city, prov = county // 100, county // 10_000
        found: list[np.ndarray | None] = [self.by_county.get(county), self.by_city.get(city), self.by_prov4.get(prov)]
        found += list(self.out_by_prov.values())
        found += [self.named_arrays.get(k) for k in (county, city, prov)]
        parts = [p for p in found if p is not None and len(p)]
        return np.unique(np.concatenate(parts)) if parts else np.arange(0)


def batch_top(matcher: Matcher, *, k: int = 10, progress: Callable[[int, int], object] | None = None,
              sample_blocks: float | None = None,
              seed: int = 0) -> BatchResult:
    """Top-k both directions. `sample_blocks` (benchmark only): score a random share of the blocks and
    skip the completion; `BatchResult.pairs_total` still counts every block's pairs, for extrapolation."""
    S, J = matcher.S, matcher.J
    ns, nj = len(S.ids), len(J.ids)
    s_best = np.full((ns, k), -1, np.int64), np.full((ns, k), -np.inf, np.float32)
    j_best = np.full((nj, k), -1, np.int64), np.full((nj, k), -np.inf, np.float32)
    mid_of, county_of = matcher.job_mid, matcher.job_county
    keys = (mid_of + 1) * 10**12 + (county_of + 1)
    blocks_index = _index(keys)
    every, strong = blocking.seeker_middles(S)
    seeker_index = _SeekerIndex(S)
    blocks = pairs = pairs_total = 0
    rng = np.random.default_rng(seed)
    for key, ji in blocks_index.items():
        ji = np.sort(ji)
        mid, county = int(key // 10**12) - 1, int(key % 10**12) - 1
        cand = seeker_index.candidates(county)
        if len(cand):
            keep = blocking.accepts(S, cand, every[cand], strong[cand], np.array([[mid]]), np.array([[county]]))[:, 0]
            cand = cand[keep]
        if not len(cand):
            continue
        pairs_total += len(cand) * len(ji)
        if sample_blocks is not None and rng.random() >= sample_blocks:
            continue
        blocks += 1
        rows = max(1, CHUNK_CELLS // len(ji))
        jvec = matcher.jvec[ji]
        col_idx = np.full((k, len(ji)), -1, np.int64)
        col_val = np.full((k, len(ji)), -np.inf, np.float32)
        for start in range(0, len(cand), rows):
            si = cand[start:start + rows]
            block = score_block(S, si, matcher.svec[si], J, ji, jvec, matcher.weights, matcher.outcomes).scores
            pairs += block.size
            cols, vals = _top_rows(block, k)
            new_idx = np.where(cols >= 0, ji[np.maximum(cols, 0)], -1)
            merged_idx, merged_val = _merge_rows(s_best[0][si], s_best[1][si], new_idx, vals, k)
            s_best[0][si], s_best[1][si] = merged_idx, merged_val
            rcols, rvals = _top_rows(block.T, k)
            new_rows = np.where(rcols >= 0, si[np.maximum(rcols, 0)], -1)
            merged_idx, merged_val = _merge_rows(col_idx.T, col_val.T, new_rows, rvals, k)
            col_idx, col_val = merged_idx.T, merged_val.T
        j_best[0][ji], j_best[1][ji] = col_idx.T, col_val.T
        if progress:
            progress(blocks, len(blocks_index))
    if sample_blocks is None:
        completed = _complete_needy_seekers(matcher, s_best, k)
        completed += _complete_needy_jobs(matcher, j_best, k, seeker_index)
        pairs += completed
        pairs_total += completed
    s_idx, s_val = _sorted(*s_best)
    j_idx, j_val = _sorted(*j_best)
    return BatchResult(s_idx, s_val, j_idx, j_val, blocks, pairs, pairs_total)


def _complete_needy_jobs(matcher: Matcher, j_best: tuple[np.ndarray, np.ndarray], k: int, seeker_index: _SeekerIndex) -> int:
    """Postings whose k-th blocked score is below what a left-out pair could reach are rescored against
    every seeker whose places reach them, whatever their occupation."""
    S, J = matcher.S, matcher.J
    needy = np.flatnonzero(j_best[1][:, k - 1] < outside_bound(matcher.weights, matcher.outcomes))
    pairs = 0
    county_of = matcher.job_county[needy]
    no_mid = np.array([[-1]])
    for county in np.unique(county_of):
        ji = needy[county_of == county]
        cand = seeker_index.candidates(int(county))
        if not len(cand):
            continue
        every = np.ones((len(cand), blocking.N_MIDDLES), bool)
        keep = blocking.accepts(S, cand, every, every, no_mid, np.array([[int(county)]]))[:, 0]
        cand = cand[keep]
        jvec = matcher.jvec[ji]
        col_idx, col_val = j_best[0][ji].T.copy(), j_best[1][ji].T.copy()
        col_idx[:] = -1
        col_val[:] = -np.inf
        rows = max(1, CHUNK_CELLS // len(ji))
        for start in range(0, len(cand), rows):
            si = cand[start:start + rows]
            block = score_block(S, si, matcher.svec[si], J, ji, jvec, matcher.weights, matcher.outcomes).scores
            pairs += block.size
            rcols, rvals = _top_rows(block.T, k)
            new_rows = np.where(rcols >= 0, si[np.maximum(rcols, 0)], -1)
            merged_idx, merged_val = _merge_rows(col_idx.T, col_val.T, new_rows, rvals, k)
            col_idx, col_val = merged_idx.T, merged_val.T
        j_best[0][ji], j_best[1][ji] = col_idx.T, col_val.T
    return pairs


def _complete_needy_seekers(matcher: Matcher, s_best: tuple[np.ndarray, np.ndarray], k: int) -> int:
    """Seekers whose k-th blocked score is below what a left-out pair could reach are rescored against
    every posting of their town (本镇) or county — exact for those who stay within it."""
    S, J = matcher.S, matcher.J
    needy = np.flatnonzero(s_best[1][:, k - 1] < outside_bound(matcher.weights, matcher.outcomes))
    if not len(needy):
        return 0
    level = S.max_level[needy]
    # their own town, or their county for everyone accepting more (a bounded cost: ~1/100 of the postings)
    region = np.where(level <= 1, S.home[needy, 3], S.home[needy, 2])
    unknown_place = np.flatnonzero(~J.place_known | (J.place[:, 1] < 0))
    pairs = 0
    for code in np.unique(region):
        group = needy[region == code]
        column = 3 if code >= 100_000_000 else 2 if code >= 100_000 else 1     # town, county or prefecture
        ji = np.union1d(np.flatnonzero(J.place[:, column] == code), unknown_place)
        idx, val = exact_top_for_seekers(matcher, group, k=k, jobs=ji)
        s_best[0][group], s_best[1][group] = _merge_rows_unique(s_best[0][group], s_best[1][group], idx, val, k)
        pairs += len(group) * len(ji)
    return pairs


def _sorted(idx: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    val = np.where(idx >= 0, val, -np.inf)
    order = np.argsort(-val, axis=1, kind="stable")
    idx = np.take_along_axis(idx, order, axis=1)
    val = np.take_along_axis(val, order, axis=1)
    idx[~np.isfinite(val)] = -1
    return idx, val


def exact_top_for_seekers(matcher: Matcher, si: np.ndarray, *, k: int = 10,
                          jobs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Brute force: every posting (or every one of `jobs`) scored for seekers `si` — the floor the blocked
    batch is compared with."""
    J = matcher.J
    all_jobs = np.arange(len(J.ids)) if jobs is None else jobs
    nj = len(all_jobs)
    best = np.full((len(si), k), -1, np.int64), np.full((len(si), k), -np.inf, np.float32)
    rows = max(1, min(len(si), CHUNK_CELLS // max(nj, 1))) if nj else 1
    cols = max(1, CHUNK_CELLS // max(1, min(len(si), rows)))
    for rstart in range(0, len(si), rows):
        srows = si[rstart:rstart + rows]
        bi, bv = best[0][rstart:rstart + rows], best[1][rstart:rstart + rows]
        for cstart in range(0, nj, cols):
            ji = all_jobs[cstart:cstart + cols]
            block = score_block(matcher.S, srows, matcher.svec[srows], J, ji, matcher.jvec[ji], matcher.weights,
                                matcher.outcomes).scores
            c, v = _top_rows(block, k)
            bi, bv = _merge_rows(bi, bv, np.where(c >= 0, ji[np.maximum(c, 0)], -1), v, k)
        best[0][rstart:rstart + rows], best[1][rstart:rstart + rows] = bi, bv
    return _sorted(*best)


def exact_top_for_jobs(matcher: Matcher, ji: np.ndarray, *, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Brute force: every seeker scored for postings `ji`."""
    S = matcher.S
    ns = len(S.ids)
    best = np.full((len(ji), k), -1, np.int64), np.full((len(ji), k), -np.inf, np.float32)
    rows = max(1, CHUNK_CELLS // max(len(ji), 1))
    jvec = matcher.jvec[ji]
    for start in range(0, ns, rows):
        si = np.arange(start, min(ns, start + rows))
        block = score_block(S, si, matcher.svec[si], matcher.J, ji, jvec, matcher.weights, matcher.outcomes).scores
        c, v = _top_rows(block.T, k)
        best = _merge_rows(best[0], best[1], np.where(c >= 0, si[np.maximum(c, 0)], -1), v, k)
    return _sorted(*best)


def recall_against(approx: np.ndarray, exact: np.ndarray, exact_scores: np.ndarray, approx_scores: np.ndarray) -> float:
    """Mean recall@k of `approx` rows against `exact` rows; a tie at the k-th exact score counts as found."""
    found = total = 0
    for a, e, es, as_ in zip(approx, exact, exact_scores, approx_scores, strict=True):
        want = [x for x in e.tolist() if x >= 0]
        if not want:
            continue
        kth = float(es[len(want) - 1])
        got = set(a.tolist())
        tied = sum(1 for x, s in zip(a.tolist(), as_.tolist(), strict=True) if x >= 0 and x not in set(want) and s >= kth - 1e-6)
        found += min(len(want), len(got & set(want)) + tied)
        total += len(want)
    return found / total if total else 1.0

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

import mmap
import os
import weakref
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.context import ForkContext

import numpy as np

from jianfu.employment.matching import blocking, kernel
from jianfu.employment.matching import matcher as matcher_module
from jianfu.employment.matching.features import JobTable, SeekerTable
from jianfu.employment.matching.matcher import (
    DIST_SCORE,
    OCC_SIM,
    UNKNOWN_PART,
    Matcher,
    outside_bound,
    score_block,
)

CHUNK_CELLS = 1_000_000         # seekers × postings per chunk (4 MB per float32 temporary: stays in cache)
EXACT_BELOW_PAIRS = 20_000_000  # smaller runs score every pair


@dataclass
class BatchResult:
    seeker_jobs: np.ndarray      # [n_seekers, k] posting index, -1 none
    seeker_scores: np.ndarray    # [n_seekers, k] float32, -inf none
    job_seekers: np.ndarray      # [n_jobs, k] seeker index, -1 none
    job_scores: np.ndarray
    blocks: int
    pairs_scored: int
    pairs_total: int = 0         # every block's pairs (equal to pairs_scored unless blocks were sampled)


def _run_workers(ctx: ForkContext, work: Callable[[int], None], procs: int) -> None:
    """Run `work(0) … work(procs - 1)` in forked processes and wait for all; any failure is raised here."""
    workers = [ctx.Process(target=work, args=(w,), daemon=True) for w in range(procs)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    failed = [p.exitcode for p in workers if p.exitcode != 0]
    if failed:
        raise RuntimeError(f"matching worker failed (exit codes {failed})")


_NO_RANK = np.uint64(0xFFFFFFFF)


def id_ranks(ids: list[str]) -> np.ndarray:
    """[n] int64: each position's place in the order of the ids (as `Matcher._top_indices` breaks ties)."""
    rank = np.empty(len(ids), np.int64)
    rank[np.argsort(np.array(ids, dtype=str), kind="stable")] = np.arange(len(ids))
    return rank


def _better_key(val: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """uint64, larger = better: the score first (float32's bits made monotone), then the lower id rank —
    one key, so a partition or a sort picks the same entries whatever order they arrive in (the kernel's
    running top-k, `kernel._kth`, compares the same pair: score, then rank)."""
    # + 0 turns -0.0 into +0.0: equal scores, so they must have equal bits and meet the rank
    bits = (np.asarray(val, np.float32) + np.float32(0)).view(np.uint32).astype(np.uint64)
    bits = np.where(bits & np.uint64(0x80000000), ~bits & np.uint64(0xFFFFFFFF), bits | np.uint64(0x80000000))
    return (bits << np.uint64(32)) | (_NO_RANK - rank.astype(np.uint64))


_RANKS: weakref.WeakKeyDictionary[Matcher, tuple[np.ndarray, np.ndarray]] = weakref.WeakKeyDictionary()


def ranks(matcher: Matcher) -> tuple[np.ndarray, np.ndarray]:
    """(seekers' id ranks, postings' id ranks), computed once per matcher (its tables are built once, in
    `Matcher.__init__`)."""
    cached = _RANKS.get(matcher)
    if cached is None:
        cached = _RANKS[matcher] = (id_ranks(matcher.S.ids), id_ranks(matcher.J.ids))
    return cached


def _ranks_of(idx: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The id rank of each index; an empty slot (-1) ranks after every id (`rank` may be empty: no seekers)."""
    out = np.full(idx.shape, int(_NO_RANK), np.int64)
    hit = idx >= 0
    out[hit] = rank[idx[hit]]
    return out


def _merge_rows(best_idx: np.ndarray, best_val: np.ndarray, new_idx: np.ndarray, new_val: np.ndarray,
                k: int, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keep the k best of (best ∪ new) per row, ties by `rank` of the index; rows are aligned."""
    idx = np.concatenate([best_idx, new_idx], axis=1)
    val = np.concatenate([best_val, new_val], axis=1)
    if val.shape[1] > k:
        part = np.argpartition(~_better_key(val, _ranks_of(idx, rank)), k - 1, axis=1)[:, :k]
        idx = np.take_along_axis(idx, part, axis=1)
        val = np.take_along_axis(val, part, axis=1)
    return idx, val


def _merge_rows_unique(best_idx: np.ndarray, best_val: np.ndarray, new_idx: np.ndarray, new_val: np.ndarray,
                       k: int, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
    return _merge_rows(idx[:, :0], val[:, :0], idx, val, k, rank)


def _top_rows(scores: np.ndarray, k: int, col_rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The k best columns of each row (ties by `col_rank`, the id rank of each column)."""
    if scores.shape[1] <= k:
        cols = np.broadcast_to(np.arange(scores.shape[1]), scores.shape).copy()
        pad = k - scores.shape[1]
        if pad:
            cols = np.pad(cols, ((0, 0), (0, pad)), constant_values=-1)
            vals = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
        else:
            vals = scores
        return cols, vals
    cols = np.argpartition(~_better_key(scores, col_rank[None, :]), k - 1, axis=1)[:, :k]
    return cols, np.take_along_axis(scores, cols, axis=1)


def _index(keys: np.ndarray) -> dict[int, np.ndarray]:
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    uniq, starts = np.unique(keys[order], return_index=True)
    ends = np.append(starts[1:], len(order))
    return {int(u): order[a:b] for u, a, b in zip(uniq, starts, ends, strict=True)}


class _SeekerIndex:
    """Who could be scored against a block (small class, county): those living in the county, those who
    named its county, prefecture or province, and — of those accepting 市内 or further — the ones whose own
    trade (a strong slot) is the block's class. `blocking.accepts` then applies the rule exactly."""

    def __init__(self, S: SeekerTable, strong: np.ndarray) -> None:
        n = len(S.ids)
        self.all = np.arange(n)
        self.by_county = _index(S.home[:, 2])
        wide = self.wide = np.flatnonzero(S.max_level >= 3)
        rows, classes = np.nonzero(strong[wide])
        self.wide_by_class = {c: wide[r] for c, r in ((c, rows[classes == c]) for c in np.unique(classes).tolist())}
        self.named: dict[int, list[int]] = defaultdict(list)
        rows, slots = np.nonzero(S.explicit[:, :, 0] != 5)
        for r, k in zip(rows.tolist(), slots.tolist(), strict=True):
            li, value = int(S.explicit[r, k, 0]), int(S.explicit[r, k, 1])
            key = value if li <= 2 else (value // 1000 if li == 3 else value // 1_000_000)
            self.named[key].append(r)
        self.named_arrays = {k: np.array(v) for k, v in self.named.items()}
        self._mark = np.zeros(n, bool)

    def candidates(self, occ: int, county: int) -> np.ndarray:
        return self._union(county, self.wide_by_class.get(occ))

    def reaching(self, county: int) -> np.ndarray:
        """Everyone who could accept a posting in `county`, whatever their trade."""
        return self._union(county, self.wide)

    def _union(self, county: int, wide: np.ndarray | None) -> np.ndarray:
        if county < 0:
            return self.all
        city, prov = county // 100, county // 10_000
        found: list[np.ndarray | None] = [self.by_county.get(county), wide]
        found += [self.named_arrays.get(k) for k in (county, city, prov)]
        parts = [p for p in found if p is not None and len(p)]
        if len(parts) <= 1:
            return parts[0] if parts else np.arange(0)
        for p in parts:
            self._mark[p] = True
        out = np.flatnonzero(self._mark)
        self._mark[out] = False
        return out


def _shared(shape: tuple[int, ...], dtype: type, fill: float) -> np.ndarray:
    """An array in anonymous shared memory: forked workers write into it and the parent sees the writes."""
    size = int(np.prod(shape)) * np.dtype(dtype).itemsize
    buffer = mmap.mmap(-1, max(size, 1))
    array: np.ndarray = np.frombuffer(buffer, dtype=dtype, count=int(np.prod(shape))).reshape(shape)
    array[...] = fill
    return array


def batch_processes(pairs_estimate: int = 10**12) -> int:
    """JIANFU_MATCH_PROCS (default: the machine's cores, at most 2 — the target machine has two); one
    process below ~50 M pairs, where forking costs more than it saves."""
    wanted = int(os.environ.get("JIANFU_MATCH_PROCS", "0")) or min(2, os.cpu_count() or 1)
    return 1 if pairs_estimate < 50_000_000 and not os.environ.get("JIANFU_MATCH_PROCS") else max(1, wanted)


class _BlockRunner:
    """Scores blocks (by position in `plan`) into the given top-k arrays. One per process."""

    def __init__(self, matcher: Matcher, plan: list[tuple[int, int, int, int, np.ndarray]], seeker_index: _SeekerIndex,
                 every: np.ndarray, strong: np.ndarray, k: int, sampled: np.ndarray | None) -> None:
        self.matcher, self.plan, self.seeker_index = matcher, plan, seeker_index
        self.every, self.strong, self.k, self.sampled = every, strong, k, sampled
        self.fused = kernel.AVAILABLE and matcher_module.USE_KERNEL and matcher.outcomes is None
        self.blocks = self.pairs = self.pairs_total = 0

    def warm_up(self) -> None:
        """One pair through the kernel, so that it is compiled (or loaded from numba's cache) once."""
        if not self.fused or not self.plan:
            return
        m, si, ji = self.matcher, np.array([0]), self.plan[0][4][:1]
        throwaway = np.full((1, self.k), -1, np.int64), np.full((1, self.k), -np.inf, np.float32)
        kernel.block_topk(m.S, si, m.svec[si], m.J, ji, m.jvec[ji], m.weights, OCC_SIM, DIST_SCORE, UNKNOWN_PART,
                          throwaway, (throwaway[0].copy(), throwaway[1].copy()), *ranks(m))

    def candidates(self, occ: int, county: int, county2: int = -1, occ2: int = -1) -> np.ndarray:
        S = self.matcher.S
        cand = self.seeker_index.candidates(occ, county)
        if county2 >= 0:          # postings at two places: the seekers of either
            cand = np.union1d(cand, self.seeker_index.candidates(occ, county2))
        if occ2 >= 0:             # postings of two trades: the seekers of either (far ones by their own trade)
            cand = np.union1d(cand, self.seeker_index.candidates(occ2, county))
            if county2 >= 0:
                cand = np.union1d(cand, self.seeker_index.candidates(occ2, county2))
        if len(cand):
            keep = blocking.accepts(S, cand, self.every[cand], self.strong[cand], np.array([[occ]]),
                                    np.array([[county]]), np.array([[county2]]), np.array([[occ2]]))[:, 0]
            cand = cand[keep]
        return cand

    def run(self, b: int, s_best: tuple[np.ndarray, np.ndarray], j_best: tuple[np.ndarray, np.ndarray]) -> None:
        occ, county, county2, occ2, ji = self.plan[b]
        cand = self.candidates(occ, county, county2, occ2)
        if not len(cand):
            return
        self.pairs_total += len(cand) * len(ji)
        if self.sampled is not None and not self.sampled[b]:
            return
        self.blocks += 1
        m, k = self.matcher, self.k
        S, J = m.S, m.J
        s_rank, j_rank = ranks(m)
        rows = max(1, CHUNK_CELLS // len(ji))
        jvec = m.jvec[ji]
        col_idx = np.full((len(ji), k), -1, np.int64)
        col_val = np.full((len(ji), k), -np.inf, np.float32)
        for start in range(0, len(cand), rows):
            si = cand[start:start + rows]
            if self.fused:
                row_idx, row_val = s_best[0][si], s_best[1][si]
                self.pairs += kernel.block_topk(S, si, m.svec[si], J, ji, jvec, m.weights, OCC_SIM, DIST_SCORE,
                                                UNKNOWN_PART, (row_idx, row_val), (col_idx, col_val), s_rank, j_rank)
                s_best[0][si], s_best[1][si] = row_idx, row_val
                continue
            block = score_block(S, si, m.svec[si], J, ji, jvec, m.weights, m.outcomes).scores
            self.pairs += block.size
            cols, vals = _top_rows(block, k, j_rank[ji])
            new_idx = np.where(cols >= 0, ji[np.maximum(cols, 0)], -1)
            s_best[0][si], s_best[1][si] = _merge_rows(s_best[0][si], s_best[1][si], new_idx, vals, k, j_rank)
            rcols, rvals = _top_rows(block.T, k, s_rank[si])
            new_rows = np.where(rcols >= 0, si[np.maximum(rcols, 0)], -1)
            col_idx, col_val = _merge_rows(col_idx, col_val, new_rows, rvals, k, s_rank)
        j_best[0][ji], j_best[1][ji] = col_idx, col_val


def batch_top(matcher: Matcher, *, k: int = 10, sample_blocks: float | None = None, seed: int = 0,
              processes: int | None = None, exact_below: int = EXACT_BELOW_PAIRS) -> BatchResult:
    """Top-k both directions. `sample_blocks` (benchmark only): score a random share of the blocks and
    skip the completion; `BatchResult.pairs_total` still counts every block's pairs, for extrapolation.
    `processes`: forked workers sharing the blocks (default `batch_processes`). Below `exact_below` pairs
    every pair is scored (as `Matcher.jobs_for` does below its own threshold), so small runs are exact."""
    S, J = matcher.S, matcher.J
    ns, nj = len(S.ids), len(J.ids)
    s_rank, j_rank = ranks(matcher)
    if ns * nj <= exact_below and sample_blocks is None:
        s_idx, s_val = exact_top_for_seekers(matcher, np.arange(ns), k=k)
        j_idx, j_val = exact_top_for_jobs(matcher, np.arange(nj), k=k)
        return BatchResult(s_idx, s_val, j_idx, j_val, 1, ns * nj, ns * nj)
    keys = blocking.block_keys(matcher.job_occ, matcher.job_county, matcher.job_county2, matcher.job_occ2)
    plan = [(*blocking.split_key(key), np.sort(ji)) for key, ji in _index(keys).items()]
    plan.sort(key=lambda p: -len(p[4]))              # big blocks first: the workers end together
    every, strong = blocking.seeker_middles(S)
    seeker_index = _SeekerIndex(S, strong)
    sampled = None if sample_blocks is None else np.random.default_rng(seed).random(len(plan)) < sample_blocks
    runner = _BlockRunner(matcher, plan, seeker_index, every, strong, k, sampled)
    procs = processes or batch_processes(ns * nj // 20)
    if procs <= 1 or len(plan) < 2:
        s_best = np.full((ns, k), -1, np.int64), np.full((ns, k), -np.inf, np.float32)
        j_best = np.full((nj, k), -1, np.int64), np.full((nj, k), -np.inf, np.float32)
        for b in range(len(plan)):
            runner.run(b, s_best, j_best)
        blocks, pairs, pairs_total = runner.blocks, runner.pairs, runner.pairs_total
    else:
        s_best, j_best, blocks, pairs, pairs_total = _run_forked(runner, procs, ns, nj, k)
    if sample_blocks is None:
        completed = _complete_needy_seekers(matcher, s_best, k, processes=procs)
        completed += _complete_needy_jobs(matcher, j_best, k, seeker_index, processes=procs)
        pairs += completed
        pairs_total += completed
    s_idx, s_val = _sorted(*s_best, j_rank)
    j_idx, j_val = _sorted(*j_best, s_rank)
    return BatchResult(s_idx, s_val, j_idx, j_val, blocks, pairs, pairs_total)


def _run_forked(runner: _BlockRunner, procs: int, ns: int, nj: int,
                k: int) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray], int, int, int]:
    """The blocks shared by `procs` forked workers, each taking the next unscored block from a shared
    counter. Each worker keeps its own seekers' top-k (a seeker is scored in many blocks), merged here;
    a posting sits in one block, so the postings' top-k is one shared array."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("l", 0)
    j_best = _shared((nj, k), np.int64, -1), _shared((nj, k), np.float32, -np.inf)
    own = [(_shared((ns, k), np.int64, -1), _shared((ns, k), np.float32, -np.inf)) for _ in range(procs)]
    tallies = _shared((procs, 3), np.int64, 0)
    runner.warm_up()        # compile (or load) the kernel once, before the fork

    def work(w: int) -> None:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            while True:
                with counter.get_lock():
                    b = counter.value
                    counter.value += 1
                if b >= len(runner.plan):
                    break
                runner.run(b, own[w], j_best)
        tallies[w] = (runner.blocks, runner.pairs, runner.pairs_total)

    _run_workers(ctx, work, procs)
    j_rank = ranks(runner.matcher)[1]
    s_idx, s_val = own[0][0].copy(), own[0][1].copy()
    for idx, val in own[1:]:
        s_idx, s_val = _merge_rows(s_idx, s_val, idx, val, k, j_rank)
    totals = tallies.sum(axis=0)
    return (s_idx, s_val), (j_best[0].copy(), j_best[1].copy()), int(totals[0]), int(totals[1]), int(totals[2])


def _complete_needy_jobs(matcher: Matcher, j_best: tuple[np.ndarray, np.ndarray], k: int, seeker_index: _SeekerIndex,
                         processes: int = 1) -> int:
    """Postings whose k-th blocked score is below what a left-out pair could reach (a rare trade with few
    seekers of its own) are rescored against every seeker whose places reach them, whatever their
    occupation — those who go anywhere included."""
    S, J = matcher.S, matcher.J
    s_rank, j_rank = ranks(matcher)
    needy = np.flatnonzero(j_best[1].min(axis=1) < outside_bound(matcher.weights, matcher.outcomes))
    # a posting at two places in two block places is completed with the seekers of either (one group per pair)
    county_of = blocking.block_keys(np.full(len(needy), -1), matcher.job_county[needy], matcher.job_county2[needy])
    any_occ = np.array([[0]])
    counties = np.unique(county_of).tolist()
    forked = processes > 1 and len(counties) > 1
    # forked workers write the postings' lists into shared memory (a county's postings are one worker's)
    target = (_shared(j_best[0].shape, np.int64, -1), _shared(j_best[1].shape, np.float32, -np.inf)) if forked \
        else j_best
    if forked:
        target[0][...], target[1][...] = j_best

    def one(key: int) -> int:
        pairs = 0
        ji = needy[county_of == key]
        _, county, county2, _ = blocking.split_key(int(key))
        cand = seeker_index.reaching(county)
        if county2 >= 0:
            cand = np.union1d(cand, seeker_index.reaching(county2))
        if not len(cand):
            return 0
        every = np.ones((len(cand), blocking.N_MIDDLES), bool)
        keep = blocking.accepts(S, cand, every, np.ones((len(cand), blocking.N_OCC), bool), any_occ,
                                np.array([[county]]), np.array([[county2]]))[:, 0]
        cand = cand[keep]
        jvec = matcher.jvec[ji]
        col_idx = np.full((len(ji), k), -1, np.int64)
        col_val = np.full((len(ji), k), -np.inf, np.float32)
        rows = max(1, CHUNK_CELLS // len(ji))
        for start in range(0, len(cand), rows):
            si = cand[start:start + rows]
            if kernel.AVAILABLE and matcher_module.USE_KERNEL and matcher.outcomes is None:
                # the seekers' side is not kept here: rows "full" at +inf take nothing, so the kernel skips
                # every pair whose bound cannot reach the posting's own k-th score (most of them)
                throwaway = np.full((len(si), k), -1, np.int64), np.full((len(si), k), np.inf, np.float32)
                pairs += kernel.block_topk(S, si, matcher.svec[si], J, ji, jvec, matcher.weights, OCC_SIM, DIST_SCORE,
                                           UNKNOWN_PART, throwaway, (col_idx, col_val), s_rank, j_rank)
                continue
            block = score_block(S, si, matcher.svec[si], J, ji, jvec, matcher.weights, matcher.outcomes).scores
            pairs += block.size
            rcols, rvals = _top_rows(block.T, k, s_rank[si])
            new_rows = np.where(rcols >= 0, si[np.maximum(rcols, 0)], -1)
            col_idx, col_val = _merge_rows(col_idx, col_val, new_rows, rvals, k, s_rank)
        target[0][ji], target[1][ji] = col_idx, col_val
        return pairs

    if not forked:
        return sum(one(c) for c in counties)
    pairs = _forked_each(counties, one, processes)
    j_best[0][...], j_best[1][...] = target
    return pairs


def _forked_each(items: list[int], one: Callable[[int], int], procs: int) -> int:
    """`one(item)` for every item, shared by `procs` forked workers taking the next item from a shared
    counter; the sum of what the calls return. `one` writes its results into shared memory."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    counter = ctx.Value("l", 0)
    tallies = _shared((procs,), np.int64, 0)

    def work(w: int) -> None:
        from threadpoolctl import threadpool_limits

        total = 0
        with threadpool_limits(1):
            while True:
                with counter.get_lock():
                    i = counter.value
                    counter.value += 1
                if i >= len(items):
                    break
                total += one(items[i])
        tallies[w] = total

    _run_workers(ctx, work, procs)
    return int(tallies.sum())


def _complete_needy_seekers(matcher: Matcher, s_best: tuple[np.ndarray, np.ndarray], k: int,
                            processes: int = 1) -> int:
    """Seekers whose k-th blocked score is below what a left-out pair could reach are rescored against
    every posting of their town (本镇) or county — exact for those who stay within it. Nearly every seeker
    is such a one on the synthetic province (its blocks hold few postings per trade and place), so the
    groups (a town's or a county's needy seekers, or those naming the same far places) are shared by
    `processes` forked workers, like the postings' completion."""
    S, J = matcher.S, matcher.J
    needy = np.flatnonzero(s_best[1].min(axis=1) < outside_bound(matcher.weights, matcher.outcomes))
    if not len(needy):
        return 0
    groups = _needy_seeker_groups(S, J, needy)
    groups.sort(key=lambda g: -len(g[0]) * len(g[1]))     # big groups first: the workers end together
    forked = processes > 1 and len(groups) > 1
    # forked workers write their seekers' lists into shared memory (each seeker is in one group)
    target = (_shared(s_best[0].shape, np.int64, -1), _shared(s_best[1].shape, np.float32, -np.inf)) if forked \
        else s_best
    if forked:
        target[0][...], target[1][...] = s_best

    def one(g: int) -> int:
        group, ji = groups[g]
        target[0][group], target[1][group] = _complete_seekers_over(matcher, group, ji, target[0][group],
                                                                    target[1][group], k)
        return len(group) * len(ji)

    if not forked:
        return sum(one(g) for g in range(len(groups)))
    pairs = _forked_each(list(range(len(groups))), one, processes)
    s_best[0][...], s_best[1][...] = target
    return pairs


def _needy_seeker_groups(S: SeekerTable, J: JobTable, needy: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """(seekers, the postings they are completed over) for every group of needy seekers."""
    unknown_place = np.flatnonzero(~J.place_known | (J.place[:, 1] < 0))
    groups = []
    # those who take only far places they named ("广东", "东莞": level 0 with a named place) are completed over the
    # postings of those places, not of their own town
    far = S.max_level[needy] == 0
    far &= S.explicit[needy, 0, 0] != 5
    if far.any():
        group_all = needy[far]
        needy = needy[~far]
        keys = [tuple(map(int, S.explicit[i, :, :].ravel())) for i in group_all]
        for key in sorted(set(keys)):
            group = group_all[[k == key for k in keys]]
            groups.append((group, np.union1d(blocking.named_place_jobs(J, S.explicit[group[0]]), unknown_place)))
    level = S.max_level[needy]
    # their own town, or their county for everyone accepting more (a bounded cost: ~1/100 of the postings)
    region = np.where(level <= 1, S.home[needy, 3], S.home[needy, 2])
    for code in np.unique(region):
        column = 3 if code >= 100_000_000 else 2 if code >= 100_000 else 1     # town, county or prefecture
        ji = np.union1d(np.flatnonzero((J.place[:, column] == code) | (J.place2[:, column] == code)), unknown_place)
        if column == 3:
            # home outwork placed at the town's county or wider ("合浦县各镇，可在家做") is done in this town's homes too
            ji = np.union1d(ji, np.flatnonzero((J.at_home > 0) & (J.at_home <= 3) &
                                               (J.place[:, 2] == code // 1000)))
        groups.append((needy[region == code], ji))
    return groups


def _complete_seekers_over(matcher: Matcher, group: np.ndarray, ji: np.ndarray, best_idx: np.ndarray,
                           best_val: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The lists of seekers `group` (`best_idx`, `best_val`) merged with their top-k over postings `ji`
    (which may hold postings already in the lists: they count once)."""
    j_rank = ranks(matcher)[1]
    if not (kernel.AVAILABLE and matcher_module.USE_KERNEL and matcher.outcomes is None):
        idx, val = exact_top_for_seekers(matcher, group, k=k, jobs=ji)
        return _merge_rows_unique(best_idx, best_val, idx, val, k, j_rank)
    # The kernel's rows start "full" at each seeker's own k-th score, empty slots ranking after every id: only a
    # pair at least that good is taken, and every pair whose bound cannot reach it is skipped unscored — what the
    # exact pass would add, at a fraction of its cost (the postings' side is thrown away: +inf takes nothing).
    S, J = matcher.S, matcher.J
    s_rank = ranks(matcher)[0]
    new_idx = np.full((len(group), k), -1, np.int64)
    new_val = np.repeat(best_val.min(axis=1)[:, None], k, axis=1).astype(np.float32)
    throwaway = np.full((len(ji), k), -1, np.int64), np.full((len(ji), k), np.inf, np.float32)
    jvec = matcher.jvec[ji]
    rows = max(1, CHUNK_CELLS // max(len(ji), 1))
    for start in range(0, len(group), rows):
        si = group[start:start + rows]
        row_best = new_idx[start:start + rows], new_val[start:start + rows]     # views: filled in place
        kernel.block_topk(S, si, matcher.svec[si], J, ji, jvec, matcher.weights, OCC_SIM, DIST_SCORE, UNKNOWN_PART,
                          row_best, throwaway, s_rank, j_rank)
    new_val = np.where(new_idx >= 0, new_val, -np.inf).astype(np.float32)
    return _merge_rows_unique(best_idx, best_val, new_idx, new_val, k, j_rank)


def _sorted(idx: np.ndarray, val: np.ndarray, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    val = np.where(idx >= 0, val, -np.inf)
    order = np.argsort(~_better_key(val, _ranks_of(idx, rank)), axis=1, kind="stable")
    idx = np.take_along_axis(idx, order, axis=1)
    val = np.take_along_axis(val, order, axis=1)
    idx[~np.isfinite(val)] = -1
    return idx, val


def exact_top_for_seekers(matcher: Matcher, si: np.ndarray, *, k: int = 10,
                          jobs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Brute force: every posting (or every one of `jobs`) scored for seekers `si` — the floor the blocked
    batch is compared with."""
    J = matcher.J
    j_rank = ranks(matcher)[1]
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
            c, v = _top_rows(block, k, j_rank[ji])
            bi, bv = _merge_rows(bi, bv, np.where(c >= 0, ji[np.maximum(c, 0)], -1), v, k, j_rank)
        best[0][rstart:rstart + rows], best[1][rstart:rstart + rows] = bi, bv
    return _sorted(*best, j_rank)


def exact_top_for_jobs(matcher: Matcher, ji: np.ndarray, *, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Brute force: every seeker scored for postings `ji`."""
    S = matcher.S
    s_rank = ranks(matcher)[0]
    ns = len(S.ids)
    best = np.full((len(ji), k), -1, np.int64), np.full((len(ji), k), -np.inf, np.float32)
    rows = max(1, CHUNK_CELLS // max(len(ji), 1))
    jvec = matcher.jvec[ji]
    for start in range(0, ns, rows):
        si = np.arange(start, min(ns, start + rows))
        block = score_block(S, si, matcher.svec[si], matcher.J, ji, jvec, matcher.weights, matcher.outcomes).scores
        c, v = _top_rows(block.T, k, s_rank[si])
        best = _merge_rows(best[0], best[1], np.where(c >= 0, si[np.maximum(c, 0)], -1), v, k, s_rank)
    return _sorted(*best, s_rank)


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

"""A/B of the matcher's cost between two code trees on identical generated rows (session 10, docs/benchmarks.md).

    nice -n 10 .venv/bin/python scripts/matching_cost_ab.py --root PATH [--scale 0.05] [--queries 300]

Run once per tree (e.g. this worktree and `git archive main` unpacked elsewhere), alternating, with the same
arguments: the rows come from `synth` with fixed seeds over the bench's synthetic province, so both trees read the
same inputs (their readings may differ where the code reads differently). Prints, one line each:
- the fused kernel's CPU per scored pair on one fixed block (2,000 seekers × 2,000 postings, median of 5), and — when
  the tree has `JobTable.occ2` — the same block with a second trade given to every posting (the worst case);
- the blocked batch, one process, both directions, with its completion passes: CPU seconds, pairs, ns per pair;
- `jobs_for` top-10 with reasons over `--queries` seekers (the blocked online path above 50,000 postings): CPU p50/p99.
- the batch's recall@10 against the exact floor on 200 + 200 sampled seekers and postings (after the timings).
Not a timed test and not part of `make bench`."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--root", required=True)
parser.add_argument("--scale", type=float, default=0.05)
parser.add_argument("--queries", type=int, default=300)
args = parser.parse_args()
sys.path.insert(0, os.path.abspath(args.root))
os.environ.setdefault("JIANFU_MATCH_PROCS", "1")

import numpy as np  # noqa: E402

from jianfu.employment.matching import Matcher, synth  # noqa: E402
from jianfu.employment.matching.batch import (  # noqa: E402
    batch_top,
    exact_top_for_jobs,
    exact_top_for_seekers,
    recall_against,
)
from jianfu.employment.matching.matcher import score_block  # noqa: E402

geography = synth.Geography.province(cities=14, counties=8, towns=10)
seekers = list(synth.seekers(int(1_100_000 * args.scale), seed=11, geography=geography))
jobs = list(synth.jobs(int(1_120_000 * args.scale), seed=12, geography=geography))
started = time.process_time()
m = Matcher(jobs=jobs, seekers=seekers)
print(f"tree {args.root}: {len(seekers)} seekers × {len(jobs)} postings, featurised in {time.process_time() - started:.1f} s CPU;"
      f" postings of two trades: {int((m.J.occ2 >= 0).sum()) if hasattr(m.J, 'occ2') else 'n/a'}", flush=True)

si, ji = np.arange(2000), np.arange(2000)


def per_pair() -> float:
    score_block(m.S, si, m.svec[si], m.J, ji, m.jvec[ji], m.weights, None)     # compiled / loaded once
    times = []
    for _ in range(5):
        t = time.process_time()
        score_block(m.S, si, m.svec[si], m.J, ji, m.jvec[ji], m.weights, None)
        times.append(time.process_time() - t)
    return statistics.median(times) / (len(si) * len(ji)) * 1e9


print(f"kernel block 2000×2000: {per_pair():.2f} ns CPU per pair", flush=True)
if hasattr(m.J, "occ2"):
    saved = m.J.occ2.copy()
    m.J.occ2[:] = np.where(m.J.occ >= 0, (m.J.occ + 7) % int(m.J.occ.max() + 1), -1)
    print(f"kernel block 2000×2000, every posting of two trades: {per_pair():.2f} ns CPU per pair", flush=True)
    m.J.occ2[:] = saved

t = time.process_time()
result = batch_top(m, k=10, processes=1)
cpu = time.process_time() - t
print(f"batch (1 process, completion included): {cpu:.1f} s CPU, {result.pairs_scored:,} pairs, "
      f"{cpu / max(result.pairs_scored, 1) * 1e9:.1f} ns per pair", flush=True)

rng = random.Random(7)
queries = [seekers[i] for i in rng.sample(range(len(seekers)), args.queries)]
m.jobs_for(queries[0])
cpu_times = []
for s in queries:
    t = time.process_time()
    m.jobs_for(s)
    cpu_times.append((time.process_time() - t) * 1000)
cpu_times.sort()
print(f"online jobs_for, {len(queries)} queries: CPU p50 {cpu_times[len(cpu_times) // 2]:.2f} ms, "
      f"p99 {cpu_times[int(len(cpu_times) * 0.99) - 1]:.2f} ms, total {sum(cpu_times) / 1000:.1f} s", flush=True)

sample = random.Random(5)
ss = np.array(sorted(sample.sample(range(len(seekers)), 200)))
js = np.array(sorted(sample.sample(range(len(jobs)), 200)))
exact_s, exact_s_val = exact_top_for_seekers(m, ss)
exact_j, exact_j_val = exact_top_for_jobs(m, js)
print(f"batch recall@10 against exact, 200 + 200 sampled: seekers "
      f"{recall_against(result.seeker_jobs[ss], exact_s, exact_s_val, result.seeker_scores[ss]):.4f}, postings "
      f"{recall_against(result.job_seekers[js], exact_j, exact_j_val, result.job_scores[js]):.4f}", flush=True)

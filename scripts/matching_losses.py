"""Where the matcher loses NDCG@10 on the development splits, by cause (session 9, docs/matching.md).

    .venv/bin/python scripts/matching_losses.py [--splits dev,dev2,…] [--show CAUSE]

The loss of a query (1 − NDCG@10) is exactly IDCG − DCG over IDCG, and IDCG − DCG is the sum over its graded
documents of gain × (the discount of its ideal place − the discount of its place in the top-10, 0 outside); tied
grades share the mean discount of their ideal places, so reordering within a grade costs nothing. Each document with a
positive share is given one cause:

- constraint (both): the matcher and the oracle (`constraints.violations`) both refuse the pair the writer graded;
- constraint (matcher only): the matcher refuses a pair the oracle allows;
- missed relation: the matcher sees no kinship between the pair's trades (occupation part 0);
- otherwise the first document ranked above it with a lower grade (the intruder) decides, comparing the two pairs'
  parts: a less fitting trade above (its occupation part lower: text, place or wage outweighed the trade); a trade the
  matcher rates above the writer's (its occupation part higher); with the same occupation part, a farther posting
  above a nearer one, a lower wage fit above a higher one, a grade 1 above a grade 2 (other parts), a grade 0 of the
  same standing above (what the writer read, the parts do not hold);
- none of these: order among equal grades (shares that the negative shares of the same query cancel).
Documents placed above their ideal place have negative shares: one row, so that the rows sum to the loss. Figures are
means over queries (each query once), so the rows of a split sum to 1 − its NDCG@10.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianfu.employment.matching import evaluate as ev  # noqa: E402
from jianfu.employment.matching.constraints import violations  # noqa: E402
from jianfu.employment.matching.matcher import DEFAULT_WEIGHTS, Matcher, score_block_numpy  # noqa: E402
from jianfu.employment.matching.places import Gazetteer  # noqa: E402

CAUSES = ("constraint (both)", "constraint (matcher only)", "missed relation", "less fitting trade above",
          "trade rated above the writer's", "far above near", "lower wage above", "grade 1 above grade 2 (other)",
          "grade 0 above, same standing", "order within a grade", "above ideal place (offset)")
EPS = 1e-4


def _disc(rank: int) -> float:
    return 1 / math.log2(rank + 2) if rank < ev.K else 0.0


def split_losses(split: str) -> tuple[dict[str, dict[str, float]], dict[str, int], list[tuple[str, str, str, str, str, float]]]:
    seekers, jobs, qrels = ev.load_split(split)
    gaz = Gazetteer.builtin()
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=gaz, today=ev.EVAL_DATE)
    si, ji = np.arange(len(seekers)), np.arange(len(jobs))
    parts = {}
    for part in ("occ", "dist", "wage"):
        w = {k: 0.0 for k in DEFAULT_WEIGHTS} | {part: 1.0}
        block = score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, w, None)
        parts[part] = np.where(np.isfinite(block.scores), block.scores, 0.0)
    ok = block.feasible
    srow = {str(s.id): i for i, s in enumerate(seekers)}
    jrow = {str(j.id): i for i, j in enumerate(jobs)}
    rank = ev.matcher_ranker(m)
    by_q: dict[str, dict[str, dict[str, int]]] = {"seekers": defaultdict(dict), "jobs": defaultdict(dict)}
    for (s, j), g in qrels.items():
        if g > 0:
            by_q["seekers"][s][j] = g
            by_q["jobs"][j][s] = g
    loss: dict[str, dict[str, float]] = {d: defaultdict(float) for d in by_q}
    count = {d: len(q) for d, q in by_q.items()}
    detail = []
    for direction, queries in by_q.items():
        for q, gains in queries.items():
            ranked = rank(direction, q)[:ev.K]
            ideal = sorted(gains.values(), reverse=True)
            idcg = sum((2 ** g - 1) * _disc(i) for i, g in enumerate(ideal))
            mean_disc = {g: float(np.mean([_disc(i) for i, h in enumerate(ideal) if h == g])) for g in set(ideal)}
            pos = {d: i for i, d in enumerate(ranked)}
            for d, g in gains.items():
                share = (2 ** g - 1) * (mean_disc[g] - _disc(pos.get(d, ev.K))) / idcg
                if share < -EPS:
                    loss[direction]["above ideal place (offset)"] += share
                    continue
                if share <= EPS:
                    continue
                cause = _cause(direction, q, d, g, ranked, pos, gains, parts, ok, srow, jrow, seekers, jobs, gaz)
                loss[direction][cause] += share
                detail.append((split, direction, q, d, cause, share))
    return loss, count, detail  # type: ignore[return-value]


def _cause(direction, q, d, g, ranked, pos, gains, parts, ok, srow, jrow, seekers, jobs, gaz) -> str:  # type: ignore[no-untyped-def]
    def pair(doc: str) -> tuple[int, int]:
        return (srow[q], jrow[doc]) if direction == "seekers" else (srow[doc], jrow[q])

    if d not in (jrow if direction == "seekers" else srow) or q not in (srow if direction == "seekers" else jrow):
        return "constraint (matcher only)"          # a row left out as bad input (the query's own: blind26's under-16s)
    i, j = pair(d)
    if not ok[i, j]:
        return "constraint (both)" if violations(seekers[i], jobs[j], gaz, today=ev.EVAL_DATE) else "constraint (matcher only)"
    if parts["occ"][i, j] <= EPS:
        return "missed relation"
    above = ranked[:pos.get(d, ev.K)]
    intruder = next((x for x in above if gains.get(x, 0) < g), None)
    if intruder is None:
        return "order within a grade"
    a, b = pair(intruder)
    occ_x, occ_d = parts["occ"][a, b], parts["occ"][i, j]
    if occ_x < occ_d - EPS:
        return "less fitting trade above"
    if occ_x > occ_d + EPS:
        return "trade rated above the writer's"
    if parts["dist"][a, b] < parts["dist"][i, j] - EPS:
        return "far above near"
    if parts["wage"][a, b] < parts["wage"][i, j] - EPS:
        return "lower wage above"
    if gains.get(intruder, 0) == 1:
        return "grade 1 above grade 2 (other)"
    return "grade 0 above, same standing"


def without_gendered(split: str) -> None:
    """The split's figures with and without its postings that state a gender (ADR 0027's sensitivity): those postings
    are taken out of the candidates and their graded pairs out of the qrels."""
    import csv
    import tempfile

    from jianfu.employment.matching.parse import gender_requirement

    _, jobs, qrels = ev.load_split(split)
    gendered = {str(j.id) for j in jobs if gender_requirement(f"{j.title} {j.description}")}
    print(f"{split}: {len(gendered)} postings state a gender: {', '.join(sorted(gendered))}")
    ev.evaluate(split)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("seekers", "jobs", "qrels"):
            with open(ev.EVAL_DIR / f"{split}_{kind}.csv", encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
            head, body = rows[0], rows[1:]
            if kind == "jobs":
                body = [r for r in body if r and r[0] not in gendered]
            elif kind == "qrels":
                col = head.index("job_id")
                body = [r for r in body if r and r[col] not in gendered]
            with open(Path(tmp) / f"{split}_{kind}.csv", "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh).writerows([head] + body)
        ev.EVAL_DIR = Path(tmp)
        ev.evaluate(split)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default=",".join(ev.DEV_SPLITS))
    parser.add_argument("--show", default="", help="print the documents lost to this cause")
    parser.add_argument("--without-gendered", default="", metavar="SPLIT",
                        help="only print SPLIT's figures with and without its postings that state a gender")
    args = parser.parse_args()
    if args.without_gendered:
        without_gendered(args.without_gendered)
        return
    total: dict[str, dict[str, float]] = {"seekers": defaultdict(float), "jobs": defaultdict(float)}
    n = {"seekers": 0, "jobs": 0}
    per_split = {}
    details = []
    for split in args.splits.split(","):
        loss, count, detail = split_losses(split)
        details += detail
        per_split[split] = (loss, count)
        for d in total:
            n[d] += count[d]
            for c, v in loss[d].items():
                total[d][c] += v
    print("\nlost NDCG@10 by cause, pooled (mean over queries; jobs for a seeker / seekers for a posting)")
    print(f"{'cause':34} {'seekers':>8} {'postings':>9}   " + " ".join(f"{s:>13}" for s in per_split))
    for c in CAUSES:
        row = " ".join(f"{per_split[s][0]['seekers'][c] / per_split[s][1]['seekers']:6.3f}/"
                       f"{per_split[s][0]['jobs'][c] / per_split[s][1]['jobs']:6.3f}" for s in per_split)
        print(f"{c:34} {total['seekers'][c] / n['seekers']:8.4f} {total['jobs'][c] / n['jobs']:9.4f}   {row}")
    print(f"{'total (= 1 − NDCG@10)':34} {sum(total['seekers'].values()) / n['seekers']:8.4f} "
          f"{sum(total['jobs'].values()) / n['jobs']:9.4f}")
    if args.show:
        for split, direction, q, d, cause, share in sorted(details, key=lambda r: -r[5]):
            if cause == args.show:
                print(f"  {split:7} {direction:7} query {q:8} doc {d:8} {share:.3f}")


if __name__ == "__main__":
    main()

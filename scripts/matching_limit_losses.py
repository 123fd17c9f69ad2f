"""The NDCG@10 lost to seekers' stated limits, by kind (session 13, docs/matching.md): a graded posting refused or ranked
low because a limit was read wrong, and a graded-0 pair ranked above it because a limit was not read.

    .venv/bin/python scripts/matching_limit_losses.py --dump losses.json     # the losses of the code on sys.path
    .venv/bin/python scripts/matching_limit_losses.py --classify losses.json # their kinds, read with this tree's hours

Dumping and classifying are apart so that the losses of an older commit (its tree on PYTHONPATH, this script copied into
its scripts/) are classified with the readings of this one. Every loss share of `matching_losses.py` (each graded document
placed below its ideal place) is given one kind:

- hours window: the graded pair refused by a limit of a seeker who states hours, or a lower-graded pair above it that
  the hours reading (`hours`: the posting's stated hours against the seeker's, a full day, weekends) breaks;
- night-only: the same for a seeker who can only work nights (`parse.NIGHT_ONLY`);
- other limit: the graded pair refused by any other stated limit (standing, lifting, heights …);
- not a limit: everything else (trades, places, wages, order within a grade).
Figures are means over queries, as `evaluate`'s, so the four kinds of a direction sum to 1 − NDCG@10."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import matching_losses as ml  # noqa: E402

from jianfu.employment.matching import evaluate as ev  # noqa: E402
from jianfu.employment.matching.constraints import violations  # noqa: E402
from jianfu.employment.matching.places import Gazetteer  # noqa: E402

KINDS = ("hours window", "night-only", "other limit", "not a limit")


def dump(path: str, splits: list[str]) -> None:
    intruders: dict[tuple[str, str, str], str] = {}
    original = ml._cause

    def cause(direction, q, d, g, ranked, pos, gains, *rest):  # type: ignore[no-untyped-def]
        above = ranked[:pos.get(d, ev.K)]
        intruders[(direction, q, d)] = next((x for x in above if gains.get(x, 0) < g), "")
        return original(direction, q, d, g, ranked, pos, gains, *rest)

    ml._cause = cause
    gaz = Gazetteer.builtin()
    rows = []
    counts = {}
    for split in splits:
        loss, count, detail = ml.split_losses(split)
        counts[split] = count
        seekers, jobs, _ = ev.load_split(split)
        sb, jb = {str(s.id): s for s in seekers}, {str(j.id): j for j in jobs}
        for _, direction, q, d, why, share in detail:
            s, j = (q, d) if direction == "seekers" else (d, q)
            refused = violations(sb[s], jb[j], gaz, today=ev.EVAL_DATE) if s in sb and j in jb else []
            rows.append({"split": split, "direction": direction, "query": q, "doc": d, "cause": why, "share": share,
                         "seeker": s, "job": j, "intruder": intruders.get((direction, q, d), ""),
                         "refused": refused if why.startswith("constraint") else []})
        # the negative shares (documents above their ideal place) are kept as "not a limit"
        for direction in ("seekers", "jobs"):
            offset = loss[direction].get("above ideal place (offset)", 0.0)
            if offset:
                rows.append({"split": split, "direction": direction, "query": "", "doc": "", "cause": "offset",
                             "share": offset, "seeker": "", "job": "", "intruder": "", "refused": []})
    Path(path).write_text(json.dumps({"counts": counts, "rows": rows}, ensure_ascii=False))


def classify(path: str) -> None:
    from jianfu.employment.matching import hours, parse

    data = json.loads(Path(path).read_text())
    cache: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def tables(split: str) -> tuple[dict[str, Any], dict[str, Any]]:
        if split not in cache:
            seekers, jobs, _ = ev.load_split(split)
            cache[split] = ({str(s.id): s for s in seekers}, {str(j.id): j for j in jobs})
        return cache[split]

    def said(seeker) -> str:  # type: ignore[no-untyped-def]
        return f"{seeker.notes} {seeker.desired} {seeker.places}"

    def work(job) -> str:  # type: ignore[no-untyped-def]
        return f"{job.title} {job.description}"[:2000]

    def window_breaks(seeker, job) -> bool:  # type: ignore[no-untyped-def]
        limits = parse.infer_seeker_limits(said(seeker))
        demands = parse.infer_job_demands(work(job)) | ({"FULL_DAY"} if hours.job_bits(work(job))
                                                       & parse.DEMAND_BITS["FULL_DAY"] else set())
        return bool(hours.seeker_busy(said(seeker)) & hours.job_hours(work(job)).slots) or \
            bool(limits & demands & {"FULL_DAY", "WEEKEND", "DAYTIME"})

    total: dict[str, dict[str, float]] = {d: defaultdict(float) for d in ("seekers", "jobs")}
    per_split: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: {d: defaultdict(float) for d in total})
    listed = []
    for r in data["rows"]:
        kind = "not a limit"
        if r["seeker"]:
            seekers, jobs = tables(r["split"])
            s = seekers.get(r["seeker"])
            night_only = s is not None and bool(parse.NIGHT_ONLY.search(said(s)))
            window = s is not None and bool(hours.seeker_busy(said(s)) or {"FULL_DAY", "WEEKEND"}
                                             & parse.infer_seeker_limits(said(s)))
            limit_refused = [v for v in r["refused"] if v.startswith("limits:") or v == "hours"]
            if limit_refused:
                kind = "night-only" if night_only else "hours window" if window and any(
                    x in v for v in limit_refused for x in ("NIGHT", "LONG_HOURS", "FULL_DAY", "WEEKEND", "DAYTIME",
                                                          "hours")) else "other limit"
            elif r["intruder"]:
                xs, xj = (r["seeker"], r["intruder"]) if r["direction"] == "seekers" else (r["intruder"], r["job"])
                if xs in seekers and xj in jobs and window_breaks(seekers[xs], jobs[xj]):
                    kind = "night-only" if parse.NIGHT_ONLY.search(said(seekers[xs])) else "hours window"
        total[r["direction"]][kind] += r["share"]
        per_split[r["split"]][r["direction"]][kind] += r["share"]
        if kind != "not a limit":
            listed.append((kind, r))
    counts = data["counts"]
    n = {d: sum(c[d] for c in counts.values()) for d in ("seekers", "jobs")}
    print("NDCG@10 lost, pooled over " + ", ".join(counts) + " (mean over queries; jobs for a seeker / seekers for a posting)")
    for k in KINDS:
        print(f"  {k:14} {total['seekers'][k] / n['seekers']:.4f} / {total['jobs'][k] / n['jobs']:.4f}")
    print(f"  {'total':14} {sum(total['seekers'].values()) / n['seekers']:.4f} / "
          f"{sum(total['jobs'].values()) / n['jobs']:.4f}")
    for split, by in per_split.items():
        cells = [f"{by['seekers'][k] / counts[split]['seekers']:.4f}/{by['jobs'][k] / counts[split]['jobs']:.4f}"
                 for k in KINDS[:3]]
        if any(c != "0.0000/0.0000" for c in cells):
            print(f"  {split:8} " + "  ".join(f"{k}: {c}" for k, c in zip(KINDS[:3], cells, strict=True)))
    for kind, r in sorted(listed, key=lambda x: (x[0], -x[1]["share"])):
        print(f"    {kind:12} {r['split']:8} {r['direction']:7} {r['query']:8} doc {r['doc']:8} "
              f"{r['cause']:28} above: {r['intruder'] or '-':8} {r['share']:.3f} {','.join(r['refused'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default=",".join(ev.DEV_SPLITS))
    parser.add_argument("--dump", default="")
    parser.add_argument("--classify", default="")
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.splits.split(","))
    if args.classify:
        classify(args.classify)


if __name__ == "__main__":
    main()

"""谁来办's rankers measured on the demo catalogue's own examples, leave-one-matter's-examples-out (session 21, who21).

Each matter is asked, in turn, every one of its example phrasings, with *all* its examples removed from its text (the
other matters keep theirs): the query is a phrasing the catalogue has not seen for that matter. Per variant and
cut-off: how often the matter asked about is among the results shown, the mean number of results, hit@1, hit@3 (of
the results shown) and the p99 time of one query (index built beforehand, as the page does).

Variants: `hand` (session 20's substring scorer of lookup_views, copied here), `bm25` (bm25s over the matter's fields
with the routing engine's terms, below), `router` (the catalogue router's probabilities among the matters sharing a
term with the query, no embedding view: `routing/lookup.py`, what 谁来办 shows since session 21; one fit per matter,
5-10 s each — `--every K` asks every K-th matter only, and the other variants are then reported on the same matters).
`--dump` keeps every ranking; `--load` reports a dump again (e.g. after adding a cut-off) without measuring.

    PYTHONPATH=. nice -n 19 .venv/bin/python scripts/who_handles_lowo.py [--variants hand,bm25,router] [--every 4]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from jianfu.dispatch.routing.catalogue import MatterSpec, load_catalogue_yaml
from jianfu.dispatch.routing.lookup import evidenced
from jianfu.dispatch.routing.text import compact, normalize, words

CATALOGUE = Path(__file__).resolve().parent.parent / "jianfu/dispatch/data/catalogue.yaml"
CUTOFFS = (0.0, 0.01, 0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)   # shares of the best score
FLOORS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05)   # absolute floors of the router's probabilities
LIMITS = (30, 5, 3)


def terms(text: str) -> list[str]:
    """The routing engine's BM25 terms of a text: jieba words plus the character bigrams of the text without spaces."""
    flat = compact(normalize(text))
    return words(normalize(text)) + [flat[i:i + 2] for i in range(len(flat) - 1)]


class MatterIndex:
    """bm25s over each matter's name, group, description, keywords and examples (one document per matter)."""

    def __init__(self, matters: list[MatterSpec]):
        import bm25s

        self.codes = [m.code for m in matters]
        self._bm25 = bm25s.BM25()
        self._bm25.index([terms(" ".join([m.name, m.group, m.description, *m.keywords, *m.examples]))
                          for m in matters], show_progress=False)

    def scores(self, query: str) -> list[tuple[float, str]]:
        ids = self._bm25.get_tokens_ids(list(dict.fromkeys(terms(query))))
        if not ids:
            return []
        raw = self._bm25.get_scores_from_ids(ids)
        hits = [(float(s), self.codes[i]) for i, s in enumerate(raw) if s > 0]
        hits.sort(key=lambda x: (-x[0], x[1]))
        return hits


def hand_score(matter: MatterSpec, terms: list[str]) -> int:
    """Session 20's scorer, as lookup_views had it (the baseline): weighted substring hits, every term required."""
    fields = ((matter.name, 4), (" ".join(matter.keywords or []), 3), (" ".join(matter.examples or []), 2),
              (f"{matter.group} {matter.description}", 1))
    score = 0
    for term in terms:
        hits = [weight for text, weight in fields if term in (text or "")]
        if not hits:
            return 0
        score += max(hits)
    return score


def hand_ranked(matters: list[MatterSpec], query: str) -> list[tuple[float, str]]:
    terms = list(dict.fromkeys(query.split()))
    pieces = {query[i:i + 2] for i in range(len(query) - 1)} if len(query) > 2 and not query.isascii() else set()
    out: list[tuple[float, str]] = []
    for m in matters:
        score = hand_score(m, terms)
        if not score and pieces:
            score = sum(1 for p in pieces if hand_score(m, [p]))
        if score:
            out.append((float(score), m.code))
    out.sort(key=lambda x: (-x[0], x[1]))
    return out


def router_ranked(router: Any, query: str) -> list[tuple[float, str]]:
    """The router's probabilities, best first, of the matters sharing a term with the query (lookup_views.rank)."""
    return [(c.score, c.matter_code or "") for c in evidenced(router, query, 30)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", default="hand,bm25")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--dump", help="write every query's ranking here (JSON), to read again with --load")
    ap.add_argument("--load", help="report a --dump instead of measuring")
    args = ap.parse_args()
    variants = args.variants.split(",")
    if args.load:
        report(json.loads(Path(args.load).read_text()), "loaded")
        return
    matters, _ = load_catalogue_yaml(CATALOGUE)
    asked = [i for i, m in enumerate(matters) if m.examples][::args.every]
    # per variant: a list of (target code, [(score, code), ...] best first, seconds)
    runs: dict[str, list[tuple[str, list[tuple[float, str]], float]]] = {v: [] for v in variants}
    for n, i in enumerate(asked):
        target = matters[i]
        held = [*matters[:i], dataclasses.replace(target, examples=()), *matters[i + 1:]]
        index = MatterIndex(held) if "bm25" in variants else None
        router = None
        if "router" in variants:
            from jianfu.dispatch.routing import CatalogueRouter

            router = CatalogueRouter(held, use_embedding=False)
        for q in target.examples:
            if "hand" in variants:
                t = time.perf_counter()
                hits = hand_ranked(held, q[:50])
                runs["hand"].append((target.code, hits, time.perf_counter() - t))
            if index is not None:
                t = time.perf_counter()
                hits = index.scores(q[:50])
                runs["bm25"].append((target.code, hits, time.perf_counter() - t))
            if router is not None:
                t = time.perf_counter()
                hits = router_ranked(router, q[:50])
                runs["router"].append((target.code, hits, time.perf_counter() - t))
        if "router" in variants:
            print(f"  {n + 1}/{len(asked)} matters", flush=True)
    if args.dump:
        Path(args.dump).write_text(json.dumps(runs, ensure_ascii=False))
    report(runs, f"{len(asked)} matters (every {args.every})")


def report(runs: dict[str, Any], what: str) -> None:
    total = len(next(iter(runs.values())))
    print(f"{what}, {total} queries; a cell: in results / mean results / hit@1 / hit@3")
    for v, rows in runs.items():
        times = np.array([r[2] for r in rows]) * 1000
        print(f"\n{v}: p99 {np.percentile(times, 99):.1f} ms, median {np.median(times):.1f} ms per query")
        print("cutoff  " + "  ".join(f"{'top ' + str(lim):>24}" for lim in LIMITS))
        for c in (*CUTOFFS, *((-f for f in FLOORS) if v == "router" else ())):
            cells = []
            for lim in LIMITS:
                found = count = h1 = h3 = 0
                for code_asked, hits, _ in rows:
                    best = hits[0][0] if hits else 0.0
                    floor = -c if c < 0 else best * c
                    shown = [code for s, code in hits if s >= floor][:lim]
                    found += code_asked in shown
                    count += len(shown)
                    h1 += code_asked in shown[:1]
                    h3 += code_asked in shown[:3]
                cells.append(f"{found:>5} /{count / len(rows):6.2f} /{h1:>5} /{h3:>5}")
            print(f"{'≥' + str(-c) if c < 0 else c:<6}  " + "  ".join(cells))


if __name__ == "__main__":
    main()

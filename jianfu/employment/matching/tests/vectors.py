"""What the unknown-trade fallback (semantic.py) looks up, for its committed vectors (ADR 0049): the occupation table's
passages and the query of every development split's row (and the next blind split's) that the word lists do not
place. Read by `scripts/matching_test_vectors.py`, which writes the file, and by `test_committed_vectors.py`, which
says when the file no longer holds them."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

from jianfu.employment.matching import semantic
from jianfu.employment.matching.evaluate import BLIND_SPLIT, DEV_SPLITS, EVAL_DIR, load_split
from jianfu.employment.matching.features import job_occupations, seeker_occupations

Looked = dict[tuple[str, bool], bool]   # (clipped text, is_query) → whether the committed file held its vector


def splits() -> tuple[str, ...]:
    """Every development split, and the next blind split when its files are in eval/ (its texts only: its figure is
    run once, by the lead)."""
    blind = (BLIND_SPLIT,) if (EVAL_DIR / f"{BLIND_SPLIT}_seekers.csv").exists() else ()
    return tuple(dict.fromkeys(DEV_SPLITS + blind))


@contextlib.contextmanager
def looked_up() -> Iterator[Looked]:
    """Within: every text the fallback looks up, and whether the committed file held it. The fallback's caches (its
    table and the per-text cache) start empty within, so every text is looked up again, and are emptied after."""
    seen: Looked = {}
    real, state = semantic._stored, semantic._state

    def recording(text: str, *, is_query: bool):  # type: ignore[no-untyped-def]
        vector = real(text, is_query=is_query)
        seen[(text, is_query)] = vector is not None
        return vector

    semantic._stored, semantic._state = recording, {}    # type: ignore[assignment]
    semantic.nearest_occupation.cache_clear()
    try:
        yield seen
    finally:
        semantic._stored, semantic._state = real, state  # type: ignore[assignment]
        semantic.nearest_occupation.cache_clear()


def split_lookups(names: tuple[str, ...]) -> Looked:
    """The texts the fallback looks up for the table and the rows of `names`: each row's wish and title as the matcher
    reads them (`features.seeker_occupations`, `features.job_occupations`, the fallback's only callers)."""
    with looked_up() as seen:
        semantic._model()
        for split in names:
            with contextlib.redirect_stdout(io.StringIO()):
                seekers, jobs, _ = load_split(split)
            for s in seekers:
                seeker_occupations(s)
            for j in jobs:
                job_occupations(j)
    return seen

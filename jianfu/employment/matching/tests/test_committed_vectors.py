"""The committed e5 vectors of the unknown-trade fallback (semantic.py, ADR 0049): every text it looks up for the
occupation table and the splits' rows is in the file, so no evaluation figure rests on this machine's engine (whose
vectors differ in the last bits from one CPU to another, and a title within a hair of MIN_MARGIN flips)."""

from __future__ import annotations

from jianfu.core import e5
from jianfu.employment.matching import semantic

from .vectors import split_lookups, splits

REGENERATE = ("run scripts/matching_test_vectors.py and commit its file (a split, the occupation table or the model "
              "changed): the evaluation figures of these texts now rest on this machine's engine")


def test_the_committed_vectors_hold_every_text_the_table_and_the_splits_look_up() -> None:
    assert (semantic.VECTORS / semantic.vectors_file_name()).exists(), REGENERATE
    seen = split_lookups(splits())
    missing = sorted(text for (text, _), held in seen.items() if not held)
    passages = sum(1 for _, is_query in seen if not is_query)
    assert (len(missing), missing[:5]) == (0, []), REGENERATE
    assert passages == len(semantic._model()[0])   # type: ignore[index]  # the whole table was looked up


def test_a_committed_vector_is_read_before_the_engine_and_a_missing_one_embedded(monkeypatch) -> None:
    loaded = semantic._model()                       # built before the engine is counted
    assert loaded is not None                        # the packaged model runs in the tests
    codes, table = loaded
    held, missing = "会做一种没人写过的活甲", "会做一种没人写过的活乙"
    # the held text's committed vector is the first occupation's own passage: nearest to it, similarity 1
    monkeypatch.setattr(semantic, "_committed", lambda: {semantic.text_key(held, is_query=True): table[0]})
    real, calls = e5.encode, []

    def counted(text: str, *, is_query: bool):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, is_query=is_query)

    monkeypatch.setattr(e5, "encode", counted)
    semantic.nearest_occupation.cache_clear()
    try:
        found = semantic.nearest_occupation(held)
        semantic.nearest_occupation(missing)
    finally:
        semantic.nearest_occupation.cache_clear()
    assert (found and found[0], found and round(found[1], 4), calls) == (codes[0], 1.0, [missing])

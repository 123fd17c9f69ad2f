"""Text similarity for duplicate suggestions: character-bigram Jaccard over the Chinese text.

Bigrams need no segmenter, are robust to the word-order changes two people make describing the same
thing, and cost microseconds. A pair at or above `DUPLICATE_THRESHOLD` in the same village within
`DUPLICATE_WINDOW_DAYS` is *suggested* to the dispatcher; nothing is merged without a person.
"""

from __future__ import annotations

import re

DUPLICATE_THRESHOLD = 0.45
DUPLICATE_WINDOW_DAYS = 7
_KEEP = re.compile(r"[\w\u4e00-\u9fff]+")


def bigrams(text: str) -> frozenset[str]:
    chars = "".join(_KEEP.findall((text or "").lower()))
    if len(chars) < 2:
        return frozenset([chars]) if chars else frozenset()
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1))


def similarity(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def best_match(text: str, candidates: list[tuple[int, str]]) -> tuple[int | None, float]:
    """(id, score) of the most similar candidate at or above the threshold, else (None, best score)."""
    grams = bigrams(text)
    best_id, best = None, 0.0
    for cid, other in candidates:
        og = bigrams(other)
        if not grams or not og:
            continue
        score = len(grams & og) / len(grams | og)
        if score > best:
            best_id, best = cid, score
    return (best_id, best) if best >= DUPLICATE_THRESHOLD else (None, best)

"""Near-duplicate groups and grouped splits, so that an evaluation never tests on a copy of its training.

Citizens post the same complaint several times with small edits; a random split puts the copies on
both sides and the figure measures memory, not routing. Two messages are near-duplicates when the
Jaccard similarity of their character 5-gram sets (spaces removed, so segmented and raw text agree)
is at least ``threshold`` (0.5). Candidates come from MinHash LSH (``datasketch``); every candidate
pair is then checked with the exact Jaccard, and groups are the connected components (union-find), so
a chain of edits stays one group.

Splits are made over groups: :func:`grouped_folds` (stratified by each group's majority label) and
:func:`dev_blind_split` (a fixed share of the groups set aside once, to be evaluated at the very end); each
group's label is its majority label (:func:`group_labels`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from jianfu.dispatch.routing.text import compact, normalize

SHINGLE = 5
THRESHOLD = 0.5
NUM_PERM = 128


def shingles(text: str, n: int = SHINGLE) -> frozenset[str]:
    """Character n-grams of the normalised text without spaces (the whole text when shorter)."""
    s = compact(normalize(text))
    if len(s) <= n:
        return frozenset([s]) if s else frozenset()
    return frozenset(s[i:i + n] for i in range(len(s) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def near_duplicate_groups(texts: Sequence[str], *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM,
                          seed: int = 1) -> np.ndarray:
    """A group id per text (0..k-1, in order of first appearance); texts whose 5-gram Jaccard is
    ≥ ``threshold`` share a group, transitively."""
    from datasketch import MinHash, MinHashLSH

    sets = [shingles(t) for t in texts]
    parent = list(range(len(sets)))
    lsh = MinHashLSH(threshold=threshold * 0.8, num_perm=num_perm)  # lower LSH cut: fewer missed pairs
    hashes = MinHash.bulk([[s.encode("utf-8") for s in sorted(x)] or [b""] for x in sets],
                          num_perm=num_perm, seed=seed)
    for i, (s, mh) in enumerate(zip(sets, hashes, strict=True)):
        for j in lsh.query(mh):
            if jaccard(s, sets[j]) >= threshold:
                ri, rj = _find(parent, i), _find(parent, j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, mh)
    roots = [_find(parent, i) for i in range(len(sets))]
    renumber: dict[int, int] = {}
    return np.asarray([renumber.setdefault(r, len(renumber)) for r in roots], dtype=np.int64)


def group_labels(groups: np.ndarray, labels: Sequence[str]) -> dict[int, str]:
    """Each group's majority label, {group id: label}: the label most of its messages carry, the first seen of them on
    a tie. ``groups`` and ``labels`` go together item by item (ValueError when their lengths differ). The splits
    stratify by it; so does the e5 length study's subset (``scripts/routing_e5_length.py``)."""
    by_group: dict[int, Counter[str]] = {}
    for g, lab in zip(groups.tolist(), labels, strict=True):
        by_group.setdefault(g, Counter())[lab] += 1
    return {g: c.most_common(1)[0][0] for g, c in by_group.items()}


def grouped_folds(groups: np.ndarray, labels: Sequence[str], *, folds: int = 5,
                  seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays; every group lies wholly in one test fold, and the folds are
    stratified by label as far as the groups allow (``StratifiedGroupKFold``)."""
    from sklearn.model_selection import StratifiedGroupKFold

    label_array = np.asarray(labels, dtype=object)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(label_array)), label_array, np.asarray(groups)))


def dev_blind_split(groups: np.ndarray, labels: Sequence[str], *, blind_share: float = 0.2,
                    seed: int = 20261203) -> tuple[np.ndarray, np.ndarray]:
    """(dev, blind) index arrays: about ``blind_share`` of each label's groups (by the group's majority
    label), drawn once with a fixed seed, go to the blind part."""
    groups = np.asarray(groups)
    majority = group_labels(groups, labels)
    rng = np.random.default_rng(seed)
    blind_groups: set[int] = set()
    for lab in sorted(set(majority.values())):
        members = sorted(g for g, m in majority.items() if m == lab)
        rng.shuffle(members)
        blind_groups.update(members[: int(round(len(members) * blind_share))])
    is_blind = np.asarray([g in blind_groups for g in groups.tolist()])
    return np.flatnonzero(~is_blind), np.flatnonzero(is_blind)

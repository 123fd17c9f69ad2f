"""blind6 (session 9, an outside writer) loads as written: its counts are pinned so that an edit to the
hidden split shows up here. Loading only: this test never runs the review engine on the split."""

from __future__ import annotations

from collections import Counter

from jianfu.review.engine.corpus import SPLITS, available_splits, gold_groups, is_positive, load_split
from jianfu.review.engine.rules import GROUPS


def test_blind6_is_registered_and_present():
    assert "blind6" in SPLITS
    assert "blind6" in available_splits()


def test_blind6_counts():
    items = load_split("blind6")
    assert len(items) == 116
    assert sum(1 for i in items if is_positive(i)) == 55
    per_group = Counter(g for i in items for g in gold_groups(i))
    assert per_group == {"INS": 26, "APP": 9, "DOC": 6, "DUTY": 6, "MTG": 6, "DEMO": 5, "SEC": 4, "VAN": 3}
    assert sum(1 for i in items if len(gold_groups(i)) > 1) == 10


def test_blind6_ids_and_annotations():
    items = load_split("blind6")
    ids = [i.id for i in items]
    assert len(set(ids)) == len(ids)
    assert ids == [f"B6{n:03d}" for n in range(1, len(items) + 1)]
    # blind splits carry rule groups only, never rule ids
    assert all(i.groups is not None and not i.rules for i in items)
    assert set().union(*(gold_groups(i) for i in items)) <= set(GROUPS)
    # every negative says why it looks like a burden (or that it is neutral)
    assert all(i.trap for i in items if not is_positive(i))

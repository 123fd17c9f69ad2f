"""blind5 (session 8, an outside writer) loads as written: its counts are pinned so that an edit to the
hidden split shows up here. Loading only: this test never runs the review engine on the split."""

from __future__ import annotations

from collections import Counter

from jianfu.review.engine.corpus import SPLITS, available_splits, gold_groups, is_positive, load_split
from jianfu.review.engine.rules import GROUPS


def test_blind5_is_registered_and_present():
    assert "blind5" in SPLITS
    assert "blind5" in available_splits()


def test_blind5_counts():
    items = load_split("blind5")
    assert len(items) == 93
    assert sum(1 for i in items if is_positive(i)) == 42
    per_group = Counter(g for i in items for g in gold_groups(i))
    assert per_group == {"INS": 22, "APP": 7, "DOC": 6, "DUTY": 5, "MTG": 5, "DEMO": 4, "SEC": 3, "VAN": 3}
    assert sum(1 for i in items if len(gold_groups(i)) > 1) == 13


def test_blind5_ids_and_annotations():
    items = load_split("blind5")
    ids = [i.id for i in items]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("B5") for i in ids)
    # blind splits carry rule groups only, never rule ids
    assert all(i.groups is not None and not i.rules for i in items)
    assert set().union(*(gold_groups(i) for i in items)) <= set(GROUPS)
    # every negative says why it looks like a burden (or that it is neutral)
    assert all(i.trap for i in items if not is_positive(i))

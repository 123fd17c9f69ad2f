"""The "far" part of a test set: how much close training history a message has (session 6)."""

from __future__ import annotations

import numpy as np
import pytest

from jianfu.dispatch.routing.shift import far_mask, jaccard_nearest, neighbour_similarity

TRAIN = [
    "小区楼顶水箱长年不清洗自来水有霉味",
    "小区水箱不清洗自来水发黄",
    "公司拖欠工资老板联系不上",
    "工地拖欠农民工工资",
    "村里路灯坏了没人修",
]


def test_a_copy_of_a_training_message_is_nearest_and_an_unrelated_one_is_far():
    tests = ["小区楼顶水箱长年不清洗自来水有霉味", "景点门票乱涨价"]
    one = neighbour_similarity(TRAIN, tests, neighbours=1)
    assert one[0] == pytest.approx(1.0, abs=1e-6)
    assert one[1] == pytest.approx(0.0, abs=1e-6)  # none of its characters occurs in a training message
    # with two neighbours, the copy's score is the mean of 1.0 and its second-nearest message's cosine
    two = neighbour_similarity(TRAIN, tests[:1], neighbours=2)
    assert 0.5 < two[0] < 1.0


def test_more_neighbours_than_training_messages_averages_over_all_of_them():
    sims = neighbour_similarity(TRAIN, ["拖欠工资"], neighbours=50)
    assert sims.shape == (1,)
    assert sims[0] == pytest.approx(neighbour_similarity(TRAIN, ["拖欠工资"], neighbours=5)[0])


def test_nothing_to_compare_gives_zeros():
    assert neighbour_similarity([], ["拖欠工资"]).tolist() == [0.0]
    assert neighbour_similarity(TRAIN, []).shape == (0,)
    assert jaccard_nearest([], ["拖欠工资"]).tolist() == [0.0]


def test_jaccard_nearest_counts_unknown_ngrams_in_the_union():
    # "abcdef" has the 5-grams abcde, bcdef; "abcdex" has abcde, bcdex: 1 shared of 3
    sims = jaccard_nearest(["abcdef", "zzzzzz"], ["abcdex", "abcdef", "qqqqqq"])
    assert sims.tolist() == [pytest.approx(1 / 3), 1.0, 0.0]


def test_far_mask_takes_the_lowest_fifth_and_breaks_ties_by_position():
    sims = np.asarray([0.5, 0.1, 0.3, 0.1, 0.9, 0.2, 0.7, 0.4, 0.6, 0.8, 0.05])
    assert np.flatnonzero(far_mask(sims)).tolist() == [1, 10]  # int(11 · 0.2) = 2 lowest
    assert np.flatnonzero(far_mask(sims, 1 / 3)).tolist() == [1, 3, 10]
    assert np.flatnonzero(far_mask(np.zeros(5), 0.4)).tolist() == [0, 1]
    assert far_mask(np.zeros(0)).tolist() == []

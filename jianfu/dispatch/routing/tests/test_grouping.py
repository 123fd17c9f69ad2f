"""Near-duplicate grouping and grouped splits (the honest evaluation's foundation)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jianfu.dispatch.routing.grouping import (
    dev_blind_split,
    grouped_folds,
    jaccard,
    near_duplicate_groups,
    shingles,
)

BASE = "小区楼顶水箱长年不清洗，自来水有一股霉味，请有关部门督促物业清洗"


def test_edited_copies_share_a_group_and_different_messages_do_not():
    texts = [
        BASE,
        BASE + "，谢谢",                                  # the same complaint posted again, slightly edited
        "小区 楼顶 水箱 长年 不 清洗 ， 自来水 有 一股 霉味 ， 请 有关部门 督促 物业 清洗",  # segmented: spaces ignored
        "公司拖欠三个月工资，老板联系不上，请劳动监察部门帮忙讨薪",
        "村里的路灯坏了一个多月没有人修，晚上出门很危险",
    ]
    groups = near_duplicate_groups(texts)
    assert groups.tolist() == [0, 0, 0, 1, 2]


def test_groups_are_transitive_through_a_chain_of_edits():
    a = "村口垃圾堆放了好多天没有人清运，臭气熏天，苍蝇很多"
    b = a + "，天气热了更严重，希望尽快处理"
    c = "天气热了更严重，希望尽快处理" + "，村口垃圾堆放了好多天没有人清运"
    assert jaccard(shingles(a), shingles(b)) >= 0.5 and jaccard(shingles(b), shingles(c)) >= 0.5
    assert near_duplicate_groups([a, b, c]).tolist() == [0, 0, 0]


def test_shingles_and_jaccard_exact():
    assert shingles("ab cde f") == frozenset({"abcde", "bcdef"})
    assert shingles("短") == frozenset({"短"})
    assert shingles("  ") == frozenset()
    assert jaccard(frozenset({"a", "b"}), frozenset({"b", "c"})) == 1 / 3


_message = st.sampled_from(["物业不修电梯", "拖欠工资", "路灯坏了", "河水发黑", "医院乱收费", "公交太少", "景区宰客"])


@settings(max_examples=25, deadline=None)
@given(parts=st.lists(st.tuples(_message, _message, st.integers(0, 3)), min_size=12, max_size=40),
       folds=st.integers(2, 4))
def test_no_group_crosses_folds_and_every_message_is_tested_once(parts, folds):
    texts = [f"{a}{b}" * (n + 1) + ("请处理" if n % 2 else "") for a, b, n in parts]
    labels = [["甲", "乙", "丙"][n % 3] for _a, _b, n in parts]
    groups = near_duplicate_groups(texts)
    if len(set(groups.tolist())) < folds:
        return  # fewer groups than folds: no grouped split exists
    splits = grouped_folds(groups, labels, folds=folds)
    tested = np.concatenate([te for _, te in splits])
    assert sorted(tested.tolist()) == list(range(len(texts)))
    for train, test in splits:
        assert not set(groups[train].tolist()) & set(groups[test].tolist())
    dev, blind = dev_blind_split(groups, labels, blind_share=0.3)
    assert sorted(np.concatenate([dev, blind]).tolist()) == list(range(len(texts)))
    assert not set(groups[dev].tolist()) & set(groups[blind].tolist())


def test_blind_split_is_fixed_and_takes_about_the_share_of_each_label():
    texts = [f"第{i}号事件：" + "，".join(str(i * 7919 + k) for k in range(6)) for i in range(200)]
    labels = ["甲" if i % 4 else "乙" for i in range(200)]
    groups = near_duplicate_groups(texts)
    assert len(set(groups.tolist())) == 200
    dev, blind = dev_blind_split(groups, labels)
    again = dev_blind_split(groups, labels)
    assert blind.tolist() == again[1].tolist()
    assert (sum(labels[i] == "甲" for i in blind), sum(labels[i] == "乙" for i in blind)) == (30, 10)


def test_group_labels_is_each_group_s_most_frequent_label_first_seen_on_a_tie():
    """mend21 #4: public (scripts/routing_e5_length.py picks its subset by it; it imported `_group_labels`)."""
    from jianfu.dispatch.routing.grouping import group_labels

    groups = np.asarray([3, 3, 3, 0, 0, 7, 7])
    labels = ["林业局", "水利局", "林业局", "公安局", "水利局", "民政局", "民政局"]
    assert group_labels(groups, labels) == {3: "林业局", 0: "公安局", 7: "民政局"}
    assert group_labels(np.asarray([], dtype=np.int64), []) == {}
    with pytest.raises(ValueError):
        group_labels(np.asarray([1, 2]), ["林业局"])


def test_the_e5_script_imports_no_private_name_of_the_package():
    import ast
    from pathlib import Path

    script = Path(__file__).resolve().parents[4] / "scripts" / "routing_e5_length.py"
    private = [f"{node.module}.{alias.name}" for node in ast.walk(ast.parse(script.read_text(encoding="utf-8")))
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jianfu")
               for alias in node.names if alias.name.startswith("_")]
    assert private == []

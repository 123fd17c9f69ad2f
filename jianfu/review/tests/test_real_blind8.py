"""real_blind8, the third labeller's blind set (issue 10, fourth round): its label file and the reproducibility of its
random draw. Only identifiers and labels are in the repository; the tests that need the documents
(../shared/data/gov_docs/) skip, saying why, when they are absent. Nothing here runs the reviewer on the set: it is
registered in evaluate as the blind set, which runs only with --blind (once, by the lead)."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import documents_of, labels, needs_gov_docs, restating_corpus


def eighth() -> list[realdocs.LabelledClause]:
    return labels("real_blind8")


def earlier_documents() -> frozenset[str]:
    return documents_of(realdocs.EIGHTH_BLIND_EARLIER)


def test_the_eighth_set_is_a_development_set_after_its_one_blind_run() -> None:
    from jianfu.review.engine import evaluate

    # run once as blind by the lead at the end of session 5 (docs/review.md); development data since session 6
    assert evaluate.REAL_DEV_SPLITS[8] == "real_blind8" and "real_blind8" not in evaluate.REAL_BLIND_SPLITS


def test_the_eighth_blind_set_has_its_counts() -> None:
    labels = eighth()
    assert len(labels) == 2009
    assert sum(i.label for i in labels) == 13
    assert len({i.doc_id for i in labels}) == 106
    assert Counter(g for i in labels for g in i.groups) == {"INS": 7, "DEMO": 2, "DOC": 2, "DUTY": 2}
    # every positive carries the labeller's reason
    assert all(i.note for i in labels if i.label)
    assert len({(i.doc_id, i.start, i.end) for i in labels}) == 2009


def test_the_eighth_blind_set_is_disjoint_from_every_earlier_set() -> None:
    assert realdocs.EIGHTH_BLIND_EARLIER == ("real_dev", "real_blind", "real_blind2", "real_blind3", "real_blind4",
                                             "real_blind5", "real_blind6", "real_blind7")
    assert {i.doc_id for i in eighth()}.isdisjoint(earlier_documents())


@needs_gov_docs
def test_every_row_of_the_eighth_blind_set_resolves_against_the_documents() -> None:
    documents = realdocs.load_documents()
    resolved = realdocs.resolve(eighth(), documents, realdocs.label_path("real_blind8"))
    assert len(resolved) == 2009
    folders = Counter(documents[item.doc_id]["folder"][:1] for item, _, _ in resolved)
    assert folders == {"2": 933, "5": 708, "3": 215, "7": 153}


@needs_gov_docs
def test_the_eighth_blind_draw_reproduces_the_committed_spans() -> None:
    documents = realdocs.load_documents()
    committed = [(i.doc_id, i.start, i.end) for i in eighth()]
    assert realdocs.eighth_blind_draw(documents, earlier_documents()) == committed
    stages = Counter(stage for stage, _ in realdocs.eighth_blind_documents(documents, earlier_documents()))
    assert stages == {"A": 65, "B": 18, "C": 23}


@needs_gov_docs
def test_the_eighth_blind_documents_meet_their_stage_criteria() -> None:
    documents = realdocs.load_documents()
    used = earlier_documents()
    used_titles = {realdocs._title_core(documents[u]["title"]) for u in used}
    for stage, doc_id in realdocs.eighth_blind_documents(documents, used):
        doc = documents[doc_id]
        assert len(doc["text"]) >= 300 and realdocs._title_core(doc["title"]) not in used_titles
        assert not realdocs.CENTRAL_TITLE.search(doc["title"]) and not realdocs.NOT_DIRECTIVE.search(doc["title"])
        assert len(realdocs.GRASSROOTS_ACTORS.findall(doc["text"])) >= 2
        if stage == "B":
            assert realdocs.ADDRESSED_TO_LOWER.search(doc["text"][:600])
        if stage == "C":
            assert not realdocs.REGULATION_TITLE.search(doc["title"])


def test_a_later_stage_leaves_the_earlier_draw_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "各市、县（市、区）要按照本通知要求做好工作，乡镇、街道配合落实。每月报送工作进展。"
    documents = {
        f"d{n:02d}": {"id": f"d{n:02d}", "folder": "f1", "title": f"关于第{n}项工作的{'办法' if n % 2 else '通知'}",
                      "text": f"第{n}号文件。" + "".join(f"第{n}-{k}条：{body}" for k in range(30))}
        for n in range(12)
    }
    monkeypatch.setattr(realdocs, "EIGHTH_BLIND_STAGES", (("A", 4),))
    monkeypatch.setattr(realdocs, "EIGHTH_BLIND_WHOLE", ())
    first = realdocs.eighth_blind_draw(documents, frozenset())
    monkeypatch.setattr(realdocs, "EIGHTH_BLIND_STAGES", (("A", 4), ("C", None)))
    monkeypatch.setattr(realdocs, "EIGHTH_BLIND_WHOLE", ("C",))
    later = realdocs.eighth_blind_draw(documents, frozenset())
    assert later[:len(first)] == first and len(later) > len(first)
    drawn = realdocs.eighth_blind_documents(documents, frozenset())
    assert [s for s, _ in drawn].count("A") == 4
    assert all("办法" not in documents[d]["title"] for s, d in drawn if s == "C")


def test_a_document_restating_a_used_one_is_not_drawn() -> None:
    documents = restating_corpus()
    drawn = realdocs.eighth_blind_documents(documents, frozenset({"d-used"}))
    assert [d for _, d in drawn] == ["d-new"]

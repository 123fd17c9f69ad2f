"""real_blind10, the fifth labeller's blind set (issue 10, seventh round): its label file and the reproducibility of its
random draw. Only identifiers and labels are in the repository; the tests that need the documents
(../shared/data/gov_docs/) skip, saying why, when they are absent. Nothing here runs the reviewer on the set: it is
registered in evaluate as the blind set, which runs only with --blind (once, by the lead)."""

from __future__ import annotations

from collections import Counter

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import documents_of, labels, needs_gov_docs, restating_corpus


def tenth() -> list[realdocs.LabelledClause]:
    return labels("real_blind10")


def earlier_documents() -> frozenset[str]:
    return documents_of(realdocs.TENTH_BLIND_EARLIER)


def test_the_tenth_set_was_run_once_and_is_development_data_now() -> None:
    from jianfu.review.engine import evaluate

    assert evaluate.REAL_DEV_SPLITS[10] == "real_blind10" and "real_blind10" not in evaluate.REAL_BLIND_SPLITS   # run once in session 7


def test_the_tenth_blind_set_has_its_counts() -> None:
    labels = tenth()
    assert len(labels) == 362
    assert sum(i.label for i in labels) == 1
    assert len({i.doc_id for i in labels}) == 50
    assert Counter(g for i in labels for g in i.groups) == {"INS": 1}
    assert [(i.doc_id, i.start) for i in labels if i.label] == [("hebei-dev-0370", 291)]
    # every positive and every hard call carries the labeller's reason in their own words
    assert all(i.note for i in labels if i.label)
    assert sum(i.note.startswith("hard:") for i in labels) == 14
    assert sum(bool(i.note) for i in labels) == 53
    assert len({(i.doc_id, i.start, i.end) for i in labels}) == 362


def test_the_tenth_blind_set_is_disjoint_from_every_earlier_set() -> None:
    assert realdocs.TENTH_BLIND_EARLIER == ("real_dev", "real_blind", "real_blind2", "real_blind3", "real_blind4",
                                            "real_blind5", "real_blind6", "real_blind7", "real_blind8", "real_blind9")
    assert {i.doc_id for i in tenth()}.isdisjoint(earlier_documents())


@needs_gov_docs
def test_every_row_of_the_tenth_blind_set_resolves_against_the_documents() -> None:
    documents = realdocs.load_documents()
    resolved = realdocs.resolve(tenth(), documents, realdocs.label_path("real_blind10"))
    assert len(resolved) == 362
    folders = Counter(documents[item.doc_id]["folder"][:1] for item, _, _ in resolved)
    assert folders == {"3": 235, "5": 94, "2": 33}


@needs_gov_docs
def test_the_tenth_blind_draw_reproduces_the_committed_rows() -> None:
    documents = realdocs.load_documents()
    used = earlier_documents()
    committed = [(i.doc_id, i.start, i.end) for i in tenth()]
    assert realdocs.draw_clauses(realdocs.TENTH_DRAW, documents, used) == committed
    drawn = realdocs.draw_documents(realdocs.TENTH_DRAW, documents, used)
    assert drawn == list(dict.fromkeys(i.doc_id for i in tenth())) and len(drawn) == 50
    # the narrower rule of the earlier draws admits none of the remaining documents: every drawn one is a provincial
    # regulation naming lower levels, taken in by the widening
    assert not any(realdocs._addressed_downwards(documents[d]) for d in drawn)
    assert all(realdocs._tenth_eligible(documents[d]) for d in drawn)


@needs_gov_docs
def test_the_tenth_blind_documents_meet_the_draw_criteria() -> None:
    documents = realdocs.load_documents()
    used = earlier_documents()
    used_titles = {realdocs._title_core(documents[u]["title"]) for u in used}
    used_grams = [realdocs._grams8(documents[u]["text"]) for u in sorted(used)]
    for doc_id in realdocs.draw_documents(realdocs.TENTH_DRAW, documents, used):
        doc = documents[doc_id]
        assert len(doc["text"]) >= 300 and realdocs._title_core(doc["title"]) not in used_titles
        assert not realdocs.restates(doc["text"], used_grams)


def test_the_draw_is_reproducible_and_takes_up_to_8_cue_and_4_other_clauses() -> None:
    body = "各市、县（市、区）要按照本通知要求做好工作{k}，乡镇、街道配合落实{k}。每月报送工作进展{k}。"
    documents = {
        f"d{n:02d}": {"id": f"d{n:02d}", "folder": "f1", "title": f"关于第{n}项工作的通知",
                      "text": f"各市人民政府：第{n}号文件。" + "".join(body.format(k=f"{n}-{k}") for k in range(12))}
        for n in range(4)
    }
    first = realdocs.draw_clauses(realdocs.TENTH_DRAW, documents, frozenset())
    assert first == realdocs.draw_clauses(realdocs.TENTH_DRAW, documents, frozenset())
    per_document = Counter(d for d, _, _ in first)
    assert per_document == {"d00": 12, "d01": 12, "d02": 12, "d03": 12}
    for doc_id in per_document:
        text = documents[doc_id]["text"]
        cued = [s for d, s, e in first if d == doc_id and realdocs.LABELLING_CUES.search(text[s:e])]
        assert len(cued) == 8
    # an earlier set's document is never drawn
    assert "d01" not in {d for d, _, _ in realdocs.draw_clauses(realdocs.TENTH_DRAW, documents, frozenset({"d01"}))}


def test_a_document_restating_a_used_one_is_not_drawn() -> None:
    documents = restating_corpus()
    assert realdocs.draw_documents(realdocs.TENTH_DRAW, documents, frozenset({"d-used"})) == ["d-new"]

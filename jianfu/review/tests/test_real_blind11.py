"""real_blind11, the sixth labeller's blind set (issue 10, session 19): its label file only — every row is a row of the
eleventh draw, labels are 0/1 and groups are given exactly for the positives. Only identifiers and labels are in the
repository; the tests that need the documents (../shared/data/gov_docs/) skip, saying why, when they are absent.
Nothing here runs the reviewer on the set (the lead registers it and runs it once, blind)."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import (
    assert_labels_well_formed,
    documents_of,
    labels,
    needs_gov_docs,
    restating_corpus,
)


def eleventh() -> list[realdocs.LabelledClause]:
    return labels("real_blind11")


def test_every_label_is_0_or_1_and_groups_are_given_exactly_for_the_positives() -> None:
    assert_labels_well_formed("real_blind11", 230)


def test_the_eleventh_blind_set_has_its_counts() -> None:
    items = eleventh()
    assert len({i.doc_id for i in items}) == 40
    assert sum(i.label for i in items) == 3
    assert Counter(g for i in items for g in i.groups) == {"DUTY": 2, "INS": 1}
    assert [(i.doc_id, i.start) for i in items if i.label] == [
        ("hebei-dev-0509", 153), ("hebei-dev-0517", 1224), ("hebei-dev-0517", 2240)]
    assert all(i.note for i in items if i.label)
    assert len({(i.doc_id, i.start, i.end) for i in items}) == 230


def test_the_eleventh_blind_set_is_disjoint_from_every_earlier_set() -> None:
    assert realdocs.ELEVENTH_BLIND_EARLIER == realdocs.TENTH_BLIND_EARLIER + ("real_blind10",)
    assert {i.doc_id for i in eleventh()}.isdisjoint(documents_of(realdocs.ELEVENTH_BLIND_EARLIER))


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_every_row_is_exactly_a_row_of_the_eleventh_draw() -> None:
    documents = realdocs.load_documents()
    used = documents_of(realdocs.ELEVENTH_BLIND_EARLIER)
    drawn = realdocs.draw_clauses(realdocs.ELEVENTH_DRAW, documents, used)
    expected = [(d, s, e, realdocs.text_hash(documents[d]["text"][s:e])) for d, s, e in drawn]
    assert [(i.doc_id, i.start, i.end, i.sha1) for i in eleventh()] == expected
    assert realdocs.draw_documents(realdocs.ELEVENTH_DRAW, documents, used) == list(dict.fromkeys(i.doc_id for i in eleventh()))
    # every row resolves (the hash of the text at its span is the one recorded)
    assert len(realdocs.resolve(eleventh(), documents, realdocs.label_path("real_blind11"))) == 230


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_the_eleventh_documents_meet_the_tenth_draws_criteria() -> None:
    documents = realdocs.load_documents()
    used = documents_of(realdocs.ELEVENTH_BLIND_EARLIER)
    used_titles = {realdocs._title_core(documents[u]["title"]) for u in used}
    used_grams = [realdocs._grams8(documents[u]["text"]) for u in sorted(used)]
    drawn = realdocs.draw_documents(realdocs.ELEVENTH_DRAW, documents, used)
    assert len(drawn) == 40
    for doc_id in drawn:
        doc = documents[doc_id]
        assert realdocs._tenth_eligible(doc) and len(doc["text"]) >= 300
        assert realdocs._title_core(doc["title"]) not in used_titles
        assert not realdocs.restates(doc["text"], used_grams)


def test_the_eleventh_draw_takes_up_to_6_cue_and_3_other_clauses_per_document() -> None:
    body = "各市、县（市、区）要按照本通知要求做好工作{k}，乡镇、街道配合落实{k}。每月报送工作进展{k}。"
    documents = {
        f"d{n:02d}": {"id": f"d{n:02d}", "folder": "f1", "title": f"关于第{n}项工作的通知",
                      "text": f"各市人民政府：第{n}号文件。" + "".join(body.format(k=f"{n}-{k}") for k in range(12))}
        for n in range(4)
    }
    first = realdocs.draw_clauses(realdocs.ELEVENTH_DRAW, documents, frozenset())
    assert first == realdocs.draw_clauses(realdocs.ELEVENTH_DRAW, documents, frozenset())
    assert Counter(d for d, _, _ in first) == {"d00": 9, "d01": 9, "d02": 9, "d03": 9}
    for doc_id in ("d00", "d01", "d02", "d03"):
        text = documents[doc_id]["text"]
        cued = [s for d, s, e in first if d == doc_id and realdocs.LABELLING_CUES.search(text[s:e])]
        assert len(cued) == 6
    # the tenth draw's defaults are unchanged by the new parameters
    assert Counter(d for d, _, _ in realdocs.draw_clauses(realdocs.TENTH_DRAW, documents, frozenset())) == {
        "d00": 12, "d01": 12, "d02": 12, "d03": 12}
    assert "d01" not in {d for d, _, _ in realdocs.draw_clauses(realdocs.ELEVENTH_DRAW, documents, frozenset({"d01"}))}


def test_a_document_restating_a_used_one_is_not_drawn_eleventh() -> None:
    documents = restating_corpus()
    assert realdocs.draw_documents(realdocs.ELEVENTH_DRAW, documents, frozenset({"d-used"})) == ["d-new"]

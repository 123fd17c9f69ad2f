"""real_blind13, the eighth labeller's blind set (issue 10, session 21): its label file only — every row is a row of the
thirteenth draw, labels are 0/1 and groups are given exactly for the positives. Only identifiers and labels are in the
repository; the tests that need the documents (../shared/data/gov_docs/) skip, saying why, when they are absent.
Run once by the lead in session 21 (docs/review.md), development data since."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import assert_labels_well_formed, documents_of, labels, needs_gov_docs


def thirteenth() -> list[realdocs.LabelledClause]:
    return labels("real_blind13")


def test_every_label_is_0_or_1_and_groups_are_given_exactly_for_the_positives() -> None:
    assert_labels_well_formed("real_blind13", 197)


def test_the_thirteenth_blind_set_has_its_counts() -> None:
    items = thirteenth()
    assert len({i.doc_id for i in items}) == 57
    assert sum(i.label for i in items) == 5
    assert Counter(g for i in items for g in i.groups) == {"INS": 4, "DEMO": 1}
    assert [(i.doc_id, i.start) for i in items if i.label] == [
        ("hebei-dev-1134", 653), ("hebei-dev-0110", 761), ("hebei-dev-0110", 829), ("hebei-dev-0785", 863),
        ("hebei-dev-0785", 888)]
    assert all(i.note for i in items if i.label)
    assert sum(i.note.startswith("hard:") for i in items) == 11
    assert len({(i.doc_id, i.start, i.end) for i in items}) == 197


def test_the_thirteenth_blind_set_is_disjoint_from_every_earlier_set() -> None:
    assert {i.doc_id for i in thirteenth()}.isdisjoint(documents_of(realdocs.THIRTEENTH_BLIND_EARLIER))


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_every_row_is_exactly_a_row_of_the_thirteenth_draw() -> None:
    documents = realdocs.load_documents()
    used = documents_of(realdocs.THIRTEENTH_BLIND_EARLIER)
    drawn = realdocs.draw_clauses(realdocs.THIRTEENTH_DRAW, documents, used)
    expected = [(d, s, e, realdocs.text_hash(documents[d]["text"][s:e])) for d, s, e in drawn]
    assert [(i.doc_id, i.start, i.end, i.sha1) for i in thirteenth()] == expected
    assert realdocs.draw_documents(realdocs.THIRTEENTH_DRAW, documents, used) == list(dict.fromkeys(i.doc_id for i in thirteenth()))
    # every row resolves (the hash of the text at its span is the one recorded)
    assert len(realdocs.resolve(thirteenth(), documents, realdocs.label_path("real_blind13"))) == 197


def test_the_thirteenth_set_was_run_once_and_is_development_data_now() -> None:
    from jianfu.review.engine import evaluate

    assert evaluate.REAL_DEV_SPLITS[13] == "real_blind13" and "real_blind13" not in evaluate.REAL_BLIND_SPLITS   # run once in session 21
    assert ("eighth", ("real_blind13",)) in evaluate.LABELLERS

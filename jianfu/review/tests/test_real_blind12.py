"""real_blind12, the seventh labeller's blind set (issue 10, session 20): its label file only — every row is a row of the
twelfth draw, labels are 0/1 and groups are given exactly for the positives. Only identifiers and labels are in the
repository; the tests that need the documents (../shared/data/gov_docs/) skip, saying why, when they are absent.
Nothing here runs the reviewer on the set (the lead registers it and runs it once, blind)."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import assert_labels_well_formed, documents_of, labels, needs_gov_docs


def twelfth() -> list[realdocs.LabelledClause]:
    return labels("real_blind12")


def test_every_label_is_0_or_1_and_groups_are_given_exactly_for_the_positives() -> None:
    assert_labels_well_formed("real_blind12", 197)


def test_the_twelfth_blind_set_has_its_counts() -> None:
    items = twelfth()
    assert len({i.doc_id for i in items}) == 35
    assert sum(i.label for i in items) == 7
    assert Counter(g for i in items for g in i.groups) == {"INS": 3, "DOC": 3, "DEMO": 1}
    assert [(i.doc_id, i.start) for i in items if i.label] == [
        ("hebei-dev-0801", 657), ("hebei-dev-0801", 746), ("hebei-dev-0329", 1217), ("hebei-dev-0329", 1368),
        ("hebei-dev-0330", 335), ("hebei-dev-0414", 2899), ("hebei-dev-0414", 2984)]
    assert all(i.note for i in items if i.label)
    assert len({(i.doc_id, i.start, i.end) for i in items}) == 197


def test_the_twelfth_blind_set_is_disjoint_from_every_earlier_set() -> None:
    assert {i.doc_id for i in twelfth()}.isdisjoint(documents_of(realdocs.TWELFTH_BLIND_EARLIER))


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_every_row_is_exactly_a_row_of_the_twelfth_draw() -> None:
    documents = realdocs.load_documents()
    used = documents_of(realdocs.TWELFTH_BLIND_EARLIER)
    drawn = realdocs.draw_clauses(realdocs.TWELFTH_DRAW, documents, used)
    expected = [(d, s, e, realdocs.text_hash(documents[d]["text"][s:e])) for d, s, e in drawn]
    assert [(i.doc_id, i.start, i.end, i.sha1) for i in twelfth()] == expected
    assert realdocs.draw_documents(realdocs.TWELFTH_DRAW, documents, used) == list(dict.fromkeys(i.doc_id for i in twelfth()))
    # every row resolves (the hash of the text at its span is the one recorded)
    assert len(realdocs.resolve(twelfth(), documents, realdocs.label_path("real_blind12"))) == 197


def test_the_twelfth_set_was_run_once_and_is_development_data_now() -> None:
    from jianfu.review.engine import evaluate

    assert evaluate.REAL_DEV_SPLITS[12] == "real_blind12" and "real_blind12" not in evaluate.REAL_BLIND_SPLITS   # run once in session 20
    assert ("seventh", ("real_blind12",)) in evaluate.LABELLERS

"""The thirteenth blind draw (issue 10, session 21): its population (any non-central document naming lower levels,
schools and communities included), every admitted document taken, up to 8 cue clauses and 1 other per document, its
determinism and its disjointness from every earlier set. The tests that need the documents (../shared/data/gov_docs/)
skip, saying why, when they are absent."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import documents_of, needs_gov_docs, restating_corpus


def test_the_thirteenth_draw_excludes_every_earlier_set() -> None:
    earlier = ("real_dev", "real_blind") + tuple(f"real_blind{k}" for k in range(2, 13))
    assert earlier == realdocs.THIRTEENTH_BLIND_EARLIER


def test_the_thirteenth_population_admits_schools_and_communities_but_not_central_texts() -> None:
    schools = "学校要加强管理，社区配合。" * 30
    assert realdocs._thirteenth_eligible({"title": "关于加强某项管理的通知", "text": schools})
    assert not realdocs._twelfth_eligible({"title": "关于加强某项管理的通知", "text": schools})
    assert realdocs._thirteenth_eligible({"title": "某项政策解读", "text": "各县（市、区）" + "开展工作。" * 60})
    assert not realdocs._thirteenth_eligible({"title": "国务院关于某事的通知", "text": schools})
    assert not realdocs._thirteenth_eligible({"title": "某厅工作总结", "text": "本厅开展了工作。" * 60})


def test_the_thirteenth_draw_is_deterministic_and_takes_up_to_8_cue_and_1_other_clause() -> None:
    body = "学校要按照本通知做好工作{k}，社区配合落实{k}。每月报送工作进展{k}。"
    documents = {
        f"d{n:02d}": {"id": f"d{n:02d}", "folder": "f1", "title": f"关于第{n}项工作的通知",
                      "text": f"第{n}号通知。" + "".join(body.format(k=f"{n}-{k}") for k in range(12))}
        for n in range(4)
    }
    first = realdocs.draw_clauses(realdocs.THIRTEENTH_DRAW, documents, frozenset())
    assert first == realdocs.draw_clauses(realdocs.THIRTEENTH_DRAW, documents, frozenset())
    assert Counter(d for d, _, _ in first) == {"d00": 9, "d01": 9, "d02": 9, "d03": 9}
    cued = [row for row in first if realdocs.LABELLING_CUES.search(documents[row[0]]["text"][row[1]:row[2]])]
    assert len(cued) == 32
    # every eligible document is taken (the cap is above the pool), none of them by the twelfth draw's population
    assert realdocs.draw_documents(realdocs.THIRTEENTH_DRAW, documents, frozenset()) != []
    assert realdocs.draw_clauses(realdocs.TWELFTH_DRAW, documents, frozenset()) == []
    assert "d02" not in {d for d, _, _ in realdocs.draw_clauses(realdocs.THIRTEENTH_DRAW, documents, frozenset({"d02"}))}


def test_a_document_restating_a_used_one_is_not_drawn_thirteenth() -> None:
    assert realdocs.draw_documents(realdocs.THIRTEENTH_DRAW, restating_corpus(), frozenset({"d-used"})) == ["d-new"]


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_the_thirteenth_draw_on_the_real_documents_is_deterministic_and_disjoint() -> None:
    documents = realdocs.load_documents()
    used = documents_of(realdocs.THIRTEENTH_BLIND_EARLIER)
    drawn = realdocs.draw_documents(realdocs.THIRTEENTH_DRAW, documents, used)
    assert drawn == realdocs.draw_documents(realdocs.THIRTEENTH_DRAW, documents, used)
    assert len(drawn) == 57 < realdocs.THIRTEENTH_BLIND_COUNT
    assert set(drawn).isdisjoint(used)
    used_titles = {realdocs._title_core(documents[u]["title"]) for u in used}
    used_grams = [realdocs._grams8(documents[u]["text"]) for u in sorted(used)]
    for doc_id in drawn:
        doc = documents[doc_id]
        assert realdocs._thirteenth_eligible(doc) and len(doc["text"]) >= 300
        assert realdocs._title_core(doc["title"]) not in used_titles
        assert not realdocs.restates(doc["text"], used_grams)
    assert len(realdocs.draw_clauses(realdocs.THIRTEENTH_DRAW, documents, used)) == 197

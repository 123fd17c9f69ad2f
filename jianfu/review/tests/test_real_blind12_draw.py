"""The twelfth blind draw (issue 10, session 20): its population (any non-central document naming the grassroots,
reports and non-directive notices included), its determinism and its disjointness from every earlier set. The tests
that need the documents (../shared/data/gov_docs/) skip, saying why, when they are absent."""

from __future__ import annotations

from collections import Counter

import pytest

from jianfu.review.engine import realdocs
from jianfu.review.tests.realsets import documents_of, needs_gov_docs, restating_corpus


def test_the_twelfth_draw_excludes_every_earlier_set() -> None:
    earlier = ("real_dev", "real_blind") + tuple(f"real_blind{k}" for k in range(2, 12))
    assert earlier == realdocs.TWELFTH_BLIND_EARLIER


def test_the_twelfth_population_admits_reports_and_notices_but_not_central_texts() -> None:
    text = "各县（市、区）" + "开展了工作。" * 60
    assert realdocs._twelfth_eligible({"title": "河北省某厅2023年政府信息公开工作年度报告", "text": text})
    assert realdocs._twelfth_eligible({"title": "关于某项评选结果的公示", "text": text})
    assert not realdocs._tenth_eligible({"title": "关于某项评选结果的公示", "text": text})
    assert not realdocs._twelfth_eligible({"title": "国务院关于某事的通知", "text": text})
    assert not realdocs._twelfth_eligible({"title": "某厅工作总结", "text": "本厅开展了工作。" * 60})


def test_the_twelfth_draw_is_deterministic_and_takes_up_to_6_cue_and_3_other_clauses() -> None:
    body = "各市、县（市、区）要按照本总结做好工作{k}，乡镇、街道配合落实{k}。每月报送工作进展{k}。"
    documents = {
        f"d{n:02d}": {"id": f"d{n:02d}", "folder": "f1", "title": f"第{n}项工作情况的报告",
                      "text": f"第{n}号报告。" + "".join(body.format(k=f"{n}-{k}") for k in range(12))}
        for n in range(4)
    }
    first = realdocs.draw_clauses(realdocs.TWELFTH_DRAW, documents, frozenset())
    assert first == realdocs.draw_clauses(realdocs.TWELFTH_DRAW, documents, frozenset())
    assert Counter(d for d, _, _ in first) == {"d00": 9, "d01": 9, "d02": 9, "d03": 9}
    # the eleventh draw's population (NOT_DIRECTIVE-free, addressed downwards) takes none of these reports
    assert realdocs.draw_clauses(realdocs.ELEVENTH_DRAW, documents, frozenset()) == []
    assert "d02" not in {d for d, _, _ in realdocs.draw_clauses(realdocs.TWELFTH_DRAW, documents, frozenset({"d02"}))}


def test_a_document_restating_a_used_one_is_not_drawn_twelfth() -> None:
    assert realdocs.draw_documents(realdocs.TWELFTH_DRAW, restating_corpus(), frozenset({"d-used"})) == ["d-new"]


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@needs_gov_docs
def test_the_twelfth_draw_on_the_real_documents_is_deterministic_and_disjoint() -> None:
    documents = realdocs.load_documents()
    used = documents_of(realdocs.TWELFTH_BLIND_EARLIER)
    drawn = realdocs.draw_documents(realdocs.TWELFTH_DRAW, documents, used)
    assert drawn == realdocs.draw_documents(realdocs.TWELFTH_DRAW, documents, used)
    assert len(drawn) == realdocs.TWELFTH_BLIND_COUNT == 35
    assert set(drawn).isdisjoint(used)
    used_titles = {realdocs._title_core(documents[u]["title"]) for u in used}
    used_grams = [realdocs._grams8(documents[u]["text"]) for u in sorted(used)]
    for doc_id in drawn:
        doc = documents[doc_id]
        assert realdocs._twelfth_eligible(doc) and len(doc["text"]) >= 300
        assert realdocs._title_core(doc["title"]) not in used_titles
        assert not realdocs.restates(doc["text"], used_grams)

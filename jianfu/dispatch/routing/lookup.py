"""谁来办's ranking: the catalogue router's own suggestions for a person's query (session 21, who21).

The router events are routed with already scores every matter for a text (SVM, profile similarity and BM25 over the
catalogue's text, jieba words and character bigrams); 谁来办 asks it rather than keep a second scorer. Its scores are a
softmax, which gives every matter some probability even for a query about nothing, so a matter is an answer only when
it shares a word or a character bigram with the query (the router's BM25 view above 0). Measured against the
hand-written substring scorer and a bm25s index of the matters in scripts/who_handles_lowo.py (docs/dispatch.md
"Session 21 (who21)").
"""

from __future__ import annotations

from jianfu.dispatch.routing.routers import Candidate, CatalogueRouter
from jianfu.dispatch.routing.text import routing_text

# Chosen on the demo catalogue (199 matters), each matter asked its 1-15 examples with all of them removed from it
# (scripts/who_handles_lowo.py, every 4th matter: 259 queries): the top 5 over 0.002 hold the matter asked about 212
# times with 3.10 results on average (no floor: 218 / 5.00; over 0.005: 204 / 2.74; 0.02: 197 / 2.14; 0.05, the
# dispatch queue's floor: 185 / 1.66); the hand-written scorer it replaces: 88 / 2.86, bm25s over the matters: 185 /
# 3.11 at its best comparable cut-off. A probability: on a catalogue this size an unrelated matter gets ~1e-5.
MAX_RESULTS = 5        # what a person reads on a phone
SCORE_FLOOR = 0.002


def evidenced(router: CatalogueRouter, query: str, k: int) -> list[Candidate]:
    """The router's top `k` suggestions for `query` (best first), among the matters sharing a term with it. The query
    is read as the router reads an event (`routing_text`, session 33): a message forwarded from a chat and pasted
    here finds what the message finds, not matters sharing a word with the group's name, "收到请回复" or "微信"."""
    norm = routing_text(query)
    cands = router.route(norm, k=k, embed=False)
    if not cands:
        return []
    bm25 = router.view_scores([norm])[2][0]
    row = {m.code: j for j, m in enumerate(router.matters)}
    return [c for c in cands if bm25[row[c.matter_code or ""]] > 0]


def answers(router: CatalogueRouter, query: str, *, floor: float = SCORE_FLOOR,
            limit: int = MAX_RESULTS) -> list[str]:
    """The codes of the matters answering `query`, best first: at most `limit`, none scoring under `floor`."""
    # the top 30 first: a matter without a shared term among the best few leaves its place to the next one
    return [c.matter_code or "" for c in evidenced(router, query, 30) if c.score >= floor][:limit]

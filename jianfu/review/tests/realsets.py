"""What the tests of the real-document sets share: the skip when the documents are absent, a set's labels, and the
documents of earlier sets (a new set must be disjoint from them)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from jianfu.review.engine import realdocs

needs_gov_docs = pytest.mark.skipif(realdocs.data_path() is None,
                                    reason="the real documents (../shared/data/gov_docs/) are not on this machine")


def labels(name: str) -> list[realdocs.LabelledClause]:
    return realdocs.load_labels(realdocs.label_path(name))


def documents_of(names: Iterable[str]) -> frozenset[str]:
    return frozenset(i.doc_id for name in names for i in labels(name))


def restating_corpus() -> dict[str, realdocs.GovDocument]:
    """Three small documents for a draw: d-used (already in a set), d-copy restating it, d-new unlike either."""
    body = "各市、县（市、区）要按照本通知要求做好工作，乡镇、街道配合落实。" * 20
    return {
        "d-used": {"id": "d-used", "folder": "f1", "title": "关于甲的通知", "text": body},
        "d-copy": {"id": "d-copy", "folder": "f1", "title": "关于乙的通知", "text": body + "附件略。"},
        "d-new": {"id": "d-new", "folder": "f1", "title": "关于丙的通知",
                  "text": "各市要加强学校管理，县级教育部门做好服务，乡镇学校配合。" * 30},
    }

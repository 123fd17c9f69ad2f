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

"""What the tests of the real-document sets share: the skip when the documents are absent, a set's labels, and the
documents of earlier sets (a new set must be disjoint from them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pytest

from jianfu.review.engine import realdocs

F = TypeVar("F", bound=Callable[..., Any])

_gov_docs_present = pytest.mark.skipif(realdocs.data_path() is None,
                                       reason="the real documents (../shared/data/gov_docs/) are not on this machine")


def needs_gov_docs(test: F) -> F:
    """A test that reads the real documents (outside the repository): skipped where they are absent, and heavy — the
    draws over 1,268 documents are evaluation-sized, run by `make test-heavy`, not by `make test` (ADR 0045)."""
    return pytest.mark.heavy(_gov_docs_present(test))


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


def raw_rows(name: str) -> list[dict[str, str]]:
    """The data rows of a set's label file as written (the loader's own checks aside)."""
    lines = realdocs.label_path(name).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    header = rows[0].split("\t")
    assert tuple(header) == realdocs.COLUMNS
    return [dict(zip(header, line.split("\t"), strict=True)) for line in rows[1:]]


def assert_labels_well_formed(name: str, count: int) -> None:
    """`count` rows, every label 0 or 1, groups given exactly for the positives, and the loader reads the same rows."""
    rows = raw_rows(name)
    assert len(rows) == count
    assert {row["label"] for row in rows} == {"0", "1"}
    for row in rows:
        groups = [g for g in row["groups"].split(",") if g]
        assert bool(groups) == (row["label"] == "1"), row
        assert set(groups) <= realdocs.GROUP_CODES, row
    assert [(i.doc_id, i.start, i.end, i.sha1, i.label) for i in labels(name)] == [
        (r["doc_id"], int(r["start"]), int(r["end"]), r["sha1"], r["label"] == "1") for r in rows]

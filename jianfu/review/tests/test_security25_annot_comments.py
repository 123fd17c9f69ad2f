"""security25: the annotated copy's comment ids are counted on from the largest (annot24) — unless the drafter's file
holds a comment whose id is 2**31 - 1: then every new comment fell back to python-docx's own `add_comment`, which
reads (and sorts) every comment's id (`CT_Comments._next_available_comment_id`), and `_CommentWriter.add` read them
all again. A file holding tens of thousands of comments (under the 8 MB XML cap) made each download cost findings x
comments: 60,000 comments (7 MB of comments.xml, a 0.5 MB upload) took 93 s of CPU a download against 0.6 s.

Counted, not timed (codereview25 #7: a CPU-time bound with a 1 s margin): python-docx's id path is never taken, and
the drafter's ids are read once a download, whatever the largest id is."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml.comments import CT_Comments

from jianfu.review.engine import annotate
from jianfu.review.models import Review
from jianfu.review.tests.test_annot24_index import TITLE, _package, _token

from .test_annot24_index import SENTENCES

COMMENTS = 1_000  # the drafter's; the counts below are the same for any number of them


def _document(comment_ids: tuple[int, ...]) -> bytes:
    text, i = "", 0
    while len(text) < 3000:
        text += SENTENCES[i % len(SENTENCES)]
        i += 1
    paragraphs = "".join(f"<w:p><w:r><w:t>{s}</w:t></w:r></w:p>" for s in text.split("。") if s)
    return _package(f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p>{paragraphs}", comment_ids)


def _download_counts(world: Any, monkeypatch: pytest.MonkeyPatch, comment_ids: tuple[int, ...]) -> tuple[int, ...]:
    """The review's findings, and in the download of its annotated copy: the calls of python-docx's id path (each reads
    every comment's id) and the reads of the drafter's ids by `_CommentWriter`."""
    client = world.client("dept_housing")
    response = client.post(
        "/review/submit/",
        {"file": SimpleUploadedFile("通知.docx", _document(comment_ids)), "form_token": _token(client, "/review/submit/")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    review = Review.objects.latest("pk")
    calls = {"python-docx": 0, "ours": 0}
    python_docx_ids = CT_Comments._next_available_comment_id
    our_ids = getattr(annotate, "_COMMENT_IDS", None)

    def python_docx_id(self: CT_Comments) -> int:
        calls["python-docx"] += 1
        return python_docx_ids(self)

    def read_ids(element: Any) -> Any:
        calls["ours"] += 1
        return our_ids(element)  # type: ignore[misc]

    with monkeypatch.context() as patched:
        patched.setattr(CT_Comments, "_next_available_comment_id", python_docx_id)
        patched.setattr(annotate, "_COMMENT_IDS", read_ids, raising=False)
        response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    assert response.status_code == 200
    return review.findings.count(), calls["python-docx"], calls["ours"]


@pytest.mark.django_db
def test_a_drafters_comment_of_id_2_31_minus_1_does_not_make_each_new_comment_read_every_id(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = tuple(range(COMMENTS - 1))
    counted_on = _download_counts(world, monkeypatch, (*many, COMMENTS))
    fallen_back = _download_counts(world, monkeypatch, (*many, 2**31 - 1))
    # fails on ab90df4a: (198, 1, 0) and (198, 199, 0) — python-docx's id path for the first comment, and for each of
    # the 199 (the summary and the 198 findings') once the largest id is 2**31 - 1, each reading all the ids again
    assert (counted_on, fallen_back) == ((198, 0, 1), (198, 0, 1))

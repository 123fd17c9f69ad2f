"""security25: the annotated copy's comment ids are counted on from the largest (annot24) — unless the drafter's file
holds a comment whose id is 2**31 - 1: then every new comment falls back to python-docx's own `add_comment`, which
reads (and sorts) every comment's id, and `_CommentWriter.add` reads them all again. A file holding tens of thousands of
comments (under the 8 MB XML cap) makes each download cost findings x comments."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.review.models import Review
from jianfu.review.tests.test_annot24_index import TITLE, _package, _token

from .test_annot24_index import SENTENCES

COMMENTS = 5_000  # 60,000 (7 MB of comments.xml, a 0.5 MB upload): 93 s of CPU a download against 0.6 s


def _document(comment_ids: tuple[int, ...]) -> bytes:
    text, i = "", 0
    while len(text) < 3000:
        text += SENTENCES[i % len(SENTENCES)]
        i += 1
    paragraphs = "".join(f"<w:p><w:r><w:t>{s}</w:t></w:r></w:p>" for s in text.split("。") if s)
    return _package(f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p>{paragraphs}", comment_ids)


def _download_seconds(world: Any, comment_ids: tuple[int, ...]) -> tuple[int, float]:
    client = world.client("dept_housing")
    response = client.post(
        "/review/submit/",
        {"file": SimpleUploadedFile("通知.docx", _document(comment_ids)), "form_token": _token(client, "/review/submit/")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    review = Review.objects.latest("pk")
    started = time.process_time()
    response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    seconds = time.process_time() - started
    assert response.status_code == 200
    return review.findings.count(), seconds


@pytest.mark.django_db
def test_a_drafters_comment_of_id_2_31_minus_1_does_not_make_each_new_comment_read_every_id(world: Any) -> None:
    many = tuple(range(COMMENTS - 1))
    findings, counted_on = _download_seconds(world, (*many, COMMENTS))
    same_findings, fallen_back = _download_seconds(world, (*many, 2**31 - 1))
    print(f"findings {findings}: ids counted on {counted_on:.2f} s, fallen back {fallen_back:.2f} s")
    assert findings == same_findings
    # fails (5.4 s against 0.12 s here, 198 findings): every new comment reads all 5,000 ids twice
    assert fallen_back < counted_on + 1.0, (findings, counted_on, fallen_back)

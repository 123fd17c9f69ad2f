"""codereview25 #6 in the review: a .docx whose zip end record declares its central directory 1,000 bytes past where
it is made the package check raise `ValueError: negative seek value -1000` — out of `readers.read_bytes`, a 500 on the
upload page and the API. Refused now as a damaged zip, in the review's words, with nothing stored
(core/tests/test_cr25_docx_offset.py: the check itself, and packages mutated at random)."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.formtokens import token_new
from jianfu.core.models import ApiRepeat, AuditRecord
from jianfu.core.tests.test_cr25_docx_offset import shifted_directory
from jianfu.review.engine import readers
from jianfu.review.engine.errors import ReviewInputError
from jianfu.review.models import Document, DocumentVersion, Finding, Review

MESSAGE = "文件已损坏，无法作为 .docx 打开（压缩结构不完整）。"


def _shifted() -> bytes:
    document = docx.Document()
    document.add_paragraph("关于做好春耕生产工作的通知")
    out = io.BytesIO()
    document.save(out)
    return shifted_directory(out.getvalue())


def _stored() -> tuple[int, ...]:
    return (Document.objects.count(), DocumentVersion.objects.count(), Review.objects.count(),
            Finding.objects.count(), ApiRepeat.objects.count(), AuditRecord.objects.count())


def test_the_reader_refuses_it_as_a_damaged_zip() -> None:
    with pytest.raises(ReviewInputError) as refused:  # was ValueError: negative seek value -1000
        readers.read_bytes(_shifted(), "通知.docx")
    assert (refused.value.code, refused.value.message) == ("corrupt", MESSAGE)


@pytest.mark.django_db
def test_the_upload_page_and_the_api_refuse_it_and_store_nothing(world: Any) -> None:
    before = _stored()
    response = world.client("dept_housing").post(
        "/review/submit/", {"file": SimpleUploadedFile("通知.docx", _shifted()), "form_token": token_new()})
    assert response.status_code == 400  # was a 500
    assert MESSAGE in response.content.decode()
    api = world.api_client("town_quzhang")
    response = api.post("/api/v1/review/reviews/", {"file": SimpleUploadedFile("通知.docx", _shifted())},
                        format="multipart")
    error = response.json()["error"]
    assert (response.status_code, error["code"], error["message"]) == (400, "corrupt", MESSAGE)
    assert _stored() == before

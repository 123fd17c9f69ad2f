"""codereview25 #6 on the direct line: a .docx attachment whose zip end record declares its central directory 1,000
bytes past where it is made the package check raise `ValueError: negative seek value -1000` — a 500 on the anonymous
report form. Refused now as no Word document, in the direct line's words, with no report and no file stored
(core/tests/test_cr25_docx_offset.py: the check itself, and packages mutated at random)."""

from __future__ import annotations

import io
import os
from typing import Any

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.formtokens import token_new
from jianfu.core.tests.test_cr25_docx_offset import shifted_directory
from jianfu.directline.attachments import clean_attachments
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import TOWN, county_key_with_handler

MESSAGE = "第 1 个附件：不是有效的 Word 文档（.docx）。"


def _shifted() -> bytes:
    document = docx.Document()
    document.add_paragraph("县里要求各村每天在群里打卡。")
    out = io.BytesIO()
    document.save(out)
    return shifted_directory(out.getvalue())


def _stored() -> tuple[int, int, list[str]]:
    media = []
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        media += [os.path.join(root, f) for f in files]
    return Report.objects.count(), Attachment.objects.count(), sorted(media)


def test_the_attachment_is_refused_as_no_word_document() -> None:
    with pytest.raises(ApplicationError) as refused:  # was ValueError: negative seek value -1000
        clean_attachments([_shifted()])
    assert (refused.value.code, str(refused.value.message)) == ("attachment_invalid", MESSAGE)


@pytest.mark.django_db
def test_the_report_form_refuses_it_and_stores_nothing(world: Any) -> None:
    county_key_with_handler(world)
    before = _stored()
    response = world.client(None).post(
        "/directline/public/report/",
        {
            "form_token": token_new(),
            "place": TOWN,
            "category": "app",
            "text": "县里某局要求每个村每周上报三张台账照片，并在群里打卡排名。",
            "attachments": [SimpleUploadedFile("通知.docx", _shifted(), "application/octet-stream")],
        },
    )
    assert response.status_code == 400  # was a 500
    assert MESSAGE in response.content.decode()
    assert _stored() == before == (0, 0, before[2])

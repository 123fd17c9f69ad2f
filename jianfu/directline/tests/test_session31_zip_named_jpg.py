"""Session 31 (badinput31b's finding): a file named as a photo whose content is a zip was refused as "不是有效的 Word
文档（.docx）", a document the reporter never chose. Named otherwise than .docx it is the unsupported type it is; named
.docx (or sent without a name) it is a broken Word document, as before."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.directline.attachments import clean_attachment

NOT_A_DOCX = b"PK\x03\x04 an archive, not a Word document"


def _refusal(upload) -> tuple[str, str]:
    with pytest.raises(ApplicationError) as refused:
        clean_attachment(upload)
    return refused.value.code, refused.value.message


@pytest.mark.parametrize("name", ["照片.jpg", "scan.PNG", "材料.zip", "无扩展名"])
def test_a_zip_named_otherwise_than_docx_is_an_unsupported_type(name):
    assert _refusal(SimpleUploadedFile(name, NOT_A_DOCX)) == (
        "attachment_invalid", "第 1 个附件：不是支持的文件类型（支持图片、Word 文档 .docx 和 PDF）。")


@pytest.mark.parametrize("upload", [SimpleUploadedFile("材料.DOCX", NOT_A_DOCX), NOT_A_DOCX])
def test_a_zip_named_docx_or_unnamed_is_a_broken_word_document(upload):
    assert _refusal(upload) == ("attachment_invalid", "第 1 个附件：不是有效的 Word 文档（.docx）。")

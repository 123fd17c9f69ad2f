"""security25 #2 on the direct line (anonymous): an attachment whose main part is named word/d.bin escaped the XML cap
(core/tests/test_security25_zip.py) and was parsed whole, re-saved and kept. At full size — 55 MB of <w:p/> in a
0.75 MB upload — `clean_attachments` took 3.5 s and 1.37 GB RSS, and accepted it; three such files a post. Fixed
(fix-sec25a): the part is capped by its content type, and refused by its name and size before python-docx opens it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.tests.test_security25_zip import BODY_BYTES, PARAGRAPHS, _docx_with, _main_part_named
from jianfu.directline import attachments


def test_a_main_part_past_the_xml_cap_is_refused_whatever_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_DOCX_XML_BYTES", 2**20)
    cleaned: list[bytes] = []
    monkeypatch.setattr(attachments, "_clean_docx", lambda data, index: cleaned.append(data) or data)
    for name in ("document.xml", "d.bin"):  # d.bin: was cleaned and kept, 200,000 paragraphs parsed
        upload = SimpleUploadedFile("a.docx", _main_part_named(name, PARAGRAPHS))
        with pytest.raises(ApplicationError) as refused:
            attachments.clean_attachments([upload])
        assert (refused.value.code, str(refused.value.message)) == (
            "attachment_too_large",
            f"第 1 个附件：文档内的 word/{name} 解压后有 {BODY_BYTES / 2**20:.1f} MB，超过 1 MB 的上限。",
        )
    assert f"{BODY_BYTES / 2**20:.1f}" == "1.1"
    assert cleaned == []  # python-docx never opened either


@pytest.mark.parametrize("change", ["version", "patched", "strong"])
def test_a_docx_zipfile_will_not_open_is_invalid_not_a_500(change: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        attachments.clean_attachments([SimpleUploadedFile("a.docx", _docx_with(change))])
    assert (refused.value.code, str(refused.value.message)) == (
        "attachment_invalid",
        "第 1 个附件：不是有效的 Word 文档（.docx）。",
    )

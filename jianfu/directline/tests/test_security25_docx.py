"""security25 #2 on the direct line (anonymous): an attachment whose main part is named word/d.bin escapes the XML cap
(core/tests/test_security25_zip.py) and is parsed whole, re-saved and kept. At full size — 55 MB of <w:p/> in a
0.75 MB upload — `clean_attachments` took 3.5 s and 1.37 GB RSS, and accepted it; three such files a post."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.errors import ApplicationError
from jianfu.core.tests.test_security25_zip import _main_part_named
from jianfu.directline import attachments


def test_a_main_part_past_the_xml_cap_is_refused_whatever_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_DOCX_XML_BYTES", 2**20)
    as_xml, as_bin = _main_part_named("document.xml", 200_000), _main_part_named("d.bin", 200_000)
    with pytest.raises(ApplicationError):
        attachments.clean_attachments([SimpleUploadedFile("a.docx", as_xml)])
    # fails: DID NOT RAISE — cleaned and kept, 200,000 paragraphs parsed
    with pytest.raises(ApplicationError):
        attachments.clean_attachments([SimpleUploadedFile("a.docx", as_bin)])

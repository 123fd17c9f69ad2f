"""security25 H1 in the review's reader: a main part named word/d.bin (declared in [Content_Types].xml) escaped the
8 MB XML cap — 55 MB of <w:p/> in a 0.75 MB upload cost the reader 3.65 s CPU and 1.30 GB RSS in python-docx before
the paragraph cap refused it. Fixed (fix-sec25a, core/tests/test_security25_zip.py): refused by its declared size, in
the review's words, before python-docx opens it."""

from __future__ import annotations

import pytest

from jianfu.core.tests.test_security25_zip import BODY_BYTES, PARAGRAPHS, _main_part_named
from jianfu.review.engine import readers
from jianfu.review.engine.errors import ReviewInputError


def test_a_main_part_past_the_xml_cap_is_refused_whatever_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.setattr(readers, "MAX_DOCX_XML_BYTES", 2**20)
    opened: list[object] = []
    monkeypatch.setattr(docx, "Document", lambda *args: opened.append(args))
    for name in ("document.xml", "d.bin"):
        with pytest.raises(ReviewInputError) as refused:
            readers.read_bytes(_main_part_named(name, PARAGRAPHS), "通知.docx")
        assert (refused.value.code, refused.value.message) == (
            "too_large",
            f"“通知.docx”内的 word/{name} 解压后有 1.1 MB，超过 1 MB 的上限，请删除无关内容或拆分后上传。",
        )
    assert (f"{BODY_BYTES / 2**20:.1f}", opened) == ("1.1", [])

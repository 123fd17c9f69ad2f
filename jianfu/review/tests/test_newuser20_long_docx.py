"""newuser20 #12: a .docx of 3 million characters was refused ("超过 100 页") only after every paragraph had been read
(6.2 s on the demo). Its paragraphs are now counted as they are read, and the file is refused at the one that passes
the limit: the rest is never read."""

from __future__ import annotations

import io

import docx
import pytest

from jianfu.review.engine import readers
from jianfu.review.engine.errors import ReviewInputError


def _docx(paragraphs: int, length: int) -> bytes:
    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph("村" * length)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_long_docx_is_refused_at_the_paragraph_that_passes_the_limit(monkeypatch):
    read: list[object] = []
    whole = readers._docx_body_paragraphs

    def counted(document, filename="文件"):
        for paragraph in whole(document, filename):
            read.append(paragraph)
            yield paragraph

    monkeypatch.setattr(readers, "_docx_body_paragraphs", counted)
    with pytest.raises(ReviewInputError) as refused:
        readers.read_bytes(_docx(200, 1000), "长文件.docx")
    assert refused.value.message == "文件超过 100 页（约 61600 字）的上限，请拆分后分别审查。"
    assert refused.value.code == "too_many_pages"
    assert len(read) == 62  # 62 × 1000 > 61600: paragraphs 63–200 are never read


def test_a_docx_at_the_limit_is_read_whole():
    doc = readers.read_bytes(_docx(616, 100), "刚好.docx")
    assert (len(doc.paragraphs), sum(len(p.text) for p in doc.paragraphs)) == (616, readers.MAX_CHARS)

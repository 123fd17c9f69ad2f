"""mend23b (security23 F10, LOW): the .docx package shape check parsed every relationships part (`.rels`) in full,
including ones python-docx never reads — 7 parts of 8 MB each, deflated under the ratio cap, took 3.11 s CPU and
308 MB. Now only the parts python-docx reads are parsed (the package's `_rels/.rels` and those of the parts reached
from it, walked as python-docx walks them), and every `.rels` is capped by its declared size, one and all together,
before anything unpacks it."""

from __future__ import annotations

import io
import random
import time
import zipfile

import docx

from jianfu.review.engine import readers
from jianfu.review.engine.errors import ReviewInputError

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
CT = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    f'<?xml version="1.0"?><Relationships {REL_NS}><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
TEXT = "各乡镇每周报送工作进展情况。"


def _relationships(size: int, seed: int) -> str:
    """A relationships part of about `size` bytes of distinct relationships (security23's reproduction)."""
    rnd = random.Random(seed)
    chunks, total = [], 0
    while total < size - 4000:
        rel = f'<Relationship Id="{rnd.getrandbits(24):x}" Type="t" Target="x"/>'
        chunks.append(rel)
        total += len(rel)
    return f'<?xml version="1.0"?><Relationships {REL_NS}>' + "".join(chunks) + "</Relationships>"


def _package(parts: list[tuple[str, str | bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>{TEXT}</w:t></w:r></w:p></w:body></w:document>',
        )
        for name, data in parts:
            z.writestr(name, data)
    return out.getvalue()


def _read(data: bytes) -> tuple[float, list[str] | tuple[str, str]]:
    start = time.process_time()
    try:
        result: list[str] | tuple[str, str] = [p.text for p in readers.read_bytes(data, "a.docx").paragraphs]
    except ReviewInputError as exc:
        result = (exc.code, str(exc))
    return time.process_time() - start, result


def test_security23s_seven_unread_relationship_parts_of_8_mb_are_refused_by_size_at_once() -> None:
    data = _package([(f"x/_rels/p{i}.xml.rels", _relationships(8 * 2**20, i)) for i in range(7)])
    cpu, result = _read(data)
    assert result == (
        "too_large",
        "“a.docx”内的 x/_rels/p0.xml.rels 解压后有 8.0 MB，超过 2 MB 的上限，请删除无关内容或拆分后上传。",
    )
    assert cpu < 0.5  # 3.11 s and 308 MB before


def test_relationship_parts_python_docx_never_reads_are_not_parsed_under_their_caps() -> None:
    # two of 1.9 MB each (under both caps) and one that is no relationships part at all: python-docx reads none of them
    data = _package(
        [(f"x/_rels/p{i}.xml.rels", _relationships(1_990_000, i)) for i in range(2)]
        + [("y/_rels/q.xml.rels", b"<foo/>")]
    )
    cpu, result = _read(data)
    assert result == [TEXT]
    assert cpu < 0.5
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert readers._package_shape_refusal(zf, "a.docx") is None


def test_all_relationship_parts_together_are_capped_by_size() -> None:
    data = _package([(f"x/_rels/p{i}.xml.rels", _relationships(1_500_000, i)) for i in range(3)])
    cpu, result = _read(data)
    assert result == (
        "too_large",
        "“a.docx”内的关系部件（.rels）解压后共有 4.3 MB，超过 4 MB 的上限，不像 Word 保存的文档，已拒绝。"
        "请在 Word 中另存为 .docx 后重新上传。",
    )
    assert cpu < 0.5


def test_a_relationships_part_python_docx_reads_is_still_checked() -> None:
    # the main document's own relationships: a Relationship without its Target, a root of another shape
    for rels in (
        f'<Relationships {REL_NS}><Relationship Id="rId9" Type="t"/></Relationships>',
        "<foo/>",
    ):
        cpu, result = _read(_package([("word/_rels/document.xml.rels", rels)]))
        assert result == ("corrupt", readers.CORRUPT_DOCX)


def _normal_document() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "县农业农村局"
    section.footer.paragraphs[0].text = "第 1 页"
    first = document.add_paragraph("关于做好春耕生产工作的通知")
    document.add_paragraph(TEXT)
    document.add_comment(first.runs, text="请核对标题", author="审核", initials="审")
    document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def test_a_normal_document_with_header_footer_comments_and_a_picture_still_reads() -> None:
    data = _normal_document()
    cpu, result = _read(data)
    assert result == ["关于做好春耕生产工作的通知", TEXT]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        from lxml import etree

        def parsed(name: str) -> etree._Element:
            return etree.fromstring(zf.read(name))

        read = readers._read_relationships(zf, parsed)
        assert read is not None
        # python-docx also reaches the default template's custom XML item (from the main document) and reads its part
        assert sorted(read) == [
            "_rels/.rels",
            "customXml/_rels/item1.xml.rels",
            "word/_rels/document.xml.rels",
        ]
        kinds = sorted(r.get("Type").rsplit("/", 1)[1] for r in read["word/_rels/document.xml.rels"])
        assert kinds == [
            "comments",
            "customXml",
            "fontTable",
            "footer",
            "header",
            "image",
            "numbering",
            "settings",
            "styles",
            "stylesWithEffects",
            "theme",
            "webSettings",
        ]

"""Session 22 (branch review-dev22): a table nested in a table cell of a .docx is read, where it stands among the cell's
paragraphs, under the table reader's caps counted over the nesting (rows, cells, Word's 63 columns) and a depth cap; a
nesting bomb is refused as too complex, nothing stored. The package's main parts are checked for shape before
python-docx reads them, so AttributeError and IndexError are no longer taken for a damaged file."""

from __future__ import annotations

import io
import re
import time
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.models import ApiRepeat
from jianfu.review.engine import annotate, readers, review_bytes
from jianfu.review.models import Document, Review

TITLE = "关于做好春耕生产工作的通知"
BURDEN = "各村每周五前报送春耕进度。"
TOO_DEEP = (
    "“通知.docx”中的表格嵌套超过 5 层（表格中套表格），结构过于复杂，无法读取。"
    "请在 Word 中简化表格后另存为 .docx 重新上传。"
)
TOO_COMPLEX = (
    "“通知.docx”的结构过于复杂（表格合并或嵌套过多），无法读取。请在 Word 中简化表格后另存为 .docx 重新上传。"
)
CORRUPT = "文件已损坏或不是Word文档，无法读取正文，请在Word中重新保存为 .docx 后上传。"
BOUND = 2.0  # seconds of CPU, generous for CI


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _nested(depth: int, inner_text: str | None = None) -> bytes:
    """A title, a 1 x 2 table whose first cell holds a 1 x 2 table, and so on `depth` tables deep (python-docx's own
    `cell.add_table`), a paragraph after each nested table inside its cell, and a closing paragraph."""
    d = docx.Document()
    d.add_paragraph(TITLE)
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "第1层甲", "第1层乙"
    cell = table.cell(0, 0)
    for level in range(2, depth + 1):
        inner = cell.add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = f"第{level}层甲", f"第{level}层乙"
        cell.add_paragraph(f"第{level}层表后")
        cell = inner.cell(0, 0)
    if inner_text:
        cell.add_paragraph(inner_text)
    d.add_paragraph("正文末段")
    return _save(d)


def _texts(data: bytes) -> list[tuple[str, int | None]]:
    return [(p.text, p.source_index) for p in readers.read_bytes(data, "通知.docx").paragraphs]


def _refusal(data: bytes) -> tuple[str, str, bool]:
    start = time.process_time()
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(data, "通知.docx")
    return exc.value.code, exc.value.message, time.process_time() - start < BOUND


# -------------------------------------------------------------------------------------------------- nested tables


def test_a_table_nested_two_deep_is_read_in_document_order():
    # (python-docx leaves an empty paragraph after a table it adds to a cell: index 4 holds no text)
    assert _texts(_nested(2)) == [
        (TITLE, 0),
        ("第1层甲", 1),
        ("第2层甲", 2),
        ("第2层乙", 3),
        ("第2层表后", 5),
        ("第1层乙", 6),
        ("正文末段", 7),
    ]


def test_a_table_nested_three_deep_is_read_in_document_order():
    assert _texts(_nested(3)) == [
        (TITLE, 0),
        ("第1层甲", 1),
        ("第2层甲", 2),
        ("第3层甲", 3),
        ("第3层乙", 4),
        ("第3层表后", 6),
        ("第2层乙", 7),
        ("第2层表后", 9),
        ("第1层乙", 10),
        ("正文末段", 11),
    ]


def test_a_burden_in_a_nested_table_is_found_and_commented_where_it_stands():
    data = _nested(3, inner_text=BURDEN)
    result = review_bytes(data, "通知.docx")
    finding = next(f for f in result.findings if f.rule_id == "BR-INS-08")
    assert finding.sentence == BURDEN
    paragraphs = annotate.docx_body_paragraphs(docx.Document(io.BytesIO(data)))
    assert paragraphs[finding.source_index].text == BURDEN
    commented = docx.Document(io.BytesIO(annotate.annotate(result, original=data)))
    nested_paragraph = annotate.docx_body_paragraphs(commented)[finding.source_index]
    assert nested_paragraph.text == BURDEN
    assert "w:commentRangeStart" in nested_paragraph._p.xml


def test_tables_nested_five_deep_are_read_six_deep_refused():
    assert [t for t, _ in _texts(_nested(5))][:6] == [
        TITLE,
        "第1层甲",
        "第2层甲",
        "第3层甲",
        "第4层甲",
        "第5层甲",
    ]
    assert _refusal(_nested(6)) == ("too_complex", TOO_DEEP, True)


def test_a_nesting_bomb_is_refused_as_too_complex_not_as_damaged():
    # 40 deep: the reader's depth cap; 100 deep: past the 256 XML levels lxml parses at all (python-docx without
    # XML_PARSE_HUGE) — both the reader's too_complex, in well under a second
    assert _refusal(_nested(40)) == ("too_complex", TOO_DEEP, True)
    assert _refusal(_nested(100)) == ("too_complex", TOO_COMPLEX, True)


def _nested_rows(outer_rows: int, inner_rows: int) -> bytes:
    d = docx.Document()
    d.add_paragraph(TITLE)
    outer = d.add_table(rows=outer_rows, cols=1)
    for i in range(outer_rows):
        outer.cell(i, 0).text = f"外{i}"
    inner = outer.cell(0, 0).add_table(rows=inner_rows, cols=2)
    for i in range(inner_rows):
        inner.cell(i, 0).text = f"内{i}"
    return _save(d)


def test_the_row_and_cell_caps_count_the_nested_tables_too(monkeypatch):
    monkeypatch.setattr(readers, "MAX_TABLE_ROWS", 10)
    # 4 outer rows + 6 nested rows = 10 rows: read; 4 + 7: refused
    assert len(_texts(_nested_rows(4, 6))) == 1 + 4 + 6
    assert _refusal(_nested_rows(4, 7))[:2] == (
        "too_many_rows",
        (
            "“通知.docx”中的表格共超过 10 行，超过上限（100 页的公文用不了这么多），请删除无关表格或拆分后分别上传。"
        ),
    )
    monkeypatch.setattr(readers, "MAX_TABLE_ROWS", 100)
    monkeypatch.setattr(readers, "MAX_TABLE_CELLS", 16)
    # 2 outer cells + 7 nested rows of 2 = 16 cells: read; 8 nested rows: refused
    assert len(_texts(_nested_rows(2, 7))) == 1 + 2 + 7
    assert _refusal(_nested_rows(2, 8))[:2] == (
        "too_many_cells",
        (
            "“通知.docx”中的表格共超过 16 个单元格，超过上限（100 页的公文用不了这么多），请删除无关表格或拆分后分别上传。"
        ),
    )


def test_a_nested_cell_spanning_past_63_columns_is_refused():
    data = _nested(2)
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    xml = parts["word/document.xml"].decode()
    # the second table's first cell (the nested one) declares a span of 2**31-1
    at = xml.index("<w:tc>", xml.index("<w:tbl>", xml.index("<w:tbl>") + 1))
    parts["word/document.xml"] = (
        xml[:at] + '<w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr>' + xml[at + len("<w:tc>") :]
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, part in parts.items():
            dst.writestr(name, part)
    assert _refusal(out.getvalue()) == (
        "too_wide",
        (
            "“通知.docx”第 2 个表格第 1 行有单元格声明横跨 2147483647 列，超过 Word 表格 63 列的上限，不像 Word 保存的文档，"
            "已拒绝。请在 Word 中另存为 .docx 后重新上传。"
        ),
        True,
    )


# ------------------------------------------------------------------------------------------- the package's shape


def _with_part(name: str, content: bytes | None) -> bytes:
    """python-docx's blank document with one part replaced (None: removed)."""
    base = _save(docx.Document())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == name:
                if content is not None:
                    dst.writestr(name, content)
                continue
            dst.writestr(info.filename, src.read(info))
        if name not in src.namelist() and content is not None:
            dst.writestr(name, content)
    return out.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # each of these raised AttributeError inside python-docx (taken for a damaged file by the type alone before)
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/_rels/document.xml.rels", b"<foo/>"),
        ("word/document.xml", b"<w:body " + W + b"/>"),
        ("word/document.xml", b"<w:document " + W + b"/>"),
        ("word/document.xml", b"<w:document " + W + b"><w:background/></w:document>"),
        # and these KeyError / ValueError / lxml's own errors, as before
        ("_rels/.rels", None),
        (
            "_rels/.rels",
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
        ),
        ("word/document.xml", b"<w:document/>"),
        ("word/document.xml", b"<w:document " + W + b"><w:body>"),
    ],
)
def test_a_package_of_another_shape_is_a_damaged_file(name, content):
    assert _refusal(_with_part(name, content))[:2] == ("corrupt", CORRUPT)


def test_attribute_and_index_errors_are_no_longer_taken_for_a_damaged_file():
    assert not {AttributeError, IndexError} & set(readers._malformed_docx_errors())


def test_a_programming_error_in_reading_surfaces_as_itself(monkeypatch):
    def broken(document, filename="文件"):
        raise AttributeError("a bug, not a file")
        yield  # a generator, as the real one

    monkeypatch.setattr(readers, "_docx_body_paragraphs", broken)
    with pytest.raises(AttributeError):
        readers.read_bytes(_nested(2), "通知.docx")


def test_a_required_attribute_missing_is_a_damaged_file():
    # python-docx's InvalidXmlError (an XmlchemyError) on a cell's <w:gridSpan/> without w:val was a 500
    xml = (
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>" + TITLE.encode() + b"</w:t></w:r></w:p>"
        b"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"
    )
    data = _with_part("word/document.xml", xml)
    assert _refusal(data)[:2] == ("corrupt", CORRUPT)


# ------------------------------------------------------------------------------------------- where it is uploaded


def _token(client, url):
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.mark.django_db
def test_the_web_form_and_the_api_refuse_a_nesting_bomb_and_store_nothing(world):
    client = world.client("town_quzhang")
    response = client.post(
        "/review/submit/",
        {
            "file": SimpleUploadedFile("通知.docx", _nested(40)),
            "form_token": _token(client, "/review/submit/"),
        },
    )
    assert (response.status_code, TOO_DEEP in response.content.decode()) == (400, True)
    api = world.api_client("town_quzhang")
    response = api.post(
        "/api/v1/review/reviews/", {"file": SimpleUploadedFile("通知.docx", _nested(100))}, format="multipart"
    )
    assert (response.status_code, response.json()["error"]["code"], response.json()["error"]["message"]) == (
        400,
        "too_complex",
        TOO_COMPLEX,
    )
    assert (Document.objects.count(), Review.objects.count(), ApiRepeat.objects.count()) == (0, 0, 0)
    # a nested table three deep is read and reviewed
    response = api.post(
        "/api/v1/review/reviews/",
        {"file": SimpleUploadedFile("通知.docx", _nested(3, BURDEN))},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert BURDEN in Review.objects.get().version.text

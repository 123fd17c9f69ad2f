"""security21 #1: a small .docx with crafted tables tied a worker up or ran it out of memory, past the zip guard.
python-docx's `row.cells` walked each <w:vMerge/> cell back up recursively and repeated a cell once per grid column it
spans: a 37 KB file of 900 merged rows took 23.5 s to read, 1000 rows raised RecursionError (a 500), one cell with
gridSpan 2**31-1 asked for a 17 GB tuple. Each <w:tc> is read once now; tables past their caps, or a cell spanning more
than Word's 63 columns, are refused with a Chinese reason, through the review API, its web form and the monitor's
document ledger (a village account's upload)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jianfu.core.models import ApiRepeat
from jianfu.monitor.models import LedgerDocument
from jianfu.review.engine import annotate, readers
from jianfu.review.models import Document, Review
from jianfu.review.tests.timing import timed

pytestmark = pytest.mark.django_db

TITLE = "关于做好春耕生产工作的通知"
WIDE = ("“通知.docx”第 1 个表格第 1 行有单元格声明横跨 2147483647 列，超过 Word 表格 63 列的上限，不像 Word 保存的文档，"
        "已拒绝。请在 Word 中另存为 .docx 后重新上传。")
CORRUPT = b"PK\x03\x04 not a docx"
BOUND = 2.0   # seconds of CPU: generous for CI (each file is read or refused in well under 0.1 s here)


def _crafted(rows: bytes, cols: int = 1) -> bytes:
    """A .docx whose body is the title paragraph and one table of `rows` (<w:tr> XML), as the attacker's probe built
    it: python-docx's own blank document with word/document.xml rewritten."""
    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                table = b"<w:tbl><w:tblGrid>" + b'<w:gridCol w:w="100"/>' * cols + b"</w:tblGrid>" + rows + b"</w:tbl>"
                title = f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p>".encode()
                data = head + b"<w:body>" + title + table + tail
            dst.writestr(info.filename, data)
    return out.getvalue()


def _merged_column(rows: int, text: str = "合并单元格") -> bytes:
    """One column merged down `rows` rows: the first cell restarts the merge, every other continues it."""
    first = (b'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>' + text.encode()
             + b"</w:t></w:r></w:p></w:tc></w:tr>")
    return _crafted(first + b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>" * (rows - 1))


def _spanning(span: int) -> bytes:
    return _crafted(b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
                    % span)



# ------------------------------------------------------------------------------------------------------ the reader

def test_a_column_merged_down_1000_rows_is_read_at_once():
    data = _merged_column(1000)
    assert len(data) < 40_000
    doc, seconds = timed(lambda: readers.read_bytes(data, "通知.docx"))
    assert [(p.text, p.source_index) for p in doc.paragraphs] == [(TITLE, 0), ("合并单元格", 1)]
    assert seconds < BOUND


def test_a_cell_spanning_past_words_63_columns_is_refused_at_once():
    exc, seconds = timed(lambda: readers.read_bytes(_spanning(2**31 - 1), "通知.docx"))
    assert (exc.code, exc.message, seconds < BOUND) == ("too_wide", WIDE, True)
    assert [p.text for p in readers.read_bytes(_spanning(63), "通知.docx").paragraphs] == [TITLE, "x"]


def test_tables_past_5000_rows_are_refused():
    assert [p.text for p in readers.read_bytes(_merged_column(5000), "通知.docx").paragraphs] == [TITLE, "合并单元格"]
    exc, seconds = timed(lambda: readers.read_bytes(_merged_column(5001), "通知.docx"))
    assert (exc.code, exc.message, seconds < BOUND) == ("too_many_rows", (
        "“通知.docx”中的表格共超过 5000 行，超过上限（100 页的公文用不了这么多），请删除无关表格或拆分后分别上传。"), True)


def test_tables_past_their_cells_are_refused(monkeypatch):
    monkeypatch.setattr(readers, "MAX_TABLE_CELLS", 20)
    cell = b"<w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc>"
    row = b"<w:tr>" + cell * 7 + b"</w:tr>"
    twenty = _crafted(row * 2 + b"<w:tr>" + cell * 6 + b"</w:tr>", cols=7)
    assert [p.text for p in readers.read_bytes(twenty, "表.docx").paragraphs] == [TITLE] + ["y"] * 20
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(_crafted(row * 3, cols=7), "表.docx")
    assert (exc.value.code, exc.value.message) == ("too_many_cells", (
        "“表.docx”中的表格共超过 20 个单元格，超过上限（100 页的公文用不了这么多），请删除无关表格或拆分后分别上传。"))


@pytest.mark.parametrize("error", [RecursionError, MemoryError])
def test_a_recursion_or_memory_error_in_reading_is_the_readers_refusal(monkeypatch, error):
    def deep(document, filename="文件"):
        raise error()
        yield   # a generator, as the real one

    monkeypatch.setattr(readers, "_docx_body_paragraphs", deep)
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(_merged_column(2), "通知.docx")
    assert (exc.value.code, exc.value.message) == ("too_complex", (
        "“通知.docx”的结构过于复杂（表格合并或嵌套过多），无法读取。请在 Word 中简化表格后另存为 .docx 重新上传。"))


def test_an_ordinary_merged_table_reads_exactly_as_before():
    # what `row.cells` with its seen-set gave: each cell once, row by row, a merged cell where it starts
    d = docx.Document()
    d.add_paragraph(TITLE)
    table = d.add_table(rows=4, cols=3)
    for i in range(4):
        for j in range(3):
            table.cell(i, j).text = f"{i}{j}"
    table.cell(0, 0).merge(table.cell(0, 2))      # across
    table.cell(1, 0).merge(table.cell(3, 0))      # down
    table.cell(1, 1).merge(table.cell(2, 2))      # a 2 x 2 block
    d.add_paragraph("附件：春耕物资清单")
    out = io.BytesIO()
    d.save(out)
    data = out.getvalue()
    texts = [(p.text, p.source_index) for p in readers.read_bytes(data, "通知.docx").paragraphs]
    assert texts == [(TITLE, 0), ("00", 1), ("01", 2), ("02", 3), ("10", 4), ("20", 5), ("30", 6),
                     ("11", 7), ("12", 8), ("21", 9), ("22", 10), ("31", 11), ("32", 12), ("附件：春耕物资清单", 13)]
    # the annotated copy anchors on the same paragraphs
    assert [p.text for p in annotate.docx_body_paragraphs(docx.Document(io.BytesIO(data)))] == [t for t, _ in texts]


# --------------------------------------------------------------------------------------- where a .docx is uploaded

def _token(client, url):
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_the_review_api_refuses_or_reads_them_at_once(world):
    api = world.api_client("town_quzhang")
    assert api.post("/api/v1/review/reviews/", {"file": SimpleUploadedFile("坏.docx", CORRUPT)},
                    format="multipart").status_code == 400   # warms what every later request uses
    response, seconds = timed(lambda: api.post("/api/v1/review/reviews/", {
        "file": SimpleUploadedFile("通知.docx", _spanning(2**31 - 1))}, format="multipart"))
    assert (response.status_code, response.json()["error"]["code"], response.json()["error"]["message"]) \
        == (400, "too_wide", WIDE)
    assert seconds < BOUND
    assert (Document.objects.count(), Review.objects.count(), ApiRepeat.objects.count()) == (0, 0, 0)
    response, seconds = timed(lambda: api.post("/api/v1/review/reviews/", {
        "file": SimpleUploadedFile("通知.docx", _merged_column(1000))}, format="multipart"))
    assert (response.status_code, seconds < BOUND) == (201, True)
    assert Review.objects.get().version.text == f"{TITLE}\n合并单元格"


def test_the_web_review_form_refuses_or_reads_them_at_once(world):
    client = world.client("town_quzhang")
    assert client.post("/review/submit/", {"file": SimpleUploadedFile("坏.docx", CORRUPT),
                                           "form_token": _token(client, "/review/submit/")}).status_code == 400
    response, seconds = timed(lambda: client.post("/review/submit/", {
        "file": SimpleUploadedFile("通知.docx", _spanning(2**31 - 1)), "form_token": _token(client, "/review/submit/")}))
    assert (response.status_code, WIDE in response.content.decode(), seconds < BOUND) == (400, True, True)
    assert (Document.objects.count(), Review.objects.count()) == (0, 0)
    response, seconds = timed(lambda: client.post("/review/submit/", {
        "file": SimpleUploadedFile("通知.docx", _merged_column(1000)), "form_token": _token(client, "/review/submit/")}))
    assert (response.status_code, seconds < BOUND) == (302, True)
    assert Review.objects.get().version.text == f"{TITLE}\n合并单元格"


def test_a_revision_through_the_api_refuses_them(world):
    api = world.api_client("town_quzhang")
    first = api.post("/api/v1/review/reviews/", {"text": f"{TITLE}\n各村做好春耕准备。"}, format="json")
    assert first.status_code == 201, first.content
    document = Document.objects.get()
    response = api.post("/api/v1/review/reviews/", {
        "document": document.pk, "file": SimpleUploadedFile("通知.docx", _spanning(2**31 - 1))}, format="multipart")
    assert (response.status_code, response.json()["error"]["message"]) == (400, WIDE)
    assert (document.versions.count(), Review.objects.count()) == (1, 1)


def test_a_village_document_ledger_refuses_or_reads_them_at_once(world):
    api = world.api_client("village_a")

    def post(data):
        return api.post("/api/v1/monitor/ledgers/document/", {
            "date": "2026-11-01", "title": "低保核查通知", "doc_kind": "special", "issuer": "林业局",
            "file": SimpleUploadedFile("通知.docx", data)}, format="multipart")

    assert post(CORRUPT).status_code == 400   # the first request imports and warms what every later one uses (~2 s)
    response, seconds = timed(lambda: post(_spanning(2**31 - 1)))
    assert (response.status_code, response.json()["error"]["message"], seconds < BOUND) == (400, WIDE, True)
    assert (LedgerDocument.objects.count(), ApiRepeat.objects.count()) == (0, 0)
    response, seconds = timed(lambda: post(_merged_column(1000)))
    assert (response.status_code, seconds < BOUND) == (201, True)
    assert LedgerDocument.objects.get().length == len(TITLE) + len("合并单元格")

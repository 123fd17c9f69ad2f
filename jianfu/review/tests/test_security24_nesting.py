"""security24 H1 (HIGH): a small .docx tied up a worker for minutes. The reader found a paragraph's runs with an XPath
asking every run for its nearest ancestor outside the wrappers it reads through (insertions, content controls, smart
tags ...): cost runs x nesting. One paragraph of 100,000 empty runs inside 200 nested <w:ins> (0.6 MB, stored
uncompressed so no zip cap fires) took the reader 8.5 s of CPU, 6 MB over 400 s; the annotated copy of such a review 17 s
more per download. A paragraph is now read in one walk of its tree (linear in its XML), and the reader refuses a
paragraph of more than MAX_DOCX_PARAGRAPH_RUNS runs or of wrappers nested more than MAX_DOCX_WRAPPER_DEPTH deep, nothing
stored. What the walk reads is what the session 23 XPaths read, checked here against them on random paragraphs."""

from __future__ import annotations

import functools
import io
import random
import re
import time
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml.parser import parse_xml
from lxml import etree

from jianfu.core.models import ApiRepeat
from jianfu.review.engine import readers
from jianfu.review.models import Document, Review
from jianfu.review.tests.timing import timed

TITLE = "关于做好春耕生产工作的通知"
CLAUSE = "第一条 各村应当按时报送材料。"
BOUND = 4.0  # seconds of CPU, between fixed and broken: the shapes here take 0.1-1.6 s now (1.6 on a busy 2-core machine),
# 8.5-20 s before
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TOO_DEEP = (
    "“通知.docx”中有段落的修订标记、内容控件等嵌套超过 32 层，结构过于复杂，无法读取。"
    "请在 Word 中接受或拒绝所有修订后另存为 .docx 重新上传。"
)
TOO_MANY_RUNS = (
    "“通知.docx”中有段落包含超过 61600 个文本片段（run），超过上限（100 页的公文用不了这么多），"
    "结构过于复杂，无法读取。请在 Word 中另存为 .docx 后重新上传。"
)

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _stored(body: str) -> bytes:
    """The attacker's package: document.xml stored uncompressed (no zip ratio to catch)."""
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def _nested(depth: int, runs: int, tag: str = "w:ins") -> str:
    """security24's mkdocx.py: a title, then one paragraph of the clause and `runs` empty runs in `depth` nested `tag`."""
    inner = f"<w:r><w:t>{CLAUSE}</w:t></w:r>" + "<w:r/>" * runs
    return (
        f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:p>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</w:p>"
    )


@functools.cache
def _attackers_file() -> bytes:
    return _stored(_nested(200, 100_000))


@functools.cache
def _depth_bomb() -> bytes:
    """The attacker's shape with fewer runs than MAX_DOCX_PARAGRAPH_RUNS: refused for its nesting."""
    return _stored(_nested(200, 60_000))


# ------------------------------------------------------------------------------------- linear, whatever the nesting


def test_the_attackers_paragraph_is_walked_in_linear_time_for_the_annotated_copy():
    # the annotated copy of a review stored before the fix reads its runs without refusing: 100,000 runs x 200 deep
    # took docx_paragraph_runs + docx_paragraph_text 17.7 s of CPU; 0.36 s now
    paragraphs = readers.docx_body_paragraphs(docx.Document(io.BytesIO(_attackers_file())))
    start = time.process_time()
    read = [(len(readers.docx_paragraph_runs(p)), readers.docx_paragraph_text(p)) for p in paragraphs]
    seconds = time.process_time() - start
    assert (read, seconds < BOUND) == ([(1, TITLE), (100_001, CLAUSE)], True), seconds


def test_the_attackers_file_is_refused_at_once_for_its_runs_and_with_fewer_runs_for_its_nesting():
    exc, seconds = timed(lambda: readers.read_bytes(_attackers_file(), "通知.docx"))
    assert (exc.code, exc.message, seconds < BOUND) == ("too_complex", TOO_MANY_RUNS, True), seconds
    exc, seconds = timed(lambda: readers.read_bytes(_depth_bomb(), "通知.docx"))
    assert (exc.code, exc.message, seconds < BOUND) == ("too_complex", TOO_DEEP, True), seconds


@pytest.mark.parametrize(
    "wrap",
    [
        "<w:ins>{}</w:ins>",
        "<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>",  # two levels a control
        "<w:smartTag>{}</w:smartTag>",
        "<w:customXml>{}</w:customXml>",
        "<w:hyperlink>{}</w:hyperlink>",
    ],
)
def test_wrappers_nested_32_deep_are_read_33_refused(wrap):
    levels = 2 if "sdt" in wrap else 1  # (a control is two: sdt and sdtContent)
    run = f"<w:r><w:t>{CLAUSE}</w:t></w:r>"

    def body(depth):
        inner = run
        for _ in range(depth // levels):
            inner = wrap.format(inner)
        return f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:p>{inner}</w:p>"

    read = readers.read_bytes(_stored(body(32)), "通知.docx")
    assert [p.text for p in read.paragraphs] == [TITLE, CLAUSE]
    with pytest.raises(readers.ReviewInputError) as exc:
        readers.read_bytes(_stored(body(32 + levels)), "通知.docx")
    assert (exc.value.code, exc.value.message) == ("too_complex", TOO_DEEP)


@pytest.mark.parametrize("tag", ["w:del", "w:moveFrom", "w:foo"])
def test_what_is_not_read_through_is_skipped_whole_whatever_it_nests(tag):
    # nothing in a deletion, a move's source or an element Word does not write is read: the walk does not enter it, so
    # its nesting costs nothing and is not refused (its page breaks are counted by an XPath at C speed, or skipped)
    nested = _nested(200, 60_000, tag)
    body = nested.replace(f"<{tag}>", "<w:ins>", 1).replace(f"</{tag}></w:p>", "</w:ins></w:p>")
    doc, seconds = timed(lambda: readers.read_bytes(_stored(body), "通知.docx"))
    assert ([p.text for p in doc.paragraphs], seconds < BOUND) == ([TITLE], True), seconds


def test_nesting_inside_a_run_is_no_wrapper_a_text_box_40_deep_is_read():
    # a text box sits ten elements deep in its run; its paragraphs are no text of the paragraph, its page breaks count
    deep = "<w:pict>" * 40 + '<w:p><w:r><w:t>框内</w:t><w:br w:type="page"/></w:r></w:p>' + "</w:pict>" * 40
    body = f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:p><w:r><w:t>{CLAUSE}</w:t>{deep}</w:r></w:p>"
    read = readers.read_bytes(_stored(body), "通知.docx")
    assert [(p.text, p.page) for p in read.paragraphs] == [(TITLE, 1), (CLAUSE, 1)]
    assert read.pages == 2


def test_a_paragraph_of_61600_runs_32_deep_is_read_61601_refused():
    doc, seconds = timed(lambda: readers.read_bytes(_stored(_nested(32, 61_599)), "通知.docx"))
    assert ([p.text for p in doc.paragraphs], seconds < BOUND) == ([TITLE, CLAUSE], True), seconds
    exc, seconds = timed(lambda: readers.read_bytes(_stored(_nested(0, 61_600)), "通知.docx"))
    assert (exc.code, exc.message, seconds < BOUND) == ("too_complex", TOO_MANY_RUNS, True), seconds


# ---------------------------------------------------------------- what the walk reads is what the XPaths of session 23 read

_NS = {"w": W}
_THROUGH = (
    "self::w:hyperlink or self::w:ins or self::w:moveTo or self::w:sdt or self::w:sdtContent"
    " or self::w:smartTag or self::w:customXml or self::w:fldSimple or self::w:dir or self::w:bdo"
)
_RUN_TEXT = "*[self::w:br or self::w:cr or self::w:noBreakHyphen or self::w:ptab or self::w:t or self::w:tab]"
_NESTED = f"*[{_THROUGH}]//w:r[count(ancestor::*[not({_THROUGH})][1] | $p) = 1]"
_RUNS = etree.XPath(f"w:r | {_NESTED}", namespaces=_NS)
_TEXT = etree.XPath(f"w:r/{_RUN_TEXT} | {_NESTED}/{_RUN_TEXT}", namespaces=_NS)
_PAGE_BREAKS = etree.XPath(
    "count(.//@w:type[. = 'page'][not(ancestor::w:del or ancestor::w:moveFrom)])"
    " + count(.//w:lastRenderedPageBreak[not(ancestor::w:del or ancestor::w:moveFrom)])",
    namespaces=_NS,
)
_WRAPPERS = [
    "hyperlink", "ins", "moveTo", "sdt", "sdtContent", "smartTag", "customXml", "fldSimple", "dir", "bdo",
    "del", "moveFrom", "sdtPr", "customXmlPr", "foo",
]  # fmt: skip
_IN_RUN = [
    "<w:t>甲</w:t>", "<w:t xml:space=\"preserve\"> 乙 </w:t>", "<w:br/>", '<w:br w:type="page"/>',
    '<w:br w:type="textWrapping"/>', "<w:cr/>", "<w:tab/>", "<w:ptab/>", "<w:noBreakHyphen/>", "<w:delText>删</w:delText>",
    "<w:instrText>PAGE</w:instrText>", "<w:lastRenderedPageBreak/>", "<w:rPr><w:b/></w:rPr>", "<!-- 注 -->", "<?pi x?>",
]  # fmt: skip


def _random_paragraph(rng: random.Random) -> str:
    def content(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(0, 4)):
            roll = rng.random()
            if roll < 0.45:
                inside = "".join(rng.choice(_IN_RUN) for _ in range(rng.randint(0, 3)))
                if rng.random() < 0.1:  # a text box's paragraph, or a run in a run, inside the run
                    inside += (
                        f"<w:pict><w:p>{content(depth + 1)}</w:p></w:pict>"
                        if rng.random() < 0.5
                        else (f"<w:r><w:t>内</w:t>{rng.choice(_IN_RUN)}</w:r>")
                    )
                parts.append(f"<w:r>{inside}</w:r>")
            elif roll < 0.8 and depth < 6:
                tag = rng.choice(_WRAPPERS)
                page = ' w:type="page"' if rng.random() < 0.05 else ""
                parts.append(f"<w:{tag}{page}>{content(depth + 1)}</w:{tag}>")
            elif roll < 0.9:
                parts.append(
                    rng.choice(
                        ["<w:lastRenderedPageBreak/>", "<w:proofErr/>", "<!-- 注 -->", "<w:bookmarkStart/>"]
                    )
                )
            else:
                parts.append('<w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr>')
        return "".join(parts)

    page = ' w:type="page"' if rng.random() < 0.05 else ""
    return f"<w:p{page}>{content(0)}</w:p>"


def test_the_walk_reads_what_the_xpaths_of_session_23_read_on_random_paragraphs():
    rng = random.Random(24)
    compared = runs_read = breaks_counted = 0
    for _ in range(40):
        xml = "".join(_random_paragraph(rng) for _ in range(50))
        body = parse_xml(f'<w:body xmlns:w="{W}">{xml}</w:body>')
        for p in body.iterchildren(f"{{{W}}}p"):
            reading = readers._paragraph_reading(p, "通知.docx")
            expected = (_RUNS(p, p=p), _TEXT(p, p=p), int(_PAGE_BREAKS(p)))
            assert (reading.runs, reading.text, reading.page_breaks) == expected, etree.tostring(p)
            assert readers._paragraph_reading(p).runs == reading.runs  # (the annotated copy's walk: the same)
            compared += 1
            runs_read += len(reading.runs)
            breaks_counted += reading.page_breaks
    # the random paragraphs hold what the comparison is about: runs read and page breaks counted
    assert (compared, runs_read > 2000, breaks_counted > 200) == (2000, True, True), (
        runs_read,
        breaks_counted,
    )


# --------------------------------------------------------------------------------------- where a .docx is uploaded


def _token(client, url):
    return re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode()).group(1)


@pytest.mark.django_db
def test_the_web_review_form_refuses_the_depth_bomb_at_once_nothing_stored(world):
    client = world.client("dept_housing")
    token = _token(client, "/review/submit/")
    response, seconds = timed(
        lambda: client.post(
            "/review/submit/", {"file": SimpleUploadedFile("通知.docx", _depth_bomb()), "form_token": token}
        )
    )
    assert (response.status_code, TOO_DEEP in response.content.decode(), seconds < BOUND * 2) == (
        400,
        True,
        True,
    )
    assert (Document.objects.count(), Review.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_the_review_api_refuses_the_depth_bomb_nothing_stored(world):
    api = world.api_client("town_quzhang")
    response = api.post(
        "/api/v1/review/reviews/",
        {"file": SimpleUploadedFile("通知.docx", _depth_bomb())},
        format="multipart",
    )
    error = response.json()["error"]
    assert (response.status_code, error["code"], error["message"]) == (400, "too_complex", TOO_DEEP)
    assert (Document.objects.count(), Review.objects.count(), ApiRepeat.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_the_annotated_copy_of_such_a_file_stored_before_the_fix_is_made_in_linear_time(world, monkeypatch):
    # stored as the reader before the fix stored it (no nesting cap), then downloaded annotated: 17 s of CPU a download
    client = world.client("dept_housing")
    token = _token(client, "/review/submit/")
    with monkeypatch.context() as patched:
        patched.setattr(readers, "MAX_DOCX_WRAPPER_DEPTH", 1000)
        patched.setattr(readers, "MAX_DOCX_PARAGRAPH_RUNS", 10**6)
        response = client.post(
            "/review/submit/",
            {"file": SimpleUploadedFile("通知.docx", _attackers_file()), "form_token": token},
        )
    assert response.status_code == 302, response.content.decode()[:500]
    review = Review.objects.get()
    response, seconds = timed(lambda: client.get(f"/review/reviews/{review.pk}/annotated.docx"))
    assert response.status_code == 200
    annotated = docx.Document(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    paragraphs = readers.docx_body_paragraphs(annotated)
    assert [readers.docx_paragraph_text(p) for p in paragraphs] == [TITLE, CLAUSE]
    assert seconds < BOUND * 2, seconds

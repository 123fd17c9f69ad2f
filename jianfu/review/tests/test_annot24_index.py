"""annot24: the annotated .docx cost findings x runs. Each finding re-read all its paragraph's runs and their text (and
the reader's text of it) before splitting runs at its span: a 0.07 MB .docx of one paragraph of 3,000 one-character runs
with 167 findings took 19.4 s of CPU a download. A paragraph's runs are now indexed once (`annotate._RunIndex`), the index
kept up to date across the run splits and the comment reference runs `add_comment` inserts; and a comment's id is counted
on from the last, not found by reading every comment's (python-docx's: comments², 9 s for 3,000 findings). The output is
what the code before it wrote: compared here with that code (kept below as the oracle) on random documents and findings."""

from __future__ import annotations

import copy
import datetime as dt
import io
import random
import re
import time
import zipfile
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as new_document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from jianfu.core.officeprops import stamp_docx
from jianfu.review.engine import annotate
from jianfu.review.engine.annotate import AUTHOR, DESCRIPTION, INITIALS, comment_text
from jianfu.review.engine.matcher import Finding
from jianfu.review.engine.readers import (
    docx_body_paragraphs,
    docx_paragraph_runs,
    docx_paragraph_text,
    xml_safe,
)
from jianfu.review.models import Review
from jianfu.review.presenters import result_from_review

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TITLE = "关于做好春耕生产工作的通知"

# ------------------------------------------------------------------------- the oracle: annotate() before annot24


# the export time both copies are stamped with (newuser26 #3: the properties say when the file was made)
STAMPED = dt.datetime(2026, 12, 6, 10, 30, tzinfo=dt.UTC)


def _old_annotate(result: Any, *, original: bytes | None = None) -> bytes:
    """Bytes of the annotated .docx for a ReviewResult."""
    locate: Callable[[Finding], Paragraph | None]
    walked: list[Paragraph] = []
    if original is not None and result.document.fmt == "docx":
        document = new_document(io.BytesIO(original))
        walked = docx_body_paragraphs(document)
        locate = _old_docx_locator(walked)
    else:
        document = new_document()
        if result.document.title:
            document.add_heading(xml_safe(result.document.title), level=1)
        built: dict[int | None, Paragraph] = {}  # keyed like Finding.clause_index
        for clause in result.document.clauses:
            if clause.text == result.document.title and clause.index == 0:
                built[clause.index] = document.paragraphs[0]
                continue
            built[clause.index] = document.add_paragraph(xml_safe(clause.text))
        locate = lambda f: built.get(f.clause_index)  # noqa: E731
    # the first paragraph of the body with text read; a body all in content controls or tracked insertions: the first
    # paragraph read
    first = next((p for p in (*document.paragraphs, *walked) if _old_read_runs(p)), None)
    kept = [f for f in result.findings if getattr(f, "status", "open") != "dismissed"]
    added = sum(getattr(f, "origin", "engine") == "reviewer" for f in kept)
    dismissed = len(result.findings) - len(kept)
    summary = (
        f"审查结论：{result.conclusion}，得分 {result.score}。共 {len(kept)} 处问题"
        f"（高 {sum(f.severity == 'high' for f in kept)}，"
        f"中 {sum(f.severity == 'medium' for f in kept)}，"
        f"低 {sum(f.severity == 'low' for f in kept)}）。"
    )
    if added or dismissed:
        summary += f"其中减负办补充 {added} 处；另有 {dismissed} 处自动审查结果经减负办排除（见批注）。"
    if first is not None:
        document.add_comment(_old_read_runs(first), text=xml_safe(summary), author=AUTHOR, initials=INITIALS)
    for finding in result.findings:
        paragraph = locate(finding) if finding.clause_index is not None else first
        if paragraph is None:
            continue
        runs = (
            _old_runs_for_span(paragraph, finding.start, finding.end, finding.matched)
            if finding.clause_index is not None
            else None
        )
        if not runs:
            runs = _old_read_runs(paragraph) or paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
    # not what the comparison is about: the properties as annotate() stamps them since newuser26 #3
    stamp_docx(document, title=xml_safe(result.document.title), author=AUTHOR, description=DESCRIPTION, now=STAMPED,
               reopened=original is not None and result.document.fmt == "docx")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _old_docx_locator(paragraphs: list[Paragraph]) -> Callable[[Finding], Paragraph | None]:
    """The uploaded .docx's paragraph of a finding: the walk's paragraph at its `source_index` when that paragraph's text
    is the finding's clause. Otherwise the review was stored when the walk numbered the paragraphs another way (before
    session 22 it skipped nested tables' paragraphs, before session 23 content controls', so a clause after one of
    those has another index now): the paragraph whose text is the clause's, nearest the stored index; none such (the
    text read then differs, e.g. a tracked insertion not read then), the stored index as before."""
    texts: dict[int, str] = {}

    def text(index: int) -> str:
        if index not in texts:
            texts[index] = docx_paragraph_text(paragraphs[index])
        return texts[index]

    def locate(finding: Finding) -> Paragraph | None:
        index = finding.source_index
        if index is None:
            return None
        if finding.clause_text and not (0 <= index < len(paragraphs) and text(index) == finding.clause_text):
            same = [i for i in range(len(paragraphs)) if text(i) == finding.clause_text]
            if same:
                index = min(same, key=lambda i: abs(i - (finding.source_index or 0)))
        return paragraphs[index] if 0 <= index < len(paragraphs) else None

    return locate


def _old_read_runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs whose text the reader read, in order (tracked insertions and content controls included,
    deletions not)."""
    return [Run(r, paragraph) for r in docx_paragraph_runs(paragraph)]


def _old_plain(run: Run) -> bool:
    """A run whose only content is text (w:t), so it can be split safely."""
    return all(child.tag in (qn("w:rPr"), qn("w:t")) for child in run._r)


def _old_runs_for_span(paragraph: Paragraph, start: int, end: int, matched: str = "") -> list[Run] | None:
    """The runs covering [start, end) of the paragraph's text as the reader read it, splitting runs at the edges.
    None when the span cannot be mapped onto plain runs, or the text read is not the runs' text as they stand, or the
    span does not hold the `matched` words (a review stored when the reader read the paragraph otherwise: an insertion
    before the words was not read before session 23, so its offsets fall short)."""
    runs = _old_read_runs(paragraph)
    full = "".join(r.text for r in runs)
    lead = len(full) - len(full.lstrip())
    start, end = start + lead, end + lead
    if (
        full.strip().replace("\u3000", " ") != docx_paragraph_text(paragraph)
        or end > len(full)
        or start >= end
    ):
        return None
    if not full[start:end].replace("\u3000", " ").startswith(matched):
        return None
    covered: list[Run] = []
    offset = 0
    for run in runs:
        text = run.text
        r_start, r_end = offset, offset + len(text)
        offset = r_end
        if r_end <= start or r_start >= end:
            continue
        if not _old_plain(run):
            return None
        cut_from, cut_to = max(start, r_start) - r_start, min(end, r_end) - r_start
        if cut_to < len(text):
            _old_split_after(run, cut_to)
        if cut_from > 0:
            run = _old_split_after(run, cut_from)
        covered.append(run)
    return covered or None


def _old_split_after(run: Run, at: int) -> Run:
    """Split `run` at character `at`; the original keeps the head, the returned new run holds the tail."""
    text = run.text
    tail = copy.deepcopy(run._r)
    run._r.addnext(tail)
    run.text = text[:at]
    new = Run(tail, run._parent)
    new.text = text[at:]
    return new


# ----------------------------------------------------------------------------- random documents and finding sets

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


def _package(body: str, comment_ids: tuple[int | str, ...] | None = None) -> bytes:
    """A package of `body`; with `comment_ids`, a comments part holding comments of those ids (the drafter's own; a string
    id, a number or not, is written as it is)."""
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}'
        "</w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        if comment_ids is None:
            z.writestr("[Content_Types].xml", _CT)
        else:
            z.writestr("[Content_Types].xml", _CT.replace("</Types>", _COMMENTS_CT + "</Types>"))
            z.writestr("word/_rels/document.xml.rels", _COMMENTS_RELS)
            comments = "".join(
                f'<w:comment w:id="{i}" w:author="起草人"><w:p><w:r><w:t>意见{i}</w:t></w:r></w:p></w:comment>'
                for i in comment_ids
            )
            z.writestr("word/comments.xml", f'<w:comments xmlns:w="{W}">{comments}</w:comments>')
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)
    return out.getvalue()


_COMMENTS_CT = (
    '<Override PartName="/word/comments.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
)
_COMMENTS_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
    'Target="comments.xml"/></Relationships>'
)
# the comments a drafter's file may hold already: new ones are numbered on from the largest (past 2**31 - 1
# python-docx takes the first unused id)
_COMMENT_IDS: list[tuple[int, ...] | None] = [
    None,
    None,
    None,
    (),
    (0,),
    (3, 7),
    (5, 2, 9),
    (2**31 - 1,),
    (0, 2**31 - 2),
]


# characters of a w:t: words, spaces (ideographic too), and what python-docx writes back otherwise when a run is split
# (a tab, a line feed, a carriage return as &#13;)
_WORDS = ["各", "村", "应", "当", "报", "送", "材", "料", "。", "a", "1", " ", "\u3000"]
_RARE = ["\t", "\n", "&#13;"]
_IN_RUN = [
    "<w:tab/>", "<w:br/>", '<w:br w:type="page"/>', "<w:cr/>", "<w:noBreakHyphen/>", "<w:instrText>PAGE</w:instrText>",
    '<w:fldChar w:fldCharType="begin"/>', "<w:lastRenderedPageBreak/>", "<w:delText>删</w:delText>",
]  # fmt: skip
_WRAPPERS = ["ins", "hyperlink", "smartTag", "del", "customXml", "fldSimple"]


def _random_run(rng: random.Random) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if rng.random() < 0.3 else ""
    roll = rng.random()
    if roll < 0.08:
        return "<w:r/>"
    parts = []
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.95:
            text = "".join(
                rng.choice(_RARE if rng.random() < 0.01 else _WORDS)
                for _ in range(rng.choice([1, 1, 1, 2, 3, 5, 8]))
            )
            parts.append(f'<w:t xml:space="preserve">{text}</w:t>')
        elif roll < 0.9:
            parts.append(rng.choice(_IN_RUN))
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _random_paragraph(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.choice([0, 1, 3, 6, 12, 30])):
        if rng.random() < 0.1:
            tag = rng.choice(_WRAPPERS)
            if tag == "ins" and rng.random() < 0.3:
                parts.append(f"<w:sdt><w:sdtContent>{_random_run(rng)}</w:sdtContent></w:sdt>")
            else:
                parts.append(
                    f"<w:{tag}>{''.join(_random_run(rng) for _ in range(rng.randint(1, 4)))}</w:{tag}>"
                )
        else:
            parts.append(_random_run(rng))
    return f"<w:p>{''.join(parts)}</w:p>"


def _finding(rng: random.Random, texts: list[str], *, fmt_docx: bool) -> Finding:
    index = rng.randrange(len(texts)) if texts else 0
    text = texts[index] if texts else ""
    start = rng.randint(0, max(len(text) - 1, 0))
    end = min(start + rng.choice([1, 1, 2, 3, 5, 9, 20]), len(text) + rng.choice([0, 0, 0, 2]))
    roll = rng.random()
    matched = text[start:end] if roll < 0.7 else text[start : end - 1] if roll < 0.85 else "不符"
    clause_text = text if rng.random() < 0.8 else rng.choice([*texts, "别的文字"]) if texts else ""
    source = index if rng.random() < 0.85 else rng.choice([None, index + 1, index - 1, 10**4])
    clause_index: int | None = (index if not fmt_docx else rng.randrange(100)) if rng.random() < 0.9 else None
    return Finding(
        rule_id="BR-T-01", rule_name="测试规则", group="测试", provision="依据<条>", source="s",
        severity=rng.choice(["high", "medium", "low"]), suggestion=rng.choice(["", "建议"]), clause_index=clause_index,
        heading_path=[], paragraph_index=None, page=None, start=start, end=end, doc_start=0, doc_end=0,
        matched=matched, sentence=text, clause_text=clause_text, source_index=source,
        origin=rng.choice(["engine", "engine", "reviewer"]), status=rng.choice(["open", "open", "dismissed"]),
        reviewer_note=rng.choice(["", "说明"]),
    )  # fmt: skip


def _result(findings: list[Finding], fmt: str, clauses: tuple[Any, ...] = (), title: str = "") -> Any:
    document = SimpleNamespace(fmt=fmt, title=title, clauses=list(clauses))
    return SimpleNamespace(document=document, findings=findings, conclusion="需修改", score=70)


def _parts(data: bytes) -> dict[str, bytes]:
    """The package's parts, each comment's time (python-docx stamps it now) left out."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: _DATE.sub(b"", z.read(name)) for name in z.namelist()}


_DATE = re.compile(rb' w:date="[^"]*"')


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
def test_the_annotated_copy_is_what_the_code_before_the_index_wrote_on_random_documents() -> None:
    rng = random.Random(2024)
    compared = spans = splits = drafters = 0
    for case in range(250):
        data = _package(
            "".join(_random_paragraph(rng) for _ in range(rng.randint(1, 8))), rng.choice(_COMMENT_IDS)
        )
        texts = [docx_paragraph_text(p) for p in docx_body_paragraphs(docx.Document(io.BytesIO(data)))]
        findings = [_finding(rng, texts, fmt_docx=True) for _ in range(rng.choice([0, 1, 3, 8, 30]))]
        result = _result(findings, "docx")
        expected, got = (
            _parts(_old_annotate(result, original=data)),
            _parts(annotate.annotate(result, original=data, now=STAMPED)),
        )
        assert got == expected, case
        compared += 1
        body = expected["word/document.xml"]
        comments = body.count(b"<w:commentRangeStart ")
        drafters += "起草人".encode() in expected.get("word/comments.xml", b"") and comments > 0
        spans += comments
        # runs added: a reference run a comment, and the tails of the runs split
        splits += (
            body.count(b"<w:r>")
            + body.count(b"<w:r ")
            - data.count(b"<w:r>")
            - data.count(b"<w:r ")
            - comments
        )
    for case in range(50):  # a plain .docx built from the clauses (a .txt, .pdf input)
        texts = [
            "".join(rng.choice(["甲", "乙", " ", "\u3000", "。"]) for _ in range(rng.randint(1, 30)))
            for _ in range(5)
        ]
        clauses = tuple(SimpleNamespace(index=i, text=t) for i, t in enumerate(texts))
        findings = [_finding(rng, texts, fmt_docx=False) for _ in range(rng.choice([0, 3, 30]))]
        result = _result(findings, "txt", clauses, title=rng.choice(["", texts[0], TITLE]))
        assert _parts(annotate.annotate(result, now=STAMPED)) == _parts(_old_annotate(result)), case
        compared += 1
    # the cases hold what the comparison is about: comments anchored, runs split, comments added to a drafter's
    assert (compared, spans > 1500, splits > 500, drafters > 100) == (300, True, True, True), (
        spans,
        splits,
        drafters,
    )


# ------------------------------------------------------------------------------------------------ the download

SENTENCES = [
    "各村每月25日前报送当月工作台账，台账须附工作照片、会议记录等资料，缺一项扣0.5分。",
    "实行千分制考核，实行一票否决。",
    "各乡镇每日17时前报送工作进展。",
    "要求基层提供照片等佐证材料并留痕。",
]
BOUND = 3.0  # seconds of CPU for the download, generous for coverage: 0.2-0.4 s now (17-19 s before)


def _one_character_runs(chars: int = 3000) -> tuple[bytes, str]:
    """fix-sec24a's find: a title, then one paragraph of `chars` one-character runs holding flagged sentences."""
    text, i = "", 0
    while len(text) < chars:
        text += SENTENCES[i % len(SENTENCES)] + (
            "为进一步做好春耕生产工作，确保粮食安全。" if i % 3 == 2 else ""
        )
        i += 1
    text = text[:chars]
    runs = "".join(f"<w:r><w:t>{c}</w:t></w:r>" for c in text)
    return _package(f"<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:p>{runs}</w:p>"), text


def _token(client: Any, url: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode())
    assert found is not None
    return found.group(1)


def _anchors(data: bytes) -> list[str]:
    """The text between each comment's commentRangeStart and commentRangeEnd in the body, in order of the comments' ids
    (the ranges overlap: a walk in document order with the comments open)."""
    body = etree.fromstring(_parts(data)["word/document.xml"])
    start, end, text, ident = (
        f"{{{W}}}{name}" for name in ("commentRangeStart", "commentRangeEnd", "t", "id")
    )
    open_ids: set[int] = set()
    anchors: dict[int, str] = {}
    for element in body.iter(start, end, text):
        if element.tag == start:
            open_ids.add(int(element.get(ident)))
            anchors[int(element.get(ident))] = ""
        elif element.tag == end:
            open_ids.discard(int(element.get(ident)))
        else:
            for i in open_ids:
                anchors[i] += element.text or ""
    return [anchors[i] for i in sorted(anchors)]


@pytest.mark.django_db
def test_the_annotated_copy_of_3000_one_character_runs_and_150_findings_is_made_at_once(world: Any) -> None:
    client = world.client("dept_housing")
    data, text = _one_character_runs()
    response = client.post(
        "/review/submit/",
        {"file": SimpleUploadedFile("通知.docx", data), "form_token": _token(client, "/review/submit/")},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    review = Review.objects.get()
    findings = result_from_review(review).findings
    started = time.process_time()
    response = client.get(f"/review/reviews/{review.pk}/annotated.docx")
    seconds = time.process_time() - started
    assert response.status_code == 200
    annotated = b"".join(response.streaming_content) if response.streaming else response.content
    anchors = _anchors(annotated)
    # the summary on the title's paragraph (the first), then each finding on exactly its words, or (a finding of a
    # group of rules, whose words are not at its span) on its paragraph; a document-level one on the first
    on_words = sum(a == f.matched for a, f in zip(anchors[1:], findings, strict=True))
    elsewhere = [
        a
        for a, f in zip(anchors[1:], findings, strict=True)
        if a not in (f.matched, text if f.clause_index is not None else TITLE)
    ]
    assert (anchors[0], on_words > 100, elsewhere, seconds < BOUND) == (TITLE, True, [], True), (
        on_words,
        seconds,
    )
    paragraphs = docx_body_paragraphs(docx.Document(io.BytesIO(annotated)))
    assert [docx_paragraph_text(p) for p in paragraphs] == [TITLE, text]

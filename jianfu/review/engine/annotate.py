"""Annotated .docx: the reviewed document with a Word comment at each flagged clause.

For a .docx input the original file is reopened, so its formatting is kept; the comment is anchored
on exactly the matched words when they lie inside plain text runs (the runs are split at the span),
otherwise on the whole paragraph. The runs are those the reader read (`readers.docx_paragraph_runs`):
a paragraph's own, a hyperlink's, a tracked insertion's, a content control's — a finding in inserted text
is marked on the insertion (session 23). For other inputs a plain .docx is built from the clauses.
Document-level findings (length, overlap) are attached to the first paragraph.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docx import Document as new_document
from docx.comments import Comment
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from .readers import docx_body_paragraphs, docx_paragraph_runs, docx_paragraph_text, xml_safe
from .rules import SEVERITIES

if TYPE_CHECKING:
    from . import ReviewResult
    from .matcher import Finding

AUTHOR = "减负一致性评估"
INITIALS = "JF"


def comment_text(finding: Finding) -> str:
    # The comment goes to the drafting department: the rule's title, the words, the provision and the advice — no
    # rule code (newuser15 F5: "（规则 BR-VAN-04）" was the office's support handle, meaningless to the drafter; the
    # office's own page keeps it as the title's tooltip).
    head = f"【{finding.rule_name}｜{SEVERITIES.get(finding.severity, finding.severity)}】"
    if getattr(finding, "status", "open") == "dismissed":
        return xml_safe(f"【已排除】{head}{finding.matched}\n减负办排除理由：{finding.reviewer_note}")
    text = f"{head}{finding.matched}\n依据：{finding.provision}"
    if finding.suggestion:
        text += f"\n建议：{finding.suggestion}"
    if getattr(finding, "origin", "engine") == "reviewer":
        # the office's note once: a group-only finding has no rule 建议 (one stored before newuser13 V06 repeats it)
        note = finding.reviewer_note if finding.reviewer_note != finding.suggestion else ""
        text = f"【减负办补充】{text}" + (f"\n说明：{note}" if note else "")
    return xml_safe(text)


def annotate(result: ReviewResult, *, original: bytes | None = None) -> bytes:
    """Bytes of the annotated .docx for a ReviewResult."""
    locate: Callable[[Finding], Paragraph | None]
    walked: list[Paragraph] = []
    if original is not None and result.document.fmt == "docx":
        document = new_document(io.BytesIO(original))
        walked = docx_body_paragraphs(document)
        locate = _docx_locator(walked)
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
    first = next((p for p in (*document.paragraphs, *walked) if _read_runs(p)), None)
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
    # one index of each paragraph's runs, kept up to date across the splits and comment reference runs (annot24: each
    # finding re-read the paragraph's runs and text, 19 s for 3,000 runs and 167 findings); keyed by the `w:p` element,
    # which `first` and a located paragraph may share under two proxies
    indexes: dict[object, _RunIndex] = {}
    comments = _CommentWriter(document)

    def index_of(paragraph: Paragraph) -> _RunIndex:
        if paragraph._p not in indexes:
            indexes[paragraph._p] = _RunIndex(paragraph)
        return indexes[paragraph._p]

    if first is not None:
        index_of(first).comment(comments, None, xml_safe(summary))
    for finding in result.findings:
        paragraph = locate(finding) if finding.clause_index is not None else first
        if paragraph is None:
            continue
        index = index_of(paragraph)
        span = (
            index.span(finding.start, finding.end, finding.matched)
            if finding.clause_index is not None
            else None
        )
        index.comment(comments, span, comment_text(finding))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_locator(paragraphs: list[Paragraph]) -> Callable[[Finding], Paragraph | None]:
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

    by_text: dict[str, list[int]] = {}

    def indexes(clause_text: str) -> list[int]:
        # the paragraphs of each text, in order, read once for all findings (not the whole walk per finding)
        if not by_text:
            for i in range(len(paragraphs)):
                by_text.setdefault(text(i), []).append(i)
        return by_text.get(clause_text, [])

    def locate(finding: Finding) -> Paragraph | None:
        index = finding.source_index
        if index is None:
            return None
        if finding.clause_text and not (0 <= index < len(paragraphs) and text(index) == finding.clause_text):
            same = indexes(finding.clause_text)
            if same:
                index = min(same, key=lambda i: abs(i - (finding.source_index or 0)))
        return paragraphs[index] if 0 <= index < len(paragraphs) else None

    return locate


def _read_runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs whose text the reader read, in order (tracked insertions and content controls included,
    deletions not)."""
    return [Run(r, paragraph) for r in docx_paragraph_runs(paragraph)]


def _plain(run: Run) -> bool:
    """A run whose only content is text (w:t), so it can be split safely."""
    return all(child.tag in (qn("w:rPr"), qn("w:t")) for child in run._r)


class _RunIndex:
    """A paragraph's runs as the reader reads them (`_read_runs`), each run's text and its offsets in the paragraph's
    text, built once and kept up to date as findings split runs and `add_comment` inserts its reference runs, so a
    finding costs the runs it covers rather than all the paragraph's (annot24). What it anchors on is what re-reading
    the paragraph for each finding anchored on (test_annot24_index.py compares the output with that code's).

    Splitting a run keeps the text (the head stays, the tail follows) unless python-docx writes it otherwise (a
    carriage return in a `w:t` comes back a line break): then the index is read again. A reference run has no text."""

    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph
        self._read()

    def _read(self) -> None:
        self.runs: list[Any] = docx_paragraph_runs(self.paragraph)
        self.texts: list[str] = [r.text for r in self.runs]
        self.starts: list[int] = []
        self.ends: list[int] = []
        offset = 0
        for text in self.texts:
            self.starts.append(offset)
            offset += len(text)
            self.ends.append(offset)
        self.full = "".join(self.texts)
        self.lead = len(self.full) - len(self.full.lstrip())
        # the text read is the runs' text as they stand (a review stored when the reader read it otherwise: no span)
        self.same = self.full.strip().replace("\u3000", " ") == docx_paragraph_text(self.paragraph)
        self.stale = False

    def span(self, start: int, end: int, matched: str = "") -> tuple[int, int] | None:
        """The first and last positions in the index of the runs covering [start, end) of the paragraph's text as the
        reader read it, splitting runs at the edges. None when the span cannot be mapped onto plain runs, or the text
        read is not the runs' text as they stand, or the span does not hold the `matched` words (a review stored when
        the reader read the paragraph otherwise: an insertion before the words was not read before session 23, so its
        offsets fall short). Runs split before a run found not plain stay split, as they did."""
        if self.stale:
            self._read()
        full = self.full
        start, end = start + self.lead, end + self.lead
        if not self.same or end > len(full) or start >= end:
            return None
        if not full[start:end].replace("\u3000", " ").startswith(matched):
            return None
        k = bisect.bisect_right(self.ends, start)  # the first run ending after `start`
        first = last = -1
        while k < len(self.runs) and self.starts[k] < end:
            r_start, text = self.starts[k], self.texts[k]
            r_end = r_start + len(text)
            run = Run(self.runs[k], self.paragraph)
            if not _plain(run):
                return None
            cut_from, cut_to = max(start, r_start) - r_start, min(end, r_end) - r_start
            if cut_to < len(text):
                self._split(k, run, cut_to)
            if cut_from > 0:
                run = self._split(k, run, cut_from)
                k += 1
            if first < 0:
                first = k
            last = k
            k += 1
        return (first, last) if first >= 0 else None

    def _split(self, k: int, run: Run, at: int) -> Run:
        """`_split_after` of the run at position k, the tail entered after it."""
        text, r_start = self.texts[k], self.starts[k]
        tail = _split_after(run, at)
        head_text, tail_text = run.text, tail.text
        if head_text + tail_text != text:
            self.stale = True  # offsets read before the split still hold for this finding's runs after it
        self.runs.insert(k + 1, tail._r)
        self.texts[k] = head_text
        self.texts.insert(k + 1, tail_text)
        self.ends[k] = r_start + len(head_text)
        self.starts.insert(k + 1, self.ends[k])
        self.ends.insert(k + 1, self.ends[k] + len(tail_text))
        return tail

    def comment(self, comments: _CommentWriter, span: tuple[int, int] | None, text: str) -> None:
        """A comment on the runs at `span`, else on all the paragraph's runs read (none: its runs, or an empty run
        added), and the reference run `add_comment` inserts after the last entered after it in the index."""
        if span is None and self.runs and not self.stale:
            span = (0, len(self.runs) - 1)
        if span is None:
            # no run read: what python-docx gives, as before (the index is read again)
            runs = _read_runs(self.paragraph) or self.paragraph.runs or [self.paragraph.add_run("")]
            comments.add(runs[0], runs[-1], text)
            self.stale = True
            return
        first, last = span
        comments.add(Run(self.runs[first], self.paragraph), Run(self.runs[last], self.paragraph), text)
        if self.stale:
            return
        reference = self.runs[last].getnext().getnext()  # after the w:commentRangeEnd
        self.runs.insert(last + 1, reference)
        self.texts.insert(last + 1, "")
        self.starts.insert(last + 1, self.ends[last])
        self.ends.insert(last + 1, self.ends[last])


class _CommentWriter:
    """`Document.add_comment(runs, text, author, initials)` (which uses only the first and last run) with each comment's
    id handed out by a counter rather than found again: python-docx reads every comment's id at each (comments², annot24:
    9 s of CPU for 3,000 findings on 60,000 characters; security25 H2: a drafter's comment of id 2**31 - 1 sent every
    new comment back to python-docx's own call, 107 s of CPU a download for 60,000 drafter's comments and 198 findings).

    The drafter's comment ids are read once into a set, at the first comment (the comments part python-docx creates
    then when the file has none). The ids handed out are python-docx's: the largest + 1 up to 2**31 - 1, then the
    first unused from 0 — each skipping the ids used, so they stay unique whatever the drafter's are (duplicates,
    negatives or an id that is no integer, which python-docx's own call may reuse or raise on, are skipped or left
    alone). What follows the id is python-docx 1.2's `CT_Comments.add_comment` and `Comments.add_comment`
    (test_annot24_index.py compares the output with python-docx's own, test_annot25_comment_ids.py the ids).

    No cap on the drafter's comments: their ids are read once, so they cost what the file's size does, which the
    package's 8 MB cap on an XML part bounds (core.docxpackage): 330,000 empty comments in 8 MB took 0.58 s of CPU for
    the copy with 200 findings (0.07 s without comments), the attacker's 60,000 0.30 s."""

    LAST_ID = 2**31 - 1  # the largest python-docx counts on to (a signed 32-bit integer)

    def __init__(self, document: Any) -> None:
        self.document = document
        self.comments: Any = None  # python-docx's Comments, at the first comment
        self.used: set[int] = set()
        self.next_id = 0

    def _new_id(self) -> int:
        if self.comments is None:
            self.comments = self.document.comments
            for value in _COMMENT_IDS(self.comments._comments_elm):
                try:
                    self.used.add(int(value))
                except ValueError:  # no integer (or past the 4,300 digits Python reads): no id we hand out
                    continue
            self.next_id = max(self.used, default=-1) + 1
        if self.next_id > self.LAST_ID:
            self.next_id = 0  # python-docx's fallback: the first unused id from 0 on
        while self.next_id in self.used:
            self.next_id += 1
        comment_id = self.next_id
        self.used.add(comment_id)
        self.next_id += 1
        return comment_id

    def add(self, first: Run, last: Run, text: str) -> None:
        comment_id = self._new_id()
        comments = self.comments
        element = parse_xml(_COMMENT_XML.replace("{id}", str(comment_id)))
        comments._comments_elm.append(element)
        element.author = AUTHOR
        element.initials = INITIALS
        element.date = dt.datetime.now(dt.UTC)
        comment = Comment(element, comments._comments_part)
        if text != "":
            first_text, *more = text.split("\n")
            comment.paragraphs[0].add_run(first_text)
            for paragraph_text in more:
                comment.add_paragraph(text=paragraph_text)
        first.mark_comment_range(last, comment.comment_id)


# the comments' ids, as python-docx's `_next_available_comment_id` reads them, as plain strings (lxml's "smart" strings,
# which python-docx's `xpath` returns, took 0.6 s of 330,000 ids, these 0.13 s)
_COMMENT_IDS = etree.XPath("./w:comment/@w:id", namespaces={"w": nsmap["w"]}, smart_strings=False)

# python-docx 1.2's new comment (`CT_Comments.add_comment`), character for character
_COMMENT_XML = (
    f'<w:comment {nsdecls("w")} w:id="{{id}}" w:author="">'
    f"  <w:p>"
    f"    <w:pPr>"
    f'      <w:pStyle w:val="CommentText"/>'
    f"    </w:pPr>"
    f"    <w:r>"
    f"      <w:rPr>"
    f'        <w:rStyle w:val="CommentReference"/>'
    f"      </w:rPr>"
    f"      <w:annotationRef/>"
    f"    </w:r>"
    f"  </w:p>"
    f"</w:comment>"
)


def _split_after(run: Run, at: int) -> Run:
    """Split `run` at character `at`; the original keeps the head, the returned new run holds the tail."""
    text = run.text
    tail = copy.deepcopy(run._r)
    run._r.addnext(tail)
    run.text = text[:at]
    new = Run(tail, run._parent)
    new.text = text[at:]
    return new

"""Annotated .docx: the reviewed document with a Word comment at each flagged clause.

For a .docx input the original file is reopened, so its formatting is kept; the comment is anchored
on exactly the matched words when they lie inside plain text runs (the runs are split at the span),
otherwise on the whole paragraph. The runs are those the reader read (`readers.docx_paragraph_runs`):
a paragraph's own, a hyperlink's, a tracked insertion's, a content control's — a finding in inserted text
is marked on the insertion (session 23). For other inputs a plain .docx is built from the clauses.
Document-level findings (length, overlap) are attached to the first paragraph.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from docx import Document as new_document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

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
    summary = (f"审查结论：{result.conclusion}，得分 {result.score}。共 {len(kept)} 处问题"
               f"（高 {sum(f.severity == 'high' for f in kept)}，"
               f"中 {sum(f.severity == 'medium' for f in kept)}，"
               f"低 {sum(f.severity == 'low' for f in kept)}）。")
    if added or dismissed:
        summary += f"其中减负办补充 {added} 处；另有 {dismissed} 处自动审查结果经减负办排除（见批注）。"
    if first is not None:
        document.add_comment(_read_runs(first), text=xml_safe(summary), author=AUTHOR, initials=INITIALS)
    for finding in result.findings:
        paragraph = locate(finding) if finding.clause_index is not None else first
        if paragraph is None:
            continue
        runs = (_runs_for_span(paragraph, finding.start, finding.end, finding.matched)
                if finding.clause_index is not None else None)
        if not runs:
            runs = _read_runs(paragraph) or paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
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


def _read_runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs whose text the reader read, in order (tracked insertions and content controls included,
    deletions not)."""
    return [Run(r, paragraph) for r in docx_paragraph_runs(paragraph)]


def _plain(run: Run) -> bool:
    """A run whose only content is text (w:t), so it can be split safely."""
    return all(child.tag in (qn("w:rPr"), qn("w:t")) for child in run._r)


def _runs_for_span(paragraph: Paragraph, start: int, end: int, matched: str = "") -> list[Run] | None:
    """The runs covering [start, end) of the paragraph's text as the reader read it, splitting runs at the edges.
    None when the span cannot be mapped onto plain runs, or the text read is not the runs' text as they stand, or the
    span does not hold the `matched` words (a review stored when the reader read the paragraph otherwise: an insertion
    before the words was not read before session 23, so its offsets fall short)."""
    runs = _read_runs(paragraph)
    full = "".join(r.text for r in runs)
    lead = len(full) - len(full.lstrip())
    start, end = start + lead, end + lead
    if full.strip().replace("\u3000", " ") != docx_paragraph_text(paragraph) or end > len(full) or start >= end:
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
        if not _plain(run):
            return None
        cut_from, cut_to = max(start, r_start) - r_start, min(end, r_end) - r_start
        if cut_to < len(text):
            _split_after(run, cut_to)
        if cut_from > 0:
            run = _split_after(run, cut_from)
        covered.append(run)
    return covered or None


def _split_after(run: Run, at: int) -> Run:
    """Split `run` at character `at`; the original keeps the head, the returned new run holds the tail."""
    text = run.text
    tail = copy.deepcopy(run._r)
    run._r.addnext(tail)
    run.text = text[:at]
    new = Run(tail, run._parent)
    new.text = text[at:]
    return new

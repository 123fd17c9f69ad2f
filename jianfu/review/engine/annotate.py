"""Annotated .docx: the reviewed document with a Word comment at each flagged clause.

For a .docx input the original file is reopened, so its formatting is kept; the comment is anchored
on exactly the matched words when they lie inside plain text runs (the runs are split at the span),
otherwise on the whole paragraph. For other inputs a plain .docx is built from the clauses.
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

from .readers import docx_body_paragraphs, xml_safe
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
    if original is not None and result.document.fmt == "docx":
        document = new_document(io.BytesIO(original))
        paragraphs = docx_body_paragraphs(document)
        locate = lambda f: paragraphs[f.source_index] if f.source_index is not None else None  # noqa: E731
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
    first = next((p for p in document.paragraphs if p.runs), None)
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
        document.add_comment(first.runs, text=xml_safe(summary), author=AUTHOR, initials=INITIALS)
    for finding in result.findings:
        paragraph = locate(finding) if finding.clause_index is not None else first
        if paragraph is None:
            continue
        runs = _runs_for_span(paragraph, finding.start, finding.end) if finding.clause_index is not None else None
        if not runs:
            runs = paragraph.runs or [paragraph.add_run("")]
        document.add_comment(runs, text=comment_text(finding), author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _plain(run: Run) -> bool:
    """A run whose only content is text (w:t), so it can be split safely."""
    return all(child.tag in (qn("w:rPr"), qn("w:t")) for child in run._r)


def _runs_for_span(paragraph: Paragraph, start: int, end: int) -> list[Run] | None:
    """The runs covering [start, end) of the paragraph's stripped text, splitting runs at the edges.
    None when the span cannot be mapped onto plain runs."""
    full = "".join(r.text for r in paragraph.runs)
    lead = len(full) - len(full.lstrip())
    start, end = start + lead, end + lead
    if full.strip() != paragraph.text.strip() or end > len(full) or start >= end:
        return None
    covered: list[Run] = []
    offset = 0
    for run in list(paragraph.runs):
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

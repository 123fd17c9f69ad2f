"""Turn stored reviews back into engine objects (for the annotated .docx and version comparison), and the rules into
the 补充 form's choices."""

from __future__ import annotations

from collections.abc import Iterable

from jianfu.review.engine import GROUPS, ReviewResult, Rule, scoring
from jianfu.review.engine.matcher import Finding as EngineFinding
from jianfu.review.engine.structure import Clause, Document


def engine_findings(review, *, include_dismissed: bool = False) -> list[EngineFinding]:
    """The stored findings as engine objects; the office's dismissals are left out unless asked for
    (the annotated .docx shows them, the version comparison does not count them)."""
    out = []
    clauses = {c["index"]: c for c in review.clauses}
    for f in review.findings.all():
        if f.status == "dismissed" and not include_dismissed:
            continue
        clause = clauses.get(f.clause_index, {})
        out.append(EngineFinding(
            rule_id=f.rule_id, rule_name=f.rule_name, group=f.group, provision=f.provision, source=f.source,
            severity=f.severity, suggestion=f.suggestion, clause_index=f.clause_index,
            heading_path=clause.get("heading_path", []), paragraph_index=f.clause_index, page=f.page,
            start=f.start, end=f.end, doc_start=0, doc_end=0, matched=f.matched, sentence=f.sentence,
            clause_text=clause.get("text", ""), source_index=f.source_index, origin=f.origin, status=f.status,
            reviewer_note=f.reason))
    return out


def result_from_review(review) -> ReviewResult:
    clauses = [Clause(index=c["index"], text=c["text"], number="", level=None, heading_path=c["heading_path"],
                      paragraph_index=c["index"], page=c.get("page"), start=0, source_index=c.get("source_index"))
               for c in review.clauses]
    version = review.version
    doc = Document(title=version.document.title, kind=review.kind, issuer=review.issuer, clauses=clauses,
                   text=version.text, length=review.length, pages=review.pages, fmt=version.fmt)
    findings = engine_findings(review, include_dismissed=True)
    kept = [f for f in findings if f.status != "dismissed"]
    return ReviewResult(document=doc, findings=findings, notes=[], score=review.score,
                        conclusion=review.conclusion or scoring.conclusion(review.score, kept),
                        rule_count=review.rule_count)


def rule_choices(rules: Iterable[Rule]) -> list[tuple[str, list[Rule]]]:
    """The 补充 form's rules under their groups' names, in the groups' order (文件, 会议, … 政绩工程, then a county's own):
    a handler looks for a burden by its kind. The catalogue's order is its files' (app, demo, doc …), which put the
    App and 创建示范 rules first, and its ids (BR-DEMO-03) read as demo data to a new user (session 19, review-new19) —
    the list shows names only; the finding, once added, keeps the id in its title."""
    by_group: dict[str, list[Rule]] = {}
    for rule in rules:
        by_group.setdefault(rule.group, []).append(rule)
    order = [key for key in GROUPS if key in by_group] + sorted(key for key in by_group if key not in GROUPS)
    return [(GROUPS.get(key, key), by_group[key]) for key in order]

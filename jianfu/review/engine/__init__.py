"""The review engine: document → clauses → findings → score. Pure Python, no Django.

    from jianfu.review.engine import review_path, review_text
    result = review_path("draft.docx")
    result.score, result.conclusion, result.findings
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from . import readers, scoring, structure
from .errors import ReviewInputError, RuleCatalogueError
from .matcher import Finding, Note, match_document
from .rules import GROUPS, SEVERITIES, Catalogue, Rule, load_catalogue

if TYPE_CHECKING:
    from typing_extensions import Unpack


class ReviewOptions(TypedDict, total=False):
    """The keyword options of `review_document`, passed on by `review_text`, `_bytes` and `_path`."""

    catalogue: Catalogue | None
    issuer: str | None
    default_issuer: str | None
    reference_text: str | None


__all__ = [
    "GROUPS", "SEVERITIES", "Catalogue", "Finding", "Note", "ReviewInputError", "ReviewResult", "Rule",
    "RuleCatalogueError", "load_catalogue", "review_bytes", "review_document", "review_path", "review_text",
]


@dataclass
class ReviewResult:
    document: structure.Document
    findings: list[Finding]
    notes: list[Note]
    score: int
    conclusion: str
    rule_count: int
    source: readers.SourceDocument | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `manage.py review_document --format json` and the API."""
        return {
            "score": self.score,
            "conclusion": self.conclusion,
            "document": {
                "title": self.document.title, "kind": self.document.kind, "issuer": self.document.issuer,
                "length": self.document.length, "pages": self.document.pages, "clauses": len(self.document.clauses),
                "format": self.document.fmt,
            },
            "findings": [finding_dict(f) for f in self.findings],
            "notes": [{"rule_id": n.rule_id, "clause": n.clause_index, "matched": n.matched, "reason": n.reason}
                      for n in self.notes],
        }


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id, "rule_name": f.rule_name, "group": f.group, "provision": f.provision,
        "source": f.source, "severity": f.severity,
        "clause": f.clause_index, "heading_path": f.heading_path, "page": f.page,
        "span": [f.start, f.end], "matched": f.matched,
        "text": f.sentence, "suggestion": f.suggestion,
    }


def review_document(source: readers.SourceDocument, *, catalogue: Catalogue | None = None,
                    issuer: str | None = None, default_issuer: str | None = None,
                    reference_text: str | None = None) -> ReviewResult:
    """`issuer` forces the issuer type; `default_issuer` is used when the header does not tell
    (e.g. pasted text submitted by a department's account)."""
    catalogue = catalogue or load_catalogue()
    doc = structure.split(source)
    if issuer:
        doc.issuer = issuer
    elif default_issuer and doc.issuer == "unknown":
        doc.issuer = default_issuer
    matched = match_document(doc, catalogue, reference_text=reference_text)
    findings = sorted(matched.findings, key=lambda f: (f.clause_index is not None, f.clause_index or 0, f.start))
    value = scoring.score(findings)
    return ReviewResult(document=doc, findings=findings, notes=matched.notes, score=value,
                        conclusion=scoring.conclusion(value, findings), rule_count=len(catalogue.rules),
                        source=source)


def review_text(text: str, **kwargs: Unpack[ReviewOptions]) -> ReviewResult:
    return review_document(readers.read_text(text), **kwargs)


def review_bytes(data: bytes, filename: str, **kwargs: Unpack[ReviewOptions]) -> ReviewResult:
    return review_document(readers.read_bytes(data, filename), **kwargs)


def review_path(path: str, **kwargs: Unpack[ReviewOptions]) -> ReviewResult:
    return review_document(readers.read_path(path), **kwargs)

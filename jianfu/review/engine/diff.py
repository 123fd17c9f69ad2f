"""Compare the findings of two reviews of the same document (a draft and its revision).

A finding of the new review "persists" when the old review has a finding of the same rule under the
same heading path, on a similar sentence (RapidFuzz ratio ≥ 80), or on the same matched words in a
roughly similar sentence (ratio ≥ 50); the remaining old findings were
fixed, the remaining new ones are new.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

if TYPE_CHECKING:
    from .matcher import Finding

SIMILAR = 80


@dataclass
class ReviewDiff:
    fixed: list[Finding] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    persisting: list[tuple[Finding, Finding]] = field(default_factory=list)  # (old, new) pairs
    score_before: int | None = None
    score_after: int | None = None


def _same(a: Finding, b: Finding) -> bool:
    if a.rule_id != b.rule_id:
        return False
    if a.clause_index is None or b.clause_index is None:
        return a.clause_index is None and b.clause_index is None
    if a.heading_path and a.heading_path == b.heading_path:
        return True
    return (a.matched == b.matched and fuzz.ratio(a.sentence, b.sentence) >= 50) or \
        fuzz.ratio(a.sentence, b.sentence) >= SIMILAR


def compare(old_findings: Iterable[Finding], new_findings: Iterable[Finding], *, score_before: int | None = None,
            score_after: int | None = None) -> ReviewDiff:
    result = ReviewDiff(score_before=score_before, score_after=score_after)
    unmatched_old = list(old_findings)
    for new in new_findings:
        best = None
        best_ratio = -1.0
        for old in unmatched_old:
            if _same(old, new):
                ratio = fuzz.ratio(old.sentence, new.sentence)
                if ratio > best_ratio:
                    best, best_ratio = old, ratio
        if best is None:
            result.new.append(new)
        else:
            unmatched_old.remove(best)
            result.persisting.append((best, new))
    result.fixed = unmatched_old
    return result

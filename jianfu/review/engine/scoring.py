"""Score (0–100) and conclusion.

Each finding costs points by severity: high 12, medium 6, low 2. Repeats of the same rule cost half
as much each time (12, 6, 3, …), so a long document is not failed for one habit repeated. Score =
max(0, round(100 − total)). The halving is `math.ldexp` (exact, and 0.0 once the repeat is past a float's range):
`12 / 2**n` overflowed a float past 1,023 repeats of one rule — a 500 (security23 F3).

Conclusion:
  通过        score ≥ 90 and no high-severity finding;
  不通过      score < 60;
  修改后通过  otherwise.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

PENALTY = {"high": 12.0, "medium": 6.0, "low": 2.0}
PASS_MIN = 90
FAIL_BELOW = 60
PASS, REVISE, FAIL = "通过", "修改后通过", "不通过"


class Scored(Protocol):
    """What scoring reads of a finding: the engine's `Finding` and the stored model alike."""

    @property
    def rule_id(self) -> str: ...

    @property
    def severity(self) -> str: ...


def score(findings: Iterable[Scored]) -> int:
    seen: Counter[str] = Counter()
    total = 0.0
    for f in findings:
        total += math.ldexp(PENALTY[f.severity], -seen[f.rule_id])
        seen[f.rule_id] += 1
    return max(0, round(100 - total))


def conclusion(value: int, findings: Iterable[Scored]) -> str:
    if value < FAIL_BELOW:
        return FAIL
    if value >= PASS_MIN and not any(f.severity == "high" for f in findings):
        return PASS
    return REVISE

"""Evaluation set for header matching: real-style header cells and their right data elements.

`python -m jianfu.reports.headers_eval` prints top-1 / top-3 accuracy and every miss.
"""

from __future__ import annotations

import pathlib
import time
from dataclasses import dataclass

import yaml

HERE = pathlib.Path(__file__).resolve().parent
FORMS = HERE.parent / "forms"


@dataclass
class Result:
    total: int
    top1: int
    top3: int
    none_total: int
    none_right: int
    seconds: float
    misses: list[tuple[str, str | None, list[str], str | None]]

    @property
    def accuracy(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_accuracy(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def load_cases(name: str = "headers.yaml") -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["headers"]


def evaluate(catalog=None, *, name: str = "headers.yaml") -> Result:
    from jianfu.reports.engine import load_directory
    from jianfu.reports.engine.headers import HeaderMatcher, fact_key

    catalog = catalog or load_directory(FORMS)
    matcher = HeaderMatcher(catalog)
    cases = load_cases(name)
    top1 = top3 = none_total = none_right = 0
    misses = []
    started = time.perf_counter()
    for case in cases:
        expected = case["e"]
        accepted = set(expected) if isinstance(expected, list) else ({expected} if expected else set())
        m = matcher.match(case["h"], parent=case.get("p"))
        got = m.best.ref if m.best else None
        # a different name for the very same fact is right too
        facts = {fact_key(catalog, a) for a in accepted}
        if got is not None and got not in accepted and fact_key(catalog, got) in facts:
            accepted = accepted | {got}
        accepted |= {s.ref for s in m.alternatives if fact_key(catalog, s.ref) in facts}
        if not accepted:
            none_total += 1
            ok = got is None
            none_right += ok
            top1 += ok
            top3 += ok
        else:
            ok = got in accepted
            top1 += ok
            top3 += ok or any(s.ref in accepted for s in m.alternatives)
        if not ok:
            misses.append((case["h"], case.get("p"), sorted(accepted), got))
    return Result(len(cases), top1, top3, none_total, none_right, time.perf_counter() - started, misses)

"""`python -m jianfu.reports.headers_eval`: accuracy of header matching on the evaluation set."""

from __future__ import annotations

import sys

from . import evaluate


def main() -> int:
    for name, title in (("headers.yaml", "评测集"), ("holdout.yaml", "留出集")):
        report(evaluate(name=name), title)
    return 0


def report(r, title: str) -> None:
    print(f"== {title}")
    for header, parent, expected, got in r.misses:
        where = f"{parent} / {header}" if parent else header
        print(f"  ✗ {where}: 应为 {' 或 '.join(expected) or '（无）'}，推荐 {got or '（无）'}")
    print(f"表头 {r.total} 个：首选正确 {r.top1}（{r.accuracy:.1%}），前三含正确 {r.top3}（{r.top3_accuracy:.1%}）；"
          f"应不匹配的 {r.none_total} 个中判对 {r.none_right}；用时 {r.seconds:.2f} 秒")


if __name__ == "__main__":
    sys.exit(main())

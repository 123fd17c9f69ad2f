"""Render a review as standalone HTML (for `manage.py review_document --format html`); the web page
uses Django templates with the same highlighting."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from .rules import GROUPS, SEVERITIES

if TYPE_CHECKING:
    from . import ReviewResult
    from .matcher import Finding

_CSS = """body{font-family:'Noto Sans SC','Microsoft YaHei',sans-serif;max-width:960px;margin:2em auto;line-height:1.8}
mark{padding:0 .1em}mark.high{background:#f8c4c4}mark.medium{background:#fde8a6}mark.low{background:#dbeafe}
.finding{border-left:4px solid #999;padding:.2em .8em;margin:.4em 0;font-size:.92em}
.finding.high{border-color:#c0392b}.finding.medium{border-color:#d68910}.finding.low{border-color:#2e86c1}
.clause{margin:.6em 0}.meta{color:#555}"""


def highlight(text: str, findings: Iterable[Finding]) -> str:
    """Clause text with <mark> around each finding's span (overlaps merged, first severity wins)."""
    # the hover names the finding by its title, the code after it (session 10: 要求报送贯彻落实情况（BR-DOC-02）)
    spans = sorted((f.start, f.end, f.severity, f.rule_id, f.rule_name) for f in findings)
    out: list[str] = []
    pos = 0
    for start, end, severity, rule_id, rule_name in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        hover = f"{rule_name}（{rule_id}）" if rule_name else rule_id
        out.append(f'<mark class="{severity}" title="{escape(hover)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def to_html(result: ReviewResult) -> str:
    doc = result.document
    by_clause: dict[int | None, list[Finding]] = {}
    for f in result.findings:
        by_clause.setdefault(f.clause_index, []).append(f)
    parts = [f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{escape(doc.title)} — 审查结果"
             f"</title><style>{_CSS}</style></head><body>",
             f"<h1>{escape(doc.title)}</h1>",
             f"<p class=\"meta\">文种：{escape(doc.kind)}　字数：{doc.length}　条款：{doc.clause_count}　"
             f"结论：<strong>{escape(result.conclusion)}</strong>　得分：<strong>{result.score}</strong>　"
             f"问题：{len(result.findings)} 处</p>"]
    for f in by_clause.get(None, []):
        parts.append(_finding_html(f))
    for clause in doc.clauses:
        found = by_clause.get(clause.index, [])
        parts.append(f"<div class=\"clause\"><p>{highlight(clause.text, found)}</p>")
        parts.extend(_finding_html(f) for f in found)
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _finding_html(f: Finding) -> str:
    return (f"<div class=\"finding {f.severity}\"><strong>{escape(f.rule_id)} {escape(f.rule_name)}</strong>"
            f"（{escape(GROUPS.get(f.group, f.group))}，{SEVERITIES.get(f.severity, f.severity)}）<br>"
            f"依据：{escape(f.provision)}<br>建议：{escape(f.suggestion)}</div>")

"""Structure of a Chinese official document: numbered clauses with their heading path, the document's
kind (通知, 实施方案 …), its issuer type and its length in characters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .readers import Paragraph, SourceDocument

_CN = "一二三四五六七八九十百零〇"
# (level, regex) — level 0 = 章, 1 = 一、, 2 = （一）, 3 = 1. / 第X条, 4 = （1）
_NUMBERING = [
    (0, re.compile(rf"^第[{_CN}\d]+[章节部分]\s*")),
    (1, re.compile(rf"^[{_CN}]+[、.．]\s*")),
    (2, re.compile(rf"^[（(][{_CN}]+[）)]\s*")),
    (3, re.compile(rf"^第[{_CN}\d]+条\s*")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)\s*")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]\s*")),
    (5, re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]\s*")),
]
_TITLE_END = re.compile(r"[。：:；;]")


@dataclass
class Clause:
    index: int
    text: str
    number: str  # the numbering label, e.g. "（二）", "" for an unnumbered paragraph
    level: int | None
    heading_path: list[str]
    paragraph_index: int
    page: int | None
    start: int  # offset of the clause text in Document.text
    source_index: int | None = None

    @property
    def heading(self) -> str:
        return " › ".join(self.heading_path)


@dataclass
class Document:
    title: str
    kind: str
    issuer: str  # department | government | township | unknown
    clauses: list[Clause]
    text: str
    length: int  # characters of the body, without whitespace, attachments excluded
    pages: int | None
    fmt: str
    warnings: list[str] = field(default_factory=list)
    title_index: int | None = None

    @property
    def clause_count(self) -> int:
        """The clauses a reader counts: the title, kept as a clause so DOC rules can read it, is not one of them."""
        return len(self.clauses) - (self.title_index is not None)


# Kinds, most specific first. The first that occurs in the title wins.
KINDS = [
    "专项行动方案", "实施方案", "工作方案", "行动方案", "考核办法", "考核细则", "实施细则", "管理办法", "实施意见",
    "指导意见", "工作要点", "规划", "决定", "通报", "通知", "意见", "办法", "细则", "方案", "规定", "要点", "报告", "函",
]
SPECIAL_TASK_KINDS = {"专项行动方案", "实施方案", "工作方案", "行动方案", "考核办法", "考核细则", "方案", "通知", "函"}
COMPREHENSIVE_MARKERS = ("工作要点", "规划", "决定", "总体", "综合", "全面")


def detect_kind(title: str) -> str:
    for kind in KINDS:
        if kind in title:
            return kind
    return "其他"


_GOVERNMENT = re.compile(r"(人民政府|党委|县委|市委|区委|政府办公室|党委办公室|县委办公室|人民政府办公室)")
_TOWNSHIP = re.compile(r"(乡|镇|街道)(人民政府|党委|委员会|办事处)|中共[^。]{0,8}(乡|镇)委员会|[^县市]{1,6}(镇|乡)人民政府")
_DEPARTMENT = re.compile(r"(局|委员会|厅|办公室|中心|领导小组|指挥部|工作组|公司|联合会|协会)$|[^委政府]{2,}(局|委|办)")


def detect_issuer(title: str, header: list[str]) -> str:
    """Who issued the document, from the title ("XX县XX局关于…的通知") or the first short lines."""
    candidates = []
    m = re.match(r"^(.{2,40}?)关于", title)
    if m:
        candidates.append(m.group(1))
    candidates.extend(h for h in header if len(h) <= 30 and not h.endswith(("。", "：")))
    for c in candidates:
        c = re.sub(r"(文件|〔\d{4}〕.*|\[\d{4}\].*)$", "", c.strip())
        if not c:
            continue
        if _TOWNSHIP.search(c):
            return "township"
        if _GOVERNMENT.search(c) and "领导小组" not in c:
            return "government"
        if _DEPARTMENT.search(c):
            return "department"
    return "unknown"


def numbering_of(text: str) -> tuple[int | None, str]:
    for level, pattern in _NUMBERING:
        m = pattern.match(text)
        if m:
            return level, m.group(0).strip()
    return None, ""


def _heading_label(text: str, number: str) -> str:
    """A short label for the heading path: the numbering plus the title part (up to the first 。)."""
    rest = text[len(number):].strip() if text.startswith(number) else text
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    if len(title) > 24:
        title = title[:24] + "…"
    return f"{number}{title}"


def split(source: SourceDocument) -> Document:
    paragraphs = source.paragraphs
    title = _find_title(paragraphs)
    header = [p.text for p in paragraphs[:6]]
    clauses: list[Clause] = []
    stack: list[tuple[int, str]] = []  # (level, label)
    offset = 0
    for index, para in enumerate(paragraphs):
        level, number = numbering_of(para.text)
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            path = [label for _, label in stack] + [_heading_label(para.text, number)]
            stack.append((level, _heading_label(para.text, number)))
        else:
            path = [label for _, label in stack]
        clauses.append(Clause(index=len(clauses), text=para.text, number=number, level=level, heading_path=path,
                              paragraph_index=index, page=para.page, start=offset,
                              source_index=para.source_index))
        offset += len(para.text) + 1
    text = "\n".join(p.text for p in paragraphs)
    title_index = next((c.index for c in clauses[:8] if c.text == title), None)
    return Document(title=title, kind=detect_kind(title), issuer=detect_issuer(title, header), clauses=clauses,
                    text=text, length=body_length(paragraphs), pages=source.pages, fmt=source.fmt,
                    warnings=list(source.warnings), title_index=title_index)


# A first line that ends in a kind of document (…的通知, …工作方案（试行）, even with a stray 。 or ：) is the title.
# A sentence (it has a comma: 考核结果定期通报。) is not a title.
_KIND_ENDING = re.compile(r"(通知|方案|办法|意见|细则|规定|要点|规划|决定|函)(（[^）]{1,12}）|\([^)]{1,12}\))?[。：:；;]?$")


def _find_title(paragraphs: list[Paragraph]) -> str:
    if len(paragraphs) < 2:
        # a single line is a clause to review, not a title (titles are checked against DOC rules only)
        return ""
    first = paragraphs[0].text
    if len(first) <= 120 and _KIND_ENDING.search(first) and not re.search("[，,]", first) and \
            numbering_of(first)[0] is None:
        return first
    for p in paragraphs[:8]:
        if "关于" in p.text and len(p.text) <= 80 and not p.text.endswith("。"):
            return p.text
    for p in paragraphs[:3]:
        if len(p.text) <= 60 and any(k in p.text for k in KINDS) and not p.text.endswith(("。", "；")) and \
                numbering_of(p.text)[0] is None:
            return p.text
    first = paragraphs[0].text if paragraphs else ""
    if len(paragraphs) > 1 and len(first) <= 60 and not first.endswith(("。", "；", "：")) and \
            numbering_of(first)[0] is None:
        return first
    return ""


_ATTACHMENT = re.compile(r"^附\s*件\s*\d*\s*[：:]?")


def body_length(paragraphs: Iterable[Paragraph]) -> int:
    """Characters of the body without whitespace. Counting stops at the attachments ("附件：…"), which
    the length rule counts separately (a policy choice documented in docs/review.md)."""
    total = 0
    for p in paragraphs:
        if _ATTACHMENT.match(p.text) and total > 0:
            break
        total += len(re.sub(r"\s", "", p.text))
    return total

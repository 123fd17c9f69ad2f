"""Document review (减负一致性评估) benchmark.

Rows:
- review_50_pages: one synthetic 50-page draft (GB/T 9704 page = 22 lines x 28 characters, so ~30,800
  characters, ~600 numbered clauses built from the project's own annotated corpus) reviewed end to end
  from pasted text: reading, clause splitting, all clause rules with negation/quotation/exemption
  checks (jieba), scoring. Target < 2 s.
  Floor: the same text read and split into clauses, then scanned with every rule pattern as plain
  regexes (no context checks) — what a keyword scanner would cost. The ratio is the price of the
  context checks.
- review_batch: 20 documents of 5 to 50 pages; pages per second over the batch (median of runs).
- annotate_docx_50_pages: writing the annotated .docx for the 50-page review.
"""

from __future__ import annotations

import random

from bench.common import SMOKE, peak_mb, row, timed
from jianfu.review.engine import load_catalogue, readers, review_text, structure
from jianfu.review.engine.annotate import annotate
from jianfu.review.engine.evaluate import load_split

PAGE_CHARS = readers.CHARS_PER_PAGE
CN = "一二三四五六七八九十"
PAGES = 2 if SMOKE else 50  # the single document; the batch is 20 documents of 5..50 pages (2 of 1..2 in smoke)
BATCH_PAGES = range(1, 3) if SMOKE else range(5, 51, 5)
REPEAT = 1 if SMOKE else 5


def synthetic_document(pages: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    sentences = [item.text for item in load_split("dev")] + [item.text for item in load_split("heldout")]
    lines = ["XX县关于印发《2025年基层治理重点工作实施方案》的通知"]
    target = pages * PAGE_CHARS
    size, part, section = 0, 0, 0
    while size < target:
        if section % 6 == 0:
            part += 1
            line = f"{CN[(part - 1) % 10]}、第{part}部分工作任务"
        else:
            line = f"（{CN[(section % 6) - 1]}）" + rng.choice(sentences).lstrip("（一二三四五六七八九十）、第条 ")
        section += 1
        lines.append(line)
        size += len(line)
    return "\n".join(lines)


def _regex_floor(text: str, patterns) -> int:
    doc = structure.split(readers.read_text(text))
    hits = 0
    for clause in doc.clauses:
        for pattern in patterns:
            if pattern.search(clause.text):
                hits += 1
    return hits


def run() -> list[dict]:
    catalogue = load_catalogue()
    review_text("预热：实行一票否决。")  # load jieba once, as a running server has
    text = synthetic_document(PAGES)
    patterns = [p.regex for r in catalogue.clause_rules for p in r.patterns]
    median, _ = timed(lambda: review_text(text), repeat=REPEAT)
    floor, _ = timed(lambda: _regex_floor(text, patterns), repeat=REPEAT)
    result = review_text(text)
    rows = [row(f"review_{PAGES}_pages", median, floor_median_s=floor, peak=peak_mb(lambda: review_text(text)),
                chars=len(text), clauses=len(result.document.clauses), findings=len(result.findings),
                pages_per_s=round(PAGES / median, 1))]

    batch = [synthetic_document(pages, seed=pages) for pages in BATCH_PAGES for _ in range(2)]
    total_pages = sum(BATCH_PAGES) * 2

    def review_batch():
        for doc in batch:
            review_text(doc)

    batch_median, _ = timed(review_batch, repeat=min(3, REPEAT), warmup=0)
    rows.append(row(f"review_batch_{len(batch)}_docs", batch_median, pages=total_pages,
                    pages_per_s=round(total_pages / batch_median, 1)))
    annotate_median, _ = timed(lambda: annotate(result), repeat=min(3, REPEAT))
    rows.append(row(f"annotate_docx_{PAGES}_pages", annotate_median, comments=len(result.findings) + 1))
    return rows

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
- review_67_real_documents: the real provincial documents of the review's evaluation set (issue 10), read
  from ../shared/data/gov_docs/ (no row when absent), reviewed whole; floor: the same plain regex scan.

With `JIANFU_BENCH_SMOKE=1` (bench.common.SMOKE) the sizes are tiny: a 2-page draft, 2 drafts, 3 documents.
"""

from __future__ import annotations

import random

from bench import common
from bench.common import peak_mb, row, timed
from jianfu.review.engine import load_catalogue, readers, realdocs, review_text, structure
from jianfu.review.engine.annotate import annotate
from jianfu.review.engine.corpus import load_split

PAGE_CHARS = readers.CHARS_PER_PAGE
CN = "一二三四五六七八九十"


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
    smoke = common.SMOKE  # tiny sizes: `make test` proves the benchmark still runs
    pages, repeat = (2, 1) if smoke else (50, 5)
    catalogue = load_catalogue()
    review_text("预热：实行一票否决。")  # load jieba once, as a running server has
    text = synthetic_document(pages)
    patterns = [p.regex for r in catalogue.clause_rules for p in r.patterns]
    median, _ = timed(lambda: review_text(text), repeat=repeat)
    floor, _ = timed(lambda: _regex_floor(text, patterns), repeat=repeat)
    result = review_text(text)
    rows = [row(f"review_{pages}_pages", median, floor_median_s=floor, peak=peak_mb(lambda: review_text(text)),
                chars=len(text), clauses=len(result.document.clauses), findings=len(result.findings),
                pages_per_s=round(pages / median, 1))]
    rows.extend(_real_documents(patterns, smoke=smoke))

    sizes = [2, 3] if smoke else [p for p in range(5, 51, 5) for _ in range(2)]
    batch = [synthetic_document(n, seed=n) for n in sizes]
    total_pages = sum(sizes)

    def review_batch():
        for doc in batch:
            review_text(doc)

    batch_median, _ = timed(review_batch, repeat=1 if smoke else 3, warmup=0)
    rows.append(row(f"review_batch_{len(batch)}_docs", batch_median, pages=total_pages,
                    pages_per_s=round(total_pages / batch_median, 1)))
    annotate_median, _ = timed(lambda: annotate(result), repeat=1 if smoke else 3)
    rows.append(row(f"annotate_docx_{pages}_pages", annotate_median, comments=len(result.findings) + 1))
    return rows


def _real_documents(patterns, *, smoke: bool) -> list[dict]:
    """The real provincial documents of the evaluation sets (../shared/data/gov_docs/), reviewed whole: real
    drafting has long sentences, so the context checks run on more hits than in the synthetic draft. Skipped
    (no row) when the documents are not on this machine."""
    if realdocs.data_path() is None:
        return []
    documents = realdocs.load_documents()
    ids = sorted({label.doc_id for label in realdocs.load_labels(realdocs.label_path("real_dev"))})
    texts = [documents[i]["title"] + "\n" + documents[i]["text"] for i in ids[: 3 if smoke else len(ids)]]
    chars = sum(len(t) for t in texts)

    def review_all():
        for text in texts:
            review_text(text)

    def floor_all():
        for text in texts:
            _regex_floor(text, patterns)

    repeat = 1 if smoke else 3
    median, _ = timed(review_all, repeat=repeat)
    floor, _ = timed(floor_all, repeat=repeat)
    return [row(f"review_{len(texts)}_real_documents", median, floor_median_s=floor, chars=chars,
                chars_per_s=round(chars / median))]

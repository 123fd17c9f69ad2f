"""bench/bench_review.py still runs, on the tiny sizes of `JIANFU_BENCH_SMOKE=1`."""

from __future__ import annotations

from bench import bench_review, common


def test_the_review_benchmark_runs_on_smoke_sizes(monkeypatch):
    monkeypatch.setattr(common, "SMOKE", True)
    rows = {r["name"]: r for r in bench_review.run()}
    assert {"review_2_pages", "review_batch_2_docs", "annotate_docx_2_pages"} <= set(rows)
    first = rows["review_2_pages"]
    assert first["findings"] > 0 and first["median_s"] > 0 and first["ratio"] > 0

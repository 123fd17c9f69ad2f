"""Routing speed (issue 4, "Performance"): latency per event (p50, p99; target p99 < 20 ms) and batch
throughput, for the catalogue mode and the learned mode.

Events: the project's hand-written held-out events and its generated training events
(jianfu/dispatch/data/training/), cycled to 600 single calls and a 3,000-event batch. The learned model
is trained here on the generated events (department labels), as a deployment would with its own.

Floors (what the router cannot beat):
* catalogue mode — a plain keyword lookup: scan every keyword of every matter in the text and take the
  matter with most hits (no segmentation, no model);
* learned mode — the bare scikit-learn ``predict_proba`` on input that is already vectorised (no text
  clean-up, segmentation or TF-IDF).
The ``ratio`` column is router time / floor time per event.
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

from bench.common import SMOKE, peak_mb, row, timed

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "jianfu" / "dispatch" / "data" / "training"
SINGLES, BATCH, LONG_REPEAT, REPEAT = (20, 100, 2, 1) if SMOKE else (600, 3000, 20, 3)


def _texts(name: str) -> list[dict]:
    with (TRAINING / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


_cpu: dict[int, list[float]] = {}


def _latencies(fn, texts: list) -> list[float]:
    """Wall time per call; the CPU time per call of the same run is kept in ``_cpu[id(result)]``
    (on a shared machine the wall-clock p99 includes waiting for a core)."""
    out, cpu = [], []
    for t in texts:
        started, started_cpu = time.perf_counter(), time.thread_time()
        fn(t)
        cpu.append(time.thread_time() - started_cpu)
        out.append(time.perf_counter() - started)
    _cpu[id(out)] = cpu
    return out


def _cpu_ms(lat: list[float]) -> dict:
    cpu = _cpu[id(lat)]
    return {"cpu_p50_ms": round(_pct(cpu, 0.5) * 1e3, 3), "cpu_p99_ms": round(_pct(cpu, 0.99) * 1e3, 3)}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run() -> list[dict]:
    from jianfu.dispatch.routing import (
        CatalogueRouter,
        HybridRouter,
        LearnedRouter,
        default_catalogue_path,
        load_catalogue_yaml,
        normalize,
    )

    matters, departments = load_catalogue_yaml(default_catalogue_path())
    held = _texts("events_heldout.csv")
    train = _texts("events_train.csv")
    pool = [r["text"] for r in held] + [r["text"] for r in train]
    singles = [pool[i % len(pool)] for i in range(SINGLES)]
    batch = [pool[i % len(pool)] for i in range(BATCH)]

    rows = []
    started = time.perf_counter()
    catalogue = CatalogueRouter(matters)
    build_s = time.perf_counter() - started
    catalogue.route("预热")  # loads jieba's dictionary once

    # floor 1: plain keyword lookup
    keywords = [(m.code, tuple(k.lower() for k in m.keywords)) for m in matters]

    def keyword_lookup(text: str):
        text = text.lower()
        best, hits = None, 0
        for code, kws in keywords:
            n = sum(1 for k in kws if k in text)
            if n > hits:
                best, hits = code, n
        return best

    kw_lat = _latencies(keyword_lookup, singles)
    cat_lat = _latencies(catalogue.route, singles)
    batch_s, _ = timed(lambda: catalogue.route_batch(batch), repeat=REPEAT, warmup=1)
    rows.append(row("routing: catalogue, one event", statistics.median(cat_lat),
                    floor_median_s=statistics.median(kw_lat), p50_ms=round(_pct(cat_lat, 0.5) * 1e3, 3),
                    p99_ms=round(_pct(cat_lat, 0.99) * 1e3, 3), floor="keyword lookup",
                    events=len(singles), matters=len(matters), build_s=round(build_s, 2), **_cpu_ms(cat_lat)))
    rows.append(row(f"routing: catalogue, batch of {BATCH}", batch_s, peak=peak_mb(lambda: catalogue.route_batch(batch)),
                    events_per_s=round(len(batch) / batch_s, 1)))

    # learned mode
    started = time.perf_counter()
    learned = LearnedRouter(matters=matters, departments=departments).fit(
        [r["text"] for r in train], [r["department"] for r in train])
    fit_s = time.perf_counter() - started
    vectorised = [learned.pipeline.named_steps["features"].transform([normalize(t)]) for t in singles]
    clf = learned.pipeline.named_steps["clf"]
    floor_lat = _latencies(clf.predict_proba, vectorised)
    learned_lat = _latencies(learned.route, singles)
    lbatch_s, _ = timed(lambda: learned.route_batch(batch), repeat=REPEAT, warmup=1)
    rows.append(row("routing: learned, one event", statistics.median(learned_lat),
                    floor_median_s=statistics.median(floor_lat), p50_ms=round(_pct(learned_lat, 0.5) * 1e3, 3),
                    p99_ms=round(_pct(learned_lat, 0.99) * 1e3, 3), floor="bare predict_proba on vectorised input",
                    events=len(singles), labels=len(learned.labels), fit_s=round(fit_s, 2), **_cpu_ms(learned_lat)))
    rows.append(row(f"routing: learned, batch of {BATCH}", lbatch_s, peak=peak_mb(lambda: learned.route_batch(batch)),
                    events_per_s=round(len(batch) / lbatch_s, 1)))

    # what an event really costs: the hybrid (learned, then catalogue when unsure)
    hybrid = HybridRouter(catalogue, learned)
    hyb_lat = _latencies(hybrid.route, singles)
    rows.append(row("routing: hybrid decision, one event", statistics.median(hyb_lat),
                    p50_ms=round(_pct(hyb_lat, 0.5) * 1e3, 3), p99_ms=round(_pct(hyb_lat, 0.99) * 1e3, 3),
                    events=len(singles), **_cpu_ms(hyb_lat)))
    long_text = "楼道里一股很浓的煤气味。" + "村民反映情况" * 20_000
    long_lat = _latencies(hybrid.route, [long_text] * LONG_REPEAT)
    rows.append(row("routing: hybrid, 120,000-character text", statistics.median(long_lat),
                    p99_ms=round(max(long_lat) * 1e3, 3), events=LONG_REPEAT, **_cpu_ms(long_lat)))
    import os

    for r in rows:
        r["load_avg_1min"] = round(os.getloadavg()[0], 2)
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)

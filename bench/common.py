"""Shared measuring helpers for `make bench`.

A benchmark module is `bench/bench_<topic>.py` with `def run() -> list[dict]`; each dict is one row of
the table and of `var/bench/results.json`: at least `name`, `median_s`, `floor_median_s` (None when there
is no floor), `ratio`, `peak_mb`, and any extra keys (`rows_per_s`, `p99_ms`, …) the topic wants to show.
Benchmarks are measurements, never assertions: a slow figure is reported, not failed.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

# `JIANFU_BENCH_SMOKE=1`: every topic runs on tiny sizes, so `make test` proves each benchmark still runs.
SMOKE = os.environ.get("JIANFU_BENCH_SMOKE") == "1"


def timed(fn: Callable[[], Any], *, repeat: int = 5, warmup: int = 1) -> tuple[float, list[float]]:
    """Median wall time of `repeat` calls after `warmup` untimed calls, and all the timings."""
    for _ in range(warmup):
        fn()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), timings


def peak_mb(fn: Callable[[], Any]) -> float:
    """Peak Python heap allocated during one call, in MiB (tracemalloc; excludes C allocators)."""
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def max_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(name: str, median_s: float, *, floor_median_s: float | None = None, peak: float | None = None,
        **extra: Any) -> dict:
    ratio = (median_s / floor_median_s) if floor_median_s else None
    return {"name": name, "median_s": round(median_s, 6),
            "floor_median_s": None if floor_median_s is None else round(floor_median_s, 6),
            "ratio": None if ratio is None else round(ratio, 3),
            "peak_mb": None if peak is None else round(peak, 1), **extra}


def setup_django(database_path: str | None = None) -> None:
    """Configure Django for a benchmark, on its own SQLite file under var/bench/ unless DATABASE_URL is set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("JIANFU_ALLOW_LOCAL_SECRETS", "1")  # a benchmark's throw-away database, local secrets
    if database_path and not os.environ.get("DATABASE_URL"):
        if SMOKE and not os.path.exists(database_path):
            shutil.copyfile(migrated_template(), database_path)
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.abspath(database_path)}"
    import django

    django.setup()


def migrated_template(directory: str = "var/bench") -> str:
    """Smoke runs only: an SQLite file migrated once per set of migrations, which every topic's new database starts
    as a copy of (its own `migrate` then has nothing to do). Migrating costs ~15 s of CPU, and `make test` runs every
    topic, so one migration instead of one a topic saves minutes of each CI run. Keyed by the migration files' bytes;
    written under a temporary name and renamed, so a topic never copies a half-migrated file."""
    digest = hashlib.sha256()
    for path in sorted(_migration_files()):
        digest.update(path.encode())
        with open(path, "rb") as handle:
            digest.update(handle.read())
    template = os.path.join(directory, f"migrated-{digest.hexdigest()[:16]}.sqlite3")
    if not os.path.exists(template):
        os.makedirs(directory, exist_ok=True)
        part = f"{template}.{os.getpid()}.part"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{os.path.abspath(part)}"}
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env=env, check=True)
        os.replace(part, template)
    return template


def _migration_files() -> list[str]:
    return glob.glob("jianfu/*/migrations/*.py")


def smoke_divisions_csv(directory: str = "var/bench") -> str:
    """A tiny flat division CSV (合浦县: 2 towns, 6 villages, synthetic names) for smoke runs, so they need
    neither npm nor the 665k-row national table. Returns its path."""
    import csv
    import pathlib

    path = pathlib.Path(directory) / "smoke_divisions.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [("450000000000", "广西壮族自治区", 1, ""), ("450500000000", "北海市", 2, "450000000000"),
            ("450521000000", "合浦县", 3, "450500000000")]
    for town in ("100", "200"):
        rows.append((f"450521{town}000", f"测试镇{town}", 4, "450521000000"))
        rows += [(f"450521{town}{v:03d}", f"测试村{town}{v}", 5, f"450521{town}000") for v in (201, 202, 203)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    return str(path)

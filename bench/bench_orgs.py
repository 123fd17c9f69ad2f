"""Loading the whole national division table (2023, ~665k units) — jianfu's loader vs a floor.

The floor is the least any loader must do: executemany of the same rows into an indexed table of the
same shape with one raw SQL statement, no validation and no idempotency check."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from bench.common import SMOKE, max_rss_mb, row, setup_django, smoke_divisions_csv

BENCH_DIR = Path("var/bench")


def run() -> list[dict]:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db_path = BENCH_DIR / ("orgs_smoke.sqlite3" if SMOKE else "orgs.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    setup_django(str(db_path))
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from jianfu.orgs.divisions import fetch_division_package, read_divisions
    from jianfu.orgs.models import OrgUnit

    call_command("migrate", "--noinput", verbosity=0)
    source = Path(smoke_divisions_csv()) if SMOKE else fetch_division_package(Path(settings.VAR_DIR) / "cache")
    rows = list(read_divisions(source))
    vendor = connection.vendor

    # Floor: raw executemany into a scratch table of the same shape.
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor_units")
        cursor.execute("CREATE TABLE bench_floor_units (code varchar(20) PRIMARY KEY, name varchar(100), "
                       "kind varchar(12), level smallint, parent_code varchar(20))")
        cursor.execute("CREATE INDEX bench_floor_parent ON bench_floor_units (parent_code)")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_floor_units VALUES (%s, %s, %s, %s, %s)",  # same rows, deduplicated
                           [(r.code, r.name, "x", r.level, r.parent_code) for r in rows])
    floor = time.perf_counter() - started

    started = time.perf_counter()
    call_command("orgs_load_divisions", str(source), "--no-progress")
    first = time.perf_counter() - started
    count = OrgUnit.objects.count()
    started = time.perf_counter()
    call_command("orgs_load_divisions", str(source), "--no-progress")
    again = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor_units")
    if os.environ.get("JIANFU_BENCH_KEEP") != "1" and vendor == "sqlite":
        shutil.rmtree(BENCH_DIR / "unused", ignore_errors=True)
    return [
        row(f"orgs_load_divisions {'smoke table' if SMOKE else 'whole country'} ({vendor}, {count} units)", first, floor_median_s=floor,
            peak=max_rss_mb(), rows_per_s=round(count / first)),
        row(f"orgs_load_divisions again, idempotent ({vendor})", again, peak=max_rss_mb()),
    ]

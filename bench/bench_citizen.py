"""Issue 11's hot paths: the case number given to every report, the nearest village for the citizen's
form, and the report validation rules.

- `case_number_next`: one call inside a transaction (the report path runs it for every event),
  against the floor of the same statement through Django's cursor, without the key's formatting.
- `nearest_village`: the nearest of N villages with reference points (N = 3000, the public form's
  cap) — read and scan — against the floor of the same haversine scan over points already in memory
  (what the read costs on top).
- `validation.evaluate`: 200 rules over a 400-cell report, against a hand-written loop doing only the
  comparisons (no messages) — the cost of building the violations.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

from bench.common import SMOKE, peak_mb, row, setup_django, timed

DB = Path("var/bench/citizen.sqlite3")
VILLAGES = 30 if SMOKE else 3000
CELLS = 40 if SMOKE else 400
RULES = 20 if SMOKE else 200
REPEAT = 3 if SMOKE else 9


def _nearest_floor(points, lat, lon):
    best = None
    for code, vlat, vlon in points:
        p1, p2 = math.radians(lat), math.radians(vlat)
        a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(vlon - lon) / 2) ** 2
        km = 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
        if best is None or km < best[1]:
            best = (code, km)
    return best


def run() -> list[dict]:
    DB.parent.mkdir(parents=True, exist_ok=True)
    if DB.exists():
        DB.unlink()
    setup_django(str(DB))
    from django.core.management import call_command
    from django.db import connection, transaction

    from jianfu.dispatch.cases import case_number_next, county_initials
    from jianfu.dispatch.geo import nearest_village
    from jianfu.dispatch.models import CaseCounter, UnitLocation
    from jianfu.orgs.models import OrgUnit
    from jianfu.reports.engine.validation import evaluate

    call_command("migrate", verbosity=0)
    rows: list[dict] = []

    # --- case numbers -------------------------------------------------------------------------
    OrgUnit.objects.get_or_create(code="450521000000", defaults={"name": "合浦县", "kind": "county", "level": 3,
                                                                 "parent_code": "450500000000"})
    county_initials.cache_clear()
    at = dt.datetime(2026, 12, 3, 4, 0, tzinfo=dt.UTC)

    def one_number():
        with transaction.atomic():
            case_number_next("450521000000", at)

    CaseCounter.objects.update_or_create(key="FLOOR", defaults={"last": 0})
    table = CaseCounter._meta.db_table

    def floor_number():
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"UPDATE {table} SET last = last + 1 WHERE key = %s RETURNING last", ["FLOOR"])
            cur.fetchone()

    n = 50 if SMOKE else 500
    number_s, _ = timed(lambda: [one_number() for _ in range(n)], repeat=REPEAT)
    floor_s, _ = timed(lambda: [floor_number() for _ in range(n)], repeat=REPEAT)
    rows.append(row(f"case_number_next x{n} ({connection.vendor})", number_s, floor_median_s=floor_s,
                    peak=peak_mb(one_number), per_call_us=round(number_s / n * 1e6, 1),
                    unique=len(set(CaseCounter.objects.values_list("key", "last"))) == CaseCounter.objects.count()))

    # --- nearest village ----------------------------------------------------------------------
    rng = random.Random(11)
    UnitLocation.objects.all().delete()
    codes = [f"450521{200 + i // 100:03d}{i % 100 + 1:03d}" for i in range(VILLAGES)]
    UnitLocation.objects.bulk_create([UnitLocation(org_code=c, latitude=round(21.3 + rng.random() * 0.8, 6),
                                                   longitude=round(108.9 + rng.random() * 0.8, 6)) for c in codes])
    points = [(c, float(a), float(b)) for c, a, b in UnitLocation.objects.values_list("org_code", "latitude",
                                                                                       "longitude")]
    probe = (21.66, 109.2)
    got = nearest_village(*probe, codes)
    want = _nearest_floor(points, *probe)
    near_s, _ = timed(lambda: nearest_village(*probe, codes), repeat=REPEAT)
    near_floor_s, _ = timed(lambda: _nearest_floor(points, *probe), repeat=REPEAT)
    rows.append(row(f"nearest_village of {VILLAGES}", near_s, floor_median_s=near_floor_s,
                    peak=peak_mb(lambda: nearest_village(*probe, codes)), same_answer=got[0] == want[0]))

    # --- validation rules ---------------------------------------------------------------------
    keys = [f"c{i}" for i in range(CELLS)]
    values = {k: rng.randint(0, 100) for k in keys}
    previous = {k: rng.randint(1, 100) for k in keys}
    rules = []
    for i in range(RULES):
        kind = ("range", "le", "jump")[i % 3]
        a, b = rng.sample(keys, 2)
        rules.append({"kind": "range", "cell": a, "min": 5, "max": 95} if kind == "range" else
                     {"kind": "le", "left": a, "right": b} if kind == "le" else {"kind": "jump", "cell": a, "pct": 50})
    labels = {k: f"项目{k}" for k in keys}

    def floor_rules():
        bad = 0
        for r in rules:
            if r["kind"] == "range":
                v = values[r["cell"]]
                bad += v < r["min"] or v > r["max"]
            elif r["kind"] == "le":
                bad += values[r["left"]] > values[r["right"]]
            else:
                v, p = values[r["cell"]], previous[r["cell"]]
                bad += abs(v - p) / p * 100 > r["pct"]
        return bad

    found = evaluate(rules=rules, values=values, labels=labels, previous=previous)
    eval_s, _ = timed(lambda: evaluate(rules=rules, values=values, labels=labels, previous=previous), repeat=REPEAT)
    eval_floor_s, _ = timed(floor_rules, repeat=REPEAT)
    rows.append(row(f"validation {RULES} rules / {CELLS} cells", eval_s, floor_median_s=eval_floor_s,
                    peak=peak_mb(lambda: evaluate(rules=rules, values=values, labels=labels, previous=previous)),
                    violations=len(found), same_count=len(found) == floor_rules()))
    return rows

"""就业帮扶: what the first matching request of each day costs (session 28, branch bench-day28).

A scope's seeker index is keyed by the day (`matchsvc.scope_stamp` holds `local_today()`; ages are read against it),
and so is the posting side a web process keeps (`matchsvc._postings_stamp`): the first 适合的求职者 / 推荐岗位 request
of a new day finds neither. The daily warm (`tasks.seeker_index_daily_warm_task`, 00:05 China time) builds the new
day's indexes and text model in the task queue's process. Measured here, each day a new one (the code's clock seam:
`local_today`, frozen to a date and moved on by a day), in a process that served the day before:

- no warm ran: the first `seekers_for` of each scope (county, a town, a village) and the first `jobs_for`;
- after the daily warm (run in this process, its indexes then dropped from the process as a web process never held
  them): with the stamp → key cache shared (Redis: the index is found under the scope's stamp and loaded from var/)
  and with a per-process cache (the default LocMemCache: the people are read and keyed, the index loaded from var/);
- the same, after the web process's own nightly warm (`config.warmup.daily_matching_warm`, `matchsvc.warm_process`,
  session 28), whose time is measured too;
- the second request of a day (warm), and the warm run's own time.

Floor, in the same run: the request's list by brute force without an index — every person of the scope scored for
the posting (`batch.exact_top_for_jobs`), every posting scored for the person (`exact_top_for_seekers`), on one
`Matcher` holding both sides with the county's text model (built before, not timed), as the matching benches do.

Data (one subprocess each, so each starts as a new web process would): `demo` — `manage.py demo_load` (合浦县's demo);
`county` — 5,000 key persons still looking for work in 15 towns × 20 villages (`JIANFU_BENCH_DAY_PEOPLE`), 3,000 open
postings from `matching.synth` (`JIANFU_BENCH_DAY_POSTINGS`), 100 referrals. `JIANFU_BENCH_DAY_DAYS` (4) days of each
kind; p99 is the slowest of so few. Peak memory: the process's peak RSS during the step (VmHWM reset before it).
`JIANFU_BENCH_SMOKE=1`: the county data only, 200 people, 100 postings, 1 day, no floor.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.common import SMOKE, row, setup_django

BENCH_DIR = Path("var/bench")
PEOPLE = 200 if SMOKE else int(os.environ.get("JIANFU_BENCH_DAY_PEOPLE", "5000"))
POSTINGS = 100 if SMOKE else int(os.environ.get("JIANFU_BENCH_DAY_POSTINGS", "3000"))
DAYS = 1 if SMOKE else int(os.environ.get("JIANFU_BENCH_DAY_DAYS", "4"))
WARM_REPEAT = 1 if SMOKE else 10
FLOOR_REPEAT = 3 if SMOKE else 7
VILLAGES_PER_TOWN = 20
FIRST_DAY = dt.date(2026, 12, 7)
DATASETS = ("county",) if SMOKE else tuple(
    os.environ.get("JIANFU_BENCH_DAY_DATA", "demo,county").split(","))
MARK = "BENCH-ROWS "


def _log(message: str) -> None:
    print(f"[employment_day {time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {message}", flush=True)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


# ---------------------------------------------------------------- data

def _seed_county() -> dict[str, object]:
    """The county of the import bench (15 towns, 20 villages each), the people, the postings, 100 referrals and one
    account per scope; returns the accounts by scope name."""
    from django.db import transaction

    from bench.bench_employment_import import TOWNS, setup_county
    from jianfu.accounts.models import User
    from jianfu.employment.matching import synth
    from jianfu.employment.models import KeyPerson, Posting, Referral, SeekerProfile
    from jianfu.orgs.models import OrgUnit
    from jianfu.registry import bulk
    from jianfu.registry.models import Organisation, Person

    setup_county()
    units = [OrgUnit(code=f"{code[:9]}{200 + v:03d}", name=f"{name[:-1]}{v}村委会", kind="village", level=5,
                     parent_code=code) for code, name in TOWNS for v in range(1, VILLAGES_PER_TOWN + 1)]
    OrgUnit.objects.bulk_create(units)
    villages = [u.code for u in units]
    rng = random.Random(28)
    educations = ["primary", "junior", "junior", "senior", "college", ""]
    since = FIRST_DAY - dt.timedelta(days=30)
    with transaction.atomic():
        pids = bulk.insert(Person, [{"org_code": villages[i % len(villages)], "name": f"人员{i}",
                                     "gender": rng.choice("MF"), "education": rng.choice(educations),
                                     "birth_date": dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(16000))}
                                    for i in range(PEOPLE)])
        kids = bulk.insert(KeyPerson, [{"person_id": pid, "org_code": villages[i % len(villages)],
                                        "status": "unemployed", "status_since": since, "identified_on": since,
                                        "is_rural_labour": True, "is_registered_unemployed": i % 3 == 0,
                                        "hardship": []} for i, pid in enumerate(pids)])
        profiles = []
        for i, (kid, s) in enumerate(zip(kids, synth.seekers(PEOPLE, seed=28), strict=True)):
            low = rng.choice([None, 2500, 3000, 3500, 4000, 5000])
            profiles.append({"key_person_id": kid, "org_code": villages[i % len(villages)],
                             "desired_text": s.desired[:200], "experience": s.experience[:500],
                             "certificates": [] if s.certificates in ("", "无") else [s.certificates],
                             "wage_min": low, "wage_max": low + 1000 if low else None,
                             "places": rng.sample(["town", "county", "city", "away"], rng.randint(1, 3)),
                             "limits": ["day_only"] if rng.random() < 0.1 else []})
        bulk.insert(SeekerProfile, profiles)
        org = Organisation.objects.create(org_code=TOWNS[0][0], name="合浦县鑫海水产食品有限公司", kind="enterprise")
        posting_ids = bulk.insert(Posting, [
            {"organisation_id": org.pk, "org_code": TOWNS[n % len(TOWNS)][0], "title": j.title[:100],
             "headcount": 3, "wage_text": str(j.wage)[:60], "place_text": TOWNS[n % len(TOWNS)][1],
             "place_code": TOWNS[n % len(TOWNS)][0], "description": j.description,
             "certificates": [] if j.certificates in ("", "无") else [str(j.certificates)],
             "status": "open", "fingerprint": f"day28-{n}"}
            for n, j in enumerate(synth.jobs(POSTINGS, seed=28))])
        chosen = rng.sample(range(len(kids)), min(100, len(kids)))
        bulk.insert(Referral, [{"key_person_id": kids[i], "posting_id": posting_ids[n % len(posting_ids)],
                                "org_code": villages[i % len(villages)], "status": "recommended",
                                "referred_on": since} for n, i in enumerate(chosen)])
    town = OrgUnit.objects.get(code=TOWNS[0][0])
    accounts = {"county": OrgUnit.objects.get(code="450521000000"), "town": town,
                "village": OrgUnit.objects.get(code=villages[0])}
    roles = {"county": "county_office", "town": "township", "village": "village"}
    return {scope: User.objects.create(username=f"bench_{scope}", role=roles[scope], org_unit=unit)
            for scope, unit in accounts.items()}


def _seed_demo() -> dict[str, object]:
    from django.core.management import call_command

    from jianfu.accounts.models import User

    call_command("demo_load")
    names = {"county": "county_office", "town": "town_quzhang", "village": "village_a"}
    return {scope: User.objects.get(username=name) for scope, name in names.items()}


# ---------------------------------------------------------------- one dataset, in its own process

def measure(dataset: str) -> list[dict]:
    from bench.bench_registry import peak_rss_mb, reset_peak_rss

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db_path = BENCH_DIR / f"employment_day_{dataset}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    var = BENCH_DIR / f"employment_day_{dataset}_var"
    shutil.rmtree(var, ignore_errors=True)
    os.environ["JIANFU_VAR_DIR"] = str(var.resolve())
    os.environ["JIANFU_MATCH_WARM"] = "0"       # no warm queued by the seeding's writes: the bench runs them itself
    setup_django(str(db_path))
    import numpy as np
    from django.core.cache import cache
    from django.core.management import call_command

    from jianfu.employment import matchsvc
    from jianfu.employment.matching import Matcher
    from jianfu.employment.matching.batch import exact_top_for_jobs, exact_top_for_seekers
    from jianfu.employment.models import KeyPerson, PostingStatus
    from jianfu.employment.workflow import ACTIVE_STATUSES
    from jianfu.registry.ledger import values

    call_command("migrate", "--noinput", verbosity=0)
    today = [FIRST_DAY]
    # the code's clock seam: `values.local_today`, and the name matchsvc imported it under
    values.local_today = matchsvc.local_today = lambda: today[0]  # type: ignore[assignment]
    started = time.perf_counter()
    users = _seed_demo() if dataset == "demo" else _seed_county()
    _log(f"{dataset}: seeded in {time.perf_counter() - started:.1f} s")
    posting = matchsvc._open_postings().order_by("pk").first()
    person = KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).select_related("person", "profile").order_by(
        "pk").first()
    assert posting is not None and person is not None
    n_postings = matchsvc._open_postings().count()
    scope_people = {scope: len(matchsvc.scoped_seekers(u)) for scope, u in users.items()}
    _log(f"{dataset}: {scope_people} people, {n_postings} open postings "
         f"({PostingStatus.OPEN}); asking for posting {posting.pk}, person {person.pk}")

    def jobs() -> list:
        return matchsvc.jobs_for(person)

    def seekers(scope: str):
        return lambda: matchsvc.seekers_for(users[scope], posting)

    # the day before: this process served it (its libraries' first use, the posting side, every index)
    matchsvc.seeker_index_warm()
    jobs()
    for scope in users:
        seekers(scope)()

    # the floor: a matcher holding both sides with the county's text model (not timed), scored by brute force
    model = matchsvc.text_model()
    gaz = matchsvc.gazetteer()
    postings = list(matchsvc._open_postings().order_by("pk"))
    floor_s: dict[str, tuple[float, float]] = {}
    for scope, user in [] if SMOKE else users.items():      # a smoke run proves the paths run, not the figures
        people = matchsvc.scoped_seekers(user)
        both = Matcher(jobs=[matchsvc.job_of(p, gaz) for p in postings], seekers=[matchsvc.seeker_of(kp) for kp in people],
                       gazetteer=gaz, outcomes=matchsvc.outcomes(), year=today[0].year, today=today[0],
                       text_encoder=model)
        j = np.array([[p.pk for p in postings].index(posting.pk)])
        timings = []
        for _ in range(FLOOR_REPEAT):
            t0 = time.perf_counter()
            exact_top_for_jobs(both, j)
            timings.append(time.perf_counter() - t0)
        floor_s[scope] = (statistics.median(timings), _p99(timings))
        if scope == "county":
            i = np.array([[kp.pk for kp in people].index(person.pk)])
            timings = []
            for _ in range(FLOOR_REPEAT):
                t0 = time.perf_counter()
                exact_top_for_seekers(both, i)
                timings.append(time.perf_counter() - t0)
            floor_s["jobs"] = (statistics.median(timings), _p99(timings))
        del both
    _log(f"{dataset}: floors " + ", ".join(f"{k} {v[0] * 1000:.1f} ms" for k, v in floor_s.items()))

    steps = ["jobs", *users]
    timed: dict[tuple[str, str], list[float]] = {}
    peaks: dict[tuple[str, str], float] = {}

    def take(kind: str, step: str, fn) -> None:
        reset_peak_rss()
        t0 = time.perf_counter()
        fn()
        timed.setdefault((kind, step), []).append(time.perf_counter() - t0)
        peaks[(kind, step)] = max(peaks.get((kind, step), 0.0), peak_rss_mb() or 0.0)

    def call(step: str):
        return jobs if step == "jobs" else seekers(step)

    def drop_process_indexes() -> None:
        """Today's indexes were built by the task queue's process: a web process holds none of them."""
        with matchsvc._lock:
            matchsvc._indexes.clear()
            matchsvc._texted.clear()

    for day in range(DAYS):
        # a day on which no warm ran before the first request
        today[0] += dt.timedelta(days=1)
        for step in steps:
            take("cold, no warm", step, call(step))
        for _ in range(WARM_REPEAT):
            for step in steps:
                take("second request", step, call(step))
        # a day whose warm ran first, the stamps shared (Redis)
        today[0] += dt.timedelta(days=1)
        take("daily warm run", "all scopes", matchsvc.seeker_index_warm)
        drop_process_indexes()
        for step in steps:
            take("cold after warm, shared cache", step, call(step))
        # a day whose warm ran first in another process, the cache per process (LocMemCache, no Redis)
        today[0] += dt.timedelta(days=1)
        matchsvc.seeker_index_warm()
        drop_process_indexes()
        cache.clear()
        for step in steps:
            take("cold after warm, per-process cache", step, call(step))
        # the same, then the web process's own nightly warm (config/warmup.py `daily_matching_warm`, 00:35 China time)
        today[0] += dt.timedelta(days=1)
        matchsvc.seeker_index_warm()
        drop_process_indexes()
        cache.clear()
        take("web process's nightly warm", "all scopes", matchsvc.warm_process)
        for step in steps:
            take("first request after both warms", step, call(step))
        _log(f"{dataset}: day {day + 1}/{DAYS}: " + ", ".join(
            f"{k[0]}/{k[1]} {v[-1] * 1000:.0f} ms" for k, v in timed.items()))

    load = round(os.getloadavg()[0], 1)
    rows = []
    for (kind, step), values_s in timed.items():
        floor = floor_s.get(step) if step in floor_s else None
        what = ("jobs_for (推荐岗位), every open posting" if step == "jobs" else
                "warm run: every scope's index + text model" if step == "all scopes" else
                f"seekers_for (适合的求职者), {step} scope")
        size = (f"{n_postings} postings" if step == "jobs" else
                f"{sum(scope_people.values())} scope-people" if step == "all scopes" else
                f"{scope_people[step]} people")
        rows.append(row(f"{dataset}: {kind}: {what} ({size})", statistics.median(values_s),
                        floor_median_s=floor[0] if floor else None, peak=peaks[(kind, step)],
                        p99_ms=round(_p99(values_s) * 1000, 1), runs=len(values_s), dataset=dataset,
                        people=scope_people.get("county"), postings=n_postings, load_avg_1m=load))
    return rows


def run() -> list[dict]:
    """Each dataset in its own process (a new web process's state, its own database and var/)."""
    rows: list[dict] = []
    for dataset in DATASETS:
        out = subprocess.run([sys.executable, "-m", "bench.bench_employment_day", dataset], check=True,
                             capture_output=False, stdout=subprocess.PIPE, text=True).stdout
        for line in out.splitlines():
            if line.startswith(MARK):
                rows += json.loads(line.removeprefix(MARK))
            else:
                print(line, flush=True)
    return rows


if __name__ == "__main__":
    print(MARK + json.dumps(measure(sys.argv[1]), ensure_ascii=False), flush=True)

"""就业帮扶 适合的求职者 at a county's scale: the seeker index of 100,000 key-group people (issue 8, ADR 0031).

One account that sees the whole county (the administrator; the county office sees the same people) and 100,000 key
persons still looking for work, each with a registry row and a seeker profile (wishes, experience and certificates
from the matching core's synthetic generator, `matching.synth`), 15 towns × 20 villages, 2,000 referrals.

- key, session 13 (`index_key(scoped_seekers(user))`): what every request did to find its index — read every scoped
  person, build their `Seeker`, their outcomes, hash it all. Floor: `SELECT count(*), max(updated_at)` over the same
  people (the least any "did anything change?" question costs).
- key, session 14 (`scope_stamp(user)`): the stamp (two aggregate queries) a request now asks first.
- cold build: `seeker_index` with nothing in the process nor in var/ (the Matcher over 100,000 people, stored).
- warm load: the stored index read from var/ (`_load_index`), as a new process or a request after a restart does.
- request: one posting's top-10 (`seekers_for`) in a warm process, the session-13 way (the people read and keyed on
  every request) and the session-14 way (the stamp; only the ten recommended are read).

Medians of `JIANFU_BENCH_SEEKER_REPEAT` (5) runs, wall and CPU (`cpu_s`); the cold build runs once. Peak memory is the process's peak RSS
during the step (VmHWM, reset before it). `JIANFU_BENCH_SMOKE=1`: 300 people.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import time
from pathlib import Path

from bench.common import SMOKE, row, setup_django

BENCH_DIR = Path("var/bench")
N = 300 if SMOKE else int(os.environ.get("JIANFU_BENCH_SEEKER_PEOPLE", "100000"))
REPEAT = 2 if SMOKE else int(os.environ.get("JIANFU_BENCH_SEEKER_REPEAT", "5"))
VILLAGES_PER_TOWN = 20
REFERRALS = max(10, N // 50)


def _log(message: str) -> None:
    print(f"[employment_seeker_index {time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {message}", flush=True)


def seed() -> tuple[object, list]:
    """The county (towns of the import bench, 20 villages each), the people, 20 open postings, the referrals;
    returns (the administrator, the postings)."""
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
    admin = User.objects.create(username="bench_admin", role="admin", is_staff=True, is_superuser=True)
    rng = random.Random(14)
    educations = ["primary", "junior", "junior", "senior", "college", ""]
    today = dt.date(2026, 6, 30)
    with transaction.atomic():
        pids = bulk.insert(Person, [{"org_code": villages[i % len(villages)], "name": f"人员{i}",
                                     "gender": rng.choice("MF"), "education": rng.choice(educations),
                                     "birth_date": dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(16000))}
                                    for i in range(N)])
        kids = bulk.insert(KeyPerson, [{"person_id": pid, "org_code": villages[i % len(villages)],
                                        "status": "unemployed", "status_since": today, "identified_on": today,
                                        "is_rural_labour": True, "is_registered_unemployed": i % 3 == 0,
                                        "hardship": []} for i, pid in enumerate(pids)])
        profiles = []
        for kid, s in zip(kids, synth.seekers(N, seed=14), strict=True):
            low = rng.choice([None, 2500, 3000, 3500, 4000, 5000])
            certificates = [] if s.certificates in ("", "无") else [s.certificates]
            profiles.append({"key_person_id": kid, "org_code": villages[(kid - kids[0]) % len(villages)],
                             "desired_text": s.desired[:200], "experience": s.experience[:500],
                             "certificates": certificates, "wage_min": low, "wage_max": low + 1000 if low else None,
                             "places": rng.sample(["town", "county", "city", "away"], rng.randint(1, 3)),
                             "limits": ["day_only"] if rng.random() < 0.1 else []})
        bulk.insert(SeekerProfile, profiles)
        org = Organisation.objects.create(org_code=TOWNS[0][0], name="合浦县鑫海水产食品有限公司", kind="enterprise")
        postings = [Posting.objects.create(
            organisation=org, org_code=code, title=title, headcount=5, wage_min=3500, wage_max=4500, place_text=name,
            place_code=code, description=description, status="open", fingerprint=f"bench-{n}")
            for n, ((code, name), (title, description)) in enumerate(zip(TOWNS, [
                ("海产品分拣工", "分拣冻虾、包装，计件，白班"), ("电子厂普工", "流水线装配，两班倒，包吃住"),
                ("叉车司机", "仓库装卸货，持叉车证上岗"), ("货车司机", "县内配送，需C1驾照"),
                ("养老护理员", "敬老院护理，白班"), ("电工", "工业园设备维护，持低压电工证")] * 4, strict=False))]
        chosen = rng.sample(kids, REFERRALS)
        bulk.insert(Referral, [{"key_person_id": k, "posting_id": postings[i % len(postings)].pk,
                                "org_code": villages[(k - kids[0]) % len(villages)], "status": "recommended",
                                "referred_on": today} for i, k in enumerate(chosen)])
    return admin, postings


def _median(fn, repeat: int = REPEAT) -> tuple[float, float | None, float]:
    """(median wall seconds, peak RSS MiB over the runs, median CPU seconds: the steadier figure on a shared
    machine)."""
    from bench.bench_registry import peak_rss_mb, reset_peak_rss

    reset_peak_rss()
    timings, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        timings.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return statistics.median(timings), peak_rss_mb(), statistics.median(cpus)


def run() -> list[dict]:
    from bench.bench_registry import peak_rss_mb, reset_peak_rss

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db_path = BENCH_DIR / "employment_seeker_index.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    var = BENCH_DIR / "seeker_index_var"          # the indexes' var/ (JIANFU_VAR_DIR): emptied for the cold build
    shutil.rmtree(var, ignore_errors=True)
    os.environ["JIANFU_VAR_DIR"] = str(var.resolve())
    os.environ["JIANFU_MATCH_WARM"] = "0"
    setup_django(str(db_path))
    from django.core.management import call_command
    from django.db import connection

    from jianfu.employment import matchsvc
    from jianfu.employment.matching import Matcher
    from jianfu.employment.workflow import ACTIVE_STATUSES

    call_command("migrate", "--noinput", verbosity=0)
    started = time.perf_counter()
    admin, postings = seed()
    _log(f"seeded {N} people in {time.perf_counter() - started:.1f} s")
    posting = postings[0]
    statuses = ", ".join(f"'{s}'" for s in sorted(ACTIVE_STATUSES))

    def floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*), max(updated_at) FROM employment_keyperson WHERE status IN ({statuses})")
            cursor.fetchone()

    floor_s, _p, floor_cpu = _median(floor)
    key_s, key_peak, key_cpu = _median(lambda: matchsvc.index_key(matchsvc.scoped_seekers(admin)))
    _log(f"session-13 key {key_s:.2f} s ({key_cpu:.2f} s CPU); floor {floor_s * 1000:.1f} ms")
    stamp_s, stamp_peak, stamp_cpu = _median(lambda: matchsvc.scope_stamp(admin))
    _log(f"session-14 stamp {stamp_s * 1000:.1f} ms ({stamp_cpu * 1000:.1f} ms CPU)")

    # the cold build: nothing in this process, nothing in var/
    people = matchsvc.scoped_seekers(admin)
    key = matchsvc.index_key(people)
    matchsvc._build_index(key[1][:50], key[3], [], key[4])   # the libraries' first use (a worker's is long past)
    matchsvc._indexes.clear()
    reset_peak_rss()
    started, cpu = time.perf_counter(), time.process_time()
    matcher = matchsvc.seeker_index(people, key=key)
    build_s, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    build_peak = peak_rss_mb()
    size_mb = matchsvc._index_path(key[0]).stat().st_size / 2**20
    _log(f"cold build {build_s:.1f} s ({build_cpu:.1f} s CPU), file {size_mb:.1f} MiB")
    del matcher, people

    load_s, load_peak, load_cpu = _median(lambda: matchsvc._load_index(key[0]))
    assert isinstance(matchsvc._load_index(key[0]), Matcher)
    _log(f"warm load {load_s:.2f} s")

    def request_s13() -> list:
        """`seekers_for` as session 13 served it: every scoped person read and keyed on every request."""
        kps = {str(kp.pk): kp for kp in matchsvc.scoped_seekers(admin)}
        m = matchsvc.seeker_index(list(kps.values()))
        return [(kps[r.seeker_id], r) for r in m.seekers_for(matchsvc.job_of(posting, m.gazetteer), top=10)]

    first = [(kp.pk, r.score) for kp, r in request_s13()]      # also the numba kernel's and scikit-learn's first use
    before_s, before_peak, before_cpu = _median(request_s13)
    matchsvc.seekers_for(admin, posting)                         # the stamp remembered (a warm process)
    after_s, after_peak, after_cpu = _median(lambda: matchsvc.seekers_for(admin, posting))
    same = [(kp.pk, r.score) for kp, r in matchsvc.seekers_for(admin, posting)] == first
    _log(f"request: session 13 {before_s:.2f} s, session 14 {after_s * 1000:.0f} ms, same list {same}")

    vendor, load = connection.vendor, round(os.getloadavg()[0], 1)
    return [
        row(f"seeker index key {N} people, session 13: read + Seeker + hash ({vendor})", key_s,
            floor_median_s=floor_s, peak=key_peak, runs=REPEAT, cpu_s=round(key_cpu, 3),
            floor_cpu_s=round(floor_cpu, 4), load_avg_1m=load),
        row(f"seeker index key {N} people, session 14: scope_stamp ({vendor})", stamp_s, floor_median_s=floor_s,
            peak=stamp_peak, runs=REPEAT, cpu_s=round(stamp_cpu, 3)),
        row(f"seeker index {N} people, cold build + store ({vendor})", build_s, peak=build_peak,
            cpu_s=round(build_cpu, 1), file_mb=round(size_mb, 1), runs=1),
        row(f"seeker index {N} people, warm load from var/", load_s, peak=load_peak, runs=REPEAT,
            cpu_s=round(load_cpu, 2)),
        row(f"seekers_for top-10 of {N} people, warm process, session 13 path ({vendor})", before_s,
            peak=before_peak, runs=REPEAT, cpu_s=round(before_cpu, 2)),
        row(f"seekers_for top-10 of {N} people, warm process, session 14 path ({vendor})", after_s,
            floor_median_s=floor_s, peak=after_peak, runs=REPEAT, cpu_s=round(after_cpu, 3), same_list=same),
    ]


if __name__ == "__main__":
    for r in run():
        print(r)

"""`POST /open311/v2/requests.json` under 20 concurrent clients on loopback, against the production setup.

Production setup = gunicorn (sync workers) + PostgreSQL when DATABASE_URL (or JIANFU_BENCH_DATABASE_URL)
points at PostgreSQL: the benchmark creates its own database `<name>_bench_open311` on that server,
migrates it, loads a small 合浦县 (20 villages, a 10-matter catalogue, one service with a required
attribute) and an api key, and drops it at the end. Without PostgreSQL it runs on an SQLite file under
var/bench/ and says so in the `db` column. Huey goes to Redis when JIANFU_REDIS_URL is set (production),
else to its SQLite file.

Figures: accepted requests/s (median of 3 rounds of ROUND requests after a warm-up), p50/p99 latency,
the server-side CPU per accepted request (gunicorn processes + the PostgreSQL backends of the bench
database, from /proc) with the rate that CPU allows on 2 idle cores, the 1-minute load average (other
work on a shared machine depresses the wall-clock rate), and the loss check: every 201 returned an id, and the ids returned == the Open311 events stored.
Floors, measured in the same run on the same database with the same 20-way concurrency:
- `floor_median_s`: the same number of direct single-row INSERT transactions into dispatch_event
  (psycopg / sqlite3, no Django, no HTTP) — what the database alone costs;
- `healthz_rps`: a trivial gunicorn endpoint (`GET /healthz`, one `SELECT 1`) — what HTTP + Django
  alone cost on this machine.
"""

from __future__ import annotations

import http.client
import os
import pathlib
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from bench.common import SMOKE

ROOT = pathlib.Path(__file__).resolve().parent.parent
PY = sys.executable
CLIENTS = 4 if SMOKE else 20
ROUND = 20 if SMOKE else int(os.environ.get("JIANFU_BENCH_OPEN311_ROUND", "600"))
ROUNDS = 1 if SMOKE else 3
WARMUP = 4 if SMOKE else 60
# 2 cores: 3 processes x 4 threads (gthread). A request spends most of its wall time waiting on
# PostgreSQL round trips, so threads keep both cores busy without 10+ processes' memory and switching.
WORKERS = 1 if SMOKE else int(os.environ.get("JIANFU_BENCH_GUNICORN_WORKERS", "3"))
THREADS = 2 if SMOKE else int(os.environ.get("JIANFU_BENCH_GUNICORN_THREADS", "4"))
API_KEY = "bench-open311-key-0123456789"
COUNTY = "450521000000"
VILLAGES = [f"450521200{n:03d}" for n in range(201, 221)]
TEXTS = ["村民反映后山林地权属有争议，希望尽快调处", "村道旁一处房屋墙体开裂，担心倒塌", "河道有人倾倒垃圾，气味很大",
         "路灯坏了一个多月，晚上出行不便", "田间灌溉水渠堵塞，影响插秧", "有人在村口违规搭建棚屋",
         "饮用水水质浑浊，请检测", "山边有人私自砍伐树木", "养殖场污水直排入河", "小学门口交通混乱，存在安全隐患"]


# --- database ------------------------------------------------------------------------------------

def _database() -> tuple[str, str, str]:
    """(kind, url for the bench database, admin url or sqlite path)."""
    url = os.environ.get("JIANFU_BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
    if url.startswith(("postgres://", "postgresql://")):
        parts = urllib.parse.urlsplit(url)
        name = (parts.path.lstrip("/") or "jianfu") + "_bench_open311"
        bench = urllib.parse.urlunsplit(parts._replace(path="/" + name))
        admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        return "postgresql", bench, admin
    path = ROOT / "var" / "bench" / ("open311_smoke.sqlite3" if SMOKE else "open311.sqlite3")
    return "sqlite", f"sqlite:///{path}", str(path)


def _pg_admin(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql)


def _fresh_database(kind: str, url: str, admin: str) -> None:
    if kind == "postgresql":
        name = urllib.parse.urlsplit(url).path.lstrip("/")
        _pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(admin, f'CREATE DATABASE "{name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            pathlib.Path(admin + suffix).unlink(missing_ok=True)
        pathlib.Path(admin).parent.mkdir(parents=True, exist_ok=True)


def _drop_database(kind: str, url: str, admin: str) -> None:
    if kind == "postgresql":
        name = urllib.parse.urlsplit(url).path.lstrip("/")
        _pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(url: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings", "JIANFU_DEBUG": "0",
        "JIANFU_ALLOWED_HOSTS": "127.0.0.1,localhost", "JIANFU_VAR_DIR": str(ROOT / "var" / "bench" / "open311-var"),
        "JIANFU_LOG_LEVEL": "ERROR", "JIANFU_DB_CONN_MAX_AGE": "600", "JIANFU_HUEY_NAME": "jianfu-bench-open311",
        # production settings, but the bench's own throw-away secrets under its var dir
        "JIANFU_ALLOW_LOCAL_SECRETS": "1",
    })
    env.pop("JIANFU_TESTING", None)
    return env


def setup_data() -> None:
    """Runs inside a Django process (see __main__): the bench county, catalogue and api key."""
    import datetime as dt

    import django

    django.setup()
    from jianfu.dispatch.models import CatalogueVersion, Matter
    from jianfu.open311clients.models import ServiceAttribute
    from jianfu.open311clients.services import client_issue
    from jianfu.orgs.models import OrgUnit

    units = [("450000000000", "广西壮族自治区", "province", 1, ""), ("450500000000", "北海市", "prefecture", 2, "450000000000"),
             (COUNTY, "合浦县", "county", 3, "450500000000"), ("450521200000", "曲樟乡", "town", 4, COUNTY)]
    units += [(v, f"测试村{i}", "village", 5, "450521200000") for i, v in enumerate(VILLAGES)]
    depts = [(f"{COUNTY}D{i:02d}", name, "department", 3, COUNTY) for i, name in
             enumerate(["县林业局", "县住房和城乡建设局", "县生态环境局", "县水利局", "县交通运输局"], start=1)]
    OrgUnit.objects.bulk_create([OrgUnit(code=c, name=n, kind=k, level=lv, parent_code=p) for c, n, k, lv, p in units + depts])
    version = CatalogueVersion.objects.create(org_code=COUNTY, number=1, name="基准测试清单", state="published",
                                              effective_from=dt.date(2020, 1, 1))
    for i in range(10):
        Matter.objects.create(version=version, org_code=COUNTY, code=f"M-{i:02d}", name=f"事项{i}", group="综合",
                              keywords=["测试"], department_code=depts[i % len(depts)][0], time_limit_days=5)
    ServiceAttribute.objects.create(org_code=COUNTY, matter_code="M-00", code="kind", description="类型",
                                    datatype="singlevaluelist", required=True,
                                    values=[{"key": "a", "name": "甲"}, {"key": "b", "name": "乙"}])
    client_issue(actor=None, name="基准测试客户端", org_code=COUNTY, raw_key=API_KEY)


# --- load generation -----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _body(i: int) -> bytes:
    rnd = random.Random(i)
    matter = rnd.randrange(10)
    data = {"api_key": API_KEY, "service_code": f"M-{matter:02d}", "address_id": rnd.choice(VILLAGES),
            "description": f"{rnd.choice(TEXTS)}（第{i}号）", "lat": f"{21.6 + rnd.random() / 10:.6f}",
            "long": f"{109.2 + rnd.random() / 10:.6f}", "first_name": "某", "last_name": "王"}
    if matter == 0:
        data["attribute[kind]"] = rnd.choice("ab")
    return urllib.parse.urlencode(data).encode()


def _fire(port: int, jobs: list, *, method: str, path: str) -> tuple[float, list[float], list[tuple[int, bytes]]]:
    """Send `jobs` (bodies or None) with CLIENTS threads; wall time, latencies, (status, body) per job."""
    lock = threading.Lock()
    queue = list(enumerate(jobs))
    results: list = [None] * len(jobs)
    latencies: list[float] = []

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                idx, body = queue.pop()
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"} if body else {}
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                results[idx] = (resp.status, resp.read())
            except OSError as exc:
                results[idx] = (0, str(exc).encode())
            finally:
                conn.close()
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies, results


def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not become ready")


def _direct_inserts(kind: str, url: str, admin: str, n: int) -> float:
    """n single-row INSERT transactions into dispatch_event from CLIENTS threads (source 'api')."""
    now = "2026-01-01 00:00:00+00"
    sql = ("INSERT INTO dispatch_event (created_at, updated_at, org_code, county_code, text, status, urgency, source, "
           "address, attributes, reporter_name, reporter_contact, reporter_contact_cipher, withhold_identity, client_id, feedback_token, "
           "department_code, routing_mode, routing_candidates, resolution, reminded, escalation_level, return_count, "
           "reopen_count, was_overdue) VALUES ({p}, {p}, {p}, {p}, {p}, 'reported', 'normal', 'api', '', '{{}}', '', '', '', "
           "false, '', {p}, '', '', '[]', '', false, 0, 0, 0, false)")
    counter = iter(range(n))
    lock = threading.Lock()

    def worker():
        if kind == "postgresql":
            import psycopg

            conn = psycopg.connect(url.replace("postgresql://", "postgres://", 1))
            q = sql.format(p="%s")
        else:
            import sqlite3

            conn = sqlite3.connect(admin, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            q = sql.format(p="?").replace("false", "0")
        try:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                params = (now, now, VILLAGES[i % 20], COUNTY, f"直接插入{i}", f"floor-{i}-{random.random()}")
                if kind == "postgresql":
                    with conn.transaction():
                        conn.execute(q, (params[0], params[1], params[2], params[3], params[4], params[5]))
                else:
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute(q, params)
                    conn.execute("COMMIT")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def _count(kind: str, url: str, admin: str, sql: str) -> int:
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchone()[0]
    import sqlite3

    with sqlite3.connect(admin) as conn:
        return conn.execute(sql).fetchone()[0]


def _stored_ids(kind: str, url: str, admin: str) -> set[str]:
    sql = "SELECT id FROM dispatch_event WHERE source = 'open311'"
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(url) as conn:
            rows = conn.execute(sql).fetchall()
    else:
        import sqlite3

        with sqlite3.connect(admin) as conn:
            rows = conn.execute(sql).fetchall()
    return {f"WG{r[0]:08d}" for r in rows}


def _server_pids(gunicorn_pid: int, db_name: str | None) -> list[int]:
    """The gunicorn master and workers, and the PostgreSQL backends serving the bench database."""
    pids = [gunicorn_pid]
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == gunicorn_pid or (db_name and db_name.encode() in (entry / "cmdline").read_bytes()):
                pids.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


def _is_child(pid: int, parent: int) -> bool:
    try:
        return int(pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) == parent
    except (OSError, ValueError, IndexError):
        return False


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for pid in pids:
        try:
            fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
        except (OSError, ValueError, IndexError):
            continue
    return out


def _huey(env: dict):
    """The bench's task queue as the server sees it (Redis), or None for the SQLite queue."""
    if not env.get("JIANFU_REDIS_URL"):
        return None
    import huey

    return huey.PriorityRedisHuey(env.get("JIANFU_HUEY_NAME", "jianfu"), url=env["JIANFU_REDIS_URL"])


def _drain(env: dict, timeout: float = 60) -> int | None:
    """Wait until the worker has taken every queued task (Redis only); the tasks left, if any."""
    queue = _huey(env)
    if queue is None:
        return None
    deadline = time.monotonic() + timeout
    while (left := queue.pending_count()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _flush_queue(env: dict) -> None:
    queue = _huey(env)
    if queue is not None:
        queue.flush()


def _pctl(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def run() -> list[dict]:
    import json

    from bench.common import row

    kind, url, admin = _database()
    _fresh_database(kind, url, admin)
    env = _env(url)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "-m", "bench.bench_open311", "setup"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    threads = ["--threads", str(THREADS), "--worker-class", "gthread"] if THREADS > 1 else []
    proc = subprocess.Popen([str(pathlib.Path(PY).parent / "gunicorn"), "config.wsgi:application", "-b",
                             f"127.0.0.1:{port}", "-w", str(WORKERS), *threads, "--backlog", "512",
                             "--log-level", "warning"], cwd=ROOT, env=env)
    # the huey worker runs the notifications the POSTs schedule; its CPU counts as server CPU
    consumer = subprocess.Popen([PY, "manage.py", "run_huey", "--quiet"], cwd=ROOT, env=env)
    try:
        _wait_ready(port, proc)
        sent_ok: list[str] = []
        failures: dict[int, int] = {}

        def post(bodies):
            wall, lat, results = _fire(port, bodies, method="POST", path="/open311/v2/requests.json")
            for status, content in results:
                if status == 201:
                    sent_ok.append(json.loads(content)[0]["service_request_id"])
                else:
                    failures[status] = failures.get(status, 0) + 1
            return wall, lat

        post([_body(i) for i in range(WARMUP)])
        db_name = urllib.parse.urlsplit(url).path.lstrip("/") if kind == "postgresql" else None
        _drain(env)
        cpu_before = _cpu_seconds(_server_pids(proc.pid, db_name) + [consumer.pid])
        rounds, all_lat = [], []
        for r in range(ROUNDS):
            wall, lat = post([_body(WARMUP + r * ROUND + i) for i in range(ROUND)])
            rounds.append(wall)
            all_lat.extend(lat)
        queued_after_rounds = _drain(env)
        # sealing after commit skips when another sealer holds the lock: what it left to the next
        # commit / the minutely job at the end of the burst
        unsealed = _count(kind, url, admin, "SELECT count(*) FROM core_auditrecord WHERE seq IS NULL")
        after_pids = _server_pids(proc.pid, db_name)
        cpu_after = _cpu_seconds(after_pids + [consumer.pid])
        web = {proc.pid} | {p for p in after_pids if p != proc.pid and _is_child(p, proc.pid)}
        server_cpu = sum(v - cpu_before.get(pid, 0.0) for pid, v in cpu_after.items())
        web_cpu = sum(v - cpu_before.get(pid, 0.0) for pid, v in cpu_after.items() if pid in web)
        worker_cpu = cpu_after.get(consumer.pid, 0.0) - cpu_before.get(consumer.pid, 0.0)
        health_wall, _, health = _fire(port, [None] * ROUND, method="GET", path="/healthz")
        health_ok = sum(1 for s, _ in health if s == 200)
    finally:
        proc.terminate()
        consumer.terminate()
        proc.wait(timeout=30)
        consumer.wait(timeout=30)
        _flush_queue(env)
    stored = _stored_ids(kind, url, admin)
    floor = _direct_inserts(kind, url, admin, ROUND)
    _drop_database(kind, url, admin)
    median_wall = statistics.median(rounds)
    total = WARMUP + ROUNDS * ROUND
    return [row(
        f"open311_post_{CLIENTS}_clients_{ROUND}_requests", median_wall, floor_median_s=floor,
        db=kind, server=f"gunicorn {'gthread' if threads else 'sync'} x{WORKERS}" + (f"x{THREADS}" if threads else ""),
        queued_after_rounds=queued_after_rounds, audit_unsealed_after_rounds=unsealed, huey="redis" if env.get("JIANFU_REDIS_URL") else "sqlite",
        accepted_per_s=round(ROUND / median_wall, 1), rounds_per_s=[round(ROUND / w, 1) for w in rounds],
        p50_ms=round(_pctl(all_lat, 0.5) * 1000, 1), p99_ms=round(_pctl(all_lat, 0.99) * 1000, 1),
        sent=total, accepted=len(sent_ok), refused=failures, stored=len(stored),
        lost=len(set(sent_ok) - stored), unexpected=len(stored - set(sent_ok)),
        floor_inserts_per_s=round(ROUND / floor, 1),
        healthz_rps=round(health_ok / health_wall, 1), target_per_s=150,
        # CPU the server side (gunicorn + PostgreSQL backends) spent per accepted request, and what that
        # allows on 2 otherwise idle cores: a figure less sensitive to other load on the machine
        server_cpu_ms_per_req=round(server_cpu * 1000 / (ROUNDS * ROUND), 2),
        gunicorn_cpu_ms_per_req=round(web_cpu * 1000 / (ROUNDS * ROUND), 2),
        huey_worker_cpu_ms_per_req=round(worker_cpu * 1000 / (ROUNDS * ROUND), 2),
        cpu_bound_per_s_2_cores=round(2 * ROUNDS * ROUND / server_cpu, 1) if server_cpu else None,
        load_avg_1m=round(os.getloadavg()[0], 2),
    )]


if __name__ == "__main__":
    if sys.argv[1:] == ["setup"]:
        setup_data()
    else:
        from bench.__main__ import print_table

        print_table(run())

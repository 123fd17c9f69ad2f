"""减负监测 over a county-year: every rule, the burden index, and the dashboard's first paint.

A fictional county (459901, 20 townships × 15 villages = 300 villages, 20 departments) holds one
year of ledgers: 10,000 documents (and 10,000 of the year before, for the year-on-year rule), 5,000
meetings, 2,000 inspections, 60 apps, 1,800 plaques, 200 activities, 3,000 demands, and 18,000
一表同享 submissions (5 monthly forms × 300 villages × 12 months) for the reporting part of the index.
SMOKE (`JIANFU_BENCH_SMOKE=1`): 100 documents, 50 meetings, 20 inspections, 2 × 5 villages.

Rows:
- `rules: evaluate county-year`: `services.findings_evaluate` from scratch (no findings stored yet) —
  load the rows, run every rule in force (27 seeded, 25 enabled), write ~20,000 findings — against
  the floor: one hand-written
  SQL statement per rule returning the offending row ids (no ORM, no Python per row, nothing written).
  `agree` says whether both found the same number of offending rows.
- `rules: re-evaluate, nothing changed`: the same call when the findings are already there (what runs
  after each ledger change: only differences are written).
- `rules: read the county-year's rows` and `rules: pure engine on rows in memory`: the two parts of
  the evaluation before the findings are written (the rest of the first row is writing ~20,000
  findings in one transaction).
- `index: 300 villages × 12 months`: `selectors.burden_index` (weights summed in SQL per target, issuer
  and month, handed down to the villages in Python, township means, issuer ranking) against the
  floor: the SQL sums alone — the part a database can do before rows are handed down to villages.
- `dashboard first paint`: server time of GET /monitor/dashboard/ as the county office (Django test
  client, full middleware and template), against the floor: the dashboard's aggregate queries in SQL.
- `refresh: 10 saves + …`: CPU time (process time, not wall: the machine is shared) of the county
  office saving ten meetings one by one, each in its own transaction, and then what the task queue
  runs — one debounced `findings_refresh_run`, against the ten evaluations of one task per write
  (the behaviour before the debounce) — against the floor: the ten saves alone.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from bench.common import SMOKE, max_rss_mb, peak_mb, row, setup_django, timed

COUNTY = "459901000000"
TOWNS, VILLAGES_PER_TOWN = (2, 5) if SMOKE else (20, 15)
N_DOCS, N_MEETINGS, N_INSPECTIONS = (100, 50, 20) if SMOKE else (10_000, 5_000, 2_000)
N_DEPTS = 20
YEAR = 2025
REPEAT = 1 if SMOKE else 5
DB = Path("var/bench/monitor-smoke.sqlite3" if SMOKE else "var/bench/monitor.sqlite3")


def _units():
    from jianfu.orgs.models import OrgUnit

    units = [OrgUnit(code="459900000000", name="基准测试市", kind="prefecture", level=2, parent_code=""),
             OrgUnit(code=COUNTY, name="基准测试县", kind="county", level=3, parent_code="459900000000")]
    villages = []
    for t in range(1, TOWNS + 1):
        town = f"459901{100 + t:03d}000"
        units.append(OrgUnit(code=town, name=f"测试乡{t}", kind="town", level=4, parent_code=COUNTY))
        for v in range(1, VILLAGES_PER_TOWN + 1):
            code = f"{town[:9]}{200 + v:03d}"
            villages.append(code)
            units.append(OrgUnit(code=code, name=f"测试乡{t}村{v}", kind="village", level=5, parent_code=town))
    depts = [f"{COUNTY}D{d:02d}" for d in range(1, N_DEPTS + 1)]
    units += [OrgUnit(code=c, name=f"测试局{i + 1}", kind="department", level=3, parent_code=COUNTY)
              for i, c in enumerate(depts)]
    OrgUnit.objects.bulk_create(units, batch_size=1000)
    return villages, depts


def _populate():
    from jianfu.accounts.models import User
    from jianfu.monitor import models as m
    from jianfu.orgs.models import OrgUnit

    if OrgUnit.objects.filter(code=COUNTY).exists() and \
            m.LedgerDocument.objects.filter(county_code=COUNTY, date__year=YEAR).count() == N_DOCS:
        villages = list(OrgUnit.objects.filter(code__startswith="459901", kind="village").values_list("code", flat=True))
        return villages, User.objects.get(username="bench_monitor_office")
    _clear()
    villages, depts = _units()
    user = User(username="bench_monitor_office", role="county_office", org_unit=OrgUnit.objects.get(code=COUNTY))
    user.set_unusable_password()
    user.save()
    rng = random.Random(9)
    towns = sorted({v[:9] + "000" for v in villages})

    def common(i, year):
        issuer = depts[i % N_DEPTS]
        target = COUNTY if i % 3 else (rng.choice(towns) if i % 2 else rng.choice(villages))
        return {"org_code": target, "county_code": COUNTY, "issuer_code": issuer, "issuer_name": f"测试局{i % N_DEPTS + 1}",
                "date": dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364)), "title": f"事项{i}",
                "recorded_as": "issuer"}
    for year in (YEAR - 1, YEAR):
        m.LedgerDocument.objects.bulk_create(
            [m.LedgerDocument(**common(i, year), doc_kind=rng.choice(["general", "special", "comprehensive"]),
                              length=rng.randint(800, 7000), asks_report_back=rng.random() < 0.1)
             for i in range(N_DOCS)], batch_size=2000)
    m.LedgerMeeting.objects.bulk_create(
        [m.LedgerMeeting(**common(i, YEAR), meeting_kind=rng.choice(["business"] * 8 + ["comprehensive", "relay"]),
                         duration_minutes=rng.choice([60, 90, 120, 300]), speech_minutes=rng.choice([20, 40, 70]),
                         convened_by_deputy=rng.random() < 0.2, township_heads_required=rng.random() < 0.3,
                         village_secretaries_required=rng.random() < 0.3, relayed=rng.random() < 0.05,
                         by_video=rng.random() < 0.5) for i in range(N_MEETINGS)], batch_size=2000)
    m.LedgerInspection.objects.bulk_create(
        [m.LedgerInspection(**common(i, YEAR), in_annual_plan=rng.random() < 0.8, comprehensive=rng.random() < 0.05,
                            emergency=rng.random() < 0.1, onsite_visits=rng.randint(0, 3),
                            forms_demanded=rng.randint(0, 5), photos_demanded=rng.choice([0, 0, 0, 10]),
                            ledgers_demanded=rng.choice([0, 0, 1])) for i in range(N_INSPECTIONS)], batch_size=2000)
    m.LedgerApp.objects.bulk_create(
        [m.LedgerApp(**common(i, YEAR), filing_no="" if i % 4 == 0 else f"F{i}", check_in=i % 7 == 0,
                     points=i % 9 == 0) for i in range(max(6, N_DEPTS * 3 if not SMOKE else 6))])
    plaques = []
    for j, v in enumerate(villages):
        for k in range(rng.randint(3, 9)):
            plaques.append(m.LedgerPlaque(**{**common(j * 10 + k, YEAR - 1), "org_code": v}, placement="outside"))
    m.LedgerPlaque.objects.bulk_create(plaques, batch_size=2000)
    m.LedgerActivity.objects.bulk_create(
        [m.LedgerActivity(**common(i, YEAR), activity_kind=rng.choice(["creation", "appraisal", "festival", "forum"]),
                          approved=rng.random() < 0.6, fees_yuan=rng.choice([0, 0, 0, 2000]))
         for i in range(20 if SMOKE else 200)])
    m.LedgerDemand.objects.bulk_create(
        [m.LedgerDemand(**{**common(i, YEAR), "org_code": rng.choice(villages)}, demand_kind="certificate",
                        in_access_list=rng.random() < 0.5, times=rng.randint(1, 4))
         for i in range(30 if SMOKE else 3000)], batch_size=2000)
    _reporting(villages)
    return villages, user


def _reporting(villages):
    from django.utils import timezone

    from jianfu.reports.models import Submission, Template

    templates = []
    for i in range(5):
        t, _ = Template.objects.get_or_create(code=f"BENCH-MON-{i}", defaults={
            "name": f"基准报表{i}", "department": f"B{i}", "department_name": f"测试局{i + 1}",
            "period_type": "monthly"})
        templates.append(t)
    now = timezone.now()
    Submission.objects.bulk_create(
        [Submission(template=t, org_code=v, period=f"{YEAR}-{mo:02d}", manual_cells=mo % 12,
                    due_date=dt.date(YEAR, mo, 10), generated_at=now)
         for t in templates for v in villages for mo in range(1, 13)], batch_size=5000)


def _clear():
    from django.db import connection

    from jianfu.accounts.models import User
    from jianfu.monitor import models as m
    from jianfu.orgs.models import OrgUnit
    from jianfu.reports.models import Submission, Template

    for model in list(m.LEDGER_MODELS.values()) + [m.Finding]:
        model.objects.filter(county_code=COUNTY).delete()
    Submission.objects.filter(template__code__startswith="BENCH-MON-").delete()
    Template.objects.filter(code__startswith="BENCH-MON-").delete()
    User.objects.filter(username="bench_monitor_office").delete()
    OrgUnit.objects.filter(code__startswith="4599").delete()
    connection.close()


# One SQL statement per seeded rule in force: the offending rows (the floor of the engine).
def _floor_rules(cursor) -> int:
    y0, y1 = f"{YEAR}-01-01", f"{YEAR}-12-31"
    c = f"county_code = '{COUNTY}'"
    span = f"{c} AND date BETWEEN '{y0}' AND '{y1}'"
    doc, meet, insp = "monitor_ledgerdocument", "monitor_ledgermeeting", "monitor_ledgerinspection"
    queries = [
        f"SELECT id FROM {doc} WHERE {span} AND doc_kind = 'general' AND length > 5000",
        f"SELECT id FROM {doc} WHERE {span} AND doc_kind = 'special' AND length > 4000",
        f"SELECT id FROM {doc} WHERE {span} AND review_id IS NULL",
        f"SELECT d.id FROM {doc} d JOIN review_review r ON r.id = d.review_id WHERE d.{span} AND r.score < 60",
        f"SELECT id FROM {doc} WHERE {span} AND asks_report_back",
        # year on year: documents beyond last year's count, per issuer
        f"""SELECT id FROM (SELECT id, issuer_code, ROW_NUMBER() OVER (PARTITION BY issuer_code ORDER BY date, id) AS n
            FROM {doc} WHERE {span}) t JOIN (SELECT issuer_code, COUNT(*) AS last FROM {doc}
            WHERE {c} AND date BETWEEN '{YEAR - 1}-01-01' AND '{YEAR - 1}-12-31' GROUP BY issuer_code) p
            USING (issuer_code) WHERE t.n > p.last""",
        f"""SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY issuer_code ORDER BY date, id) AS n
            FROM {meet} WHERE {span} AND meeting_kind = 'comprehensive') t WHERE n > 1""",
        f"SELECT id FROM {meet} WHERE {span} AND convened_by_deputy AND (township_heads_required OR "
        "village_secretaries_required)",
        f"SELECT id FROM {meet} WHERE {span} AND relayed",
        f"SELECT id FROM {meet} WHERE {span} AND speech_minutes > 60",
        f"SELECT id FROM {meet} WHERE {span} AND meeting_kind IN ('business', 'relay') AND duration_minutes > 240",
        f"SELECT id FROM {insp} WHERE {span} AND NOT in_annual_plan AND NOT emergency",
        f"""SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY issuer_code ORDER BY date, id) AS n
            FROM {insp} WHERE {span} AND comprehensive AND NOT emergency) t WHERE n > 1""",
        f"SELECT id FROM {insp} WHERE {span} AND photos_demanded + ledgers_demanded > 0 AND NOT emergency",
        f"SELECT id FROM monitor_ledgersecondment WHERE {c} AND date <= '{y1}' AND from_unit_level IN "
        "('county', 'town', 'village')",
        f"SELECT id FROM monitor_ledgersecondment WHERE {c} AND date <= '{y1}' AND NOT approved",
        f"SELECT id FROM monitor_ledgerapp WHERE {c} AND date <= '{y1}' AND in_use AND (check_in OR points OR "
        "ranking OR online_time OR download_target)",
        f"""SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY issuer_code ORDER BY date, id) AS n
            FROM monitor_ledgerapp WHERE {c} AND date <= '{y1}' AND in_use AND grassroots_facing) t WHERE n > 1""",
        f"SELECT id FROM monitor_ledgerapp WHERE {c} AND date <= '{y1}' AND in_use AND TRIM(filing_no) = ''",
        f"SELECT id FROM monitor_ledgerapp WHERE {c} AND date <= '{y1}' AND in_use AND repeat_filling",
        f"""SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY org_code ORDER BY date, id) AS n
            FROM monitor_ledgerplaque WHERE {c} AND date <= '{y1}' AND placement = 'outside' AND status = 'kept') t
            WHERE n > 6""",
        f"SELECT id FROM monitor_ledgerdemand WHERE {span} AND NOT in_access_list",
        f"SELECT id FROM monitor_ledgeractivity WHERE {span} AND activity_kind IN ('creation', 'appraisal') "
        "AND NOT approved",
        f"SELECT id FROM monitor_ledgeractivity WHERE {span} AND activity_kind IN ('festival', 'exhibition', "
        "'forum') AND NOT approved",
        f"SELECT id FROM monitor_ledgeractivity WHERE {span} AND fees_yuan > 0",
    ]
    total = 0
    for q in queries:
        cursor.execute(q)
        total += len(cursor.fetchall())
    return total


def _floor_index(cursor) -> int:
    """Weighted minutes per (target, month) for every ledger of the index, in SQL."""
    y = f"county_code = '{COUNTY}' AND date BETWEEN '{YEAR}-01-01' AND '{YEAR}-12-31'"
    month = "CAST(strftime('%m', date) AS INTEGER)"
    from django.db import connection

    if connection.vendor == "postgresql":
        month = "EXTRACT(MONTH FROM date)"
    rows = 0
    for q in [
        f"SELECT org_code, {month}, SUM(15 + length * 3.0 / 1000) FROM monitor_ledgerdocument WHERE {y} GROUP BY 1, 2",
        f"SELECT org_code, {month}, SUM(duration_minutes + CASE WHEN by_video THEN 0 ELSE 60 END) FROM "
        f"monitor_ledgermeeting WHERE {y} AND village_secretaries_required GROUP BY 1, 2",
        f"SELECT org_code, {month}, SUM(CASE WHEN onsite_visits > 0 THEN 120 ELSE 30 END + forms_demanded * 30 + "
        f"photos_demanded * 5 + ledgers_demanded * 60) FROM monitor_ledgerinspection WHERE {y} GROUP BY 1, 2",
        f"SELECT org_code, {month}, SUM(times * 30) FROM monitor_ledgerdemand WHERE {y} AND NOT in_access_list "
        "GROUP BY 1, 2",
        f"SELECT org_code, {month.replace('date', 'due_date')}, SUM(10 + manual_cells * 2) FROM reports_submission "
        f"WHERE due_date BETWEEN '{YEAR}-01-01' AND '{YEAR}-12-31' AND org_code LIKE '459901%' GROUP BY 1, 2",
    ]:
        cursor.execute(q)
        rows += len(cursor.fetchall())
    return rows


def _floor_dashboard(cursor) -> None:
    f = f"monitor_finding WHERE county_code = '{COUNTY}' AND year = {YEAR}"
    for q in [f"SELECT rule_code, COUNT(*) FROM {f} GROUP BY 1", f"SELECT issuer_code, COUNT(*) FROM {f} GROUP BY 1",
              f"SELECT month, COUNT(*) FROM {f} GROUP BY 1",
              f"SELECT issuer_code, date, COUNT(*) FROM monitor_ledgerdocument WHERE county_code = '{COUNTY}' "
              f"AND date >= '{YEAR - 1}-01-01' GROUP BY 1, 2",
              f"SELECT issuer_code, date, COUNT(*) FROM monitor_ledgermeeting WHERE county_code = '{COUNTY}' "
              f"AND date >= '{YEAR - 1}-01-01' GROUP BY 1, 2"]:
        cursor.execute(q)
        cursor.fetchall()
    _floor_index(cursor)


def run() -> list[dict]:
    DB.parent.mkdir(parents=True, exist_ok=True)
    setup_django(str(DB))
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from jianfu.monitor import selectors, services
    from jianfu.monitor.models import Finding
    from jianfu.monitor.rules import engine

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    villages, user = _populate()
    build_s = time.perf_counter() - started

    def evaluate():
        return services.findings_evaluate(actor=None, county_code=COUNTY, year=YEAR)

    engine_hits = evaluate()
    # (rule, row) pairs the engine flags, against the floor's: the two must agree
    now, previous = selectors.ledger_rows_for_rules(county_code=COUNTY, year=YEAR)
    specs = [services.rule_spec(r) for r in services.rules_in_force(COUNTY)]
    engine_rows = sum(len(h.row_ids) for h in engine.evaluate(specs, now, year=YEAR, previous=previous))
    with connection.cursor() as cur:
        floor_rows = _floor_rules(cur)
    def from_scratch():
        timings = []
        for _ in range(REPEAT):
            Finding.objects.filter(county_code=COUNTY, year=YEAR, source="engine").delete()  # untimed
            started = time.perf_counter()
            evaluate()
            timings.append(time.perf_counter() - started)
        return statistics.median(timings)

    rules_s = from_scratch()
    again_s, _ = timed(evaluate, repeat=REPEAT)  # the re-run after a ledger change: nothing to write
    with connection.cursor() as cur:
        floor_s, _ = timed(lambda: _floor_rules(cur), repeat=REPEAT)
    rules_peak = peak_mb(evaluate)
    # where the time goes: reading the rows, and the pure engine on rows in memory
    load_s, _ = timed(lambda: selectors.ledger_rows_for_rules(county_code=COUNTY, year=YEAR), repeat=REPEAT)
    engine_s, _ = timed(lambda: engine.evaluate(specs, now, year=YEAR, previous=previous), repeat=REPEAT)

    index = lambda: selectors.burden_index(user=user, year=YEAR)  # noqa: E731
    data = index()
    index_s, _ = timed(index, repeat=REPEAT)
    with connection.cursor() as cur:
        index_floor_s, _ = timed(lambda: _floor_index(cur), repeat=REPEAT)
    index_peak = peak_mb(index)

    client = Client()
    client.force_login(user)

    def paint():
        response = client.get(f"/monitor/dashboard/?year={YEAR}")
        assert response.status_code == 200, response.status_code
        return response

    paint()
    paint_s, _ = timed(paint, repeat=REPEAT)
    with connection.cursor() as cur:
        paint_floor_s, _ = timed(lambda: _floor_dashboard(cur), repeat=REPEAT)
    paint_peak = peak_mb(paint)
    saves_s, debounced_s, undebounced_s, queued = _refresh_costs(user)
    sizes = f"{N_DOCS} docs/{N_MEETINGS} meetings/{N_INSPECTIONS} inspections/{len(villages)} villages"
    return [
        row("rules: evaluate county-year", rules_s, floor_median_s=floor_s, peak=rules_peak, sizes=sizes,
            rules=len(specs), findings=engine_hits, flagged_rows=engine_rows, floor_rows=floor_rows,
            agree=engine_rows == floor_rows, build_s=round(build_s, 1), max_rss_mb=round(max_rss_mb(), 1)),
        row("rules: re-evaluate, nothing changed", again_s, floor_median_s=floor_s),
        row("rules: read the county-year's rows", load_s),
        row("rules: pure engine on rows in memory", engine_s, floor_median_s=floor_s),
        row(f"index: {len(villages)} villages × 12 months", index_s, floor_median_s=index_floor_s, peak=index_peak,
            issuers=len(data["issuers"])),
        row("dashboard first paint (server)", paint_s, floor_median_s=paint_floor_s, peak=paint_peak),
        row("refresh: 10 saves + 1 debounced run (CPU)", debounced_s, floor_median_s=saves_s, tasks_queued=queued),
        row("refresh: 10 saves + 10 runs, one per write (CPU)", undebounced_s, floor_median_s=saves_s),
    ]


def _refresh_costs(user) -> tuple[float, float, float, int]:
    """CPU seconds of ten single saves alone, followed by the debounced run, and followed by one run
    per save; and how many tasks the ten saves queued. The saved rows are removed after each round."""
    from unittest import mock

    from django.db import transaction
    from django.db.models import F

    from jianfu.monitor import services, tasks
    from jianfu.monitor.models import FindingsRefresh, LedgerMeeting

    queued: list[tuple[str, int]] = []

    def saves() -> None:
        for i in range(10):
            with transaction.atomic():
                services.ledger_create(actor=user, kind="meeting", data={
                    "date": f"{YEAR}-06-{i + 1:02d}", "title": f"去抖测试会议{i}", "issuer": f"{COUNTY}D01",
                    "duration_minutes": "90", "speech_minutes": "70"})

    def cpu(after) -> float:
        timings = []
        for _ in range(REPEAT):
            # untimed: nothing pending or queued, as after a run
            FindingsRefresh.objects.filter(county_code=COUNTY).update(queued=False, done=F("requested"))
            started = time.process_time()
            saves()
            after()
            timings.append(time.process_time() - started)
            LedgerMeeting.objects.filter(title__startswith="去抖测试会议").delete()  # untimed
            services.findings_evaluate(actor=None, county_code=COUNTY, year=YEAR)
        return statistics.median(timings)

    with mock.patch.object(tasks, "enqueue_refresh", lambda c, y, *, delay: queued.append((c, y))):
        saves_s = cpu(lambda: None)
        queued.clear()
        debounced_s = cpu(lambda: services.findings_refresh_run(county_code=COUNTY, year=YEAR, wait=False))
        per_round = len(queued) // REPEAT
        undebounced_s = cpu(lambda: [services.findings_evaluate(actor=None, county_code=COUNTY, year=YEAR)
                                     for _ in range(10)])
    return saves_s, debounced_s, undebounced_s, per_round

"""就业帮扶 posting import: 100,000 postings from an xlsx of a public job board's shape.

- import: `postings.posting_import` — read (python-calamine through the registry's ledger reader), map
  headers by synonym, validate every row (credit code with stdnum, wage / age / education / certificates with
  the matching core's parsers, place against the county's divisions, discrimination rules), reject duplicates,
  then in one transaction insert the new employers (registry organisations) and the postings.
- floor: the least any importer must do — the same reader's read of the same file (python-calamine) + one
  executemany INSERT of the same cells as text into a table of the same width; no validation. The floor with
  openpyxl's read_only read (the reader before session 4) is reported beside it (`openpyxl_floor_s`).
- visit scan: `visits.visit_scan` over 100,000 key persons never visited (every one gets its first-visit task,
  overdue ones escalated), then the same scan again (idempotent: nothing to do). Floor: the first-visit
  rule as one hand-written `INSERT … SELECT … WHERE NOT EXISTS` statement.

Peak memory is the process's peak RSS during the step (VmHWM, reset before the step). The process CPU time of
both is reported too (`cpu_s`, `floor_cpu_s`): on a shared, loaded machine it is the steadier figure.
Target (issue 8): the import under 60 s. `JIANFU_BENCH_SMOKE=1`: 300 rows.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path

from bench.common import SMOKE, row, setup_django

BENCH_DIR = Path("var/bench")
ROWS = 300 if SMOKE else int(os.environ.get("JIANFU_BENCH_EMPLOYMENT_ROWS", "100000"))
REPEAT = 3 if SMOKE else int(os.environ.get("JIANFU_BENCH_EMPLOYMENT_REPEAT", "1"))
COUNTY = "450521"
# A job board's export: its own column names (synonyms of the issue's), a title row above the header.
HEADER = ["职位ID", "公司名称", "统一社会信用代码", "职位名称", "招聘人数", "学历", "年龄", "工作经验", "证书要求",
          "薪资", "工作地点", "职位描述", "福利", "截止日期"]
TOWNS = [("450521100000", "廉州镇"), ("450521101000", "党江镇"), ("450521102000", "西场镇"),
         ("450521103000", "沙岗镇"), ("450521104000", "乌家镇"), ("450521105000", "闸口镇"),
         ("450521106000", "公馆镇"), ("450521107000", "白沙镇"), ("450521108000", "山口镇"),
         ("450521109000", "沙田镇"), ("450521110000", "石湾镇"), ("450521111000", "石康镇"),
         ("450521112000", "常乐镇"), ("450521113000", "星岛湖镇"), ("450521200000", "曲樟乡")]
JOBS = [  # (title, description, certificates, education, age)
    ("海产品分拣工", "冻虾、鱿鱼分拣包装，车间站立作业，计件工资", "健康证", "不限", "18-50岁"),
    ("电子厂普工", "工业园电子厂流水线装配，两班倒，包吃住", "", "初中", "18-40岁"),
    ("叉车司机", "仓库装卸货，持叉车证上岗", "叉车证", "初中", "20-50岁"),
    ("快递分拣员", "物流园夜班分拣，按件计酬", "", "不限", "18-45岁"),
    ("货车司机", "县内配送，需B2驾照，三年以上驾龄", "B2驾照", "初中", "25-55岁"),
    ("钢筋工", "建筑工地钢筋绑扎，日结", "", "不限", "20-55岁"),
    ("电工", "工业园设备维护，持低压电工证", "电工证", "中专", "22-50岁"),
    ("焊工", "钢结构焊接，持焊工证", "焊工证", "初中", "20-50岁"),
    ("荔枝采摘工", "季节性采摘、装箱，包午餐", "", "不限", "18-60岁"),
    ("酒店服务员", "银滩酒店客房、餐饮服务，做六休一", "健康证", "初中", "18-45岁"),
    ("直播带货主播", "农产品直播带货，有提成", "", "高中", "18-35岁"),
    ("家政服务员", "家庭保洁、做饭，可住家", "健康证", "不限", "25-58岁"),
    ("育婴员", "照顾0-3岁婴幼儿，持育婴员证优先", "育婴员证", "初中", "25-55岁"),
    ("养老护理员", "敬老院护理，白班", "养老护理员证", "初中", "30-58岁"),
    ("保洁员（公益性岗位）", "乡镇公益性岗位，面向本地就业困难人员", "", "不限", "40-60岁"),
    ("仓库管理员", "出入库登记，会电脑", "", "高中", "20-45岁"),
]
WAGES = ["3000-4000元/月", "4千到5千", "3500元+计件", "面议", "150元/天", "4500-6000", "月入过万", "2800元以上"]
EXPERIENCE = ["不限", "1年以上", "无经验可", "3年", "经验不限"]


def credit_code(n: int) -> str:
    from stdnum.cn import uscc

    body = f"914505217{n:08d}"[:17]
    return body + uscc.calc_check_digit(body)


def write_postings(path: Path, rows: int, seed: int = 8) -> None:
    from bench.bench_registry import write_excel_like_xlsx

    rng = random.Random(seed)
    employers = [(f"合浦县{rng.choice(['海鲜', '电子', '物流', '建筑', '农业', '旅游', '电商', '家政'])}企业{i}有限公司",
                  credit_code(i) if rng.random() < 0.8 else None) for i in range(max(50, rows // 40))]
    table: list[list] = [["合浦县招聘岗位汇总（演示）"], HEADER]
    for i in range(rows):
        name, code = rng.choice(employers)
        title, desc, certs, edu, age = rng.choice(JOBS)
        town_code, town = rng.choice(TOWNS)
        table.append([f"J{i:07d}", name, code, title, rng.randint(1, 30), edu, age, rng.choice(EXPERIENCE), certs,
                      rng.choice(WAGES), town, f"{desc}。岗位{i}号，工作地点{town}。", "五险、包住", "2099-12-31"])
    write_excel_like_xlsx(path, "岗位", table)


def setup_county() -> None:
    from django.core.management import call_command

    from jianfu.orgs.models import OrgUnit

    call_command("migrate", "--noinput", verbosity=0)
    units = [OrgUnit(code="450000000000", name="广西壮族自治区", kind="province", level=1),
             OrgUnit(code="450500000000", name="北海市", kind="prefecture", level=2, parent_code="450000000000"),
             OrgUnit(code="450521000000", name="合浦县", kind="county", level=3, parent_code="450500000000")]
    units += [OrgUnit(code=c, name=n, kind="town", level=4, parent_code="450521000000") for c, n in TOWNS]
    OrgUnit.objects.bulk_create(units)


def floor_import(path: Path, reader: str = "calamine") -> tuple[float, float]:
    """(wall, CPU) seconds of the floor: the file's cells read by `reader` ("calamine", what the import uses,
    or "openpyxl" read-only, what it used before session 4) and inserted as text with one executemany."""
    from django.db import connection

    cols = ", ".join(f"c{i} text" for i in range(len(HEADER)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor_postings")
        cursor.execute(f"CREATE TABLE bench_floor_postings (id integer PRIMARY KEY, {cols})")
    started, cpu = time.perf_counter(), time.process_time()
    if reader == "calamine":
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        table = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        wb.close()
        values = [[None if v == "" else str(v) for v in r] for r in table[2:]]
        del table
    else:
        import openpyxl

        owb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        values = [[None if v is None else str(v) for v in r] for r in owb.active.iter_rows(min_row=3, values_only=True)]
        owb.close()
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO bench_floor_postings ({', '.join(f'c{i}' for i in range(len(HEADER)))}) "
                           f"VALUES ({', '.join(['%s'] * len(HEADER))})", values)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor_postings")
    return elapsed, cpu


def run() -> list[dict]:
    from bench.bench_registry import peak_rss_mb, reset_peak_rss

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db_path = BENCH_DIR / "employment_import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    setup_django(str(db_path))
    from django.db import connection

    from jianfu.accounts.models import User
    from jianfu.employment import postings
    from jianfu.employment.models import Posting
    from jianfu.registry.models import Organisation

    setup_county()
    admin = User.objects.create(username="bench_admin", role="admin", is_staff=True, is_superuser=True)
    path = BENCH_DIR / f"postings_{ROWS}.xlsx"
    if not path.exists():
        write_postings(path, ROWS)
    floors, times, peaks, cpus, floor_cpus, old_floors, old_floor_cpus = [], [], [], [], [], [], []
    result = None
    for _ in range(REPEAT):
        wall, cpu = floor_import(path, "openpyxl")
        old_floors.append(wall)
        old_floor_cpus.append(cpu)
        wall, cpu = floor_import(path)
        floors.append(wall)
        floor_cpus.append(cpu)
        Posting.objects.all().delete()
        Organisation.objects.all().delete()
        reset_peak_rss()
        started, cpu = time.perf_counter(), time.process_time()
        with path.open("rb") as fh:
            # publish=True: the measured import as before the hold (a held file writes the same rows, as 待确认)
            result = postings.posting_import(actor=admin, file=fh, filename=path.name, county_code=COUNTY,
                                             publish=True)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        peaks.append(peak_rss_mb())
        if result.errors:
            raise RuntimeError(f"import refused the bench file: {result.errors[:3]}")
    median = statistics.median(times)
    batch = result.batch
    scan_rows = bench_visit_scan(admin)
    return [*scan_rows, row(f"employment import {ROWS} postings xlsx, validate+commit ({connection.vendor})", median,
                floor_median_s=statistics.median(floors), peak=max(p for p in peaks if p is not None) if any(peaks)
                else None, rows_per_s=round(ROWS / median), runs=REPEAT, cpu_s=round(statistics.median(cpus), 2),
                floor_cpu_s=round(statistics.median(floor_cpus), 2),
                openpyxl_floor_s=round(statistics.median(old_floors), 2),
                openpyxl_floor_cpu_s=round(statistics.median(old_floor_cpus), 2), load_avg_1m=round(os.getloadavg()[0], 1), postings=batch.created_count,
                employers=batch.employers_created, flagged=batch.flagged_count)]


def bench_visit_scan(admin) -> list[dict]:
    import datetime as dt

    from django.db import connection, transaction

    from bench.bench_registry import peak_rss_mb, reset_peak_rss
    from jianfu.employment import visits
    from jianfu.employment.models import KeyPerson, VisitTask
    from jianfu.registry import bulk
    from jianfu.registry.models import Person

    n = 300 if SMOKE else int(os.environ.get("JIANFU_BENCH_EMPLOYMENT_PEOPLE", "100000"))
    today = dt.date(2026, 6, 30)
    towns = [c for c, _n in TOWNS]
    with transaction.atomic():
        pids = bulk.insert(Person, [{"org_code": towns[i % len(towns)][:9] + "001", "name": f"人员{i}",
                                     "birth_date": dt.date(1980, 1, 1)} for i in range(n)])
        bulk.insert(KeyPerson, [{"person_id": pid, "org_code": towns[i % len(towns)][:9] + "001",
                                 "status": "unemployed", "status_since": today - dt.timedelta(days=i % 30),
                                 "identified_on": today - dt.timedelta(days=i % 30), "is_rural_labour": True,
                                 "hardship": []} for i, pid in enumerate(pids)])
    visits.rules_ensure(COUNTY)

    def floor() -> float:
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_floor_tasks (id integer PRIMARY KEY, key_person_id integer, "
                           "org_code text, due_on date, dedupe_key text UNIQUE)")
            started = time.perf_counter()
            cursor.execute("INSERT INTO bench_floor_tasks (key_person_id, org_code, due_on, dedupe_key) "
                           "SELECT k.id, k.org_code, date(k.identified_on, '+7 days'), 'new:' || k.id "
                           "FROM employment_keyperson k WHERE k.status IN ('unemployed', 'referred', 'interviewing') "
                           "AND NOT EXISTS (SELECT 1 FROM employment_visit v WHERE v.key_person_id = k.id)"
                           if connection.vendor == "sqlite" else
                           "INSERT INTO bench_floor_tasks (key_person_id, org_code, due_on, dedupe_key) "
                           "SELECT k.id, k.org_code, k.identified_on + 7, 'new:' || k.id "
                           "FROM employment_keyperson k WHERE k.status IN ('unemployed', 'referred', 'interviewing') "
                           "AND NOT EXISTS (SELECT 1 FROM employment_visit v WHERE v.key_person_id = k.id)")
            elapsed = time.perf_counter() - started
            cursor.execute("DROP TABLE bench_floor_tasks")
        return elapsed

    floor_s = floor()
    reset_peak_rss()
    started = time.perf_counter()
    first = visits.visit_scan(today=today)
    scan_s = time.perf_counter() - started
    peak = peak_rss_mb()
    started = time.perf_counter()
    again = visits.visit_scan(today=today)
    again_s = time.perf_counter() - started
    tasks = VisitTask.objects.count()
    return [row(f"employment visit_scan {n} key persons, first run ({connection.vendor})", scan_s,
                floor_median_s=floor_s, peak=peak, created=first["created"], escalated=first["escalated"],
                tasks=tasks),
            row(f"employment visit_scan {n} key persons, again: idempotent ({connection.vendor})", again_s,
                created=again["created"], escalated=again["escalated"])]


if __name__ == "__main__":
    for r in run():
        print(r)

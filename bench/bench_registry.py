"""Registry benchmarks: importing a 100,000-row ledger (xlsx) and generating 100,000 synthetic persons.

- import: stage (read with openpyxl read_only, validate every row, encrypt, blind-index, write ImportRows)
  + commit (one transaction: persons, households) into a database holding only 合浦县's divisions.
  Floor: the least any importer must do — openpyxl read_only read of the same file + one executemany
  INSERT of the same cells as text into a table of the same width, no validation, no encryption.
- generate: `registry_generate` for 100,000 persons (households, encryption, organisations included).
  Floor: executemany INSERT of the same number of person rows with constant values.

Peak memory is the process's peak RSS during the step (VmHWM, reset before each step through
/proc/self/clear_refs; it includes the interpreter and Django, about 100 MB). Target (issue 3): the import under 60 s on SQLite."""

from __future__ import annotations

import contextlib
import os
import random
import time
from pathlib import Path

from bench.common import SMOKE, row, setup_django, smoke_divisions_csv


def reset_peak_rss() -> None:
    """Reset the kernel's peak-RSS mark (VmHWM) so the next reading is the peak of one step only."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None

BENCH_DIR = Path("var/bench")
ROWS = 200 if SMOKE else int(os.environ.get("JIANFU_BENCH_REGISTRY_ROWS", "100000"))
COUNTY = "450521"
HEADER = ["姓名", "身份证号码", "性别", "出生日期", "民族", "文化程度", "政治面貌", "婚姻状况", "联系电话", "是否低保",
          "户编号", "与户主关系", "住址", "村代码"]
MAPPING = {"姓名": "name", "身份证号码": "id_number", "性别": "gender", "出生日期": "birth_date", "民族": "ethnicity",
           "文化程度": "education", "政治面貌": "political_status", "婚姻状况": "marital_status", "联系电话": "phone",
           "是否低保": "is_dibao", "户编号": "household_number", "与户主关系": "relation_to_head", "住址": "address",
           "村代码": "org_code"}
LABELS = {"education": {"none": "未上过学", "primary": "小学", "junior": "初中", "senior": "高中", "college": "大专",
                        "bachelor": "本科", "postgraduate": "研究生"},
          "political_status": {"party_member": "中共党员", "probationary_member": "预备党员", "league_member": "共青团员",
                               "masses": "群众", "other": "其他"},
          "marital_status": {"unmarried": "未婚", "married": "已婚", "divorced": "离婚", "widowed": "丧偶"},
          "relation_to_head": {"head": "户主", "spouse": "配偶", "child": "子女", "parent": "父母",
                               "grandchild": "孙子女", "other": "其他"}}


def write_ledger(path: Path, villages: list[tuple[str, str]], rows: int, seed: int = 7) -> None:
    """A realistic ledger: the generator's persons written as a village cadre would (text dates in mixed
    formats, 男/女, Chinese enumeration words), with a merged title row above the header."""
    from jianfu.registry import synth

    factory = synth.PersonFactory(county_code=COUNTY, seed=seed)
    sizes = synth.split_persons(rows, len(villages), random.Random(seed))
    rng = random.Random(seed)
    table = [["合浦县人口花名册（演示）"], HEADER]
    for (code, name), size in zip(villages, sizes, strict=True):
        for hh in synth.generate_village(factory, synth.SynthVillage(code, name), size):
            for m in hh.members:
                birth = m["birth_date"]
                fmt = rng.random()
                date = (birth.isoformat() if fmt < 0.5 else f"{birth.year}/{birth.month}/{birth.day}" if fmt < 0.8
                        else f"{birth.year}年{birth.month}月{birth.day}日")
                table.append([m["name"], m["id_number"], "男" if m["gender"] == "M" else "女", date, m["ethnicity"],
                              LABELS["education"][m["education"]], LABELS["political_status"][m["political_status"]],
                              LABELS["marital_status"][m["marital_status"]], m["phone"] or None,
                              "是" if m["is_dibao"] else "否", hh.number,
                              LABELS["relation_to_head"].get(m["relation_to_head"], "其他"), hh.address, code])
    write_excel_like_xlsx(path, "花名册", table, merge=f"A1:{chr(64 + len(HEADER))}1")


def write_excel_like_xlsx(path: Path, sheet: str, table: list[list], merge: str = "") -> None:
    """Write cells the way Excel saves them — strings in the shared-string table (openpyxl writes inline
    strings, which read several times slower and are not what village cadres send)."""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    strings: dict[str, int] = {}
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
           'openxmlformats.org/spreadsheetml/2006/main">'
           f'<dimension ref="A1:{get_column_letter(max(len(r) for r in table))}{len(table)}"/><sheetData>']
    for r, values in enumerate(table, start=1):
        cells = []
        for c, v in enumerate(values, start=1):
            if v is None:
                continue
            ref = f"{get_column_letter(c)}{r}"
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                idx = strings.setdefault(str(v), len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{idx}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData>")
    if merge:
        out.append(f'<mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>')
    out.append("</worksheet>")
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">']
    sst.extend(f"<si><t>{escape(s)}</t></si>" for s in strings)
    sst.append("</sst>")
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml"'
        ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="{escape(sheet)}" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "".join(out),
        "xl/sharedStrings.xml": "".join(sst),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text.encode("utf-8"))


def floor_import(path: Path) -> float:
    import openpyxl
    from django.db import connection

    cols = ", ".join(f"c{i} text" for i in range(len(HEADER)))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor_ledger")
        cursor.execute(f"CREATE TABLE bench_floor_ledger (id integer PRIMARY KEY, {cols})")
    started = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    values = [[None if v is None else str(v) for v in r] for r in wb.active.iter_rows(min_row=3, values_only=True)]
    wb.close()
    placeholders = ", ".join(["%s"] * len(HEADER))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO bench_floor_ledger ({', '.join(f'c{i}' for i in range(len(HEADER)))}) "
                           f"VALUES ({placeholders})", values)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor_ledger")
    return elapsed


def floor_generate(n: int) -> float:
    from django.db import connection

    cols = ", ".join(f"c{i} text" for i in range(45))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_floor_person")
        cursor.execute(f"CREATE TABLE bench_floor_person (id integer PRIMARY KEY, {cols})")
    started = time.perf_counter()
    value = ["x" * 12] * 45
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO bench_floor_person ({', '.join(f'c{i}' for i in range(45))}) "
                           f"VALUES ({', '.join(['%s'] * 45)})", [value] * n)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor_person")
    return elapsed


def setup_county() -> list[tuple[str, str]]:
    from django.conf import settings
    from django.core.management import call_command

    from jianfu.orgs import services as org_services
    from jianfu.orgs.divisions import fetch_division_package, read_divisions
    from jianfu.orgs.models import OrgUnit

    call_command("migrate", "--noinput", verbosity=0)
    source = Path(smoke_divisions_csv()) if SMOKE else fetch_division_package(Path(settings.VAR_DIR) / "cache")
    org_services.divisions_load(rows=read_divisions(source, COUNTY))
    return list(OrgUnit.objects.filter(code__startswith=COUNTY, kind="village").order_by("code")
                .values_list("code", "name"))


def run() -> list[dict]:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db_path = BENCH_DIR / ("registry_smoke.sqlite3" if SMOKE else "registry.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    setup_django(str(db_path))
    from django.core.files import File
    from django.db import connection

    from jianfu.registry import imports
    from jianfu.registry.generation import registry_generate
    from jianfu.registry.models import ImportBatch, ImportMapping, Person

    villages = setup_county()
    ledger = BENCH_DIR / f"ledger_{ROWS}.xlsx"
    if not ledger.exists():
        write_ledger(ledger, villages, ROWS)
    vendor = connection.vendor

    floor = floor_import(ledger)
    reset_peak_rss()
    mapping = ImportMapping.objects.create(org_code=f"{COUNTY}000000", name="花名册", columns=MAPPING)
    started = time.perf_counter()
    with ledger.open("rb") as fh:
        batch = ImportBatch(org_code=f"{COUNTY}000000", mapping=mapping, original_name=ledger.name)
        batch.file.save(ledger.name, File(fh, name=ledger.name), save=True)
    batch = imports.import_batch_stage(batch_id=batch.pk)
    staged = time.perf_counter() - started
    if batch.status != "staged":
        raise RuntimeError(f"staging failed: {batch.error_message}")
    summary = imports.import_batch_commit(actor=None, batch=batch, mode="valid_only")
    total = time.perf_counter() - started
    import_peak = peak_rss_mb()
    imported = Person.objects.count()

    gen_floor = floor_generate(ROWS)
    reset_peak_rss()
    started = time.perf_counter()
    result = registry_generate(county_code=COUNTY, persons=ROWS, seed=1)
    generated = time.perf_counter() - started
    gen_peak = peak_rss_mb()
    return [
        row(f"registry import {ROWS}-row xlsx, stage+commit ({vendor})", total, floor_median_s=floor,
            peak=import_peak, rows_per_s=round(ROWS / total), stage_s=round(staged, 2),
            commit_s=round(total - staged, 2), valid=batch.valid_rows, errors=batch.error_rows,
            created=summary["created"], persons_after=imported),
        row(f"registry_generate {ROWS} persons ({vendor})", generated, floor_median_s=gen_floor, peak=gen_peak,
            rows_per_s=round(result["persons"] / generated), households=result["households"],
            organisations=result["organisations"]),
    ]


if __name__ == "__main__":
    for r in run():
        print(r)


"""`manage.py employment_match --seekers S.xlsx|csv --jobs J.xlsx|csv --for seekers|jobs --top 10 --out OUT.csv`

The offices' batch run, and how quality is measured: reads two sheets (no database needed for them),
matches, writes `seeker_id, job_id, rank, score, reasons`. `--for seekers`: the top postings for every
seeker; `--for jobs`: the top seekers for every posting. Bad rows are listed (row, column, reason) and
left out; the good rows are still matched."""

from __future__ import annotations

import csv
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jianfu.employment.matching import Gazetteer, Matcher
from jianfu.employment.matching.places import BUILTIN_COUNTY
from jianfu.employment.matching.sheets import SheetError, read_sheet

MAX_LISTED = 50


def load_gazetteer(county: str) -> Gazetteer:
    """The OrgUnit table when it holds the county, else the cached division package, else built-in names."""
    try:
        from jianfu.orgs.models import OrgUnit

        rows = list(OrgUnit.objects.filter(code__startswith=county[:6], level__lte=5)
                    .exclude(kind="department").values_list("code", "name"))
        if len(rows) > 1:
            return Gazetteer.from_rows([(c[:12], n) for c, n in rows if len(c) == 12 and c.isdigit()],
                                       home_county=county, source=f"OrgUnit 表（{len(rows)} 个单位）")
    except Exception:  # noqa: BLE001, S110 - no database, or not migrated: fall through to the files
        pass
    from jianfu.orgs.divisions import PACKAGE, PACKAGE_VERSION, DivisionSourceError, read_divisions

    folder = Path(getattr(settings, "JIANFU_VAR_DIR", settings.VAR_DIR)) / "cache" / f"{PACKAGE}-{PACKAGE_VERSION}"
    if (folder / "villages.csv").exists():
        try:
            rows = [(r.code, r.name) for r in read_divisions(folder, county)]
            return Gazetteer.from_rows(rows, home_county=county, source=f"区划代码包 {PACKAGE}@{PACKAGE_VERSION}（{len(rows)} 个单位）")
        except DivisionSourceError:
            pass
    g = Gazetteer.builtin() if county == BUILTIN_COUNTY[0] else Gazetteer(home_county=county, source="builtin")
    g.source = "内置地名（合浦县各乡镇与常见外出地；村名只按名称匹配不到）"
    return g


class Command(BaseCommand):
    help = "人岗匹配：读取求职者表和岗位表（xlsx/CSV），为每位求职者推荐岗位或为每个岗位推荐求职者，写出 CSV。"

    def add_arguments(self, parser):
        parser.add_argument("--seekers", required=True, help="求职者表 .xlsx 或 .csv（UTF-8/GBK）")
        parser.add_argument("--jobs", required=True, help="岗位表 .xlsx 或 .csv（UTF-8/GBK）")
        parser.add_argument("--for", dest="direction", choices=("seekers", "jobs"), default="seekers",
                            help="seekers：为每位求职者推荐岗位；jobs：为每个岗位推荐求职者")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--out", required=True, help="输出 CSV：seeker_id, job_id, rank, score, reasons")
        parser.add_argument("--county", default=BUILTIN_COUNTY[0], help="本县的 6 位区划代码（地名解析用），默认 450521 合浦县")

    def handle(self, *args, seekers, jobs, direction, top, out, county, **options):
        if not 1 <= top <= 100:
            raise CommandError("--top 应在 1 到 100 之间。")
        if not (county.isdigit() and len(county) == 6):
            raise CommandError("--county 应为 6 位县级区划代码，如 450521。")
        started = time.perf_counter()
        results = {}
        for kind, path in (("seekers", seekers), ("jobs", jobs)):
            try:
                results[kind] = read_sheet(path, kind)
            except SheetError as exc:
                raise CommandError(f"{'求职者' if kind == 'seekers' else '岗位'}表 {path}：{exc}") from None
        for kind, label in (("seekers", "求职者"), ("jobs", "岗位")):
            r = results[kind]
            self.stdout.write(f"{label}表：读取 {r.rows_read} 行，可用 {len(r.items)} 行，错误 {len(r.errors)} 行"
                              + (f"；未识别的列：{'、'.join(r.ignored)}" if r.ignored else ""))
            for e in r.errors[:MAX_LISTED]:
                self.stderr.write(f"  {label}表 {e}")
            if len(r.errors) > MAX_LISTED:
                self.stderr.write(f"  …… 另有 {len(r.errors) - MAX_LISTED} 个错误，见错误清单文件")
            for w in r.warnings[:MAX_LISTED]:
                self.stdout.write(f"  提示：{label}表 {w}")
        if not results["seekers"].items or not results["jobs"].items:
            empty = "求职者" if not results["seekers"].items else "岗位"
            raise CommandError(f"{empty}表没有可用的行，未进行匹配（请按上面列出的错误修正后重试）。")
        gazetteer = load_gazetteer(county)
        self.stdout.write(f"地名来源：{gazetteer.source}")
        from jianfu.registry.ledger.values import local_today

        # a seeker's "2018年至今" runs to this year, a start or a birthday written without its year ("2月1日进厂",
        # "明年3月满18岁") is read from today (the core reads no clock)
        today = local_today()
        matcher = Matcher(jobs=results["jobs"].items, seekers=results["seekers"].items, gazetteer=gazetteer,
                          year=today.year, today=today)
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = out_path.with_name(out_path.name + ".tmp")
        written = 0
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["seeker_id", "job_id", "rank", "score", "reasons"])
            for rec in matcher.recommend_all(direction, top=top):
                writer.writerow([rec.seeker_id, rec.job_id, rec.rank, f"{rec.score:.4f}", rec.reasons])
                written += 1
        tmp.replace(out_path)      # a failed run leaves no half-written output
        errors = [("求职者", e) for e in results["seekers"].errors] + [("岗位", e) for e in results["jobs"].errors]
        errors_path = out_path.with_name(out_path.stem + ".errors.csv")
        if errors:
            with open(errors_path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["表", "行号", "列", "错误"])
                for label, e in errors:
                    writer.writerow([label, e.row, e.column, e.message])
            self.stdout.write(f"错误清单：{errors_path}")
        elif errors_path.exists():
            errors_path.unlink()
        self.stdout.write(self.style.SUCCESS(
            f"完成：{written} 条推荐写入 {out_path}（{time.perf_counter() - started:.1f} 秒）"))

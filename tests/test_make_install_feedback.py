"""newuser17 #4: the first `make run` gave little feedback — pip ran --quiet for ~40 s with no text, then setuptools
printed "BuildBackendWarning: Editable installation … same name as your package". Each install step now prints a
Chinese/English line first, and pyproject names the project root as the package directory, so setuptools installs the
editable package with a .pth file (no import finder, whose banner that was)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from setuptools import find_packages
from setuptools.command.editable_wheel import _simple_layout

ROOT = Path(__file__).resolve().parent.parent


def test_every_install_step_says_what_it_does_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^\$\(STAMP\): pyproject.toml\n((?:\t.*\n)+)", makefile, re.M).group(1).splitlines()
    steps = [i for i, line in enumerate(recipe) if re.search(r"-m venv|pip install", line)]
    assert len(steps) == 3
    for i in steps:
        said = recipe[i - 1].strip()
        assert said.startswith('@echo "[') and re.search(r"[\u4e00-\u9fff].*/ [a-z]", said), said
    assert all("--quiet" in recipe[i] for i in steps if "pip" in recipe[i])   # pip's own output stays quiet


def test_the_editable_install_uses_a_pth_file_not_the_import_finder():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    package_dir = setuptools["package-dir"]
    found = setuptools["packages"]["find"]
    packages = find_packages(str(ROOT), include=found["include"])
    assert {"jianfu", "jianfu.employment", "config"} <= set(packages)
    # setuptools' own choice (editable_wheel._select_strategy): a .pth file when the only package dir is the root's
    # and the layout is simple; otherwise the import finder and its "same name as your package" warning
    assert set(package_dir) == {""} and _simple_layout(packages, package_dir, ROOT)

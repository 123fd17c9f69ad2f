"""The project's scripts speak through Django's JavaScript gettext: the catalog is served here (no CDN), every
page loads it before the scripts, and no script holds Chinese text outside a gettext() call."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CATALOG_TAG = '<script src="/jsi18n/" referrerpolicy="no-referrer"></script>'


def test_a_page_loads_the_catalog_before_the_projects_scripts(world):
    page = world.client(None).get("/dispatch/public/report/").content.decode()
    catalog = page.index(CATALOG_TAG)
    assert catalog < page.index('<script src="/static/js/jianfu.js"></script>')
    assert catalog < page.index('<script src="/static/dispatch/report.js"></script>')
    assert page.count("/jsi18n/") == 1


def test_the_catalog_is_served_here_with_gettext_and_interpolate(world):
    response = world.client(None).get("/jsi18n/")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert "django.gettext = function" in body and "django.interpolate = function" in body
    assert "http://" not in body and "https://" not in body       # nothing fetched from elsewhere
    # browsers revalidate it instead of fetching it again on every page
    again = world.client(None).get("/jsi18n/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def _project_scripts() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "static", *(Path(settings.BASE_DIR) / "jianfu").glob("*/static")]
    return sorted(p for root in roots for p in root.rglob("*.js") if "vendor" not in p.parts)


def test_no_project_script_holds_chinese_text_outside_gettext():
    scripts = _project_scripts()
    assert {p.name for p in scripts} >= {"jianfu.js", "report.js", "dashboard.js"}
    outside = []
    for path in scripts:
        code = re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        for literal in re.finditer(r'"(?:[^"\\\n]|\\.)*"', code):
            said = re.search(r"[\u4e00-\u9fff]", literal.group())
            if said and not code[: literal.start()].endswith("gettext("):
                outside.append(f"{path.name}: {literal.group()}")
    assert outside == []


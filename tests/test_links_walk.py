"""Every link a role is shown leads somewhere it may go (issue 11.5): as each demo account, every entry of
its navigation and every link on its main pages (the workbench and each page the navigation opens) is
followed once; none may answer 403, 404 or 500. Links are read from the rendered HTML, so a link added
later to any template is walked too."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from urllib.parse import urlsplit

import pytest

ACCOUNTS = ["admin", "county_office", "dept_housing", "dept_forestry", "town_quzhang", "village_a", "village_b",
            "grid_a"]
SKIP = ("/logout/", "/static/", "/media/", "/api/schema", "/api/docs")
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"', re.I)


def _links(html: str) -> set[str]:
    out = set()
    for raw in HREF.findall(html):
        url = unescape(raw)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP):
            continue
        out.add(url)
    return out


@pytest.fixture
def populated(world):
    """A little of everything the main pages list: a catalogue, an event, a person in a household, a
    staged import, a report submission."""
    from pathlib import Path

    from jianfu.dispatch.catalogue import catalogue_load_yaml
    from jianfu.dispatch.tests.factories import event_in

    catalogue_load_yaml(actor=None, county_code="450521",
                        path=Path(__file__).resolve().parent.parent / "jianfu/dispatch/tests/data/mini_catalogue.yaml",
                        effective_from=dt.date(2020, 1, 1))
    event_in(world)
    from jianfu.registry.tests.scoping_cases import make_person, staged_batch

    make_person()
    staged_batch("450521200206")
    from jianfu.reports.catalog import forms_load

    forms_load(actor=None)
    return world


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("username", ACCOUNTS)
def test_no_link_shown_to_a_role_is_broken(populated, username):
    from jianfu.accounts.scoping import scope_for
    from jianfu.core.ui import nav_sections

    client = populated.client(username)
    user = populated.users[username]
    from django.urls import reverse

    main_pages = ["/"] + [reverse(item.url_name) for _title, items in nav_sections(scope_for(user)) for item in items]
    broken: dict[str, tuple[int, str]] = {}
    seen: set[str] = set()
    for page in main_pages:
        response = client.get(page)
        if response.status_code in (403, 404, 500):
            broken[page] = (response.status_code, "navigation")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for link in sorted(_links(response.content.decode()) - seen):
            seen.add(link)
            status = client.get(link).status_code
            if status in (403, 404, 500):
                broken[link] = (status, page)
    assert broken == {}, broken

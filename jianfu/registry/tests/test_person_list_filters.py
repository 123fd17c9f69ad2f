"""The person list on a phone: a name search keeps 更多筛选 closed (N08)."""

from __future__ import annotations

import re

import pytest

from jianfu.registry import selectors

pytestmark = pytest.mark.django_db
EMPTY = {key: "" for key in (*selectors.PERSON_FILTERS, "org_code")}  # what the form sends with a name search


def _details(client, **query) -> str:
    page = client.get("/registry/persons/", query).content.decode()
    return re.search(r'<details class="more-filters"[^>]*>', page).group(0)


def test_a_name_search_keeps_more_filters_closed_unless_a_filter_has_a_value(world):
    grid = world.client("grid_a")
    assert _details(grid) == '<details class="more-filters">'
    assert _details(grid, q="谢慧", **EMPTY) == '<details class="more-filters">'
    assert _details(grid, q="谢慧", **{**EMPTY, "gender": "2"}) == '<details class="more-filters" open>'
    assert _details(grid, q="", **{**EMPTY, "is_dibao": "1"}) == '<details class="more-filters" open>'
    assert _details(grid, q="谢慧", **{**EMPTY, "page": "1"}) == '<details class="more-filters">'

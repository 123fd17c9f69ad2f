"""mend33 #5: a citizen on /villages/ did not find a village: every one was folded under its township and nothing above
the list pointed to the search box. A county whose list a phone shows in a few screens shows it whole; a longer one
stays folded with a hint that says so and points to the search; the box says what to type."""

from __future__ import annotations

import re

import pytest

from jianfu.orgs.models import OrgUnit
from jianfu.villagepages import views

pytestmark = pytest.mark.django_db
SEARCH = '<input id="q" type="search" name="q" value="" maxlength="20" placeholder="输入村（社区）或乡镇名称" aria-describedby="find-hint">'


def _page(world, **params) -> str:
    return world.client(None).get("/villages/", params).content.decode()


def test_a_short_list_is_shown_whole_and_the_hint_points_to_the_search(world):
    page = _page(world)
    assert len(re.findall(r"<details class=\"card\" open>", page)) == 2 and "<details class=\"card\">" not in page
    assert ('<p class="muted" id="find-hint">村（社区）按所属乡镇（街道）列出；找不到时，在上面的搜索框输入村名或乡镇名查找。</p>'
            in page)
    assert SEARCH in page
    assert page.index('id="find-hint"') < page.index("<details")   # above the list


def test_a_long_list_stays_folded_with_a_hint_to_unfold_or_search(world, monkeypatch):
    monkeypatch.setattr(views, "UNFOLDED_UP_TO", 3)     # the fixture's county has 3 villages; a real one has hundreds
    OrgUnit.objects.create(code="450521200299", name="新村委会", kind="village", level=5, parent_code="450521200000")
    page = _page(world)
    assert "<details class=\"card\" open>" not in page and len(re.findall(r"<details class=\"card\">", page)) == 2
    assert ('id="find-hint">村（社区）收在所属乡镇（街道）下，点乡镇名展开；也可在上面的搜索框输入村名直接查找。 '
            '<a href="#q">去查找</a></p>') in page
    # a search shows what it found, unfolded, without the hint (nor a reference to it)
    found = _page(world, q="曲木")
    assert "<details class=\"card\" open>" in found and 'id="find-hint"' not in found and "aria-describedby" not in found

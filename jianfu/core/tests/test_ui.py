import pytest
from django.test import RequestFactory

from jianfu.accounts.context_processors import navigation

pytestmark = pytest.mark.django_db


def test_navigation_merges_sections_and_marks_one_entry(world):
    request = RequestFactory().get("/dispatch/catalogue/")
    request.user = world.users["county_office"]
    sections = navigation(request)["nav_sections"]
    titles = [s["title"] for s in sections]
    assert titles.count("系统管理") == 1
    active = [e["url"] for s in sections for e in s["entries"] if e["active"]]
    assert active == ["/dispatch/catalogue/"]


def test_grid_worker_sees_no_admin_entries(world):
    request = RequestFactory().get("/")
    request.user = world.users["grid_a"]
    urls = {e["url"] for s in navigation(request)["nav_sections"] for e in s["entries"]}
    assert "/accounts/users/" not in urls and "/audit/" not in urls and "/system/tasks/" not in urls
    assert "/orgs/" not in urls   # the unit tree is not a grid worker's tool (issue 11.5)


def test_the_direct_line_and_the_public_pages_have_a_heading_of_their_own(world):
    # N18: on a grid worker's 工作台, 直通车反映问题 and 村（社区）服务公开 stood under 减负监测, which they have none of
    def sections(username):
        request = RequestFactory().get("/")
        request.user = world.users[username]
        return {s["title"]: [e["label"] for e in s["entries"]] for s in navigation(request)["nav_sections"]}

    grid = sections("grid_a")
    assert "减负监测" not in grid
    assert grid["直通车与服务公开"] == ["直通车反映问题", "村（社区）服务公开"]
    office = sections("county_office")
    assert office["减负监测"] == ["减负监测台账", "减负问题", "典型问题通报", "减负监测看板", "基层负担指数"]
    assert office["直通车与服务公开"][:2] == ["直通车反映问题", "直通车办理"]

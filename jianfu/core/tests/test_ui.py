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

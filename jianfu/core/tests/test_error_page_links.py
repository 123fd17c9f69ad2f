"""The error page offers what the visitor can use (fix-ui19b #4): an anonymous visitor has no workbench, so it gets
the home page, the staff login and the public entries; a signed-in account gets its workbench."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_anonymous_404_offers_the_home_page_login_and_the_public_pages(world):
    response = world.client(None).get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "回到工作台" not in page
    assert '<a href="/">首页</a> · <a href="/login/">工作人员登录</a>' in page
    for href, label in (("/dispatch/public/report/", "我要反映问题"), ("/villages/", "村（社区）服务公开")):
        assert f'<a href="{href}">{label}</a>' in page


def test_a_signed_in_404_offers_the_workbench(world):
    response = world.client("county_office").get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<a href="/">回到工作台</a>' in page
    assert "工作人员登录" not in page and 'class="citizen-links"' not in page


@pytest.mark.parametrize("path", ["/villages/abc/", "/no/such/page/"])
def test_an_anonymous_404_does_not_speak_of_a_jurisdiction(world, path):
    """tryout28 #2: a citizen at /villages/abc/ read "找不到该页面，或不在您的管辖范围内。" — a citizen has no 管辖范围."""
    response = world.client(None).get(path)
    page = response.content.decode()
    assert response.status_code == 404
    assert "找不到该页面。" in page and "管辖范围" not in page
    staff = world.client("village_a").get(path).content.decode()
    assert "找不到该页面，或不在您的管辖范围内。" in staff

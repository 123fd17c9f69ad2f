"""Session 16 (newuser16 #2): a stale tab's POST gets a Chinese "页面已过期" page in the site's layout, not Django's
technical CSRF page; nothing is saved; the current token (what jianfu.js puts into a page restored by 返回) works."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jianfu.dispatch.models import Event

TEXT = "村口路灯坏了三盏，晚上行人看不清路，请尽快维修。"


@pytest.mark.django_db
def test_a_stale_tabs_post_gets_the_chinese_page_expired_page_and_nothing_is_saved(world):
    grid = Client(enforce_csrf_checks=True)
    grid.force_login(world.users["grid_a"])
    form = grid.get("/dispatch/report/").content.decode()
    stale = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    grid.logout()  # logged out and in again (another tab): the CSRF cookie's secret is rotated
    grid.force_login(world.users["grid_a"])
    grid.get("/dispatch/report/")
    before = Event.objects.count()
    response = grid.post("/dispatch/report/", {"csrfmiddlewaretoken": stale, "text": TEXT},
                         HTTP_REFERER="http://testserver/dispatch/report/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "<title>页面已过期 · 减负赋能</title>" in page
    assert "您已在其他窗口退出或重新登录，本次提交没有保存。" in page
    assert '<button type="button" data-history-back>返回</button>' in page
    assert '<a href="http://testserver/dispatch/report/">重新打开表单</a>' in page
    assert 'id="sidenav"' in page  # the site's layout, with the menu of the account now logged in
    for technical in ("CSRF", "DEBUG", "Forbidden", "csrf"):
        assert technical not in page.replace("csrfmiddlewaretoken", "").replace("X-CSRFToken", "")
    assert Event.objects.count() == before
    # What the page restored by 返回 submits once jianfu.js has put in the cookie's current value: accepted.
    current = grid.cookies["csrftoken"].value
    again = grid.post("/dispatch/report/", {"csrfmiddlewaretoken": current, "text": TEXT})
    # past the CSRF check, into the form's own checks (this post names no place: the form's 400, not the 403 page)
    assert again.status_code == 400 and "页面已过期" not in again.content.decode()


@pytest.mark.django_db
def test_without_a_same_site_referer_the_link_reopens_the_posted_page(world):
    citizen = Client(enforce_csrf_checks=True)
    response = citizen.post("/dispatch/public/report/", {"text": TEXT}, HTTP_REFERER="https://evil.example/x")
    assert response.status_code == 403
    assert '<a href="/dispatch/public/report/">重新打开表单</a>' in response.content.decode()
    assert "evil.example" not in response.content.decode()


def test_the_back_button_and_the_token_refresh_are_wired_in_the_sites_script():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "static" / "js" / "jianfu.js").read_text(encoding="utf-8")
    assert 'event.target.closest("[data-history-back]")' in script and "window.history.back();" in script
    assert 'window.addEventListener("pageshow"' in script and "input[name=csrfmiddlewaretoken]" in script

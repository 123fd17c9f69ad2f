"""fix-ui18 (a new user on a fresh clone's demo, session 18): /directline/ sends an anonymous visitor to the report
form, never the staff login; the unlock page names the demo passphrase in the demo only."""

from __future__ import annotations

import pytest

from jianfu.directline.demo import DEMO_PASSPHRASE
from jianfu.directline.tests.factories import county_key_with_handler

pytestmark = pytest.mark.django_db

HINT = "演示环境：办理人 county_office 的直通车口令是 <code>jianfu-demo-zhitongche</code>（正式部署不显示此提示）。"


def test_an_anonymous_visitor_of_the_direct_line_goes_to_the_report_form(world):
    response = world.client(None).get("/directline/")
    assert response.status_code == 302 and response["Location"] == "/directline/public/report/"


def test_a_handler_still_gets_the_list_and_other_pages_still_ask_for_a_login(world):
    county_key_with_handler(world)
    response = world.client("county_office").get("/directline/")
    assert response.status_code == 200 and "directline/report_list.html" in [t.name for t in response.templates]
    # only the list's address is the reporter's way in: a report's page still asks an anonymous visitor to log in
    response = world.client(None).get("/directline/1/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/directline/1/"


def test_the_unlock_page_names_the_demo_passphrase_in_the_demo(world, settings):
    settings.JIANFU_DEMO_LOGIN_NOTE = True
    county_key_with_handler(world)
    page = world.client("county_office").get("/directline/unlock/").content.decode()
    assert DEMO_PASSPHRASE == "jianfu-demo-zhitongche"
    assert page.count(HINT) == 1


def test_the_unlock_page_never_names_it_outside_the_demo(world, settings):
    settings.JIANFU_DEMO_LOGIN_NOTE = False
    county_key_with_handler(world)
    page = world.client("county_office").get("/directline/unlock/").content.decode()
    assert "演示环境" not in page and DEMO_PASSPHRASE not in page
    assert "请输入您的直通车口令（不是登录密码）" in page

"""fix-ui17a (a new user on a 390 px phone, session 17): the handlers' list is one card per report like every other
phone list; the receipt code has a copy button, wraps only between its groups and opens the follow-up page without
being typed again — in a POST body, never in a URL."""

from __future__ import annotations

import re

import pytest

from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.directline.tests.test_flow import CODE_RE, TEXT, _submit, _unlocked

pytestmark = pytest.mark.django_db


def test_the_handlers_list_is_one_card_per_report(world):
    county_key_with_handler(world)
    report, _code = submitted(category="app")
    page = _unlocked(world).get("/directline/").content.decode()
    assert '<div class="table-wrap"><table class="cards">' in page
    assert f'<td class="card-title"><a href="/directline/{report.pk}/">#{report.pk}</a></td>' in page
    cells = re.findall(r'<td data-label="([^"]+)">', page)
    assert cells == ["收到日期", "类别", "状态", "最近变动"]
    assert '<td data-label="类别">政务应用程序打卡、排名、刷量</td>' in page


def test_the_receipt_code_is_in_unbreakable_groups_with_a_copy_button(world):
    county_key_with_handler(world)
    response = _submit(world.client(None))
    page = response.content.decode()
    code = CODE_RE.search(page).group()
    groups = code.split("-")
    shown = "".join(f'<span class="code-group">{g}{"" if i == 5 else "-"}</span>{"" if i == 5 else "<wbr>"}'
                    for i, g in enumerate(groups))
    assert f'<strong id="receipt-code">{shown}</strong>' in page
    # without JavaScript the button stays hidden (one tap selects the code: user-select: all); jianfu.js shows it
    assert '<button type="button" data-copy="receipt-code" hidden>复制回执码</button>' in page
    assert "点一下回执码即可全选，再复制。" in page


def test_the_receipt_opens_the_follow_up_page_by_a_post_never_a_url(world):
    county_key_with_handler(world)
    reporter = world.client(None)
    response = _submit(reporter)
    page = response.content.decode()
    code = CODE_RE.search(page).group()
    assert response["Referrer-Policy"] == "strict-origin" and "no-store" in response["Cache-Control"]
    form = re.search(r'<form method="post" action="/directline/public/follow/" class="receipt-follow"[^>]*>(.*?)</form>',
                     page, re.S).group(1)
    assert f'<input type="hidden" name="code" value="{code}">' in form
    assert "用这个回执码查看办理情况" in form
    # the code is in no link of the page
    assert all(code not in href and code.replace("-", "") not in href for href in re.findall(r'href="([^"]*)"', page))
    # what the form sends opens the report
    opened = reporter.post("/directline/public/follow/", {"code": code})
    assert opened.status_code == 200 and TEXT in opened.content.decode() and "待受理" in opened.content.decode()


def test_a_reload_of_the_receipt_has_no_code_no_copy_button_and_no_follow_form(world):
    county_key_with_handler(world)
    reporter = world.client(None)
    _submit(reporter)
    again = reporter.get("/directline/public/receipt/").content.decode()
    assert "回执码已经显示过" in again
    assert CODE_RE.search(again) is None and "data-copy" not in again and 'name="code"' not in again
    assert '<a class="tap" href="/directline/public/follow/">凭回执码查看办理情况</a>' in again


def test_the_public_report_pages_follow_up_link_is_a_tap_target(world):
    page = world.client(None).get("/directline/public/report/").content.decode()
    assert '<p><a class="tap" href="/directline/public/follow/">已经反映过？凭回执码查看办理情况</a></p>' in page

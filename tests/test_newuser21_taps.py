"""newuser21 #9: links a thumb must hit were 17 px (a paragraph's lone links) or 40 px (breadcrumbs, a.tap) at 390 px.
On a phone they are 44 px: a.tap and breadcrumbs by the newuser16 rule (now 44), a row of links by its .taps
container, the pagers by their own rule; a desktop's stylesheet is unchanged (all under max-width: 600px). Here, the
markup carries the classes; the heights themselves are measured in Chromium (tests/e2e/test_newuser21_layout.py) — a
test of the stylesheet's text was dropped (code review 21)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jianfu.employment.models import PostingImport
from jianfu.employment.tests.factories import TOWN, posting_in


@pytest.mark.django_db
def test_an_error_pages_links_are_a_row_of_taps(world):
    page = world.client("county_office").get("/dispatch/events/99999999/", HTTP_REFERER="/dispatch/").content.decode()
    assert (f'<p class="taps"><a href="/dispatch/">返回上一页</a> · <a href="{reverse("accounts:workbench")}">回到工作台</a>'
            "</p>") in page
    anonymous = world.client(None).get("/dispatch/public/track/notatoken123/").content.decode()
    assert ('<p class="error-nav taps"><a href="/">返回上一页</a> · <a href="/">首页</a> · '
            f'<a href="{reverse("accounts:login")}">工作人员登录</a></p>') in anonymous


@pytest.mark.django_db
def test_the_posting_lists_small_links_are_taps(world):
    batch = PostingImport.objects.create(org_code=TOWN, original_name="岗位.xlsx", status="failed",
                                         errors=[{"row": 2, "column": "月薪", "message": "x"}])
    posting_in(TOWN, title="收银员", status="flagged")
    client = world.client("county_office")
    page = client.get("/employment/postings/").content.decode()
    assert (f'<ul class="taps" id="recent-imports"><li><a href="/employment/postings/import/{batch.pk}/">岗位.xlsx</a>'
            ' · <span class="import-status">有错误，未入库</span> · ') in page
    assert '<p class="alert alert-warning taps" id="flagged-shortcut"><a href="/employment/postings/?status=flagged">' in page
    filtered = client.get(f"/employment/postings/?batch={batch.pk}").content.decode()
    assert ('<p class="alert alert-info taps" id="batch-filter">只显示导入批次“岗位.xlsx”的岗位。 '
            f'<a href="/employment/postings/import/{batch.pk}/">回到该批次</a> · '
            '<a href="/employment/postings/">显示全部岗位</a></p>') in filtered

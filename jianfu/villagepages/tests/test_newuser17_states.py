"""fix-ui17a #3 (a new user, session 17): the public page said "本村（社区）的服务清单尚在审核" of every village without a
public list, though 265 of 276 demo villages never submitted one. It now says the truth per state; the index marks
the villages with a public list, counts them, and filters to them."""

from __future__ import annotations

import re

import pytest

from jianfu.villagepages.tests.factories import LIANZHOU_VILLAGE, QUMU, ZHANGJIA, list_in
from jianfu.villagepages.workflow import Status

pytestmark = pytest.mark.django_db
NEVER = "本村（社区）尚未提交服务清单，这里暂无清单可看。"
SUBMITTED = "本村（社区）的服务清单已提交乡镇（街道）审核，审核通过后在此公开。"
RETURNED = "本村（社区）的服务清单已被乡镇（街道）退回修改，修改并审核通过后在此公开。"


def _state_line(client, code):
    page = client.get(f"/villages/{code}/").content.decode()
    found = re.search(r'<p class="alert alert-info" id="list-state">([^<]*)</p>', page)
    return found.group(1) if found else None


@pytest.mark.parametrize(("status", "said"), [
    (None, NEVER), (Status.DRAFT, NEVER), (Status.SUBMITTED, SUBMITTED), (Status.RETURNED, RETURNED)])
def test_a_village_without_a_public_list_says_why(world, status, said):
    if status:
        list_in(QUMU, status=status)
    client = world.client(None)
    assert _state_line(client, QUMU) == said
    assert "尚在审核" not in client.get(f"/villages/{QUMU}/").content.decode()


def test_a_published_list_is_shown_with_no_state_line_even_while_a_new_version_is_reviewed(world):
    list_in(QUMU, status=Status.APPROVED)
    list_in(QUMU, status=Status.SUBMITTED)
    client = world.client(None)
    page = client.get(f"/villages/{QUMU}/").content.decode()
    assert _state_line(client, QUMU) is None and "城乡居民医疗保险参保登记" in page


def test_the_index_marks_counts_and_filters_the_villages_with_a_public_list(world):
    list_in(QUMU, status=Status.APPROVED)
    list_in(ZHANGJIA, status=Status.SUBMITTED)
    client = world.client(None)
    page = client.get("/villages/").content.decode()
    marks = dict(re.findall(r'<a class="tap" href="/villages/(\d+)/">[^<]+</a> <span class="[^"]+">([^<]+)</span>', page))
    assert marks == {LIANZHOU_VILLAGE: "（暂无清单）", ZHANGJIA: "（暂无清单）", QUMU: "已公开清单"}
    assert '<span class="badge badge-ok">已公开清单</span>' in page
    assert "共 3 个村（社区），其中 1 个已公开服务清单（标有“已公开清单”）。" in page
    assert "（2 个，1 个已公开清单）" in page and "（1 个，0 个已公开清单）" in page
    assert '<input type="checkbox" name="listed" value="1"> 只看已公开清单的' in page
    listed = client.get("/villages/", {"listed": "1"}).content.decode()
    assert re.findall(r'<a class="tap" href="/villages/(\d+)/">', listed) == [QUMU]
    assert '<input type="checkbox" name="listed" value="1" checked>' in listed
    assert "已公开清单的村（社区）1 个。" in listed
    # with a search: both filters at once
    assert re.findall(r'<a class="tap" href="/villages/(\d+)/">', client.get(
        "/villages/", {"listed": "1", "q": "璋嘉"}).content.decode()) == []


def test_the_index_filtered_with_no_public_list_anywhere_says_so(world):
    page = world.client(None).get("/villages/", {"listed": "1"}).content.decode()
    assert "还没有村（社区）公开服务清单。" in page and 'href="/villages/4505' not in page

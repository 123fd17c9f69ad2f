"""newuser23 #6: code-like text said in words — the unlock page's key fingerprint explained as 核对用, the Open311
source as 外部平台, one number per event row, a review version as 第 1 版."""

from __future__ import annotations

import pytest

from jianfu.directline.tests.factories import county_key_with_handler
from jianfu.dispatch.models import Source
from jianfu.dispatch.tests.factories import event_in

pytestmark = pytest.mark.django_db


def test_the_unlock_page_explains_the_fingerprint(world):
    key, _private = county_key_with_handler(world)
    page = world.client("county_office").get("/directline/unlock/").content.decode()
    assert "县级密钥指纹" not in page
    assert (
        f'<p class="muted hint" id="key-check">请核对：本县直通车密钥的编号是 {key.fingerprint}。'
        "如果与县减负办告知的编号一致，解锁的就是本县的直通车；如不一致，请勿输入口令，并联系县减负办或系统管理员。</p>"
    ) in page


def test_an_open311_event_says_where_it_came_from_in_words(world):
    event = event_in(world, source=Source.OPEN311, case_number="HP2612000077")
    client = world.client("county_office")
    detail = client.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert "<dt>来源</dt><dd>外部平台（Open311） · " in detail and "Open311 接口" not in detail
    assert '<h1>事件 <span id="case-number">HP2612000077</span> ' in detail   # one number per event (newuser24 #2)
    assert f'<dd id="internal-number">{event.number}</dd>' in detail
    listing = client.get("/dispatch/").content.decode()
    assert f'href="/dispatch/events/{event.pk}/">HP2612000077</a>' in listing and event.number not in listing
    # a grid worker's own report has no citizen number: its row shows the event number
    own = event_in(world, text="后山林地界线纠纷")
    assert f'href="/dispatch/events/{own.pk}/">{own.number}</a>' in client.get("/dispatch/").content.decode()


def test_a_review_version_reads_as_words(world):
    from jianfu.review.services import review_submit

    review = review_submit(
        actor=world.users["dept_housing"], text="XX县关于开展危房排查的通知\n一、各村安排专人负责危房巡查。"
    )
    client = world.client("county_office")
    page = client.get(f"/review/reviews/{review.pk}/").content.decode()
    assert '<small class="muted">第 1 版</small>' in page and ">v1<" not in page
    listing = client.get("/review/").content.decode()
    assert '<td data-label="版本">第 1 版</td>' in listing
    detail = client.get(f"/review/documents/{review.version.document_id}/").content.decode()
    assert "<tr><td>第 1 版</td>" in detail

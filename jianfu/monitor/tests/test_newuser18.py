"""newuser18 #4: a 登记 link of 本月收到的要求 opens a form titled 登记收到的…, and saving goes back to the month it
came from with a success message (a `next` that is a path of this site only); the meetings section says why a
meeting's minutes are more than its length."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from jianfu.core.formtokens import token_new
from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting

pytestmark = pytest.mark.django_db
QUZHANG = "450521200000"

def _meeting(next_: str | None, title: str = "村书记培训") -> dict:
    data = {"form_token": token_new(), "date": "2026-11-03", "title": title, "issuer": "林业局",
            "duration_minutes": "120", "village_secretaries_required": "1"}
    if next_ is not None:
        data["next"] = next_
    return data

def test_the_register_form_says_what_is_registered_and_keeps_where_it_came_from(world):
    client = world.client("village_a")
    page = client.get("/monitor/ledgers/meeting/new/", {"date": "2026-11-03",
                                                        "next": "/monitor/received/?month=2026-11"}).content.decode()
    assert "<h1>登记收到的会议</h1>" in page
    assert '<input type="hidden" name="next" value="/monitor/received/?month=2026-11">' in page
    plain = client.get("/monitor/ledgers/document/new/").content.decode()
    assert "<h1>登记：发文</h1>" in plain and 'name="next"' not in plain

def test_saving_from_a_register_link_goes_back_to_the_month_with_a_message(world):
    client = world.client("village_a")
    response = client.post("/monitor/ledgers/meeting/new/", _meeting("/monitor/received/?month=2026-11"))
    assert response.status_code == 302 and response["Location"] == "/monitor/received/?month=2026-11"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["已登记：村书记培训。"]
    assert list(LedgerMeeting.objects.values_list("title", "duration_minutes")) == [("村书记培训", 120)]

@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/monitor/", "/\\evil.example/",
                                    "javascript:alert(1)", ""])
def test_a_next_that_is_not_a_local_path_is_ignored(world, target):
    response = world.client("village_a").post("/monitor/ledgers/meeting/new/", _meeting(target))
    row = LedgerMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monitor/ledgers/meeting/{row.pk}/"

def test_a_refused_form_keeps_the_next(world):
    data = {**_meeting("/monitor/received/?month=2026-11"), "duration_minutes": "九十"}
    response = world.client("village_a").post("/monitor/ledgers/meeting/new/", data)
    assert response.status_code == 400 and LedgerMeeting.objects.count() == 0
    page = response.content.decode()
    assert '<input type="hidden" name="next" value="/monitor/received/?month=2026-11">' in page
    assert "<h1>登记收到的会议</h1>" in page

def test_received_says_why_a_meetings_minutes_are_weighted(world):
    today = timezone.localdate()
    services.ledger_bulk_create(actor=world.users["county_office"], kind="meeting", rows=[
        (2, {"date": today.isoformat(), "title": "村书记培训", "issuer": "林业局", "target": QUZHANG,
             "duration_minutes": "120", "village_secretaries_required": 1})])
    page = world.client("village_a").get("/monitor/received/").content.decode()
    assert '<td class="num minutes" data-label="分钟">180</td>' in page
    assert ('<p class="muted" id="received-travel">现场会议的分钟数另加往返路上的 60 分钟（视频会议不加），'
            "所以 120 分钟的现场会议计为 180 分钟。</p>") in page
    assert page.count('id="received-travel"') == 1

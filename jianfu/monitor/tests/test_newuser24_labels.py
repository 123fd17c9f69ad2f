"""newuser24 #3: the ledger list's heading names the year filtered, a received row that weighs nothing says why, and
who entered a row is said in plain words (not 造成方填报 / 承受方记录)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jianfu.monitor import services
from jianfu.monitor.models import LedgerDemand, LedgerMeeting

pytestmark = pytest.mark.django_db
QUZHANG = "450521200000"


def _minutes_cells(page: str) -> list[str]:
    return re.findall(r'<td class="num minutes" data-label="分钟">(.*?)</td>', page)


def test_a_received_row_that_weighs_nothing_says_why(world):
    today = timezone.localdate()
    services.ledger_bulk_create(
        actor=world.users["county_office"],
        kind="meeting",
        rows=[
            (
                2,
                {
                    "date": today.isoformat(),
                    "title": "乡镇干部会",
                    "issuer": "林业局",
                    "target": QUZHANG,
                    "duration_minutes": "60",
                    "village_secretaries_required": 1,
                },
            )
        ],
    )
    services.ledger_bulk_create(
        actor=world.users["village_a"],
        kind="meeting",
        rows=[
            (
                2,
                {
                    "date": today.isoformat(),
                    "title": "本村收到的会",
                    "issuer": "林业局",
                    "duration_minutes": "60",
                },
            )
        ],
    )
    services.ledger_bulk_create(
        actor=world.users["village_a"],
        kind="demand",
        rows=[
            (
                2,
                {
                    "date": today.isoformat(),
                    "title": "清单内的证明",
                    "issuer": "林业局",
                    "demand_kind": "certificate",
                    "times": 2,
                    "in_access_list": 1,
                },
            )
        ],
    )
    assert LedgerMeeting.objects.get(title="本村收到的会").village_secretaries_required is False
    assert LedgerDemand.objects.get(title="清单内的证明").in_access_list is True
    page = world.client("village_a").get("/monitor/received/").content.decode()
    # meetings newest first (same day: the later row first), then the demand
    assert _minutes_cells(page) == [
        "不计入（未要求村书记参加）",
        "120",
        "不计入（已列入准入清单或保留证明事项清单）",
    ]
    assert ">不计<" not in page


def test_the_ledger_heading_names_the_year_and_who_entered_each_row_in_plain_words(world):
    services.ledger_bulk_create(
        actor=world.users["village_a"],
        kind="meeting",
        rows=[
            (2, {"date": "2026-03-02", "title": "本村收到的会", "issuer": "林业局", "duration_minutes": "60"})
        ],
    )
    services.ledger_bulk_create(
        actor=world.users["county_office"],
        kind="meeting",
        rows=[
            (
                2,
                {
                    "date": "2026-03-03",
                    "title": "县里登记的会",
                    "issuer": "林业局",
                    "target": QUZHANG,
                    "duration_minutes": "60",
                },
            )
        ],
    )
    client = world.client("county_office")
    filtered = client.get("/monitor/ledgers/meeting/", {"year": "2026"}).content.decode()
    assert '<h1 id="ledger-heading">2026年会议</h1>' in filtered and "<title>2026年会议" in filtered
    assert '<td data-label="由谁登记">被要求的单位自己</td>' in filtered
    assert '<td data-label="由谁登记">提出要求的单位或减负办</td>' in filtered
    assert "造成方填报" not in filtered and "承受方记录" not in filtered and "填报方式" not in filtered
    every = client.get("/monitor/ledgers/meeting/").content.decode()
    assert '<h1 id="ledger-heading">会议</h1>' in every
    row = LedgerMeeting.objects.get(title="本村收到的会")
    detail = client.get(f"/monitor/ledgers/meeting/{row.pk}/").content.decode()
    assert " · 由谁登记：被要求的单位自己</p>" in detail

"""ui30 #3: a ledger opened from the 台账 hub (its links carry the hub's year) said 共 110 条（已筛选…）though the
user had filtered nothing. The year is the list's scope — the heading names it, the hub's count is its 共 n 条 — so
the note is for a search only, on all eight ledgers alike (one view, one template)."""

from __future__ import annotations

import re

import pytest

from jianfu.monitor import services
from jianfu.monitor.models import LedgerKind

NOTE = "（已筛选；导出与筛选一致）"


def _count_line(page: str) -> str:
    return re.search(r'<p class="muted">共 [^<]*</p>', page).group(0)


@pytest.mark.django_db
def test_every_ledger_reached_from_the_hub_says_its_count_without_the_filtered_note(world):
    client = world.client("county_office")
    hub = client.get("/monitor/", {"year": "2026"}).content.decode()
    links = re.findall(r'<a href="(/monitor/ledgers/[a-z_]+/\?year=2026)">', hub)
    assert sorted(links) == sorted(f"/monitor/ledgers/{kind}/?year=2026" for kind in LedgerKind.values)
    assert len(links) == 8
    for link in links:
        assert _count_line(client.get(link).content.decode()) == '<p class="muted">共 0 条</p>'
        searched = client.get(link + "&q=林业局").content.decode()
        assert _count_line(searched) == f'<p class="muted">共 0 条{NOTE}</p>'


@pytest.mark.django_db
def test_the_note_follows_the_search_not_the_year(world):
    rows = [(2, {"date": "2026-03-02", "title": "本村收到的会", "issuer": "林业局", "duration_minutes": "60"}),
            (3, {"date": "2026-03-09", "title": "第二次会", "issuer": "林业局", "duration_minutes": "30"})]
    services.ledger_bulk_create(actor=world.users["village_a"], kind="meeting", rows=rows)
    client = world.client("village_a")

    def line(query: dict) -> str:
        return _count_line(client.get("/monitor/ledgers/meeting/", query).content.decode())

    assert line({"year": "2026"}) == '<p class="muted">共 2 条</p>'              # from the hub
    assert line({}) == '<p class="muted">共 2 条</p>'                            # every year
    assert line({"year": "2025"}) == '<p class="muted">共 0 条</p>'              # another year: the heading says so
    assert line({"year": "2026", "q": "本村"}) == f'<p class="muted">共 1 条{NOTE}</p>'
    assert line({"q": "第二次"}) == f'<p class="muted">共 1 条{NOTE}</p>'

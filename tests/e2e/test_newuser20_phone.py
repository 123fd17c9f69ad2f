"""newuser20's phone findings in Chromium at 390 × 844: #2 the wide figure tables (报送完成情况, 基层负担指数) are one
card per row with their key figures on screen, no sideways scrolling."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot
from tests.e2e.test_monitor_village import this_month  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def _on_screen(page, selector: str) -> list[dict]:
    """Every element matched, each wholly inside the 390 px viewport's width (and not hidden)."""
    boxes = [el.bounding_box() for el in page.locator(selector).all()]
    assert boxes and all(b is not None for b in boxes), selector
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes), (selector, boxes)
    return boxes


def test_completeness_shows_each_forms_rates_without_sideways_scrolling(phone, world):
    from jianfu.reports.catalog import forms_load

    forms_load(actor=None)
    page = phone("town_quzhang")
    page.goto("/reports/completeness/", timeout=60_000)
    cards = page.locator("#completeness tbody tr")
    assert cards.count() >= 10
    first = cards.nth(0)
    # the card's first figures are its two rates, labelled (the header row is hidden on a phone)
    expect(first.locator("td.key")).to_have_text(["0.0%", "0.0%"])
    labels = first.locator("td.key").evaluate_all("els => els.map(e => getComputedStyle(e, '::before').content)")
    assert labels == ['"报送率："', '"及时率："'], labels
    _on_screen(page, "#completeness td.key")
    _on_screen(page, "#completeness td.num")
    assert page.evaluate("[...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)")
    assert fits_the_phone(page)
    shot(page, "newuser20-completeness")


def test_the_burden_index_shows_each_villages_total_without_sideways_scrolling(phone, world, this_month):  # noqa: F811
    today = timezone.localdate()
    page = phone("town_quzhang")
    page.goto(f"/monitor/index/?year={today.year}", timeout=60_000)
    villages = page.locator("#town-villages tbody tr")
    expect(villages.locator("td.card-title")).to_have_text(["璋嘉村委会", "曲木村委会"])
    expect(villages.locator("td.key")).to_have_text(["5.9", "6.4"])
    _on_screen(page, "#town-villages td.key")
    _on_screen(page, "#town-villages td.num")
    assert page.evaluate("[...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)")
    assert fits_the_phone(page)
    shot(page, "newuser20-monitor-index")

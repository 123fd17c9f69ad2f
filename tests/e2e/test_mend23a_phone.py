"""mend23a #2: the organisation list (企业和社会组织) at 390 px is one card per organisation — its name as the card's
title, every other column labelled — with no sideways scrolling of the page or of the table."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_the_organisation_list_fits_a_phone(phone, world):
    from jianfu.registry.models import Organisation

    Organisation.objects.create(org_code="450521200201", name="合浦县曲樟乡璋嘉村生态种养殖农民专业合作社",
                                kind="cooperative", credit_code="93450521MA5N8XXX0K", industry="水果种植、家禽养殖",
                                employees=12)
    Organisation.objects.create(org_code="450521200206", name="曲木村农资店", kind="individual_business", employees=2)
    page = phone("county_office")
    page.goto("/registry/organisations/", timeout=60_000)
    cards = page.locator("table.cards tbody tr")
    expect(cards.locator("td.card-title")).to_have_text(["合浦县曲樟乡璋嘉村生态种养殖农民专业合作社", "曲木村农资店"])
    labels = cards.nth(0).locator("td[data-label]").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content)")
    assert labels == ['"统一社会信用代码："', '"类型："', '"行业："', '"从业人数："', '"村（社区）："'], labels
    boxes = [el.bounding_box() for el in cards.locator("td").all()]
    assert len(boxes) == 12 and all(b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes), boxes
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.evaluate("[...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)")
    assert fits_the_phone(page)
    shot(page, "mend23a-organisations")

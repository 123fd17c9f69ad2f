"""newuser20's phone findings in Chromium at 390 × 844: #2 the wide figure tables (报送完成情况, 基层负担指数) are one
card per row with their key figures on screen, no sideways scrolling; #10 the key text links a thumb must hit are at
least 24 px tall (event numbers on the manual queue, 推荐岗位's job titles, 查询办理进度, 下载导入模板, the index's
drill-down numbers)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import PHONE, fits_the_phone, shot
from tests.e2e.test_daily_tasks import catalogue  # noqa: F401  (a fixture)
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


def _heights(page, selector: str) -> list[int]:
    links = page.locator(selector)
    assert links.count() >= 1, selector
    return [round(link.bounding_box()["height"]) for link in links.all()]


def test_the_key_text_links_are_a_thumbs_height(phone, world, catalogue, this_month, settings):  # noqa: F811
    from jianfu.dispatch import services
    from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in

    settings.JIANFU_ROUTING_CATALOGUE_THRESHOLD = 0.999   # nothing routes itself: the event waits in the queue
    event = services.event_report(actor=world.users["grid_a"], org_code="450521200206001", source="grid",
                                  text="曲木村两户村民为后山林地界线争吵，双方都有林权证，请林业部门确认权属")
    office = phone("county_office")
    office.goto("/dispatch/queue/", timeout=60_000)
    assert min(_heights(office, f"#suggest-{event.pk} p a")) >= 24
    assert min(_heights(office, f"#suggest-{event.pk} .card-title a")) >= 24   # one card per event (newuser24 #1)
    office.goto("/monitor/ledgers/document/import/", timeout=60_000)
    assert min(_heights(office, "#ledger-template")) >= 24

    kp = key_person_in(person=person_in(name="林小梅"), profile={"places": ["county"]})
    posting_in(TOWN, title="电子产品装配工", description="手机配件流水线装配，白班")
    village = phone("village_a")
    village.goto(f"/employment/people/{kp.pk}/jobs/", timeout=60_000)
    assert min(_heights(village, ".job-match strong a")) >= 24

    today = timezone.localdate()
    town = phone("town_quzhang")
    town.goto(f"/monitor/index/?year={today.year}", timeout=60_000)
    drill = _heights(town, "#town-villages td.num a")
    assert len(drill) == 2 and min(drill) >= 24, drill

    citizen_event = services.event_report(actor=None, org_code="450521200206", source="citizen",
                                          text="曲木村三队路灯坏了两个星期，晚上很黑。")
    citizen = phone(None)
    citizen.goto(f"/dispatch/public/track/{citizen_event.feedback_token}/", timeout=60_000)
    assert min(_heights(citizen, "main a.tap:text-is('查询办理进度')")) >= 24
    for page in (office, village, town, citizen):
        assert fits_the_phone(page)

"""ui31: the monitor's notices, ledgers, dashboard and index and the event list had filters whose boxes showed only a
placeholder or their value (a year box read just "2026"). Each box now carries a visible label over it (.filter-grid,
as /monitor/findings/ since mend31), in Chromium at 390×844, with no sideways scrolling."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect

THIS_YEAR = str(timezone.localdate().year)
# page → (its filter form, the labels of its boxes in order, what its 年度 box holds at first: None for no such box;
# "" where every year is listed, the box's placeholder 全部)
PAGES = {
    "/monitor/notices/": ("#notice-filters", ["地方、单位或问题", "问题类别", "年度"], ""),
    "/monitor/ledgers/document/": ("#ledger-filters", ["名称或单位", "年度"], ""),
    "/monitor/dashboard/": ("#dashboard-filters", ["年度"], THIS_YEAR),
    "/monitor/index/": ("#index-filters", ["年度"], THIS_YEAR),
    # the county office approves extensions, so it also has 只看延期待批 (newuser32a)
    "/dispatch/": ("#event-filters", ["编号、受理编号、描述或地址", "状态", "只看超期", "只看延期待批"], None),
}
BOXES = "input:not([type=hidden]), select"


def test_each_filter_box_has_a_visible_label_and_the_page_fits_the_phone(phone, world):
    page = phone("county_office")
    for url, (form_id, labels, year) in PAGES.items():
        page.goto(url, timeout=60_000)
        form = page.locator(form_id)
        assert [t.strip() for t in form.locator("label").all_inner_texts()] == labels, url
        boxes = form.locator(BOXES)
        assert boxes.count() == len(labels), url
        for box in boxes.all():
            # each box is named by a label the eye sees: its own `for` (or the label it sits in), over or beside it
            label = box.evaluate_handle("b => b.labels[0]").as_element()
            assert label is not None and label.is_visible(), (url, box.get_attribute("name"))
            lbox, bbox = label.bounding_box(), box.bounding_box()
            assert lbox["width"] > 0 and lbox["height"] > 0, url
            if box.get_attribute("type") != "checkbox":   # the label over its box, inside the same cell
                assert lbox["y"] + lbox["height"] <= bbox["y"] + 1 and lbox["x"] == pytest.approx(bbox["x"], abs=1), url
            assert bbox["x"] >= 0 and bbox["x"] + bbox["width"] <= 390, (url, bbox)
        expect(form.locator("#f-year")).to_have_count(0 if year is None else 1)
        if year is not None:
            expect(page.get_by_label("年度")).to_have_value(year)
            if year == "":
                expect(page.get_by_label("年度")).to_have_attribute("placeholder", "全部")
        assert fits_the_phone(page), url
        shot(page, "ui31-filter-" + url.strip("/").replace("/", "-"))
    # the labelled filter still filters: 问题类别 and 年度 on the notices carry into the address
    page.goto("/monitor/notices/", timeout=60_000)
    page.get_by_label("年度").fill(THIS_YEAR)
    page.get_by_label("问题类别").select_option(index=1)
    chosen = page.get_by_label("问题类别").input_value()
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_label("问题类别")).to_have_value(chosen)
    assert f"category={chosen}" in page.url and f"year={THIS_YEAR}" in page.url

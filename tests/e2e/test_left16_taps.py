"""fix-left16 #2: the last small tap targets on a phone (390 × 844) — /monitor/'s ledger names and the review page's
上传修改稿 — are at least 44 px high; at 1280 the desktop layout keeps them as they were (inline text links)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
DESK = {"width": 1280, "height": 800}


def test_the_monitor_ledger_names_are_a_thumbs_height_on_a_phone_and_text_links_on_a_desk(phone, world):
    page = phone("village_a")
    page.goto("/monitor/")
    names = page.locator("table tbody tr td:first-child a")
    assert names.count() >= 5
    heights = [round(link.bounding_box()["height"]) for link in names.all()]
    assert min(heights) >= 44, heights
    assert fits_the_phone(page)
    page.set_viewport_size(DESK)
    assert max(round(link.bounding_box()["height"]) for link in names.all()) < 30
    assert page.evaluate("getComputedStyle(document.querySelector('table tbody tr td:first-child a')).display") == "inline"


def test_the_review_pages_upload_link_is_a_thumbs_height_on_a_phone_and_a_text_link_on_a_desk(phone, world):
    from jianfu.review.services import review_submit
    from tests.e2e.test_review import DRAFT

    review = review_submit(actor=world.users["dept_housing"], text=DRAFT)
    page = phone("dept_housing")
    page.goto(f"/review/reviews/{review.pk}/")
    upload = page.get_by_role("link", name="上传修改稿", exact=True)
    box = upload.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    page.set_viewport_size(DESK)
    assert upload.bounding_box()["height"] < 30
    assert page.evaluate("getComputedStyle([...document.querySelectorAll('a')].find(a => a.textContent === "
                         "'上传修改稿')).display") == "inline"

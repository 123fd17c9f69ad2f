"""mend33 #5 in Chromium at 390 × 844: a citizen on /villages/ sees the county's few villages without unfolding a
township, and the line above the list points to the search box, which says what to type."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import fits_the_phone, shot
from tests.e2e.test_monitor import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def test_a_short_list_of_villages_is_shown_whole_under_a_hint_to_search(phone, world):
    citizen = phone(None)
    citizen.goto("/villages/", timeout=60_000)
    expect(citizen.get_by_role("link", name="曲木村委会")).to_be_visible()      # no tap on 曲樟乡 first
    expect(citizen.get_by_role("link", name="廉州镇某社区")).to_be_visible()
    hint = citizen.locator("#find-hint")
    expect(hint).to_have_text("村（社区）按所属乡镇（街道）列出；找不到时，在上面的搜索框输入村名或乡镇名查找。")
    expect(citizen.locator("#q")).to_have_attribute("placeholder", "输入村（社区）或乡镇名称")
    box, first = hint.bounding_box(), citizen.locator("details.card").first.bounding_box()
    assert box is not None and first is not None and box["y"] < first["y"]
    assert fits_the_phone(citizen)
    shot(citizen, "mend33-villages")

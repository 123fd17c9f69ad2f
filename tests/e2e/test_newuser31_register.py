"""newuser31 #2 in Chromium at 390 × 844: 纳入帮扶 → 先登记此人 opens the registry form with the searched name already in
姓名, and saving it comes back to 纳入帮扶 with the new person chosen."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def _id_number(base17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return base17 + "10X98765432"[sum(int(d) * w for d, w in zip(base17, weights, strict=True)) % 11]


def test_register_first_brings_the_searched_name_along(phone, world):
    from jianfu.registry.models import Person

    page = phone("village_a")
    page.goto("/employment/people/add/", timeout=60_000)
    page.fill("#q", "黄小明")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="先登记此人").click()
    expect(page.locator("h1")).to_have_text("登记人员")
    expect(page.locator("#id_name")).to_have_value("黄小明")
    assert fits_the_phone(page)
    shot(page, "newuser31-register-first")
    page.fill("#id_id_number", _id_number("45052119950312123"))
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_have_text("已登记“黄小明”。")
    person = Person.objects.get(name="黄小明")
    assert page.url.endswith(f"/employment/people/add/?person={person.pk}")
    expect(page.locator("h1")).to_have_text("纳入就业帮扶")

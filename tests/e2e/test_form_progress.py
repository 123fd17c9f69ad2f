"""newuser13 V04 in Chromium at a desk (1366 px): the township opens a form from 报送完成情况 and sees every village,
the ones that have not submitted first, with a count of each state."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import shot, village_a_submits_dibao

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
DESK = {"width": 1366, "height": 800}


def test_the_township_sees_which_villages_have_not_reported(phone, world):
    from jianfu.orgs.models import OrgUnit

    tpl = village_a_submits_dibao(world)
    OrgUnit.objects.create(code="450521200202", name="那夏村委会", kind="village", level=5, parent_code="450521200000")

    page = phone("town_quzhang")
    page.set_viewport_size(DESK)
    page.goto("/reports/completeness/", timeout=60_000)
    page.get_by_role("link", name=tpl.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(tpl.name)
    expect(page.locator("#progress-counts")).to_have_text("应报 3 个村（社区） · 未填报 2 · 已退回 0 · 填报中 0 · 已提交 1")
    rows = page.locator("#progress tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("璋嘉村委会")
    expect(rows.nth(0)).to_contain_text("未填报")
    expect(rows.nth(1)).to_contain_text("那夏村委会")
    expect(rows.nth(2)).to_contain_text("曲木村委会")
    expect(rows.nth(2)).to_contain_text("已提交")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "reports-form-progress")

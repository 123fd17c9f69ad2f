"""mend34 #1 in Chromium at 390 px: a county department's clerk opens its own form, taps 各村报送情况 and reads, for the
last closed month, which townships' villages have not submitted and whom to ask — the page fits the phone."""

from __future__ import annotations

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot, village_a_submits_dibao

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_the_department_sees_its_forms_progress_on_a_phone(phone, world):
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    tpl = village_a_submits_dibao(world)
    unit = OrgUnit.objects.create(code="450521000000D09", name="民政局", kind="department", level=3,
                                  parent_code="450521000000", short_code="MZ")
    clerk = User(username="dept_mz", role="department", org_unit=unit)
    clerk.set_password("jianfu-test-password")
    clerk.save()
    world.users["dept_mz"] = clerk

    page = phone("dept_mz")
    page.goto("/reports/", timeout=60_000)
    page.get_by_role("link", name=tpl.name).first.click()
    page.get_by_role("link", name="各村报送情况").click()
    expect(page.locator("#progress-counts")).to_have_text("应报 3 个村（社区） · 未填报 2 · 已退回 0 · 填报中 0 · 已提交 1")
    towns = page.locator("#town-progress tbody tr")
    expect(towns).to_have_count(2)
    expect(towns.nth(0)).to_contain_text("请联系廉州镇催报")
    expect(towns.nth(1)).to_contain_text("请联系曲樟乡催报")
    expect(page.locator("#chase-note")).to_be_visible()
    expect(page.locator("#progress tbody tr")).to_have_count(3)
    assert fits_the_phone(page)
    shot(page, "mend34-department-progress")

"""newuser31 #1 in Chromium at 390 × 844: a village cadre sees who is to be visited this week (本周要走访: due by Sunday,
the overdue ones included; next week's not), records a visit from it and is back on that tab."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_the_week_tab_lists_who_is_to_be_visited_this_week(phone, world):
    from jianfu.employment import selectors
    from jianfu.employment.models import VisitTask
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    today = local_today()
    sunday = selectors.week_end(today)
    for i, (name, due) in enumerate((("逾期秀英", today - dt.timedelta(days=3)), ("周日春燕", sunday),
                                     ("下周海生", sunday + dt.timedelta(days=1)))):
        kp = key_person_in(person=person_in(name=name))
        VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="interval",
                                 reason="未就业，每30日走访一次", due_on=due, dedupe_key=f"newuser31-e2e-{i}")
    page = phone("village_a")
    page.goto("/employment/visits/", timeout=60_000)
    page.get_by_role("link", name="本周要走访").click()
    expect(page.locator("#week-note")).to_have_text(f"本周日（{sunday.month}月{sunday.day}日）前应走访的，含已逾期的。")
    expect(page.locator(".visit-list .visit-name")).to_have_text(["逾期秀英", "周日春燕"])
    assert fits_the_phone(page)
    assert page.evaluate(test_daily_tasks.CONTROLS) == []
    shot(page, "newuser31-visits-week")

    page.get_by_role("link", name="逾期秀英").click()
    page.get_by_label("见到本人", exact=True).check()
    page.get_by_role("button", name="保存走访").click()
    expect(page.locator(".alert-success")).to_have_text("走访已记录。")
    expect(page.locator(".visit-list .visit-name")).to_have_text(["周日春燕"])     # back on the week tab
    assert page.url.endswith("/employment/visits/?state=week")

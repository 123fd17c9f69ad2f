"""tryout28 in Chromium at 390 px: a grid worker works through the 已逾期 tab one visit after another, and a task
the township reassigned still says where the person lives."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def _overdue(kp, days: int, key: str):
    from jianfu.employment.models import VisitTask
    from jianfu.registry.ledger.values import local_today

    return VisitTask.objects.create(
        key_person=kp,
        org_code=kp.org_code,
        grid_code=kp.grid_code,
        trigger="new",
        reason="新纳入帮扶，7日内首次走访",
        due_on=local_today() - dt.timedelta(days=days),
        escalated_on=local_today() - dt.timedelta(days=days - 3),
        dedupe_key=key,
    )


def test_the_grid_worker_records_overdue_visits_one_after_another_from_the_overdue_tab(phone, world):
    from jianfu.employment import visits
    from jianfu.employment.models import Visit
    from jianfu.employment.tests.factories import key_person_in, person_in

    first = key_person_in(person=person_in(name="欧阳秀英"))
    second = key_person_in(person=person_in(name="韦春燕"))
    task = _overdue(first, 12, "e2e-try28-1")
    _overdue(second, 10, "e2e-try28-2")
    # the township hands 第二网格's person to grid_a: the line keeps the person's own grid
    third = key_person_in(grid="450521200206002", person=person_in(grid="450521200206002", name="姚飞宇"))
    reassigned = _overdue(third, 9, "e2e-try28-3")
    visits.visit_task_reassign(
        actor=world.users["town_quzhang"], task=reassigned, assignee_id=world.users["grid_a"].pk
    )

    page = phone("grid_a")
    page.goto("/employment/visits/?state=overdue", timeout=60_000)
    expect(page.locator(f"#task-{reassigned.pk} .visit-meta.muted")).to_contain_text("第二网格")
    expect(page.locator(f"#task-{reassigned.pk} .visit-meta.muted")).not_to_contain_text("第一网格")
    page.locator(f"#task-{task.pk} .visit-name").click()
    page.wait_for_url(re.compile(r"tab=overdue"))
    page.get_by_label("见到本人", exact=True).check()
    page.get_by_role("button", name="保存走访").click()
    page.wait_for_url(re.compile(r"/employment/visits/\?state=overdue$"))
    shot(page, "tryout28-overdue-after-a-visit")
    assert fits_the_phone(page)
    expect(page.locator(".messages, .alert, body").first).to_contain_text("走访已记录")
    names = page.locator(".visit-list a.visit-name")
    expect(names).to_have_text(["韦春燕", "姚飞宇"])  # the next overdue one is right there, no extra tap
    expect(page.get_by_role("link", name="已逾期")).not_to_have_class(re.compile("btn-secondary"))
    assert Visit.objects.filter(key_person=first, task=task).count() == 1

"""The township's overdue-visit list in Chromium at 390 px: reassign a task to another grid worker of the
village, who then finds it on their own list and records the visit through it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_the_township_reassigns_an_overdue_visit_and_the_new_grid_worker_records_it(phone, world):
    from jianfu.accounts.models import User
    from jianfu.core.models import AuditRecord
    from jianfu.employment.models import Visit, VisitTask
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    world.users["grid_a2"] = User.objects.create(username="grid_a2", display_name="李海燕", role="grid",
                                                 org_unit=world.units["grid_a2"])
    today = local_today()
    kp = key_person_in(person=person_in(name="韦春燕"), identified_on=today - dt.timedelta(days=20))
    task = VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="new",
                                    reason="新纳入帮扶，7日内首次走访", due_on=today - dt.timedelta(days=13),
                                    escalated_on=today - dt.timedelta(days=10), dedupe_key="e2e-township")

    town = phone("town_quzhang")
    town.goto("/", timeout=60_000)
    town.get_by_role("link", name=re.compile("村里逾期未走访（已上报乡镇）")).click()
    row = town.locator(f"#task-{task.pk}")
    expect(row.locator(".visit-name")).to_have_text("韦春燕")
    row.locator("summary").click()
    row.get_by_label("改派给本村网格员或村干部").select_option(label="李海燕（曲木村第二网格）")
    assert fits_the_phone(town)
    assert town.evaluate(test_daily_tasks.CONTROLS) == []     # every control thumb-sized (44 px) at 390 px
    box = row.get_by_role("button", name="改派").bounding_box()
    assert box is not None and box["height"] >= 44 and box["x"] + box["width"] <= 390
    shot(town, "employment-township-reassign")
    row.get_by_role("button", name="改派").click()
    expect(town.locator(".alert-success")).to_have_text("已将韦春燕的走访改派给李海燕。")
    expect(town.locator(f"#task-{task.pk} .assignee")).to_have_text("已改派给李海燕")
    task.refresh_from_db()
    assert (task.status, task.assignee_id, task.grid_code) == ("due", world.users["grid_a2"].pk, "450521200206002")
    assert AuditRecord.objects.filter(action="employment.visittask.reassign", object_id=str(task.pk),
                                      actor=world.users["town_quzhang"]).count() == 1

    # gone from the old grid worker's list
    old = phone("grid_a")
    old.goto("/employment/visits/?state=due")
    expect(old.locator(".visit-list li")).to_have_text(["没有待走访的人。"])

    # the new grid worker: on the 工作台, then the visit, recorded through the task
    grid = phone("grid_a2")
    grid.goto("/")
    todo = grid.get_by_role("link", name=re.compile("逾期未走访的帮扶对象"))
    expect(grid.locator("li", has=todo).locator(".badge")).to_have_text("1")
    todo.click()
    grid.get_by_role("link", name="韦春燕").click()
    grid.get_by_label("电话联系", exact=True).check()
    assert fits_the_phone(grid)
    grid.get_by_role("button", name="保存走访").click()
    expect(grid.locator(".alert-success")).to_contain_text("走访已记录")
    assert list(Visit.objects.filter(key_person=kp).values_list("visitor__username", "task_id", "outcome")) == [
        ("grid_a2", task.pk, "phone")]
    assert VisitTask.objects.get(pk=task.pk).status == "done"
    # the next periodic visit is the person's own grid worker's again
    old.goto("/employment/visits/?state=due")
    due = (today + dt.timedelta(days=30)).strftime("%Y-%m-%d")
    expect(old.locator(".visit-list li .visit-meta").first).to_have_text(f"未就业，每30日走访一次 · 应于 {due}")

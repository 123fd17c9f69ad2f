"""newuser31, a new user on a phone, #1: 走访提醒 had no way to see who is to be visited this week (今天该走访, 已逾期,
全部待走访 — 97 tasks on 4 pages for 曲木村, next weeks' among them): a 本周要走访 tab, the tasks due by this week's
Sunday with the overdue ones, on the page and in the API (`state=week`)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from jianfu.core.formtokens import token_new
from jianfu.employment import selectors
from jianfu.employment.models import VisitTask
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db
_n = itertools.count()


def _task(kp, due_on: dt.date, status: str = VisitTask.Status.DUE) -> VisitTask:
    return VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="interval",
                                    reason="未就业，每30日走访一次", due_on=due_on, status=status,
                                    dedupe_key=f"newuser31-{next(_n)}")


@pytest.mark.parametrize(("today", "sunday"), [
    (dt.date(2026, 12, 7), dt.date(2026, 12, 13)),    # Monday
    (dt.date(2026, 12, 9), dt.date(2026, 12, 13)),    # Wednesday
    (dt.date(2026, 12, 12), dt.date(2026, 12, 13)),   # Saturday
    (dt.date(2026, 12, 13), dt.date(2026, 12, 13)),   # Sunday: its own week's end
    (dt.date(2026, 12, 31), dt.date(2027, 1, 3)),     # across the year
])
def test_the_week_ends_on_its_sunday(today, sunday):
    assert selectors.week_end(today) == sunday


def test_the_week_tab_holds_the_tasks_due_by_sunday_and_the_overdue_ones(world):
    wednesday = dt.date(2026, 12, 9)
    people = {name: key_person_in(person=person_in(name=name)) for name in ("逾期甲", "今天乙", "周日丙", "下周丁", "已访戊")}
    overdue = _task(people["逾期甲"], dt.date(2026, 12, 1))
    today = _task(people["今天乙"], wednesday)
    sunday = _task(people["周日丙"], dt.date(2026, 12, 13))
    _task(people["下周丁"], dt.date(2026, 12, 14))
    _task(people["已访戊"], dt.date(2026, 12, 10), status=VisitTask.Status.DONE)
    week = selectors.visit_task_list(user=world.users["grid_a"], state="week", today=wednesday)
    assert list(week.values_list("pk", flat=True)) == [overdue.pk, today.pk, sunday.pk]
    # a village cadre's and the township's lists are the same three; another village's cadre sees none of them
    for username in ("village_a", "town_quzhang"):
        assert selectors.visit_task_list(user=world.users[username], state="week", today=wednesday).count() == 3
    assert selectors.visit_task_list(user=world.users["village_b"], state="week", today=wednesday).count() == 0


def test_the_week_tab_on_the_page_and_in_the_api(world):
    today = local_today()
    sunday = selectors.week_end(today)
    this_week = key_person_in(person=person_in(name="本周秀英"))
    next_week = key_person_in(person=person_in(name="下周春燕"))
    task = _task(this_week, sunday)
    _task(next_week, sunday + dt.timedelta(days=1))
    grid = world.client("grid_a")

    page = grid.get("/employment/visits/", {"state": "week"}).content.decode()
    assert '<a class="btn btn-small" href="?state=week">本周要走访</a>' in page        # the tab, shown as the chosen one
    assert f"本周日（{sunday.month}月{sunday.day}日）前应走访的，含已逾期的。" in page
    assert "本周秀英" in page and "下周春燕" not in page
    link = f"/employment/people/{this_week.pk}/visit/?task={task.pk}&amp;tab=week"
    assert f'href="{link}"' in page
    other = grid.get("/employment/visits/", {"state": "due"}).content.decode()
    assert '<a class="btn btn-secondary btn-small" href="?state=week">本周要走访</a>' in other
    assert "本周日（" not in other and "下周春燕" in other

    # a visit opened from the week tab goes back to it
    response = grid.post(f"/employment/people/{this_week.pk}/visit/",
                         {"task": task.pk, "tab": "week", "outcome": "met", "form_token": token_new()})
    assert (response.status_code, response["Location"]) == (302, "/employment/visits/?state=week")

    api = grid.get("/api/v1/employment/visits/", {"state": "week"})
    assert api.status_code == 200 and api.json()["count"] == 0          # the one this week was just visited
    assert grid.get("/api/v1/employment/visits/", {"state": "due"}).json()["count"] == 1
    assert grid.get("/api/v1/employment/visits/", {"state": "weeks"}).status_code == 400

"""tryout28: the 走访提醒 list as the people who use it every day meet it.

#1 — a task the township reassigned to a grid worker of another grid read "第一网格 · 已改派给…": the task's grid
follows its new owner (so it lands on their list), and the list showed that grid as the person's.
#5 — a visit opened from the 已逾期 tab and saved landed on 今天该走访: one more tap per overdue visit."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.formtokens import token_new
from jianfu.employment import visits
from jianfu.employment.models import Visit, VisitTask
from jianfu.employment.tests.factories import key_person_in, person_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db
GRID_A2 = "450521200206002"


def _overdue(kp, days: int = 10) -> VisitTask:
    return VisitTask.objects.create(
        key_person=kp,
        org_code=kp.org_code,
        grid_code=kp.grid_code,
        trigger="new",
        reason="新纳入帮扶，7日内首次走访",
        due_on=local_today() - dt.timedelta(days=days),
        escalated_on=local_today() - dt.timedelta(days=days - 3),
        dedupe_key=f"tryout28-{kp.pk}",
    )


def test_a_reassigned_task_still_names_the_person_s_own_grid(world):
    """The person lives in 第二网格; reassigned to 第一网格's worker, the line says 第二网格 and who has it now."""
    grid_a = world.users["grid_a"]
    kp = key_person_in(grid=GRID_A2, person=person_in(grid=GRID_A2, name="姚飞宇"))
    task = _overdue(kp)
    visits.visit_task_reassign(actor=world.users["town_quzhang"], task=task, assignee_id=grid_a.pk)
    task.refresh_from_db()
    assert task.grid_code == "450521200206001"  # routing still follows the owner (their list, their 工作台)

    for username in ("town_quzhang", "grid_a"):
        page = world.client(username).get("/employment/visits/", {"state": "overdue"}).content.decode()
        line = page.split(f'id="task-{task.pk}"', 1)[1].split("</li>", 1)[0]
        assert "第二网格" in line and "第一网格" not in line, (username, line)
        assert f"已改派给{grid_a}" in line


def test_a_visit_opened_from_the_overdue_tab_goes_back_to_it(world):
    grid = world.client("grid_a")
    first, second = (key_person_in(person=person_in(name=n)) for n in ("欧阳秀英", "韦春燕"))
    task, _other = _overdue(first), _overdue(second)

    page = grid.get("/employment/visits/", {"state": "overdue"}).content.decode()
    link = f"/employment/people/{first.pk}/visit/?task={task.pk}&amp;tab=overdue"
    assert f'href="{link}"' in page
    form = grid.get(
        f"/employment/people/{first.pk}/visit/", {"task": task.pk, "tab": "overdue"}
    ).content.decode()
    assert '<input type="hidden" name="tab" value="overdue">' in form
    assert 'href="/employment/visits/?state=overdue">走访提醒</a>' in form  # the breadcrumb too

    response = grid.post(
        f"/employment/people/{first.pk}/visit/",
        {"task": task.pk, "tab": "overdue", "outcome": "met", "form_token": token_new()},
    )
    assert (response.status_code, response["Location"]) == (302, "/employment/visits/?state=overdue")
    assert Visit.objects.filter(key_person=first, task=task).count() == 1
    after = grid.get(response["Location"]).content.decode()
    assert "韦春燕" in after and "欧阳秀英" not in after

    # back after saving: the closed-task page offers the same tab
    closed = grid.get(
        f"/employment/people/{first.pk}/visit/", {"task": task.pk, "tab": "overdue"}
    ).content.decode()
    assert "该走访已记录" in closed and 'href="/employment/visits/?state=overdue"' in closed


def test_a_township_s_village_filter_comes_back_too_and_nothing_else(world):
    town = world.client("town_quzhang")
    kp = key_person_in()
    task = _overdue(kp)
    page = town.get("/employment/visits/", {"state": "escalated", "village": kp.org_code}).content.decode()
    assert f"?task={task.pk}&amp;tab=escalated&amp;village={kp.org_code}" in page
    response = town.post(
        f"/employment/people/{kp.pk}/visit/",
        {
            "task": task.pk,
            "tab": "escalated",
            "village": kp.org_code,
            "outcome": "phone",
            "form_token": token_new(),
        },
    )
    assert response["Location"] == f"/employment/visits/?state=escalated&village={kp.org_code}"


@pytest.mark.parametrize("tab", ["javascript:alert(1)", "//evil.example", "bogus"])
def test_an_unknown_tab_goes_to_all_due_visits(world, tab):
    grid = world.client("grid_a")
    kp = key_person_in()
    task = _overdue(kp)
    form = grid.get(f"/employment/people/{kp.pk}/visit/", {"task": task.pk, "tab": tab}).content.decode()
    assert 'name="tab"' not in form and tab not in form
    response = grid.post(
        f"/employment/people/{kp.pk}/visit/",
        {"task": task.pk, "tab": tab, "village": "../x", "outcome": "met", "form_token": token_new()},
    )
    assert response["Location"] == "/employment/visits/?state=due"


def test_without_a_tab_the_old_landing_is_kept(world):
    """Opened from the person's page or a bookmark: as before (today's list; the person's page with next=person)."""
    grid = world.client("grid_a")
    kp = key_person_in()
    response = grid.post(f"/employment/people/{kp.pk}/visit/", {"outcome": "met", "form_token": token_new()})
    assert response["Location"] == "/employment/visits/"


def test_the_registry_hint_offers_no_one_already_in_flexible_work(world):
    """tryout28 #6: the hint says 16–59岁、未就业 but listed 7 of 22 people as 灵活就业 (work, as the dashboard counts)."""
    from jianfu.employment import selectors

    person_in(name="孔畅", employment_status="unemployed", is_poverty_alleviated=True)
    person_in(name="管凤", employment_status="flexible", is_poverty_alleviated=True)
    person_in(name="刘莉颖", employment_status="not_in_labour_force", disability_category="physical")
    names = [p.name for p, _groups in selectors.registry_candidates(user=world.users["village_a"])]
    assert "管凤" not in names
    assert {"孔畅", "刘莉颖"} <= set(names)
    page = world.client("village_a").get("/employment/people/add/").content.decode()
    assert "核实并纳入" in page and "管凤" not in page and "灵活就业" not in page


def test_the_dashboard_says_when_it_does_not_show_the_unit_asked_for(world):
    """tryout28 #3: ?unit=999 showed the county's figures without a word (?months=abc said so)."""
    county = world.client("county_office")
    page = county.get("/employment/dashboard/", {"unit": "999"}).content.decode()
    assert 'id="unit-note"' in page and "“999”不是您可查看的单位代码，已显示合浦县的统计。" in page
    town_page = county.get("/employment/dashboard/", {"unit": "450521200"}).content.decode()
    assert 'id="unit-note"' not in town_page and "就业帮扶一目了然 · 曲樟乡" in town_page
    other_town = (
        world.client("town_quzhang").get("/employment/dashboard/", {"unit": "450521100"}).content.decode()
    )
    assert "“450521100”不是您可查看的单位代码，已显示曲樟乡的统计。" in other_town
    assert 'id="unit-note"' not in county.get("/employment/dashboard/").content.decode()

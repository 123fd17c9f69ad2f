"""The township's actions on overdue visit tasks (issue 8 item 6): reassign to another grid worker or cadre of
the village, or close with a note. Both audited; every refusal leaves the task and the audit log as they were."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.accounts.models import User
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.employment import selectors, visits
from jianfu.employment.models import Visit, VisitTask
from jianfu.employment.tests.factories import VILLAGE_B, VILLAGE_C, key_person_in
from jianfu.employment.workbench import todos

pytestmark = pytest.mark.django_db
GRID_A2 = "450521200206002"


def _overdue(kp) -> VisitTask:
    return VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="new",
                                    reason="新纳入帮扶，7日内首次走访", due_on=kp.identified_on + dt.timedelta(days=7),
                                    escalated_on=kp.identified_on + dt.timedelta(days=10),
                                    dedupe_key=f"township-{kp.pk}")


def _grid_a2(world) -> User:
    user = User.objects.create(username="grid_a2", display_name="李海燕", role="grid", org_unit=world.units["grid_a2"])
    world.users["grid_a2"] = user
    return user


def _state(task: VisitTask) -> tuple:
    return (VisitTask.objects.filter(pk=task.pk).values_list(
        "status", "assignee_id", "grid_code", "handled_note", "handled_by_id", "done_on").get(),
        AuditRecord.objects.filter(action__startswith="employment.visittask").count())


def _old(days: int = 30) -> dt.date:
    from jianfu.registry.ledger.values import local_today

    return local_today() - dt.timedelta(days=days)


def test_reassigned_to_another_grid_worker_the_task_moves_to_their_list_and_they_record_the_visit(world):
    town, new_owner = world.users["town_quzhang"], _grid_a2(world)
    kp = key_person_in(identified_on=_old())
    task = _overdue(kp)
    assert {t.title: t.count for t in todos(town)}["村里逾期未走访（已上报乡镇）"] == 1

    visits.visit_task_reassign(actor=town, task=task, assignee_id=str(new_owner.pk))

    task.refresh_from_db()
    assert (task.status, task.assignee_id, task.grid_code) == ("due", new_owner.pk, GRID_A2)
    audit = AuditRecord.objects.get(action="employment.visittask.reassign")
    assert (audit.actor_id, audit.object_id, audit.changes) == (
        town.pk, str(task.pk), {"assignee": [None, new_owner.pk], "grid_code": ["450521200206001", GRID_A2]})
    # gone from the old grid worker's list, on the new one's; the township still answers for it until it is visited
    assert list(selectors.visit_task_list(user=world.users["grid_a"], state="due")) == []
    assert list(selectors.visit_task_list(user=new_owner, state="due")) == [task]
    assert {t.title: t.count for t in todos(new_owner)}["逾期未走访的帮扶对象"] == 1
    assert {t.title: t.count for t in todos(town)}["村里逾期未走访（已上报乡镇）"] == 1

    # the new owner records the visit through the task (the person is not of their grid otherwise)
    with pytest.raises(NotFoundError):
        visits.visit_record(actor=new_owner, key_person=kp, outcome="met")
    visit = visits.visit_record(actor=new_owner, key_person=kp, outcome="phone", task=task)
    task.refresh_from_db()
    assert (visit.task_id, visit.visitor_id, task.status) == (task.pk, new_owner.pk, "done")


def test_the_new_owner_records_the_visit_from_the_web_list(world):
    town, new_owner = world.users["town_quzhang"], _grid_a2(world)
    kp = key_person_in(identified_on=_old())
    task = _overdue(kp)
    visits.visit_task_reassign(actor=town, task=task, assignee_id=new_owner.pk)
    client = world.client("grid_a2")
    page = client.get("/employment/visits/", {"state": "overdue"}).content.decode()
    link = f'href="/employment/people/{kp.pk}/visit/?task={task.pk}&amp;tab=overdue"'
    assert link in page and "已改派给李海燕" in page
    assert client.get(f"/employment/people/{kp.pk}/visit/").status_code == 404       # not through the task: not theirs
    form = client.get(f"/employment/people/{kp.pk}/visit/", {"task": task.pk}).content.decode()
    assert f'<input type="hidden" name="task" value="{task.pk}">' in form
    response = client.post(f"/employment/people/{kp.pk}/visit/", {"task": task.pk, "outcome": "met", "needs": ["job"],
                                                                "form_token": token_new()})
    assert response.status_code == 302
    assert Visit.objects.filter(key_person=kp, visitor=new_owner, task=task).count() == 1
    # the old grid worker may no longer record it through the task
    assert world.client("grid_a").get(f"/employment/people/{kp.pk}/visit/", {"task": task.pk}).status_code == 404


def test_reassigned_to_the_village_cadre_it_is_the_village_s(world):
    town, cadre = world.users["town_quzhang"], world.users["village_a"]
    task = _overdue(key_person_in(identified_on=_old()))
    visits.visit_task_reassign(actor=town, task=task, assignee_id=cadre.pk)
    task.refresh_from_db()
    assert (task.assignee_id, task.grid_code) == (cadre.pk, None)
    assert list(selectors.visit_task_list(user=world.users["grid_a"], state="due")) == []
    assert list(selectors.visit_task_list(user=cadre, state="due")) == [task]


def test_the_township_s_count_is_the_escalated_tab_s_rows(world):
    """The 工作台 count and the tab it links to come from one selector: an escalated task is the township's
    to-do until it is visited or handled, reassigned or not (D4)."""
    import re

    town, new_owner = world.users["town_quzhang"], _grid_a2(world)
    plain, reassigned, handled, visited = (_overdue(key_person_in(identified_on=_old())) for _ in range(4))
    other_village = _overdue(key_person_in(VILLAGE_B, None, identified_on=_old()))
    not_escalated = _overdue(key_person_in(identified_on=_old()))
    VisitTask.objects.filter(pk=not_escalated.pk).update(escalated_on=None)
    visits.visit_task_reassign(actor=town, task=reassigned, assignee_id=new_owner.pk)
    visits.visit_task_handle(actor=town, task=handled, note="已电话联系")
    visits.visit_record(actor=world.users["grid_a"], key_person=visited.key_person, outcome="met", task=visited)

    counted = {t.title: t.count for t in todos(town)}
    page = world.client("town_quzhang").get("/employment/visits/", {"state": "escalated"}).content.decode()
    listed = re.findall(r'<li id="task-(\d+)">', page)
    assert sorted(map(int, listed)) == sorted([plain.pk, reassigned.pk, other_village.pk])
    assert counted["村里逾期未走访（已上报乡镇）"] == len(listed) == 3
    # the other tabs likewise: four open tasks are overdue (one not escalated), none is due today
    assert counted["逾期未走访的帮扶对象"] == len(selectors.visit_task_list(user=town, state="overdue")) == 4
    assert "今天该走访的帮扶对象" not in counted


def test_handled_with_a_note(world):
    town = world.users["town_quzhang"]
    task = _overdue(key_person_in(identified_on=_old()))
    visits.visit_task_handle(actor=town, task=task, note="  本人外出务工，已电话联系\x07 ")
    task.refresh_from_db()
    assert (task.status, task.handled_note, task.handled_by_id, task.get_status_display()) == (
        "handled", "本人外出务工，已电话联系", town.pk, "乡镇已处理")
    audit = AuditRecord.objects.get(action="employment.visittask.handle")
    assert audit.changes == {"status": ["due", "handled"], "note": "本人外出务工，已电话联系"}
    assert list(selectors.visit_task_list(user=town, state="due")) == []
    assert "村里逾期未走访（已上报乡镇）" not in {t.title for t in todos(town)}


@pytest.mark.parametrize("case", ["other_township", "finished", "handled", "empty_note", "long_note",
                                  "outside_user", "other_village_grid", "disabled", "department_user", "nobody",
                                  "same_assignee", "village_cadre_acts", "county_office_acts", "grid_acts"])
def test_refusals_change_nothing(world, case):
    town = world.users["town_quzhang"]
    _grid_a2(world)
    task = _overdue(key_person_in(identified_on=_old()))
    other_village_grid = User.objects.create(username="grid_c", role="grid", org_unit=world.units["village_c"])
    if case == "other_township":
        task = _overdue(key_person_in(VILLAGE_C, None, identified_on=_old()))
    if case in ("finished", "handled"):
        VisitTask.objects.filter(pk=task.pk).update(status="done" if case == "finished" else "handled")
    if case == "same_assignee":
        visits.visit_task_reassign(actor=town, task=task, assignee_id=world.users["grid_a2"].pk)
    if case == "disabled":
        User.objects.filter(username="grid_a2").update(is_active=False)
    task.refresh_from_db()
    before = _state(task)
    actor = {"village_cadre_acts": world.users["village_a"], "county_office_acts": world.users["county_office"],
             "grid_acts": world.users["grid_a"]}.get(case, town)
    expected: dict[str, tuple[type, str]] = {
        "other_township": (NotFoundError, "找不到该走访任务，或不在您的管辖范围内。"),
        "finished": (ApplicationError, "该走访任务已走访，不能再改派。"),
        "handled": (ApplicationError, "该走访任务乡镇已处理，不能再改派。"),
        "outside_user": (ApplicationError, "所选人员不是曲木村委会的网格员或村干部，不能改派给他。"),
        "other_village_grid": (ApplicationError, "所选人员不是曲木村委会的网格员或村干部，不能改派给他。"),
        "disabled": (ApplicationError, "所选人员不是曲木村委会的网格员或村干部，不能改派给他。"),
        "department_user": (ApplicationError, "所选人员不是曲木村委会的网格员或村干部，不能改派给他。"),
        "nobody": (ApplicationError, "请选择改派给哪位网格员或村干部。"),
        "same_assignee": (ApplicationError, "该任务已改派给李海燕。"),
        "village_cadre_acts": (PermissionDeniedError, "只有乡镇（街道）可以改派或处理走访任务。"),
        "county_office_acts": (PermissionDeniedError, "只有乡镇（街道）可以改派或处理走访任务。"),
        "grid_acts": (NotFoundError, "找不到该走访任务，或不在您的管辖范围内。"),
        "empty_note": (ApplicationError, "请填写处理说明，如“已电话联系”“本人外出务工”。"),
        "long_note": (ApplicationError, "处理说明过长（最多200字）。"),
    }
    error, message = expected[case]
    assignee = {"outside_user": world.users["village_b"].pk, "other_village_grid": other_village_grid.pk,
                "department_user": world.users["dept_housing"].pk, "nobody": ""}.get(case, world.users["grid_a2"].pk)
    with pytest.raises(error) as raised:
        if case in ("empty_note", "long_note"):
            visits.visit_task_handle(actor=actor, task=task, note=" \t " if case == "empty_note" else "忙" * 201)
        else:
            visits.visit_task_reassign(actor=actor, task=task, assignee_id=assignee)
    assert raised.value.message == message
    assert _state(task) == before
    if case in ("finished", "handled", "other_township", "village_cadre_acts"):   # closing is refused alike
        with pytest.raises(error) as raised:
            visits.visit_task_handle(actor=actor, task=task, note="已电话联系")
        assert raised.value.message == message.replace("不能再改派", "不能再标记已处理")
        assert _state(task) == before


def test_the_web_actions_report_back_on_the_list(world):
    new_owner = _grid_a2(world)
    kp = key_person_in(identified_on=_old())
    task = _overdue(kp)
    client = world.client("town_quzhang")
    page = client.get("/employment/visits/", {"state": "escalated"}).content.decode()
    assert f'action="/employment/visits/tasks/{task.pk}/reassign/"' in page
    assert f'<option value="{new_owner.pk}">李海燕（曲木村第二网格）</option>' in page
    assert f'<option value="{world.users["village_a"].pk}">village_a（曲木村委会）</option>' in page
    assert f'<option value="{world.users["grid_a"].pk}">' in page      # the current grid worker is not excluded
    # the village cadre's list has no actions
    assert "/reassign/" not in world.client("village_a").get("/employment/visits/", {"state": "escalated"}).content.decode()

    before = _state(task)
    response = client.post(f"/employment/visits/tasks/{task.pk}/handle/", {"note": "", "state": "escalated", "form_token": token_new()},
                           follow=True)
    # refused: the list of the same tab again, a 400 with the reason beside the note (forms400b: it redirected)
    assert (response.status_code, response.redirect_chain, response.context["state"]) == (400, [], "escalated")
    page = response.content.decode()   # beside the note, once (fix-cr31b #2: not again as the page's message)
    assert (f'<ul class="errorlist" id="note-{task.pk}_error"><li>请填写处理说明，如“已电话联系”“本人外出务工”。</li></ul>'
            in page and page.count("请填写处理说明") == 1)
    assert _state(task) == before
    response = client.post(f"/employment/visits/tasks/{task.pk}/reassign/",
                           {"assignee": new_owner.pk, "state": "escalated", "village": "450521200206",
                            "form_token": token_new()}, follow=True)
    assert response.redirect_chain == [("/employment/visits/?state=escalated&village=450521200206", 302)]
    assert f"已将{kp.person.name}的走访改派给李海燕。" in response.content.decode()
    # another township's staff: not found, nothing changed
    world.users["town_lianzhou"] = User.objects.create(username="town_lianzhou", role="township",
                                                       org_unit=world.units["town2"])
    before = _state(task)
    assert world.client("town_lianzhou").post(f"/employment/visits/tasks/{task.pk}/handle/",
                                              {"note": "已电话联系", "form_token": token_new()}).status_code == 404
    assert _state(task) == before


def test_a_village_b_task_cannot_go_to_village_a_people(world):
    town = world.users["town_quzhang"]
    task = _overdue(key_person_in(VILLAGE_B, None, identified_on=_old()))
    before = _state(task)
    with pytest.raises(ApplicationError, match="璋嘉村委会"):
        visits.visit_task_reassign(actor=town, task=task, assignee_id=world.users["grid_a"].pk)
    assert _state(task) == before
    visits.visit_task_reassign(actor=town, task=task, assignee_id=world.users["village_b"].pk)
    assert VisitTask.objects.get(pk=task.pk).assignee_id == world.users["village_b"].pk


def test_a_closed_task_does_not_end_the_reminders(world):
    """本人外出务工: the township closes the first-visit task; the person is still looking for work, so the
    periodic rule reminds again 30 days after the closing (before, with no visit, nothing would ever come)."""
    from jianfu.registry.ledger.values import local_today

    kp = key_person_in(identified_on=_old())
    visits.visit_scan()
    first = VisitTask.objects.get(key_person=kp)
    visits.visit_task_handle(actor=world.users["town_quzhang"], task=first, note="本人外出务工")
    assert visits.visit_scan()["created"] == 1
    assert list(VisitTask.objects.filter(key_person=kp).values_list("trigger", "status", "due_on")) == [
        ("new_unemployed", "handled", first.due_on), ("periodic", "due", local_today() + dt.timedelta(days=30))]
    assert visits.visit_scan()["created"] == 0


def test_the_api_reassigns_and_closes_and_the_new_owner_records_through_the_task(world):
    new_owner = _grid_a2(world)
    kp = key_person_in(identified_on=_old())
    task, other = _overdue(kp), _overdue(key_person_in(identified_on=_old()))
    town = world.api_client("town_quzhang")
    response = town.post(f"/api/v1/employment/visits/tasks/{task.pk}/reassign/", {"assignee": new_owner.pk},
                         format="json")
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("id", "status", "assignee", "grid_code")} == {
        "id": task.pk, "status": "due", "assignee": new_owner.pk, "grid_code": GRID_A2}
    before = _state(other)
    refused = town.post(f"/api/v1/employment/visits/tasks/{other.pk}/handle/", {"note": ""}, format="json")
    assert refused.status_code == 400 and "请填写处理说明" in refused.content.decode()
    assert _state(other) == before
    done = town.post(f"/api/v1/employment/visits/tasks/{other.pk}/handle/", {"note": "本人外出务工"}, format="json")
    assert (done.status_code, done.json()["status"], done.json()["handled_note"]) == (200, "handled", "本人外出务工")

    grid = world.api_client("grid_a2")
    assert grid.post(f"/api/v1/employment/people/{kp.pk}/visits/", {"outcome": "met"}, format="json").status_code == 404
    created = grid.post(f"/api/v1/employment/people/{kp.pk}/visits/", {"outcome": "met", "task": task.pk},
                        format="json")
    assert created.status_code == 201
    assert Visit.objects.get(pk=created.json()["id"]).task_id == task.pk


def test_a_periodic_task_closed_the_day_it_was_opened_does_not_end_the_reminders(world):
    """Closed on its anchor day (the visit, or the earlier closing, that opened it), the next task's date key
    would repeat the closed task's: the key names the closed task instead, so a reminder comes 30 days on."""
    from jianfu.registry.ledger.values import local_today

    today = local_today()
    kp = key_person_in(identified_on=_old())
    visits.visit_scan()
    visits.visit_task_handle(actor=world.users["town_quzhang"], task=VisitTask.objects.get(key_person=kp),
                             note="已电话联系")
    assert visits.visit_scan()["created"] == 1
    periodic = VisitTask.objects.get(key_person=kp, status="due")
    visits.visit_task_handle(actor=world.users["town_quzhang"], task=periodic, note="本人外出务工")
    assert visits.visit_scan()["created"] == 1
    assert list(VisitTask.objects.filter(key_person=kp, status="due").values_list("trigger", "due_on", "dedupe_key")) \
        == [("periodic", today + dt.timedelta(days=30), f"periodic:{kp.pk}:closed{periodic.pk}")]
    assert visits.visit_scan()["created"] == 0


@pytest.mark.parametrize("how", ["web_reassign", "api_reassign", "api_list_body", "visit_form_task"])
def test_digits_that_are_not_ascii_and_bodies_that_are_not_objects_are_refused_in_words(world, how):
    from rest_framework.test import APIClient

    task = _overdue(key_person_in(identified_on=_old()))
    before = _state(task)
    if how == "web_reassign":
        r = world.client("town_quzhang").post(f"/employment/visits/tasks/{task.pk}/reassign/", {"assignee": "²", "form_token": token_new()},
                                              follow=True)
        assert r.redirect_chain == [("/employment/visits/?state=escalated", 302)]
        assert "不是" in r.content.decode() and "不能改派给他" in r.content.decode()
    elif how == "visit_form_task":
        r = world.client("town_quzhang").get(f"/employment/people/{task.key_person_id}/visit/", {"task": "²"})
        assert r.status_code == 200            # the form, in the person's own scope, through no task
    else:
        api = APIClient()
        api.force_authenticate(world.users["town_quzhang"])
        body = [] if how == "api_list_body" else {"assignee": "²"}
        r = api.post(f"/api/v1/employment/visits/tasks/{task.pk}/reassign/", body, format="json")
        assert r.status_code == 400
        assert ("请求体应为 JSON 对象。" if how == "api_list_body" else "不能改派") in r.content.decode()
    assert _state(task) == before


def test_the_web_actions_carry_a_one_time_token_and_a_replay_changes_nothing(world):
    """fix-token28: 改派 and 标记已处理 carry the house's form_token (ADR 0035): a post without one is refused with
    nothing changed; the same post again (a double click, back then 提交) changes nothing either."""
    new_owner = _grid_a2(world)
    kp = key_person_in(identified_on=_old())
    task = _overdue(kp)
    client = world.client("town_quzhang")
    page = client.get("/employment/visits/", {"state": "escalated"}).content.decode()
    assert page.count('<input type="hidden" name="form_token" value="') == 2
    before = _state(task)
    response = client.post(f"/employment/visits/tasks/{task.pk}/reassign/", {"assignee": new_owner.pk}, follow=True)
    assert "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。" in response.content.decode()
    assert _state(task) == before
    reassign = {"assignee": new_owner.pk, "form_token": token_new()}
    for _ in range(2):
        client.post(f"/employment/visits/tasks/{task.pk}/reassign/", reassign)
    assert _state(task) == (("due", new_owner.pk, new_owner.org_code, "", None, None), 1)
    response = client.post(f"/employment/visits/tasks/{task.pk}/handle/", {"note": "已电话联系"}, follow=True)
    assert "表单已失效，您填写的内容仍保留在页面上，请核对后再次点击提交。" in response.content.decode()
    assert _state(task) == (("due", new_owner.pk, new_owner.org_code, "", None, None), 1)
    handle = {"note": "已电话联系", "form_token": token_new()}
    for _ in range(2):
        client.post(f"/employment/visits/tasks/{task.pk}/handle/", handle)
    done = VisitTask.objects.get(pk=task.pk)
    assert _state(task) == ((done.status, new_owner.pk, new_owner.org_code, "已电话联系",
                             world.users["town_quzhang"].pk, done.done_on), 2)
    assert done.status != "due" and done.done_on is not None

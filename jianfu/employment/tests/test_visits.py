"""Visit rules as data, the set-based scan (idempotent, catches up), recording a visit, escalation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.core.formtokens import token_new
from jianfu.employment import views as _views  # noqa: F401 - imported before any test patches the clock (below)
from jianfu.employment import visits
from jianfu.employment.models import Referral, Visit, VisitRule, VisitTask
from jianfu.employment.tests.factories import key_person_in, posting_in
from jianfu.employment.workbench import todos

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 9, 10)
# The tests below patch `values.local_today`; a module first imported while it is patched (views, imported by the first
# request) would keep the patched clock for the rest of the process — so views is imported above, before any patch.


def tasks(**filters):
    return sorted(VisitTask.objects.filter(**filters).values_list("key_person_id", "trigger", "due_on", "status"))


def test_new_unemployed_gets_a_visit_within_seven_days_and_the_scan_is_idempotent(world):
    kp = key_person_in(identified_on=dt.date(2025, 9, 8))
    assert visits.visit_scan(today=TODAY) == {"created": 1, "cancelled": 0, "escalated": 0}
    assert tasks() == [(kp.pk, "new_unemployed", dt.date(2025, 9, 15), "due")]
    assert visits.visit_scan(today=TODAY) == {"created": 0, "cancelled": 0, "escalated": 0}
    assert VisitTask.objects.count() == 1


def test_after_downtime_the_scan_catches_up_and_escalates(world):
    """Nobody ran the scan for 40 days: the person's first-visit task is created with its true due date,
    is overdue, and goes to the township at once."""
    kp = key_person_in(identified_on=dt.date(2025, 8, 1))
    counts = visits.visit_scan(today=TODAY)
    assert counts == {"created": 1, "cancelled": 0, "escalated": 1}
    task = VisitTask.objects.get()
    assert (task.key_person_id, task.due_on, task.escalated_on) == (kp.pk, dt.date(2025, 8, 8), TODAY)
    assert visits.visit_scan(today=TODAY)["escalated"] == 0    # escalated once


def test_visit_closes_the_task_and_the_next_periodic_one_follows(world):
    kp = key_person_in(identified_on=dt.date(2025, 9, 1))
    visits.visit_scan(today=TODAY)
    visit = visits.visit_record(actor=world.users["grid_a"], key_person=kp, outcome="met", needs=["job", "training"],
                                next_step="推荐分拣工", visited_on=TODAY)
    assert visit.task is not None and visit.needs == ["job", "training"]
    assert tasks(status="done") == [(kp.pk, "new_unemployed", dt.date(2025, 9, 8), "done")]
    visits.visit_scan(today=TODAY)
    assert tasks(status="due") == [(kp.pk, "periodic", dt.date(2025, 10, 10), "due")]


def test_referral_check_and_rules_edited_by_the_county(world):
    kp = key_person_in(identified_on=dt.date(2025, 9, 1))
    Visit.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, visited_on=dt.date(2025, 9, 2),
                         outcome="met")
    Referral.objects.create(key_person=kp, posting=posting_in(), org_code=kp.org_code, grid_code=kp.grid_code,
                            referred_on=dt.date(2025, 9, 5))
    rules = {r.trigger: r for r in visits.rules_ensure("450521")}
    visits.visit_rule_update(actor=world.users["county_office"], rule=rules["after_referral"],
                             data={"days": "10", "escalate_after_days": "2", "is_active": True})
    visits.visit_rule_update(actor=world.users["county_office"], rule=rules["periodic"], data={"is_active": False})
    visits.visit_scan(today=TODAY)
    assert tasks() == [(kp.pk, "after_referral", dt.date(2025, 9, 15), "due")]


def test_rule_edits_are_county_only_and_validated(world):
    rule = next(r for r in visits.rules_ensure("450521") if r.trigger == "new_unemployed")
    for username in ("town_quzhang", "village_a"):
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            visits.visit_rule_update(actor=world.users[username], rule=rule, data={"days": "3"})
    with pytest.raises(ApplicationError) as exc:
        visits.visit_rule_update(actor=world.users["county_office"], rule=rule, data={"days": "0"})
    assert exc.value.field == "days"
    graduate = VisitRule.objects.get(trigger="graduate")
    with pytest.raises(ApplicationError) as exc:
        visits.visit_rule_update(actor=world.users["county_office"], rule=graduate, data={"month_day": "13-40"})
    assert exc.value.field == "month_day"
    assert VisitRule.objects.get(pk=rule.pk).days == 7 and graduate.month_day == "09-01"


def test_graduates_not_employed_by_the_first_of_september(world):
    grad = key_person_in(identified_on=dt.date(2025, 6, 30), is_graduate=True, graduation_year=2025)
    Visit.objects.create(key_person=grad, org_code=grad.org_code, grid_code=grad.grid_code,
                         visited_on=dt.date(2025, 8, 31), outcome="met")
    visits.visit_scan(today=dt.date(2025, 8, 31))
    assert tasks(trigger="graduate") == []
    visits.visit_scan(today=dt.date(2025, 9, 1))
    assert tasks(trigger="graduate") == [(grad.pk, "graduate", dt.date(2025, 9, 8), "due")]


def test_placed_person_tasks_are_cancelled(world):
    kp = key_person_in(identified_on=dt.date(2025, 9, 5))
    visits.visit_scan(today=TODAY)
    kp.status = "employed"
    kp.save()
    assert visits.visit_scan(today=TODAY)["cancelled"] == 1
    assert tasks() == [(kp.pk, "new_unemployed", dt.date(2025, 9, 12), "cancelled")]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (200, 10, 10)).save(out, format="PNG")
    return out.getvalue()


def test_visit_with_photo_and_bad_inputs(world):
    kp = key_person_in()
    visit = visits.visit_record(actor=world.users["grid_a"], key_person=kp, outcome="phone",
                                photo=SimpleUploadedFile("a.png", _png(), content_type="image/png"))
    assert visit.photo.name.endswith(".jpg")   # an opaque PNG is stored as a JPEG (security23 F7)
    script = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    for kwargs, field in (({"outcome": "great"}, "outcome"), ({"outcome": "met", "needs": ["money"]}, "needs"),
                          ({"outcome": "met", "visited_on": "2999-01-01"}, "visited_on"),
                          ({"outcome": "met", "next_step": "长" * 201}, "next_step"),
                          ({"outcome": "met", "photo": script}, "photos")):
        with pytest.raises(ApplicationError) as exc:
            visits.visit_record(actor=world.users["grid_a"], key_person=kp, **kwargs)
        assert exc.value.field == field
    with pytest.raises(NotFoundError):
        visits.visit_record(actor=world.users["village_b"], key_person=kp, outcome="met")
    assert Visit.objects.count() == 1


def test_workbench_reminds_counts_only(world, monkeypatch):
    from jianfu.registry.ledger import values

    monkeypatch.setattr("jianfu.employment.workbench.local_today", lambda: TODAY)
    monkeypatch.setattr(values, "local_today", lambda: TODAY)
    due_today = key_person_in(identified_on=dt.date(2025, 9, 3))
    key_person_in(identified_on=dt.date(2025, 8, 20))        # overdue
    key_person_in("450521200201", None, identified_on=dt.date(2025, 9, 3))   # another village
    visits.visit_scan(today=TODAY)
    got = {(t.title, t.count, t.urgency) for t in todos(world.users["grid_a"])}
    assert got == {("逾期未走访的帮扶对象", 1, "overdue"), ("今天该走访的帮扶对象", 1, "soon")}
    assert {(t.title, t.count) for t in todos(world.users["village_b"])} == {("今天该走访的帮扶对象", 1)}
    town = {(t.title, t.count) for t in todos(world.users["town_quzhang"])}
    assert ("村里逾期未走访（已上报乡镇）", 1) in town
    assert todos(world.users["dept_housing"]) == []
    assert due_today.visit_tasks.get().due_on == TODAY


def test_the_today_tab_agrees_with_the_workbench_and_overdue_is_filtered_by_village(world, monkeypatch):
    import re

    from jianfu.registry.ledger import values

    monkeypatch.setattr("jianfu.employment.workbench.local_today", lambda: TODAY)
    monkeypatch.setattr("jianfu.employment.views.local_today", lambda: TODAY)
    monkeypatch.setattr(values, "local_today", lambda: TODAY)
    today_a = key_person_in(identified_on=dt.date(2025, 9, 3))
    late_a = key_person_in(identified_on=dt.date(2025, 8, 20))
    late_b = key_person_in("450521200201", None, identified_on=dt.date(2025, 8, 20))
    visits.visit_scan(today=TODAY)

    def names(client, query):
        page = client.get("/employment/visits/", query).content.decode()
        return re.findall(r'<a class="visit-name" href="[^"]+">([^<]+)</a>', page), page

    grid = world.client("grid_a")
    counted = {t.title: t.count for t in todos(world.users["grid_a"])}["今天该走访的帮扶对象"]
    shown, _page = names(grid, {"state": "today"})
    assert shown == [today_a.person.name] and len(shown) == counted == 1
    assert names(grid, {"state": "overdue"})[0] == [late_a.person.name]
    town = world.client("town_quzhang")
    shown, page = names(town, {"state": "overdue"})
    assert sorted(shown) == sorted([late_a.person.name, late_b.person.name])
    assert '<option value="450521200201">璋嘉村委会</option><option value="450521200206">曲木村委会</option>' in page
    shown, page = names(town, {"state": "overdue", "village": "450521200201"})
    assert shown == [late_b.person.name] and '<option value="450521200201" selected>' in page
    # a village sees no select: it has one village
    assert 'id="id_village"' not in names(world.client("village_a"), {"state": "overdue"})[1]


def test_a_graduate_s_visit_reason_reads_as_a_date():
    # a new user read "2026届毕业生09-01仍未就业": the rule's month-day stored as data, said as people say a date
    graduate = key_person_in(identified_on=dt.date(2026, 6, 30), is_graduate=True, graduation_year=2026)
    visits.visit_scan(today=dt.date(2026, 9, 10))
    assert list(VisitTask.objects.filter(key_person=graduate, trigger="graduate").values_list("reason", flat=True)) == [
        "2026届毕业生9月1日仍未就业"]


def _task_for(kp) -> VisitTask:
    return VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="new",
                                    reason="新认定", due_on=kp.identified_on, dedupe_key=f"test-{kp.pk}")


def test_a_grid_worker_reveals_the_phone_of_an_assigned_visit_only_and_it_is_audited(world):
    """ADR 0028: from the visit form of an open task of their grid, audited, and the number becomes a tel: link."""
    from jianfu.core.models import AuditRecord
    from jianfu.registry.services import person_phone

    mine = key_person_in()
    task = _task_for(mine)
    other_grid = key_person_in(grid="450521200206002")
    other_task = _task_for(other_grid)
    grid = world.client("grid_a")
    form = grid.get(f"/employment/people/{mine.pk}/visit/").content.decode()
    assert f'hx-post="/employment/visits/tasks/{task.pk}/reveal/"' in form
    before = AuditRecord.objects.filter(action="pii.reveal").count()

    response = grid.post(f"/employment/visits/tasks/{task.pk}/reveal/")
    phone = person_phone(mine.person)
    assert response.status_code == 200
    assert f'<a class="revealed" href="tel:{phone}">{phone}</a>' in response.content.decode()
    audit = AuditRecord.objects.filter(action="pii.reveal").order_by("-id").first()
    assert AuditRecord.objects.filter(action="pii.reveal").count() == before + 1
    assert (audit.actor_id, audit.object_id, audit.changes) == (world.users["grid_a"].pk, str(mine.person.pk),
                                                                {"field": "phone"})

    # another grid's person: not found, nothing audited; the person's own reveal stays closed to grid workers
    assert grid.post(f"/employment/visits/tasks/{other_task.pk}/reveal/").status_code == 404
    assert grid.post(f"/employment/people/{mine.pk}/reveal/", {"field": "phone"}).status_code == 403
    # a task already done is no longer assigned: not found either
    VisitTask.objects.filter(pk=task.pk).update(status=VisitTask.Status.DONE)
    assert grid.post(f"/employment/visits/tasks/{task.pk}/reveal/").status_code == 404
    assert 'hx-post="/employment/visits/tasks/' not in grid.get(f"/employment/people/{mine.pk}/visit/").content.decode()
    assert AuditRecord.objects.filter(action="pii.reveal").count() == before + 1


def test_back_after_saving_a_visit_says_it_is_recorded_and_an_unknown_task_stays_404(world):
    # N11: Back after 保存走访 showed "找不到该走访任务" for a task that was done, not missing
    kp = key_person_in()
    visits.visit_scan()
    task = VisitTask.objects.get(key_person=kp, status="due")
    grid = world.client("grid_a")
    url = f"/employment/people/{kp.pk}/visit/?task={task.pk}"
    assert grid.post(url, {"outcome": "phone", "task": task.pk, "form_token": token_new()}).status_code == 302
    task.refresh_from_db()
    back = grid.get(url)
    page = back.content.decode()
    assert back.status_code == 200 and "<h1>该走访已记录</h1>" in page
    assert f'<a class="btn" id="to-person" href="/employment/people/{kp.pk}/">' in page
    assert 'name="outcome"' not in page                              # no form to fill twice
    # submitting the old form again writes nothing
    assert grid.post(url, {"outcome": "phone", "task": task.pk}).status_code == 200
    assert (Visit.objects.count(), task.status) == (1, "done")
    # unknown, another person's, and another village's: 404 with one message, nothing about whether it exists
    refused = "找不到该走访任务，或不在您的管辖范围内。"
    other = key_person_in()
    for client, path in ((grid, f"/employment/people/{kp.pk}/visit/?task={task.pk + 1000}"),
                         (grid, f"/employment/people/{other.pk}/visit/?task={task.pk}"),
                         (world.client("village_b"), url)):
        response = client.get(path)
        assert response.status_code == 404 and refused in response.content.decode(), path

"""Session 35's new user at 390 px (newuser35): a grid worker opens an overdue reminder and sees why the visit is due
and who the person is before recording it (#1); a village cadre's 待报送的报表 gives each form's 报送期限 (#2)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]


def expect(locator):
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def test_an_overdue_reminder_says_why_before_the_visit_is_recorded(phone, world):
    from jianfu.employment.models import Visit, VisitTask
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    kp = key_person_in(person=person_in(name="丁颖"), profile={"desired_text": "照顾过老人，想做护理"})
    due = local_today() - dt.timedelta(days=5)
    VisitTask.objects.create(key_person=kp, org_code=kp.org_code, grid_code=kp.grid_code, trigger="referral",
                             reason="推荐“护工”后回访结果", due_on=due, dedupe_key="e2e-newuser35")
    grid = phone("grid_a")
    grid.goto("/employment/visits/?state=overdue")
    grid.get_by_role("link", name="丁颖").click()
    expect(grid.locator("#visit-why")).to_have_text(f"走访原因：推荐“护工”后回访结果 · 应于 {due:%Y-%m-%d} 逾期")
    expect(grid.locator("#visit-who")).to_have_text("类别：登记失业人员 · 失业求职意向：照顾过老人，想做护理")
    assert fits_the_phone(grid)
    shot(grid, "newuser35-visit-why")
    grid.get_by_label("见到本人", exact=True).check()
    grid.get_by_role("button", name="保存走访").click()
    expect(grid.locator("body")).to_contain_text("走访已记录。")
    assert Visit.objects.filter(key_person=kp).count() == 1
    assert VisitTask.objects.get(dedupe_key="e2e-newuser35").status == VisitTask.Status.DONE


def test_the_forms_to_send_show_their_deadline_on_the_phone(phone, world):
    from django.utils import timezone

    from jianfu.reports.catalog import catalog_get, forms_load
    from jianfu.reports.engine import latest_closed_period

    forms_load(actor=None)
    t = catalog_get().template("mz_dibao_tekun")
    due = latest_closed_period(t.period_type, timezone.localdate()).due_date(t.due_days)
    late = " 已逾期" if timezone.localdate() > due else ""
    village = phone("village_a")
    village.goto("/")
    village.get_by_role("link", name="待报送的报表").click()
    row = village.locator("tr", has=village.locator("a[href='/reports/templates/mz_dibao_tekun/']"))
    expect(row.locator("td.due-on")).to_have_text(f"{due:%Y-%m-%d}{late}")
    assert fits_the_phone(village)
    shot(village, "newuser35-forms-due")


def test_the_people_list_marks_and_narrows_to_who_is_due_a_visit(phone, world):
    from jianfu.employment.models import VisitTask
    from jianfu.employment.tests.factories import key_person_in, person_in
    from jianfu.registry.ledger.values import local_today

    due = key_person_in(person=person_in(name="逾期甲"))
    VisitTask.objects.create(key_person=due, org_code=due.org_code, grid_code=due.grid_code, trigger="interval",
                             reason="未就业，每30日走访一次", due_on=local_today() - dt.timedelta(days=3),
                             dedupe_key="e2e-newuser35-people")
    key_person_in(person=person_in(name="无任务乙"))
    village = phone("village_a")
    village.goto("/employment/people/")
    expect(village.locator("tr", has_text="逾期甲").locator(".visit-due")).to_have_text("走访已逾期")
    expect(village.locator("tr", has_text="无任务乙").locator(".visit-due")).to_have_count(0)
    village.get_by_label("走访").select_option("week")
    village.get_by_role("button", name="查询").click()
    expect(village.locator("td.card-title a")).to_have_text(["逾期甲"])
    assert fits_the_phone(village)
    shot(village, "newuser35-people-visit-due")

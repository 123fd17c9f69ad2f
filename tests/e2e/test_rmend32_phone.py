"""rmend32 #6 in Chromium at 390 × 844: a person edit the server refuses reloads at the top, and the top now names what
to correct (it showed the form's first fields, the field's error ~1,000 px down)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e import test_daily_tasks
from tests.e2e.conftest import fits_the_phone, shot

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect
VA = "450521200206"


def test_a_refused_person_edit_opens_with_the_summary_in_view(phone, world):
    from jianfu.registry.models import Person

    person = Person.objects.create(org_code=VA, name="刘勇", gender="M", birth_date=dt.date(1984, 8, 13))
    page = phone("village_a")
    page.goto(f"/registry/persons/{person.pk}/edit/", timeout=60_000)
    page.fill("#id_birth_date", "2099-01-01")
    page.eval_on_selector("main form[method=post]", "f => { f.noValidate = true; }")   # as the server sees it
    page.get_by_role("button", name="保存").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_in_viewport()
    expect(summary.locator("li")).to_have_text(["出生日期：出生日期不能晚于今天。"])
    assert Person.objects.get(pk=person.pk).birth_date == dt.date(1984, 8, 13)
    assert fits_the_phone(page)
    shot(page, "rmend32-person-edit-refused")

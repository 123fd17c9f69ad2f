"""newuser16 findings checked in a real browser: 纳入帮扶 with 登记失业人员 pre-ticked is no longer blocked by a
silent browser bubble (#6), and tap targets on a 390 px phone (#11)."""

from __future__ import annotations

import pytest

from jianfu.employment.tests.factories import person_in
from tests.e2e import test_daily_tasks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e]
expect = test_daily_tasks.expect


def test_take_in_with_the_registry_ticked_box_says_why_it_is_refused(phone, world):
    from jianfu.employment.models import KeyPerson

    person = person_in(name="李桂兰")                 # unemployed in the registry: 登记失业人员 comes ticked
    page = phone("village_a")
    page.goto(f"/employment/people/add/?person={person.pk}", timeout=60_000)
    expect(page.locator("form:has(#id_unemployment_registered_on)")).to_contain_text("登记库中此人的就业状态为“失业”，所以预选了“登记失业人员”")
    page.locator('input[name="groups"][value="is_rural_labour"]').check()
    page.get_by_role("button", name="纳入帮扶").click()
    # the server answers (no browser bubble stops the tap): the reason at the top and next to the field
    expect(page.locator("#form-errors")).to_have_text("未能纳入，请按提示修改：失业认定日期")
    row = page.locator(".form-row", has=page.locator("#id_unemployment_registered_on"))
    expect(row.locator(".errorlist")).to_have_text("登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。")
    assert KeyPerson.objects.filter(person=person).count() == 0
    # unticking 登记失业人员 takes the person in without a date
    page.locator('input[name="groups"][value="is_registered_unemployed"]').uncheck()
    page.get_by_role("button", name="纳入帮扶").click()
    expect(page.locator(".alert-success")).to_contain_text("已纳入就业帮扶")
    kp = KeyPerson.objects.get(person=person)
    assert (kp.is_rural_labour, kp.is_registered_unemployed) == (True, False)

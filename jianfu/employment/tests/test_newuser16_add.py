"""newuser16 #6: 纳入帮扶 for a person the registry says is unemployed — 登记失业人员 comes pre-ticked; the page
says why the 失业认定日期 is asked, a missing date is refused by the server with the reason next to the field
(and at the top), and it is asked only while 登记失业人员 stays ticked."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import token_new
from jianfu.employment.forms import KeyPersonForm
from jianfu.employment.models import KeyPerson
from jianfu.employment.tests.factories import person_in

pytestmark = pytest.mark.django_db
WHY = ("登记库中此人的就业状态为“失业”，所以预选了“登记失业人员”：请填写人社部门认定失业的日期；"
       "未办理失业登记的，请取消勾选“登记失业人员”。")
REFUSED = "登记失业人员请填写失业认定日期；未办理失业登记的，请取消勾选“登记失业人员”。"


def test_the_page_says_why_the_date_is_asked_when_the_registry_ticks_the_box(world):
    unemployed = person_in()
    page = world.client("village_a").get(f"/employment/people/add/?person={unemployed.pk}").content.decode()
    assert f'<span class="muted" id="id_unemployment_registered_on_helptext">勾选“登记失业人员”时必填。{WHY}</span>' in page
    other = person_in(employment_status="not_in_labour_force", residence_status="huji")
    page = world.client("village_a").get(f"/employment/people/add/?person={other.pk}").content.decode()
    assert WHY not in page and "勾选“登记失业人员”时必填。" in page


def test_a_missing_date_is_refused_next_to_the_field_only_while_the_box_stays_ticked(world):
    person = person_in()
    client = world.client("village_a")
    refused = client.post("/employment/people/add/", {
        "person": person.pk, "groups": ["is_registered_unemployed", "is_rural_labour"],
        "form_token": token_new()})
    page = refused.content.decode()
    assert refused.status_code == 400
    field = page[page.index('<label for="id_unemployment_registered_on">'):]
    field = field[:field.index("</div>")]
    assert f'<ul class="errorlist" id="id_unemployment_registered_on_error"><li>{REFUSED}</li></ul>' in field
    assert ('<div class="alert alert-error" id="form-errors">未能纳入，请按提示修改：'
            '<a href="#id_unemployment_registered_on">失业认定日期</a></div>') in page
    assert KeyPerson.objects.filter(person=person).count() == 0
    # unticked: no date asked, taken in
    taken = client.post("/employment/people/add/", {"person": person.pk, "groups": ["is_rural_labour"],
                                                   "form_token": token_new()})
    assert taken.status_code == 302
    kp = KeyPerson.objects.get(person=person)
    assert (kp.is_rural_labour, kp.is_registered_unemployed, kp.unemployment_registered_on) == (True, False, None)


def test_the_form_itself_refuses_the_missing_date():
    form = KeyPersonForm(data={"groups": ["is_registered_unemployed"]})
    assert not form.is_valid()
    assert form.errors == {"unemployment_registered_on": [REFUSED]}
    assert KeyPersonForm(data={"groups": ["is_registered_unemployed"], "unemployment_registered_on": "2026-11-02"}
                         ).is_valid()

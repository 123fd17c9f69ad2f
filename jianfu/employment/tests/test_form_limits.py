"""Session 15, issue 8 leftover 5: every text input and textarea of the employment forms carries the limit the model
(or, for a TextField, the service) refuses past — as maxlength, or as the counter of a free-text field (data-maxlength,
no silent cut: N07 of session 14) — taken from the model, so form and model cannot drift."""

from __future__ import annotations

import re

import pytest

from jianfu.core.formtokens import token_new
from jianfu.employment import forms
from jianfu.employment.models import Posting

pytestmark = pytest.mark.django_db

# form → {field: (attribute, limit)}: every text input and textarea of the form, nothing left out
EXPECTED = {
    forms.KeyPersonForm: {"major": ("maxlength", 60), "work_capacity": ("maxlength", 200), "note": ("maxlength", 500)},
    forms.ProfileForm: {"desired_text": ("data-maxlength", 200), "certificates": ("data-maxlength", 200),
                        "experience": ("data-maxlength", 500), "wage": ("data-maxlength", 40),
                        "limits_note": ("data-maxlength", 200)},
    forms.VisitForm: {"next_step": ("data-maxlength", 200)},
    forms.ServiceForm: {"title": ("maxlength", 100), "amount": ("maxlength", 20)},
    forms.PostingForm: {"employer": ("maxlength", 200), "credit_code": ("maxlength", 30), "title": ("maxlength", 100),
                        "headcount": ("maxlength", 10), "education": ("maxlength", 20), "age": ("maxlength", 30),
                        "experience": ("maxlength", 30), "certificates": ("maxlength", 200), "wage": ("maxlength", 60),
                        "place": ("maxlength", 100), "shifts": ("maxlength", 60),
                        "description": ("data-maxlength", 5000), "benefits": ("maxlength", 300),
                        "contact_name": ("maxlength", 30), "contact_phone": ("maxlength", 20)},
}
# the form fields that fill a model field of the same limit
MODEL_FIELD = {(forms.KeyPersonForm, "major"): ("KeyPerson", "major"),
               (forms.KeyPersonForm, "work_capacity"): ("KeyPerson", "work_capacity"),
               (forms.KeyPersonForm, "note"): ("KeyPerson", "note"),
               (forms.ProfileForm, "desired_text"): ("SeekerProfile", "desired_text"),
               (forms.ProfileForm, "experience"): ("SeekerProfile", "experience"),
               (forms.ProfileForm, "limits_note"): ("SeekerProfile", "limits_note"),
               (forms.VisitForm, "next_step"): ("Visit", "next_step"),
               (forms.ServiceForm, "title"): ("ServiceRecord", "title"),
               (forms.PostingForm, "title"): ("Posting", "title"), (forms.PostingForm, "wage"): ("Posting", "wage_text"),
               (forms.PostingForm, "place"): ("Posting", "place_text"), (forms.PostingForm, "shifts"): ("Posting", "shifts"),
               (forms.PostingForm, "benefits"): ("Posting", "benefits"),
               (forms.PostingForm, "contact_name"): ("Posting", "contact_name"),
               (forms.PostingForm, "contact_phone"): ("Posting", "contact_phone")}
_TEXT = re.compile(r'<(?:textarea|input type="(?:text|tel)")[^>]*\bname="(\w+)"[^>]*>')


@pytest.mark.parametrize("form_class", list(EXPECTED), ids=lambda f: f.__name__)
def test_every_text_input_and_textarea_carries_its_limit(form_class):
    html = str(form_class())
    found = {}
    for tag in _TEXT.finditer(html):
        limits = re.findall(r'\s((?:data-)?maxlength)="(\d+)"', tag.group(0))
        assert len(limits) == 1, tag.group(0)
        found[tag.group(1)] = (limits[0][0], int(limits[0][1]))
    assert found == EXPECTED[form_class]


@pytest.mark.parametrize(("form_class", "name"), list(MODEL_FIELD), ids=lambda v: getattr(v, "__name__", v))
def test_the_limit_is_the_models(form_class, name):
    from django.apps import apps

    model, field = MODEL_FIELD[(form_class, name)]
    assert form_class().fields[name].max_length == apps.get_model("employment", model)._meta.get_field(field).max_length


def test_a_posting_description_past_its_limit_is_refused_whole_and_nothing_is_written(world):
    data = {"employer": "合浦县家政服务有限公司", "title": "家政服务员", "place": "廉州镇", "description": "家" * 5001}
    response = world.client("county_office").post("/employment/postings/new/", {**data, "form_token": token_new()})
    assert response.status_code == 400
    errors = response.content.decode().split('name="description"')[1].split("</div>")[0]
    assert "<li>已输入 5001 字，最多 5000 字，超出 1 字，请删减</li>" in errors
    assert Posting.objects.count() == 0

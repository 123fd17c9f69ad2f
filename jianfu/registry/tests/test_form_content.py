"""cr18 #3 (ADR 0036): the 新增人员 form answered its token posted again with another person (back, the next person
typed in, 保存) with the first one — "该表单已提交过，“双击无证”已登记" — and the second person was never registered. A
repeat is the same token with the same content: another content is an expired form, nothing registered; the exact
same post is still answered with the first person."""

from __future__ import annotations

import pytest

from jianfu.core.formtokens import FORM_EXPIRED as EXPIRED
from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.registry.models import FieldChange, Person

pytestmark = pytest.mark.django_db
URL = "/registry/persons/new/"
DATA = {"name": "双击无证", "phone": "13900139000", "birth_date": "1970-01-01", "residence_status": "huji",
        "status": "active"}


def _state() -> tuple:
    return (list(Person.objects.values_list("pk", "name", "phone_masked", "phone_index", "birth_date")), FieldChange.objects.count(),
            AuditRecord.objects.count())


def test_the_same_person_again_is_answered_with_the_first(world):
    token = token_new()
    client = world.client("village_a")
    client.post(URL, {**DATA, "form_token": token}, follow=True)
    person = Person.objects.get()
    before = _state()
    r = client.post(URL, {**DATA, "form_token": token}, follow=True)
    assert r.redirect_chain == [(f"/registry/persons/{person.pk}/", 302)]
    assert [str(m) for m in r.context["messages"]] == ["该表单已提交过，“双击无证”已登记，没有重复登记。"]
    assert _state() == before and Person.objects.count() == 1


@pytest.mark.parametrize("edited", [{"name": "另一个人", "phone": "13900139001"}, {"birth_date": "1971-02-02"}])
def test_the_same_token_with_another_person_is_refused_and_registers_nothing(world, edited):
    token = token_new()
    client = world.client("village_a")
    client.post(URL, {**DATA, "form_token": token})
    before = _state()
    r = client.post(URL, {**DATA, **edited, "form_token": token})
    text = r.content.decode()
    assert r.status_code == 400 and EXPIRED in text
    assert f'value="{edited.get("name", "双击无证")}"' in text          # the typing is kept
    assert _state() == before
    assert [(p.name, str(p.birth_date)) for p in Person.objects.all()] == [("双击无证", "1970-01-01")]


def test_an_old_person_without_a_content_key_is_not_answered_to_a_repost(world):
    token = token_new()
    client = world.client("village_a")
    client.post(URL, {**DATA, "form_token": token})
    Person.objects.update(form_content_key=None)
    before = _state()
    r = client.post(URL, {**DATA, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert _state() == before


FORMS = [
    ("/registry/households/new/", {"number": "DBL-02", "address": "曲木村二组"}, {"address": "曲木村三组"},
     "Household", "households"),
    ("/registry/households/new/", {"number": "DBL-02", "address": "曲木村二组"}, {"number": "DBL-03"},
     "Household", "households"),
    ("/registry/organisations/new/", {"name": "令牌合作社", "kind": "cooperative", "employees": "3"},
     {"name": "另一合作社"}, "Organisation", "organisations"),
    ("/registry/organisations/new/", {"name": "令牌合作社", "kind": "cooperative", "employees": "3"},
     {"employees": "9"}, "Organisation", "organisations"),
]


@pytest.mark.parametrize(("url", "data", "edited", "model", "detail"), FORMS)
def test_the_household_and_organisation_forms_answer_the_same_content_and_refuse_other(world, url, data, edited,
                                                                                       model, detail):
    """The 新建户 and 登记单位 forms, as 新增人员: the same post again is the first row; other content is expired."""
    from jianfu.registry import models

    Model = getattr(models, model)
    token = token_new()
    client = world.client("village_a")
    client.post(url, {**data, "form_token": token}, follow=True)
    row = Model.objects.get()

    def state() -> tuple:
        return list(Model.objects.values()), AuditRecord.objects.count()

    before = state()
    r = client.post(url, {**data, **edited, "form_token": token})
    assert r.status_code == 400 and EXPIRED in r.content.decode()
    assert state() == before
    r = client.post(url, {**data, "form_token": token}, follow=True)
    assert r.redirect_chain == [(f"/registry/{detail}/{row.pk}/", 302)]
    assert [str(m) for m in r.context["messages"]] == ["该表单已提交过，没有重复登记。"]
    assert state() == before and Model.objects.count() == 1

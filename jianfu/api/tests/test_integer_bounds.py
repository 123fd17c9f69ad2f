"""badinput15 #6: a huge integer (10^20) in any integer form or request field is the field's clear error, never
an OverflowError (SQLite) or DataError (PostgreSQL) 500; nothing is written."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django import forms
from rest_framework import serializers

from jianfu.employment.models import KeyPerson
from jianfu.registry.models import Organisation

HUGE = 10**20
FORM_MODULES = ["jianfu.accounts.forms", "jianfu.employment.forms", "jianfu.orgs.forms", "jianfu.registry.forms",
                "jianfu.review.forms"]
API_MODULES = ["jianfu.api.v1.core", "jianfu.api.v1.directline", "jianfu.api.v1.dispatch", "jianfu.api.v1.employment",
               "jianfu.api.v1.review", "jianfu.api.v1.villagepages", "jianfu.api.v1.registry", "jianfu.api.v1.monitor"]
# serializers that are parsed from a request (the others only describe responses)
REQUESTS = {"ReportRequest", "ActionRequest", "KeyPersonRequest", "VisitRequest", "PostingRequest", "SubmitSerializer",
            "TokenRequest", "DirectlineSubmitSerializer", "DirectlineCodeSerializer", "DirectlineAnswerSerializer",
            "DirectlineActionSerializer", "VillageDraftSerializer"}


def _form_integer_fields():
    for name in FORM_MODULES:
        for cls_name, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                for field_name, field in cls.base_fields.items():
                    if isinstance(field, forms.IntegerField):
                        yield f"{cls_name}.{field_name}", field


def _request_integer_fields():
    for name in API_MODULES:
        for cls_name, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if cls_name in REQUESTS and issubclass(cls, serializers.Serializer):
                for field_name, field in cls().fields.items():
                    if isinstance(field, serializers.IntegerField) and not field.read_only:
                        yield f"{cls_name}.{field_name}", field


def test_every_integer_input_is_bounded():
    found = dict(_form_integer_fields()) | dict(_request_integer_fields())
    assert set(found) >= {"OrganisationForm.employees", "KeyPersonForm.graduation_year",
                          "AddFindingForm.clause", "ActionRequest.into", "ActionRequest.score",
                          "KeyPersonRequest.person", "KeyPersonRequest.graduation_year", "VisitRequest.task",
                          "SubmitSerializer.document"}
    unbounded = [name for name, field in found.items() if field.max_value is None or field.max_value > 2**63 - 1]
    assert unbounded == []


@pytest.mark.parametrize("name", sorted(dict(_form_integer_fields())))
def test_each_form_field_refuses_ten_to_the_twenty(name):
    field = dict(_form_integer_fields())[name]
    with pytest.raises(forms.ValidationError) as exc:
        field.clean(str(HUGE))
    assert exc.value.messages == [f"确保该值小于或等于{field.max_value}。"]


@pytest.mark.parametrize("name", sorted(dict(_request_integer_fields())))
def test_each_request_field_refuses_ten_to_the_twenty(name):
    field = dict(_request_integer_fields())[name]
    with pytest.raises(serializers.ValidationError) as exc:
        field.run_validation(HUGE)
    assert [str(m) for m in exc.value.detail] == [f"请确保该值小于或者等于 {field.max_value}。"]


@pytest.mark.django_db
def test_organisation_with_huge_employees_is_a_form_error(world):
    before = Organisation.objects.count()
    r = world.client("village_a").post("/registry/organisations/new/",
                                       {"name": "巨无霸公司", "kind": "enterprise", "employees": str(HUGE)})
    assert r.status_code == 400
    assert "确保该值小于或等于2147483647。" in r.content.decode()
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_key_person_api_with_huge_numbers_is_a_400(world):
    from jianfu.employment.tests.factories import person_in

    person = person_in()
    api = world.api_client("village_a")
    r = api.post("/api/v1/employment/people/", {"person": HUGE, "groups": ["is_rural_labour"]}, format="json")
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"person": ["请确保该值小于或者等于 9223372036854775807。"]}
    r = api.post("/api/v1/employment/people/", {"person": person.pk, "groups": ["is_graduate"],
                                                "graduation_year": HUGE}, format="json")
    assert r.status_code == 400
    assert r.json()["error"]["fields"] == {"graduation_year": ["请确保该值小于或者等于 32767。"]}
    assert KeyPerson.objects.count() == 0

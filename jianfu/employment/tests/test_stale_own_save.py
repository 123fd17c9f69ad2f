"""A stale employment edit names others' changes only, never the form's own earlier save (mend19c #1, as mend19b #3
did for the registry).

The key person's and the profile's forms, posted again with the version they were opened with (back and 保存 again,
or a double click whose two posts both loaded the record before either saved), were refused — right: their version is
no longer the record's — naming their own first save as "对方修改了：所学专业：“”改为“机电”（village_a，…）"."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.core import versioning
from jianfu.core.errors import ConflictError
from jianfu.core.models import AuditRecord
from jianfu.employment import services
from jianfu.employment.models import KeyPerson, SeekerProfile
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db

YOURS = "您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您填写的内容已保留，请核对后再次保存。"
OTHERS = "该记录已被他人修改（在您打开表单之后），本次没有保存。对方修改了："
KEPT = "。您填写的内容已保留，请核对后再次保存。"


def _at(record: AuditRecord) -> str:
    return timezone.localtime(record.created_at).strftime("%m-%d %H:%M")


def _form(response) -> dict:
    """The edit form as the browser sends it back: its initial values (a list for a multiple choice)."""
    form = response.context["form"]
    data = {name: form.initial.get(name) for name in form.fields}
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _key_person(kp: KeyPerson) -> tuple:
    return KeyPerson.objects.values_list("major", "note", "work_capacity", "updated_at").get(pk=kp.pk)


def _profile(kp: KeyPerson) -> list:
    return list(SeekerProfile.objects.filter(key_person=kp).values_list(
        "desired_text", "wage_min", "wage_max", "limits_note", "updated_at"))


def test_key_person_form_back_and_save_again_names_no_one(world):
    kp = key_person_in(unemployment_ground="dismissed")
    url = f"/employment/people/{kp.pk}/edit/"
    client = world.client("village_a")
    form = _form(client.get(url))
    assert form["version"] and form["groups"] == ["is_registered_unemployed"]
    assert client.post(url, {**form, "major": "机电"}).status_code == 302
    saved, audits = _key_person(kp), AuditRecord.objects.count()
    # back: the page still holds the first post's typing and version; a note added, 保存 again
    r = client.post(url, {**form, "major": "机电", "note": "想学电工"})
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [YOURS]
    assert (_key_person(kp), AuditRecord.objects.count()) == (saved, audits)
    assert saved[:3] == ("机电", "", "")


def test_key_person_double_click_then_another_accounts_change_is_named_alone(world):
    actor, other = world.users["village_a"], world.users["grid_a"]
    kp = key_person_in(unemployment_ground="dismissed")
    opened = versioning.version_of(kp)
    # both posts loaded the key person before either saved
    first, second = KeyPerson.objects.get(pk=kp.pk), KeyPerson.objects.get(pk=kp.pk)
    posted = {"major": "机电", "note": "想学电工"}
    services.key_person_update(actor=actor, key_person=first, data=posted, version=opened)
    with pytest.raises(ConflictError) as exc:
        services.key_person_update(actor=actor, key_person=second, data=posted, version=opened)
    assert (exc.value.message, exc.value.details["changes"]) == (YOURS, [])
    # another account changes the major after the form's own save: that change, and only it, is named
    services.key_person_update(actor=other, key_person=KeyPerson.objects.get(pk=kp.pk), data={"major": "焊工"})
    theirs = AuditRecord.objects.filter(action="employment.keyperson.update").latest("id")
    saved, audits = _key_person(kp), AuditRecord.objects.count()
    # the form posted a third time (its page still holds 机电 and the note), the work capacity typed
    with pytest.raises(ConflictError) as exc:
        services.key_person_update(actor=actor, key_person=KeyPerson.objects.get(pk=kp.pk),
                                   data={**posted, "work_capacity": "能做轻活"}, version=opened)
    line = f"所学专业：“机电”改为“焊工”（grid_a，{_at(theirs)}）"
    assert exc.value.details["changes"] == [line]
    assert exc.value.message == f"{OTHERS}{line}{KEPT}"
    assert (_key_person(kp), AuditRecord.objects.count()) == (saved, audits)
    assert saved[:3] == ("焊工", "想学电工", "")


def test_profile_form_back_and_save_again_names_no_one(world):
    kp = key_person_in(profile={"desired_text": "想进厂", "wage_min": 4000, "wage_max": 4000})
    url = f"/employment/people/{kp.pk}/profile/"
    client = world.client("village_a")
    form = _form(client.get(url))
    assert form["version"] != versioning.NEW
    assert client.post(url, {**form, "wage": "5500", "places": ["town", "county"]}).status_code == 302
    saved, audits = _profile(kp), AuditRecord.objects.count()
    r = client.post(url, {**form, "wage": "5500", "places": ["town", "county"], "limits_note": "不能上夜班"})
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [YOURS]
    assert (_profile(kp), AuditRecord.objects.count()) == (saved, audits)
    assert saved[0][:4] == ("想进厂", 5500, None, "")


def test_profile_first_fill_back_and_save_again_names_no_one(world):
    # the form opened before there was a profile ("new"): its own first save made it
    kp = key_person_in()
    url = f"/employment/people/{kp.pk}/profile/"
    client = world.client("village_a")
    form = _form(client.get(url))
    assert form["version"] == versioning.NEW
    filled = {**form, "desired_text": "想进厂", "wage": "5500", "available_from": "2026-12-20"}
    assert client.post(url, filled).status_code == 302
    saved, audits = _profile(kp), AuditRecord.objects.count()
    r = client.post(url, {**filled, "limits_note": "不能上夜班"})
    assert r.status_code == 400
    assert r.context["form"].non_field_errors() == [YOURS]
    assert (_profile(kp), AuditRecord.objects.count(), SeekerProfile.objects.count()) == (saved, audits, 1)


def test_profile_another_accounts_change_is_named_alone(world):
    actor, other = world.users["village_a"], User.objects.get(username="grid_a")
    kp = key_person_in(profile={"desired_text": "想进厂"})
    opened = versioning.version_of(kp.profile)
    posted = {"desired_text": "想进厂", "wage": "5500", "places": ["town"], "available_from": "2026-12-20"}
    services.profile_save(actor=actor, key_person=KeyPerson.objects.get(pk=kp.pk), data=posted, version=opened)
    services.profile_save(actor=other, key_person=KeyPerson.objects.get(pk=kp.pk), keep_absent=True,
                          data={"places": ["town", "county"]})
    theirs = AuditRecord.objects.filter(action="employment.profile.update").latest("id")
    saved, audits = _profile(kp), AuditRecord.objects.count()
    with pytest.raises(ConflictError) as exc:
        services.profile_save(actor=actor, key_person=KeyPerson.objects.get(pk=kp.pk),
                              data={**posted, "limits_note": "不能上夜班"}, version=opened)
    line = f"可接受工作地点：“本镇”改为“本镇、县内”（grid_a，{_at(theirs)}）"
    assert exc.value.details["changes"] == [line]
    assert exc.value.message == f"{OTHERS}{line}{KEPT}"
    assert (_profile(kp), AuditRecord.objects.count()) == (saved, audits)

"""A stale registry edit names others' changes only, never the form's own earlier save (mend19b #3).

An edit form posted twice with the version it was opened with — back and 保存 again, or a double click whose two
posts both loaded the record before either saved — was refused as stale (right: its version is no longer the
record's), naming its own first save as "对方修改了：住址：“”改为“甲”（village_a，…）"."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import timezone

from jianfu.core.errors import ConflictError
from jianfu.core.versioning import version_of
from jianfu.registry import services
from jianfu.registry.models import FieldChange, Organisation, Person

VA = "450521200206"
GRID = "450521200206001"
YOURS = "您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您填写的内容已保留，请核对后再次保存。"


def _version(page: str) -> str:
    return html.unescape(re.search(r'name="version" value="([^"]*)"', page).group(1))


def _when(change: FieldChange) -> str:
    return timezone.localtime(change.changed_at).strftime("%m-%d %H:%M")


@pytest.mark.django_db
def test_back_and_save_again_is_refused_naming_no_one(world):
    person = services.person_create(actor=world.users["village_a"], org_code=VA, data={"name": "王五"})
    client = world.client("village_a")
    url = f"/registry/persons/{person.pk}/edit/"
    opened = _version(client.get(url).content.decode())
    form = {"name": "王五", "residence_status": person.residence_status, "status": person.status, "version": opened}
    assert client.post(url, {**form, "address": "甲"}).status_code == 302
    changes = FieldChange.objects.count()
    # back: the page still holds the first post's typing and version; a phone added, 保存 again
    r = client.post(url, {**form, "address": "甲", "phone": "13900002222"})
    assert r.status_code == 200
    assert r.context["form"].non_field_errors() == [YOURS]
    assert "对方修改了" not in r.content.decode()
    person.refresh_from_db()
    assert (person.address, person.phone_masked) == ("甲", "")
    assert FieldChange.objects.count() == changes


@pytest.mark.django_db
def test_a_double_click_names_no_change_and_another_users_change_is_still_named(world):
    actor = world.users["village_a"]
    person = services.person_create(actor=actor, org_code=VA, data={"name": "王五", "grid_code": GRID})
    opened = version_of(person)
    # both posts loaded the person before either saved
    first, second = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    services.person_update(actor=actor, person=first, data={"address": "甲", "phone": "13900002222"}, version=opened)
    with pytest.raises(ConflictError) as exc:
        services.person_update(actor=actor, person=second, data={"address": "甲", "phone": "13900002222"},
                               version=opened)
    assert (exc.value.message, exc.value.details["changes"]) == (YOURS, [])
    # another account saves the address after the form's own save: that change, and only it, is named
    services.person_update(actor=world.users["grid_a"], person=Person.objects.get(pk=person.pk),
                           data={"address": "乙"})
    other = FieldChange.objects.get(model="person", object_id=person.pk, new_value="乙")
    # the form posted a third time (its page still holds 甲 and the phone), the name changed
    with pytest.raises(ConflictError) as exc:
        services.person_update(actor=actor, person=Person.objects.get(pk=person.pk),
                               data={"address": "甲", "phone": "13900002222", "name": "王六"}, version=opened)
    assert exc.value.details["changes"] == [f"住址：“甲”改为“乙”（grid_a，{_when(other)}）"]
    assert exc.value.message == ("该记录已被他人修改（在您打开表单之后），本次没有保存。对方修改了："
                                 f"住址：“甲”改为“乙”（grid_a，{_when(other)}）。您填写的内容已保留，请核对后再次保存。")
    person.refresh_from_db()
    assert (person.name, person.address, person.phone_masked) == ("王五", "乙", "139****2222")


@pytest.mark.django_db
def test_the_same_account_in_another_session_is_still_named(world):
    # two sessions of one account, each its own form: the other one's save is not this form's own (badinput15 #1)
    actor = world.users["village_a"]
    person = services.person_create(actor=actor, org_code=VA, data={"name": "王五"})
    opened = version_of(person)
    services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={"address": "甲"},
                           version=opened)
    mine = FieldChange.objects.get(model="person", object_id=person.pk, field="address")
    with pytest.raises(ConflictError) as exc:
        services.person_update(actor=actor, person=Person.objects.get(pk=person.pk),
                               data={"address": "", "phone": "13900002222"}, version=opened)
    assert exc.value.details["changes"] == [f"住址：“”改为“甲”（village_a，{_when(mine)}）"]
    assert Person.objects.get(pk=person.pk).phone_masked == ""


@pytest.mark.django_db
def test_an_organisation_posted_twice_names_no_change(world):
    actor = world.users["village_a"]
    org = services.organisation_save(actor=actor, org_code=VA, data={"name": "曲木合作社", "kind": "cooperative",
                                                                     "employees": 3})
    opened = version_of(org)
    data = {"name": "曲木合作社", "kind": "cooperative", "employees": 9}
    first, second = Organisation.objects.get(pk=org.pk), Organisation.objects.get(pk=org.pk)
    services.organisation_save(actor=actor, org_code=VA, data=data, organisation=first, version=opened)
    with pytest.raises(ConflictError) as exc:
        services.organisation_save(actor=actor, org_code=VA, data={**data, "address": "新地址"}, organisation=second,
                                   version=opened)
    assert (exc.value.message, exc.value.details["changes"]) == (YOURS, [])
    org.refresh_from_db()
    assert (org.employees, org.address) == (9, "")

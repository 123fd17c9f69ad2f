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
OWN = "您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您保存过的修改：{}。您填写的内容已保留，请核对后再次保存。"


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
    assert r.status_code == 400
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
    # the phone, a masked field, is named even so: its masked value cannot tell this form's own number from another
    # with the same mask (cr19b #2); every change named is the poster's own account's, so the refusal says so
    # plainly, never "他人"/"对方" (mend19d #3)
    phone = FieldChange.objects.get(model="person", object_id=person.pk, field="phone")
    own_phone = f"联系电话：“”改为“139****2222”（village_a，{_when(phone)}）"
    assert exc.value.details["changes"] == [own_phone]
    assert exc.value.message == OWN.format(own_phone)
    assert "他人" not in exc.value.message and "对方" not in exc.value.message
    # another account saves the address after the form's own save: that change is named
    services.person_update(actor=world.users["grid_a"], person=Person.objects.get(pk=person.pk),
                           data={"address": "乙"})
    other = FieldChange.objects.get(model="person", object_id=person.pk, new_value="乙")
    # the form posted a third time (its page still holds 甲 and the phone), the name changed
    with pytest.raises(ConflictError) as exc:
        services.person_update(actor=actor, person=Person.objects.get(pk=person.pk),
                               data={"address": "甲", "phone": "13900002222", "name": "王六"}, version=opened)
    assert exc.value.details["changes"] == [own_phone, f"住址：“甲”改为“乙”（grid_a，{_when(other)}）"]
    assert exc.value.message == ("该记录已被他人修改（在您打开表单之后），本次没有保存。对方修改了："
                                 f"{own_phone}；住址：“甲”改为“乙”（grid_a，{_when(other)}）。"
                                 "您填写的内容已保留，请核对后再次保存。")
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
    assert exc.value.message == OWN.format(f"住址：“”改为“甲”（village_a，{_when(mine)}）")
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


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "saved", "posted", "label", "masked"), [
    ("phone", "13911112222", "13900002222", "联系电话", "139****2222"),
    ("id_number", "450521199001011232", "450521198801041232", "身份证号", "4505**************"),
])
def test_another_tab_of_the_same_account_saving_another_number_with_the_same_mask_is_named(
        world, field, saved, posted, label, masked):
    """cr19b #2: FieldChange keeps ID and phone numbers masked, so the number another tab of the same account saved
    (13911112222) was taken for this form's own save of another (13900002222: both 139****2222) and left out — the
    refusal said "您…已经保存过" and the other tab's number was never named."""
    actor = world.users["village_a"]
    person = services.person_create(actor=actor, org_code=VA, data={"name": "王五"})
    opened = version_of(person)
    services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={field: saved},
                           version=opened)
    tab = FieldChange.objects.get(model="person", object_id=person.pk, field=field)
    assert tab.new_value == masked
    changes = FieldChange.objects.count()
    with pytest.raises(ConflictError) as exc:
        services.person_update(actor=actor, person=Person.objects.get(pk=person.pk), data={field: posted},
                               version=opened)
    line = f"{label}：“”改为“{masked}”（village_a，{_when(tab)}）"
    assert exc.value.details["changes"] == [line]
    # named, as the poster's own account's save: never "他人"/"对方" (mend19d #3)
    assert exc.value.message == OWN.format(line)
    assert FieldChange.objects.count() == changes
    person.refresh_from_db()
    assert (services.person_id_number(person) if field == "id_number" else services.person_phone(person)) == saved

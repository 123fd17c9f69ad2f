"""A profile form opened before the profile existed ("new") is refused naming the saves since — of a profile made
within a day only: the bound is `versioning.since`'s (NEW_WITHIN), no longer the profile service's own (mend19b #4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.core import versioning
from jianfu.core.errors import ConflictError
from jianfu.core.models import AuditRecord
from jianfu.employment import services
from jianfu.employment.models import SeekerProfile
from jianfu.employment.tests.factories import key_person_in

pytestmark = pytest.mark.django_db


def _refused(world, kp) -> ConflictError:
    saved = list(SeekerProfile.objects.values_list("wage_min", "limits_note", "updated_at"))
    audits = AuditRecord.objects.count()
    with pytest.raises(ConflictError) as exc:
        services.profile_save(actor=world.users["village_a"], key_person=type(kp).objects.get(pk=kp.pk),
                              data={"limits_note": "不能上夜班"}, keep_absent=True, version=versioning.NEW)
    assert list(SeekerProfile.objects.values_list("wage_min", "limits_note", "updated_at")) == saved
    assert AuditRecord.objects.count() == audits
    return exc.value


@pytest.mark.parametrize(("age", "named"), [(dt.timedelta(hours=23), True), (dt.timedelta(days=1, minutes=5), False)])
def test_new_names_the_saves_of_a_profile_made_within_a_day(world, age, named):
    kp = key_person_in()
    services.profile_save(actor=world.users["village_a"], key_person=kp, data={"wage": "5500"}, keep_absent=True)
    SeekerProfile.objects.filter(key_person=kp).update(created_at=timezone.now() - age)
    made = AuditRecord.objects.get(action="employment.profile.create")
    at = timezone.localtime(made.created_at).strftime("%m-%d %H:%M")
    error = _refused(world, kp)
    assert error.code == "stale"
    assert error.details["changes"] == ([f"期望月薪：“—”改为“5500以上”（village_a，{at}）"] if named else [])

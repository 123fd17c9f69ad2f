"""cr28 #6: `referral_advance` locked its referral, then the person (`_transition`), then the person's other referrals
(`_close_other_referrals`): two referrals of one person answered 已录用 at the same moment each held its own referral
and waited for the other's — a deadlock PostgreSQL aborts (a 500). SQLite serialises writers, so the deadlock cannot
be shown here; the lock order it needs can: the person first, then the referrals. And the second answer, once the first
is in, is refused with its reason, nothing changed."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet

from jianfu.core.errors import ConflictError
from jianfu.employment import services
from jianfu.employment.models import KeyPerson, KeyStatus, Referral, ReferralStatus
from jianfu.employment.tests.factories import TOWN, key_person_in, person_in, posting_in
from jianfu.registry.ledger.values import local_today

pytestmark = pytest.mark.django_db


def _two_referrals():
    kp = key_person_in(person=person_in(name="王军"), profile={"desired_text": "快递分拣"})
    return kp, [
        Referral.objects.create(
            key_person=kp,
            posting=posting_in(TOWN, title=title),
            org_code=kp.org_code,
            grid_code=kp.grid_code,
            referred_on=local_today(),
            status=ReferralStatus.INTERVIEWED,
        )
        for title in ("仓库分拣员", "快递员")
    ]


def test_a_hire_locks_the_person_before_any_referral(world, monkeypatch):
    kp, (first, _second) = _two_referrals()
    locked: list[str] = []
    original = QuerySet.select_for_update

    def recording(self, *args, **kwargs):
        locked.append(self.model.__name__)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", recording)
    services.referral_advance(actor=world.users["village_a"], referral=first, status=ReferralStatus.HIRED)
    assert locked[0] == "KeyPerson"
    assert locked.index("KeyPerson") < locked.index("Referral")


def test_the_second_hire_is_refused_with_its_reason_nothing_changed(world):
    kp, (first, second) = _two_referrals()
    services.referral_advance(actor=world.users["village_a"], referral=first, status=ReferralStatus.HIRED)
    before = list(Referral.objects.filter(key_person=kp).order_by("pk").values_list("status", "closed_on"))
    with pytest.raises(ConflictError) as refused:
        services.referral_advance(
            actor=world.users["village_a"], referral=second, status=ReferralStatus.HIRED
        )
    assert refused.value.message == "推荐记录当前为“已在他处就业”，不能改为“已录用”。"
    assert (
        list(Referral.objects.filter(key_person=kp).order_by("pk").values_list("status", "closed_on"))
        == before
    )
    assert KeyPerson.objects.get(pk=kp.pk).status == KeyStatus.EMPLOYED

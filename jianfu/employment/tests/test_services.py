"""Key persons: taken in from the registry, moved along the transition table, audited; refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from jianfu.core.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.employment import services
from jianfu.employment.models import (
    KeyPerson,
    KeyStatus,
    Referral,
    ReferralStatus,
    ServiceRecord,
    StatusChange,
)
from jianfu.employment.tests.factories import key_person_in, person_in, posting_in, snapshot_kp
from jianfu.registry.models import FieldChange, Person

pytestmark = pytest.mark.django_db


def test_take_in_a_registry_person(world):
    person = person_in(employment_status="")
    kp = services.key_person_create(actor=world.users["grid_a"], person_id=person.pk,
                                    data={"is_registered_unemployed": True, "is_hard_to_employ": True,
                                          "hardship": ["4050", "zero_family"],
                                          "unemployment_registered_on": dt.date(2025, 1, 2),
                                          "unemployment_ground": "contract_ended"})
    assert (kp.org_code, kp.grid_code, kp.status) == ("450521200206", "450521200206001", "unemployed")
    assert kp.groups == ["登记失业人员", "就业困难人员"] and kp.hardship == ["4050", "zero_family"]
    assert list(kp.history.values_list("from_status", "to_status")) == [("", "unemployed")]
    # the registry's employment status follows, with the registry's own change log
    assert Person.objects.get(pk=person.pk).employment_status == "unemployed"
    change = FieldChange.objects.get(model="person", object_id=person.pk)
    assert (change.field, change.old_value, change.new_value, change.source) == (
        "employment_status", "", "unemployed", "system")
    assert AuditRecord.objects.filter(action="employment.keyperson.create", object_id=str(kp.pk)).count() == 1


def test_another_villages_person_is_not_found_and_nothing_is_written(world):
    person = person_in("450521200201", None)   # 璋嘉村
    before = (KeyPerson.objects.count(), AuditRecord.objects.count())
    for username in ("village_a", "grid_a"):
        with pytest.raises(NotFoundError):
            services.key_person_create(actor=world.users[username], person_id=person.pk,
                                       data={"is_rural_labour": True})
    assert (KeyPerson.objects.count(), AuditRecord.objects.count()) == before


def test_county_office_reads_but_does_not_write(world):
    person = person_in()
    with pytest.raises(PermissionDeniedError):
        services.key_person_create(actor=world.users["county_office"], person_id=person.pk,
                                   data={"is_rural_labour": True})
    assert KeyPerson.objects.count() == 0


@pytest.mark.parametrize(("data", "field"), [
    ({}, "groups"),
    ({"is_graduate": True}, "graduation_year"),
    ({"is_graduate": True, "graduation_year": 1970}, "graduation_year"),
    ({"is_graduate": True, "graduation_year": "二〇二四"}, "graduation_year"),
    ({"is_registered_unemployed": True}, "unemployment_registered_on"),
    ({"is_hard_to_employ": True, "hardship": ["lazy"]}, "hardship"),
    ({"is_rural_labour": True, "note": "x" * 501}, "note"),
])
def test_bad_key_person_input_names_the_field(world, data, field):
    person = person_in()
    with pytest.raises(ApplicationError) as exc:
        services.key_person_create(actor=world.users["village_a"], person_id=person.pk, data=data)
    assert exc.value.field == field and exc.value.message
    assert KeyPerson.objects.count() == 0


def test_the_same_person_twice_is_refused(world):
    kp = key_person_in()
    with pytest.raises(ApplicationError) as exc:
        services.key_person_create(actor=world.users["village_a"], person_id=kp.person_id, data={"is_veteran": True})
    assert exc.value.code == "duplicate"
    assert KeyPerson.objects.count() == 1


def test_status_path_with_dates_and_history(world):
    actor = world.users["village_a"]
    kp = key_person_in(identified_on=dt.date(2025, 3, 1))
    services.key_person_refer(actor=actor, key_person=kp, on=dt.date(2025, 3, 5), note="推荐海产厂")
    services.key_person_interview(actor=actor, key_person=kp, on=dt.date(2025, 3, 8))
    services.key_person_place(actor=actor, key_person=kp, on=dt.date(2025, 3, 12), note="录用")
    kp.refresh_from_db()
    assert (kp.status, kp.status_since, kp.placed_on) == ("employed", dt.date(2025, 3, 12), dt.date(2025, 3, 12))
    assert list(kp.history.order_by("on", "id").values_list("to_status", "on")) == [
        ("referred", dt.date(2025, 3, 5)), ("interviewing", dt.date(2025, 3, 8)), ("employed", dt.date(2025, 3, 12))]
    assert Person.objects.get(pk=kp.person_id).employment_status == "employed"


def test_a_move_outside_the_table_is_refused_and_changes_nothing(world):
    kp = key_person_in(status=KeyStatus.EMPLOYED)
    before = snapshot_kp(kp)
    with pytest.raises(ConflictError):
        services.key_person_interview(actor=world.users["village_a"], key_person=kp)
    with pytest.raises(ApplicationError) as exc:
        services.key_person_exit(actor=world.users["village_a"], key_person=kp, note="  ")
    assert exc.value.field == "note"
    with pytest.raises(ApplicationError):
        services.key_person_unemploy(actor=world.users["village_a"], key_person=kp, on=dt.date(2099, 1, 1))
    assert snapshot_kp(kp) == before


def test_a_date_before_the_last_status_is_refused(world):
    kp = key_person_in(identified_on=dt.date(2025, 5, 1))
    with pytest.raises(ApplicationError) as exc:
        services.key_person_place(actor=world.users["village_a"], key_person=kp, on=dt.date(2025, 4, 1))
    assert exc.value.field == "on"
    assert KeyPerson.objects.get(pk=kp.pk).status == "unemployed"


def test_referral_outcomes_move_the_person(world):
    actor = world.users["grid_a"]
    kp = key_person_in()
    first, second = posting_in(), posting_in(title="电子厂普工")
    r1 = services.referral_create(actor=actor, key_person=kp, posting=first, score=0.8, reasons="离家近")
    kp.refresh_from_db()
    assert kp.status == "referred"
    r2 = services.referral_create(actor=actor, key_person=kp, posting=second)
    services.referral_advance(actor=actor, referral=r1, status=ReferralStatus.REFUSED, reason="嫌工资低")
    kp.refresh_from_db()
    assert kp.status == "referred"          # another referral is still open
    services.referral_advance(actor=actor, referral=r2, status=ReferralStatus.INTERVIEWED)
    services.referral_advance(actor=actor, referral=r2, status=ReferralStatus.HIRED)
    kp.refresh_from_db()
    assert kp.status == "employed" and kp.placed_on is not None
    assert list(Referral.objects.order_by("id").values_list("status", "refusal_reason")) == [
        ("refused", "嫌工资低"), ("hired", "")]
    with pytest.raises(ConflictError):
        services.referral_advance(actor=actor, referral=r2, status=ReferralStatus.APPLIED)
    with pytest.raises(ApplicationError) as exc:
        services.referral_create(actor=actor, key_person=kp, posting=posting_in(title="仓管员"))
    assert exc.value.code == "not_seeking"


def test_refusal_needs_a_reason_and_changes_nothing(world):
    kp = key_person_in()
    r = services.referral_create(actor=world.users["village_a"], key_person=kp, posting=posting_in())
    with pytest.raises(ApplicationError) as exc:
        services.referral_advance(actor=world.users["village_a"], referral=r, status=ReferralStatus.REFUSED)
    assert exc.value.field == "reason"
    assert Referral.objects.get(pk=r.pk).status == "recommended"


def test_other_village_cannot_refer_or_record(world):
    kp = key_person_in()
    before = snapshot_kp(kp)
    with pytest.raises(NotFoundError):
        services.referral_create(actor=world.users["village_b"], key_person=kp, posting=posting_in())
    with pytest.raises(NotFoundError):
        services.service_record_create(actor=world.users["village_b"], key_person=kp, kind="training", title="电工")
    assert snapshot_kp(kp) == before


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"kind": "bonus", "title": "x"}, "kind"),
    ({"kind": "training", "title": ""}, "title"),
    ({"kind": "si_subsidy", "title": "社保补贴", "amount": "一千二"}, "amount"),
    ({"kind": "si_subsidy", "title": "社保补贴", "amount": "-5"}, "amount"),
])
def test_service_record_bad_input(world, kwargs, field):
    kp = key_person_in()
    with pytest.raises(ApplicationError) as exc:
        services.service_record_create(actor=world.users["village_a"], key_person=kp, **kwargs)
    assert exc.value.field == field
    assert ServiceRecord.objects.count() == 0


def test_service_record_and_outcome(world):
    kp = key_person_in()
    rec = services.service_record_create(actor=world.users["village_a"], key_person=kp, kind="post_subsidy",
                                         title="公益性岗位补贴", amount="1,500元", started_on="2025-06-01")
    assert (str(rec.amount), rec.started_on, rec.outcome) == ("1500.00", dt.date(2025, 6, 1), "ongoing")
    services.service_record_set_outcome(actor=world.users["grid_a"], record=rec, outcome="completed")
    assert ServiceRecord.objects.get(pk=rec.pk).outcome == "completed"


def test_reveal_is_audited_and_needs_the_capability(world):
    kp = key_person_in()
    before = AuditRecord.objects.filter(action="pii.reveal").count()
    value = services.key_person_reveal(actor=world.users["village_a"], key_person=kp, field="phone")
    assert value.startswith("138") and len(value) == 11
    assert AuditRecord.objects.filter(action="pii.reveal").count() == before + 1
    with pytest.raises(PermissionDeniedError):   # grid workers see masked numbers only
        services.key_person_reveal(actor=world.users["grid_a"], key_person=kp, field="id_number")
    assert AuditRecord.objects.filter(action="pii.reveal").count() == before + 1


def test_status_history_rows_only_from_services(world):
    kp = key_person_in()
    assert StatusChange.objects.filter(key_person=kp).count() == 0
    services.key_person_exit(actor=world.users["village_a"], key_person=kp, note="迁往外省")
    assert list(StatusChange.objects.filter(key_person=kp).values_list("from_status", "to_status", "note")) == [
        ("unemployed", "exited", "迁往外省")]

"""Migration 0020 (session 28, dev-emp28): certificate lists stored with several certificates in one value ("C1、C2",
"C1,C2", "C1/C2", or the whole field one string) become the lists new input of the same words gives; the repo's
migration test pattern (the module's function run with the app registry, as test_reemployed_from_history.py does)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from jianfu.employment import parsing, services
from jianfu.employment.models import Posting, SeekerProfile
from jianfu.employment.tests.factories import key_person_in, posting_in

migration = importlib.import_module("jianfu.employment.migrations.0020_certificates_split")

LONG_AGO = timezone.make_aware(dt.datetime(2026, 1, 2, 3, 4, 5))


def seeker_stored(value):
    """A seeker whose 技能证书 is stored as `value`, as rows stood before (written past the services), stamped long ago."""
    kp = key_person_in(profile={"desired_text": "想开车"})
    SeekerProfile.objects.filter(key_person=kp).update(certificates=value, updated_at=LONG_AGO)
    return kp.profile.pk


def posting_stored(value):
    posting = posting_in()
    Posting.objects.filter(pk=posting.pk).update(certificates=value, updated_at=LONG_AGO)
    return posting.pk


def stored(model, pk):
    return model.objects.filter(pk=pk).values_list("certificates", "updated_at").get()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["C1、C2"], ["C1", "C2"]),
        (["C1,C2"], ["C1", "C2"]),
        (["C1/C2"], ["C1", "C2"]),
        (["C1，C2；电工证"], ["C1", "C2", "电工证"]),
        (["健康证", "C1、C2"], ["C1", "C2", "健康证"]),
        (["C1驾照、电工证"], ["C1", "电工证"]),
        ("C1、C2", ["C1", "C2"]),  # the whole field one string: the matcher read it letter by letter
        ("电工证", ["电工证"]),
        (["C1、会开拖拉机"], ["C1", "会开拖拉机"]),  # what the parser cannot read is kept as written
        (["C1、C1"], ["C1"]),
    ],
)
def test_a_seekers_joined_certificates_are_split_as_new_input_is(world, before, after):
    pk = seeker_stored(before)
    migration.split_joined_certificates(apps, None)
    certificates, updated_at = stored(SeekerProfile, pk)
    assert certificates == after
    assert updated_at > LONG_AGO  # the seeker index's stamp moves: no index of the joined value is served
    # the same words typed anew give the same list (when the parser reads every part)
    if "会开拖拉机" not in after:
        assert parsing.certificates("、".join(before) if isinstance(before, list) else before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["C1、C2"], ["C1", "C2"]),
        (["A1/B2"], ["A1", "B2"]),
        (["厨师证,健康证"], ["健康证", "厨师证"]),
        ("叉车证、挖掘机证", ["叉车证", "挖掘机操作证"]),
    ],
)
def test_a_postings_joined_certificates_are_split_as_a_new_posting_is(world, before, after):
    pk = posting_stored(before)
    migration.split_joined_certificates(apps, None)
    certificates, updated_at = stored(Posting, pk)
    assert certificates == after
    assert updated_at > LONG_AGO
    assert (
        parsing.required_certificates("、".join(before) if isinstance(before, list) else before)[0] == after
    )


def test_lists_of_single_values_and_empty_ones_are_left_alone_and_a_second_run_changes_nothing(world):
    untouched = {
        seeker_stored(["C1", "C2"]): SeekerProfile,
        seeker_stored(["高级 电工证"]): SeekerProfile,  # a space joins nothing
        seeker_stored([]): SeekerProfile,
        seeker_stored(["挖掘机操作证"]): SeekerProfile,
        posting_stored(["C1"]): Posting,
        posting_stored([]): Posting,
    }
    joined = seeker_stored(["C1、C2"])
    before = {pk: stored(model, pk) for pk, model in untouched.items()}
    migration.split_joined_certificates(apps, None)
    assert {pk: stored(model, pk) for pk, model in untouched.items()} == before
    after_first = stored(SeekerProfile, joined)
    assert after_first[0] == ["C1", "C2"]
    migration.split_joined_certificates(apps, None)
    assert stored(SeekerProfile, joined) == after_first


def test_the_split_list_is_what_the_person_page_and_the_matcher_read(world):
    pk = seeker_stored(["C1、C2", "电工证"])
    migration.split_joined_certificates(apps, None)
    profile = SeekerProfile.objects.select_related("key_person").get(pk=pk)
    assert profile.certificates == ["C1", "C2", "电工证"]
    page = world.client("village_a").get(f"/employment/people/{profile.key_person_id}/").content.decode()
    assert "<td>C1、C2、电工证</td>" in page
    # saving the profile form unchanged (it refills "、".join) keeps the list as it is
    services.profile_save(
        actor=world.users["village_a"],
        key_person=profile.key_person,
        data={"certificates": "、".join(profile.certificates)},
    )
    assert SeekerProfile.objects.get(pk=pk).certificates == ["C1", "C2", "电工证"]


def test_backwards_the_migration_changes_nothing_and_says_why():
    operation = migration.Migration.operations[0]
    assert operation.reverse_code is operation.noop
    assert "Backwards this changes nothing" in migration.__doc__

"""Session 14: the county a deployment serves is read from the registry (not 450521 in the code), and a request for
适合的求职者 finds its scope's index by a cheap stamp — no person read, no `Seeker` built — while any write to what the
index is built from still gives a new key and a new index (ADR 0031, amended)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jianfu.employment import matchsvc, services
from jianfu.employment.tests.factories import key_person_in, person_in, posting_in
from jianfu.employment.tests.test_seeker_index import PROFILES, TOWN, fresh, people, served, stored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_process_indexes():
    from django.core.cache import cache

    matchsvc._indexes.clear()
    cache.clear()                  # the stamp → key entries of other tests
    yield
    matchsvc._indexes.clear()


# ---------------------------------------------------------------- the county

FCG = [  # another county: 防城港市港口区 (450602), two towns, two villages
    ("450000000000", "广西壮族自治区", "province", 1, ""),
    ("450600000000", "防城港市", "prefecture", 2, "450000000000"),
    ("450602000000", "港口区", "county", 3, "450600000000"),
    ("450602100000", "企沙镇", "town", 4, "450602000000"),
    ("450602101000", "光坡镇", "town", 4, "450602000000"),
    ("450602100201", "簕山村委会", "village", 5, "450602100000"),
    ("450602101202", "红沙村委会", "village", 5, "450602101000"),
]


def test_a_deployment_for_another_county_builds_its_gazetteer_from_that_countys_towns_and_villages():
    from jianfu.accounts.models import User
    from jianfu.orgs.models import OrgUnit

    for code, name, kind, level, parent in FCG:
        OrgUnit.objects.create(code=code, name=name, kind=kind, level=level, parent_code=parent)
    assert matchsvc.county() == "450602"
    gaz = matchsvc.gazetteer()
    assert (gaz.home_county, gaz.resolve("企沙镇"), gaz.resolve("簕山村"), gaz.resolve("光坡镇红沙村")) == (
        "450602", "450602100", "450602100201", "450602101202")
    assert gaz.resolve("廉州镇") is None                      # 合浦县's town: not this deployment's
    assert [r[0] for r in matchsvc._county_rows()] == sorted(c for c, _n, k, _l, _p in FCG if k in (
        "county", "town", "village"))

    # the seeker index of this county's people reads places through this county's gazetteer
    admin = User.objects.create(username="fcg_admin", role="admin", is_staff=True, is_superuser=True)
    kp = key_person_in("450602100201", None, person=person_in("450602100201", None), identified_on=dt.date(2025, 3, 1))
    services.profile_save(actor=admin, key_person=kp, data=dict(PROFILES[2], places=["town"]))
    near = posting_in("450602100000", title="海产品分拣工", description="分拣冻虾、包装，计件，白班", place_text="企沙镇",
                      place_code="450602100000")
    matcher = matchsvc.scope_index(admin)
    assert matcher.gazetteer.home_county == "450602" and matcher.gazetteer.resolve("红沙村") == "450602101202"
    assert [(k.pk, r.rank) for k, r in matchsvc.seekers_for(admin, near)] == [(kp.pk, 1)]


def test_without_a_county_unit_the_demo_county_is_read():
    assert matchsvc.county() == matchsvc.DEMO_COUNTY == "450521"


# ---------------------------------------------------------------- the cheap key

def count_seekers(monkeypatch) -> dict:
    calls = {"seeker_of": 0, "build": 0}
    real_seeker, real_build = matchsvc.seeker_of, matchsvc._build_index

    def seeker_of(kp):
        calls["seeker_of"] += 1
        return real_seeker(kp)

    def build(*args, **kwargs):
        calls["build"] += 1
        return real_build(*args, **kwargs)

    monkeypatch.setattr(matchsvc, "seeker_of", seeker_of)
    monkeypatch.setattr(matchsvc, "_build_index", build)
    return calls


def test_no_change_takes_the_cheap_path_and_an_edit_gives_a_new_index(world, monkeypatch):
    from jianfu.registry.models import Person

    kps = people(world)
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班")
    town = world.users["town_quzhang"]
    calls = count_seekers(monkeypatch)

    def fresh_list():        # the session-13 build, its Seekers not counted
        expected = fresh(town, posting)
        calls.update(seeker_of=0, build=0)
        return expected

    expected = fresh_list()
    first = served(town, posting)
    assert first == expected and calls == {"seeker_of": 12, "build": 1} and len(stored()) == 1
    stamp = matchsvc.scope_stamp(town)

    # nothing changed: the same stamp, no person read as a Seeker, no build, a handful of queries whatever the
    # number of people (the stamp: the county, its place rows, the people, their referrals; the county's text model:
    # the open postings, the referrals, the people's rows (session 18); then the ten recommended)
    calls.update(seeker_of=0, build=0)
    with CaptureQueriesContext(connection) as queries:
        again = served(town, posting)
    assert again == first and calls == {"seeker_of": 0, "build": 0} and matchsvc.scope_stamp(town) == stamp
    assert len(queries) == 8
    # a new process (nothing in memory) loads the index from var/ by the stamp, without reading people either
    matchsvc._indexes.clear()
    assert served(town, posting) == first and calls == {"seeker_of": 0, "build": 0}

    # an edit to one person's profile: a new stamp, a new key, a new index — the fresh build's list
    services.profile_save(actor=world.users["village_a"], key_person=kps[5], data={
        "desired_text": "想进海产厂做分拣包装", "certificates": "健康证", "wage": "3000", "places": ["town", "county"],
        "experience": "在冻虾厂分拣五年"})
    stamp2 = matchsvc.scope_stamp(town)
    expected = fresh_list()
    edited = served(town, posting)
    assert stamp2 != stamp and calls == {"seeker_of": 12, "build": 1} and len(stored()) == 2
    assert edited == expected and edited != first
    assert str(kps[5].pk) in [s for s, *_r in edited][:3]

    # a registry row written by a transaction that stamped it before the newest write and committed after it
    # (max(updated_at) unchanged): the checksum of every updated_at still changes the stamp
    newest = max(Person.objects.values_list("updated_at", flat=True))
    Person.objects.filter(pk=kps[0].person_id).update(gender="M", updated_at=newest - dt.timedelta(seconds=3))
    assert matchsvc.scope_stamp(town)[0] not in (stamp[0], stamp2[0])
    expected = fresh_list()
    assert served(town, posting) == expected and calls == {"seeker_of": 12, "build": 1}
    assert len(stored()) == 3

    # a referral (an outcome the index learns from), then a person leaving the work list: new stamps each time
    services.referral_create(actor=world.users["village_a"], key_person=kps[2], posting=posting)
    stamp3 = matchsvc.scope_stamp(town)
    assert served(town, posting) == fresh(town, posting)
    services.key_person_place(actor=world.users["village_a"], key_person=kps[1], on=dt.date(2025, 4, 1))
    assert matchsvc.scope_stamp(town) != stamp3 and matchsvc.scope_stamp(town)[1] == 11
    placed = served(town, posting)
    assert placed == fresh(town, posting) and str(kps[1].pk) not in [s for s, *_r in placed]

    # an edit in village B leaves village A's stamp, so A's request reads nobody
    village_a = world.users["village_a"]
    served(village_a, posting)
    stamp_a = matchsvc.scope_stamp(village_a)
    services.profile_save(actor=world.users["village_b"], key_person=kps[6], data=dict(PROFILES[0], wage="4000以上"))
    assert matchsvc.scope_stamp(village_a) == stamp_a
    expected = fresh(village_a, posting)
    calls.update(seeker_of=0, build=0)
    assert served(village_a, posting) == expected and calls == {"seeker_of": 0, "build": 0}


def test_a_new_day_makes_a_new_stamp(world, monkeypatch):
    people(world)
    town = world.users["town_quzhang"]
    today = matchsvc.local_today()
    stamp = matchsvc.scope_stamp(town)
    monkeypatch.setattr(matchsvc, "local_today", lambda: today + dt.timedelta(days=1))
    assert matchsvc.scope_stamp(town) != stamp            # ages are read on the day: keyed afresh once a day


def test_the_warm_run_keys_no_scope_whose_stamp_names_a_stored_index(world, monkeypatch):
    people(world)
    assert matchsvc.seeker_index_warm() == 4
    matchsvc._indexes.clear()
    calls = count_seekers(monkeypatch)
    assert matchsvc.seeker_index_warm() == 4 and len(matchsvc._indexes) == 4
    assert calls == {"seeker_of": 0, "build": 0} and len(stored()) == 4


# ---------------------------------------------------------------- writes that bypass save() (codereview15 #2)

def test_a_unit_merge_moves_the_stamp_and_the_index_reads_the_new_village(world):
    """A unit merge moves org codes with `QuerySet.update()`; it moves `updated_at` too, so the county's stamp names a
    new content key and the index reads the people in their new village (before: the same stamp, the old residence
    until China midnight)."""
    from jianfu.orgs import services as org_services

    kp = key_person_in(profile={"desired_text": "电工"})
    user = world.users["county_office"]
    stamp_before = matchsvc.scope_stamp(user)
    assert [s.residence for s in matchsvc.scope_index(user).seekers] == ["450521200206"]
    org_services.unit_merge(actor=None, source_code="450521200206", target_code="450521200201",
                            effective=dt.date(2026, 12, 1))
    kp.refresh_from_db()
    assert (kp.org_code, kp.person.org_code) == ("450521200201", "450521200201")
    stamp_after = matchsvc.scope_stamp(user)
    assert stamp_after[0] != stamp_before[0] and stamp_after[1] == stamp_before[1] == 1
    assert [s.residence for s in matchsvc.scope_index(user).seekers] == ["450521200201"]
    assert matchsvc.seeker_of(kp).residence == "450521200201"


def test_an_ordinary_save_moves_the_stamp_and_the_index(world):
    from jianfu.employment.models import KeyPerson

    kp = key_person_in(profile={"desired_text": "电工"})
    user = world.users["county_office"]
    stamp_before = matchsvc.scope_stamp(user)
    assert [s.residence for s in matchsvc.scope_index(user).seekers] == ["450521200206"]
    kp = KeyPerson.objects.get(pk=kp.pk)
    kp.org_code, kp.grid_code = "450521200201", None
    kp.save()
    assert matchsvc.scope_stamp(user)[0] != stamp_before[0]
    assert [s.residence for s in matchsvc.scope_index(user).seekers] == ["450521200201"]

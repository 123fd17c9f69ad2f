"""The seeker index of a scope (session 13): 适合的求职者 of a posting answered from a content-addressed index — kept per
process, stored under var/, built by the task queue after a change — gives exactly the list a fresh build gives, and
a change to a person, a profile or a referral is seen by the next request."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from jianfu.core.errors import ApplicationError
from jianfu.employment import matchsvc, services, tasks
from jianfu.employment.matching import Matcher
from jianfu.employment.matching.matcher import fit_text
from jianfu.employment.models import KeyPerson
from jianfu.employment.tests.factories import key_person_in, posting_in
from jianfu.employment.workflow import ACTIVE_STATUSES

pytestmark = pytest.mark.django_db
V_A, V_B, TOWN = "450521200206", "450521200201", "450521200000"
PROFILES = [
    {"desired_text": "做过流水线，想进厂", "education": "初中", "wage": "3500以上", "places": ["town", "county"],
     "experience": "2016-2023年在东莞电子厂做流水线"},
    {"desired_text": "离家近就行，能照顾孩子", "certificates": "健康证", "wage": "3000左右", "places": ["town"],
     "limits": ["childcare", "day_only"]},
    {"desired_text": "想进厂做分拣包装", "certificates": "健康证", "wage": "3500", "places": ["town", "county"],
     "experience": "在海产厂分拣三年"},
    {"desired_text": "会开车，有C1驾照，想跑运输", "certificates": "C1驾照", "wage": "5000-6000",
     "places": ["county", "city"]},
    {"desired_text": "腿脚不好，不能久站，想做坐着的活", "wage": "3000", "places": ["town", "county"],
     "limits": ["no_standing"]},
    {"desired_text": "种过荔枝，想在附近打零工", "wage": "面议", "places": ["town"], "limits": ["no_lifting"]},
]


def people(world) -> list:
    """Six people in each of two villages of one town, one of each profile; in village A five of grid_a's grid."""
    out = []
    for village, grid in ((V_A, "450521200206001"), (V_B, None)):
        actor = world.users["village_a" if village == V_A else "village_b"]
        for n, data in enumerate(PROFILES):
            kp = key_person_in(village, grid if n < 5 else None, identified_on=dt.date(2025, 3, 1))
            services.profile_save(actor=actor, key_person=kp, data=data)
            out.append(kp)
    return out


def fresh(user, posting, top: int = 10) -> list[tuple]:
    """What `seekers_for` gives, built from nothing for the request: a Matcher over the scope's people, with every
    outcome of the database, and the county's text model fitted afresh on every open posting and every person of the
    county who looks for work (session 18: the evaluation's way, `matching.fit_text`; before it, each scope fitted its
    own people's texts)."""
    kps = matchsvc.scoped_seekers(user)
    gaz = matchsvc.gazetteer()
    everyone = KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).select_related("person", "profile")
    text = fit_text([matchsvc.job_of(p, gaz) for p in matchsvc._open_postings()],
                    [matchsvc.seeker_of(kp) for kp in everyone])
    matcher = Matcher(seekers=[matchsvc.seeker_of(kp) for kp in kps], gazetteer=gaz, outcomes=matchsvc.outcomes(),
                      year=matchsvc.local_today().year, text_encoder=text)
    return [(r.seeker_id, r.rank, r.score, r.reasons, r.met, r.unmet, r.notes)
            for r in matcher.seekers_for(matchsvc.job_of(posting, gaz), top=top)]


def served(user, posting, top: int = 10) -> list[tuple]:
    return [(r.seeker_id, r.rank, r.score, r.reasons, r.met, r.unmet, r.notes)
            for _kp, r in matchsvc.seekers_for(user, posting, top=top)]


@pytest.fixture(autouse=True)
def _empty_process_indexes():
    matchsvc._indexes.clear()
    yield
    matchsvc._indexes.clear()


def stored() -> list[str]:
    return sorted(p.name for p in matchsvc.index_dir().glob("seekers-*.joblib"))


def refuse_builds(monkeypatch):
    def no_build(*args, **kwargs):
        raise AssertionError("the request built an index")
    monkeypatch.setattr(matchsvc, "_build_index", no_build)


def test_the_index_gives_the_fresh_builds_list_from_memory_and_from_disk(world, monkeypatch):
    kps = people(world)
    sorting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班")
    driver = posting_in(TOWN, title="货车司机", description="县内送货，需C1驾照", certificates=["C1驾照"])
    # referrals in one village only (outcomes): the other village's index is built without them, and gives the same
    services.referral_create(actor=world.users["village_a"], key_person=kps[2], posting=sorting)
    services.referral_create(actor=world.users["village_a"], key_person=kps[3], posting=driver)
    users = [world.users[u] for u in ("village_a", "village_b", "town_quzhang", "county_office", "admin")]
    expected = {(u.username, p.pk): fresh(u, p) for u in users for p in (sorting, driver)}
    assert [len(expected[("village_a", sorting.pk)]), len(expected[("town_quzhang", sorting.pk)])] == [5, 10]
    assert {s for s, *_rest in expected[("town_quzhang", driver.pk)]} >= {str(kps[3].pk), str(kps[9].pk)}

    assert {(u.username, p.pk): served(u, p) for u in users for p in (sorting, driver)} == expected
    # village_a, village_b and the town (the county office and admin see the same people as the town): three indexes
    assert len(stored()) == 3 and len(matchsvc._indexes) == 3
    # a new process finds them on disk: nothing is built, and the lists are the same
    matchsvc._indexes.clear()
    refuse_builds(monkeypatch)
    assert {(u.username, p.pk): served(u, p) for u in users for p in (sorting, driver)} == expected
    # a file that cannot be read is built again (and replaced), not an error
    for name in stored():
        (matchsvc.index_dir() / name).write_bytes(b"not an index")
    matchsvc._indexes.clear()
    monkeypatch.undo()
    assert served(world.users["town_quzhang"], sorting) == expected[("town_quzhang", sorting.pk)]


def test_a_change_is_seen_by_the_next_request_and_only_changed_scopes_are_rebuilt(world):
    kps = people(world)
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班")
    village_a, village_b, town = (world.users[u] for u in ("village_a", "village_b", "town_quzhang"))
    before = {u.username: served(u, posting) for u in (village_a, village_b, town)}
    keys = {u.username: matchsvc.index_key(matchsvc.scoped_seekers(u))[0] for u in (village_a, village_b, town)}
    assert str(kps[5].pk) not in [s for s, *_r in before["village_a"]][:1]

    # a profile changed in village A: A's and the town's lists change at once, B keeps its index (its scores move
    # with the county's text model, which that profile's new words are part of: session 18)
    services.profile_save(actor=village_a, key_person=kps[5], data={
        "desired_text": "想进海产厂做分拣包装", "certificates": "健康证", "wage": "3000", "places": ["town", "county"],
        "experience": "在冻虾厂分拣五年"})
    after = {u.username: served(u, posting) for u in (village_a, village_b, town)}
    assert after["village_a"] == fresh(village_a, posting) and after["town_quzhang"] == fresh(town, posting)
    assert after["village_b"] == fresh(village_b, posting) and after["village_a"] != before["village_a"]
    assert str(kps[5].pk) in [s for s, *_r in after["village_a"]][:3]
    new_keys = {u.username: matchsvc.index_key(matchsvc.scoped_seekers(u))[0] for u in (village_a, village_b, town)}
    assert [new_keys[u] == keys[u] for u in ("village_a", "village_b", "town_quzhang")] == [False, True, False]
    assert len(stored()) == 5           # A and the town built again; B not

    # placed: no longer a seeker, gone from the next answer
    services.key_person_place(actor=village_a, key_person=kps[5], on=dt.date(2025, 4, 1))
    placed = served(village_a, posting)
    assert str(kps[5].pk) not in [s for s, *_r in placed] and placed == fresh(village_a, posting)

    # a refused change changes nothing: the same key, no new file, the same list
    files = stored()
    with pytest.raises(ApplicationError):
        services.profile_save(actor=village_a, key_person=kps[0], data={"desired_text": "想进厂", "wage": "看心情"})
    assert served(village_a, posting) == placed and stored() == files


def test_after_a_change_the_task_queue_builds_the_indexes_and_the_request_builds_none(
        world, monkeypatch, settings, django_capture_on_commit_callbacks):
    from huey.contrib.djhuey import HUEY

    kps = people(world)
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班")
    cache.delete(tasks.WARM_PENDING)
    HUEY.storage.flush_schedule()
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_save(actor=world.users["village_a"], key_person=kps[1], data={
            "desired_text": "想做超市收银", "wage": "3000", "places": ["town"]})
        services.profile_save(actor=world.users["village_a"], key_person=kps[4], data={
            "desired_text": "想做仓库理货", "wage": "3500", "places": ["town", "county"]})
    # one warm task queued for the burst (5 s later), not one per write
    assert [t.name for t in HUEY.scheduled()] == ["seeker_index_warm_task"] and cache.get(tasks.WARM_PENDING) == 1
    HUEY.storage.flush_schedule()
    # with warming switched off (JIANFU_MATCH_WARM = False), a write queues nothing
    settings.JIANFU_MATCH_WARM = False
    cache.delete(tasks.WARM_PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_save(actor=world.users["village_a"], key_person=kps[4], data={
            "desired_text": "想做仓库理货员", "wage": "3500", "places": ["town", "county"]})
    assert HUEY.scheduled() == [] and cache.get(tasks.WARM_PENDING) is None

    # the worker runs it: every account's scope that reads people gets its index (town, county office, admin, the
    # 人社局 share the town's people here; the two villages and grid_a's grid have their own)
    cache.add(tasks.WARM_PENDING, 1)
    assert tasks.seeker_index_warm_task.call_local() == 4
    assert cache.get(tasks.WARM_PENDING) is None and len(stored()) == 4
    expected = {u: fresh(world.users[u], posting) for u in ("grid_a", "village_a", "village_b", "town_quzhang")}
    # a new web process: nothing is built in the request (from disk), the same lists
    matchsvc._indexes.clear()
    refuse_builds(monkeypatch)
    assert {u: served(world.users[u], posting) for u in expected} == expected
    # run again with nothing changed: nothing built
    matchsvc._indexes.clear()
    assert matchsvc.seeker_index_warm() == 4 and len(stored()) == 4


def test_a_new_web_process_is_warmed_before_its_first_request(world, monkeypatch):
    people(world)
    posting = posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班")
    assert matchsvc.warm_process() == 4 and len(matchsvc._indexes) == 4
    refuse_builds(monkeypatch)
    assert served(world.users["town_quzhang"], posting) == fresh(world.users["town_quzhang"], posting)



def test_the_embedded_occupation_table_is_kept_on_disk_for_the_next_process(monkeypatch, tmp_path):
    """The unknown-trade fallback's occupation table (~3 s of CPU, 17 s of wall time at load 12) is embedded once
    and read from var/cache/matching by every later process; other texts are another file; a damaged file is
    embedded again. (Three texts here stand for the table's 113.)"""
    from jianfu.core import e5
    from jianfu.employment.matching import semantic

    monkeypatch.setenv("JIANFU_VAR_DIR", str(tmp_path))
    texts = ["分拣工：分拣、包装、打包", "电工：电工、维修电工", semantic.OPEN_ANCHOR]
    real, calls = e5.encode, []

    def counted(text, *, is_query):
        calls.append(text)
        return real(text, is_query=is_query)

    monkeypatch.setattr(e5, "encode", counted)
    table = semantic._passages(texts)
    [path] = list((tmp_path / "cache" / "matching").glob("occupation-passages-*.npy"))
    assert (table.shape, table.dtype, calls) == ((3, 384), "float32", texts)
    assert (semantic._passages(texts) == table).all() and calls == texts        # the next process: read, not embedded
    assert semantic._passages(texts[:2]).shape == (2, 384) and calls == [*texts, *texts[:2]]
    path.write_bytes(b"\x93NUMPY broken")
    calls.clear()
    assert (semantic._passages(texts) == table).all() and calls == texts        # damaged: embedded again, same values
    assert (semantic._passages(texts) == table).all() and calls == texts        # and rewritten


def test_a_warm_run_reads_the_referrals_once_and_keys_each_scope_once(world, monkeypatch):
    """diffreview13 D15: the warm run (a web worker at start, the task queue) read every referral once per account
    that reads people; now once per run, and accounts that see the same people are keyed once."""
    people(world)
    calls = {"outcomes": 0, "index_key": 0}
    real_outcomes, real_key = matchsvc.outcomes, matchsvc.index_key

    def counted_outcomes():
        calls["outcomes"] += 1
        return real_outcomes()

    def counted_key(*args, **kwargs):
        calls["index_key"] += 1
        return real_key(*args, **kwargs)

    monkeypatch.setattr(matchsvc, "outcomes", counted_outcomes)
    monkeypatch.setattr(matchsvc, "index_key", counted_key)
    assert matchsvc.seeker_index_warm() == 4
    assert calls == {"outcomes": 1, "index_key": 4} and len(stored()) == 4


def test_a_warm_run_deletes_the_stored_indexes_no_current_scope_uses(world):
    """diffreview13 D16: an index file holds its people (notes, limits, age, gender). After a person leaves the
    list (deleted here, as an erasure does) the warm run that the change queues deletes every file that held them;
    a file no key names (an old generation, another code version) goes too."""
    kps = people(world)
    assert matchsvc.seeker_index_warm() == 4
    before = set(stored())
    stray = matchsvc.index_dir() / ("seekers-" + "0" * 40 + ".joblib")
    stray.write_bytes(b"an index of an older code version")
    kps[0].delete()            # village A, grid_a's grid: the grid's, village A's and the town's indexes change
    assert matchsvc.seeker_index_warm() == 4
    after = set(stored())
    assert len(after) == 4 and len(before - after) == 3 and not stray.exists()
    assert len(before & after) == 1          # village B's stays
    for name in after:         # nobody deleted is in what is left on disk
        matcher = matchsvc._load_stored(matchsvc.index_dir() / name, Matcher, "index")
        assert str(kps[0].pk) not in {s.id for s in matcher.seekers}


def test_a_warm_run_deletes_what_a_killed_writer_left_half_written(world):
    """A writer killed between its dump and its rename leaves `seekers-….joblib.<pid>-<tid>.tmp` with the same people
    in it: the next warm run deletes it once it is older than any build, and leaves one being written now."""
    import os
    import time

    people(world)
    folder = matchsvc.index_dir()
    folder.mkdir(parents=True, exist_ok=True)
    abandoned = folder / ("seekers-" + "1" * 40 + ".joblib.4242-1.tmp")
    in_flight = folder / ("seekers-" + "2" * 40 + ".joblib.4243-1.tmp")
    abandoned.write_bytes(b"half an index")
    in_flight.write_bytes(b"an index being written")
    old = time.time() - matchsvc.ABANDONED_WRITE_SECONDS - 5
    os.utime(abandoned, (old, old))
    assert matchsvc.seeker_index_warm() == 4
    assert (abandoned.exists(), in_flight.exists()) == (False, True)


def test_a_warm_run_keeps_an_index_stored_during_it_and_deletes_an_unnamed_one_that_predates_it(world, monkeypatch):
    """mend19e #2: the run prunes only files that were there, unchanged, at its start (as the text model's prune,
    cr19a): an index a web process stores while the run runs is kept (its scope may have changed meanwhile, and the
    process would otherwise rebuild it: up to 14 s at 100,000 people); a file that predates the run and that no
    current key names is deleted."""
    people(world)
    assert matchsvc.seeker_index_warm() == 4
    before = set(stored())
    folder = matchsvc.index_dir()
    predates = folder / ("seekers-" + "3" * 40 + ".joblib")
    predates.write_bytes(b"an index no key names")
    during = folder / ("seekers-" + "4" * 40 + ".joblib")
    real = matchsvc.prune_stored_indexes

    def meanwhile(live, **kwargs):
        during.write_bytes(b"an index a web process stored during the run")
        return real(live, **kwargs)

    monkeypatch.setattr(matchsvc, "prune_stored_indexes", meanwhile)
    assert matchsvc.seeker_index_warm() == 4
    assert (predates.exists(), during.exists()) == (False, True)
    assert set(stored()) == before | {during.name}
    # the next run found it at its start, unchanged, and no key names it: deleted
    monkeypatch.setattr(matchsvc, "prune_stored_indexes", real)
    assert matchsvc.seeker_index_warm() == 4
    assert set(stored()) == before and not during.exists()


def test_a_file_rewritten_during_the_run_is_kept_and_one_unchanged_is_deleted():
    """The rule itself (`_prune_stored` through `prune_stored_indexes`): of the files found at the start, only those
    whose write time is unchanged are deleted; files found later, or named by `live`, stay."""
    import os

    folder = matchsvc.index_dir()
    folder.mkdir(parents=True, exist_ok=True)
    names = {n: folder / (f"seekers-{n * 40}.joblib") for n in "5678"}
    for path in names.values():
        path.write_bytes(b"an index")
    found = matchsvc._stored_files("seekers-*.joblib")
    t = found[names["6"].name] + 2_000_000_000          # rewritten two seconds later
    os.utime(names["6"], ns=(t, t))
    added = folder / ("seekers-" + "9" * 40 + ".joblib")
    added.write_bytes(b"stored during the run")
    assert matchsvc.prune_stored_indexes({"8" * 40}, found=found) == 2
    assert {n: p.exists() for n, p in names.items()} == {"5": False, "6": True, "7": False, "8": True}
    assert added.exists()

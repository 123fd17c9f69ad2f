"""emp-refit19: the county's text model (ADR 0037) is fitted by the task queue's warm run and stored under var/, as the
seeker indexes are, and found by its stamp through the Django cache: after a profile edit and the warm run, a web
process that holds nothing (a fresh one, or one whose model the edit made old) loads the stored model instead of
fitting it, and gives the list a fit gives. A file that cannot be read is fitted again; a stale stamp never names the
old model."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest
from django.core.cache import cache

from jianfu.employment import matchsvc, services, tasks
from jianfu.employment.matching import Matcher
from jianfu.employment.matching.matcher import fit_text
from jianfu.employment.matching.text import TextEncoder
from jianfu.employment.models import KeyPerson, Posting
from jianfu.employment.tests.factories import posting_in
from jianfu.employment.tests.test_seeker_index import TOWN, fresh, people, served
from jianfu.employment.workflow import ACTIVE_STATUSES

pytestmark = pytest.mark.django_db


def clear_process():
    """A web process that holds nothing yet (the Django cache and var/ are shared, so they stay)."""
    for held in (matchsvc._indexes, matchsvc._texted, matchsvc._text_cache, matchsvc._cache):
        held.clear()


@pytest.fixture(autouse=True)
def _empty_process_caches():
    clear_process()
    yield
    clear_process()


class Fits(list):
    """The number of texts of each `TextEncoder.fit` of the test."""

    def __init__(self, monkeypatch) -> None:
        super().__init__()
        self._monkeypatch = monkeypatch
        real = TextEncoder.fit.__func__          # type: ignore[attr-defined]

        def counted(cls, texts, **kwargs):
            self.append(len(texts))
            return real(cls, texts, **kwargs)

        monkeypatch.setattr(TextEncoder, "fit", classmethod(counted))

    def refuse(self) -> None:
        """From now on a fit fails the test."""
        def refused(cls, texts, **kwargs):
            raise AssertionError("the request fitted the text model")

        self._monkeypatch.setattr(TextEncoder, "fit", classmethod(refused))


@pytest.fixture
def fits(monkeypatch) -> Fits:
    return Fits(monkeypatch)


def postings() -> list[Posting]:
    return [posting_in(TOWN, title="海产品分拣工", description="分拣冻虾、包装，计件，白班"),
            posting_in(TOWN, title="电子厂普工", description="流水线插件，会看图纸优先，长白班"),
            posting_in(TOWN, title="仓库理货员", description="登记出入库，会用电脑，白班"),
            posting_in(TOWN, title="货车司机", description="县内送货，需C1驾照", certificates=["C1驾照"])]


def fitted_model() -> TextEncoder:
    """The county's model fitted afresh: every open posting and every person who looks for work (`fit_text`)."""
    gaz = matchsvc.gazetteer()
    everyone = KeyPerson.objects.filter(status__in=ACTIVE_STATUSES).select_related("person", "profile")
    return fit_text([matchsvc.job_of(p, gaz) for p in matchsvc._open_postings()],
                    [matchsvc.seeker_of(kp) for kp in everyone])


def fresh_jobs(kp: KeyPerson, model: TextEncoder) -> list[tuple]:
    """What `jobs_for` gives, built from nothing with `model` (the one a fit gives)."""
    gaz = matchsvc.gazetteer()
    matcher = Matcher(jobs=[matchsvc.job_of(p, gaz) for p in matchsvc._open_postings()], gazetteer=gaz,
                      outcomes=matchsvc.outcomes(), year=matchsvc.local_today().year, text_encoder=model)
    return [(r.job_id, r.rank, r.score, r.reasons, r.met, r.unmet, r.notes)
            for r in matcher.jobs_for(matchsvc.seeker_of(kp), top=10)]


def served_jobs(kp: KeyPerson) -> list[tuple]:
    return [(r.job_id, r.rank, r.score, r.reasons, r.met, r.unmet, r.notes) for _p, r in matchsvc.jobs_for(kp)]


def name_of(key: str) -> str:
    """The stored file of the model of corpus `key` under the current code (`_text_model_id`, cr19a)."""
    return matchsvc._text_model_path(key).name


def stored_models() -> list[str]:
    return sorted(p.name for p in matchsvc.index_dir().glob("text-*.joblib"))


def reread(kp: KeyPerson) -> KeyPerson:
    return KeyPerson.objects.select_related("person", "profile").get(pk=kp.pk)


def edit_words(world, kp: KeyPerson, words: str) -> KeyPerson:
    services.profile_save(actor=world.users["village_a"], key_person=kp, data={
        "desired_text": words, "certificates": "健康证", "wage": "3000", "places": ["town", "county"],
        "experience": "在冻虾厂分拣五年"})
    return reread(kp)


def test_after_an_edit_and_the_warm_run_a_fresh_process_loads_the_model_and_fits_none(world, fits):
    kps = people(world)
    postings()
    posting = Posting.objects.order_by("pk").first()
    assert tasks.seeker_index_warm_task.call_local() == 4
    first = fitted_model()
    assert stored_models() == [name_of(first.key)] and len(fits) == 2      # the warm run's, and ours
    # a web process that served before the edit: it holds the posting side and the old model
    clear_process()
    assert served_jobs(reread(kps[0])) == fresh_jobs(reread(kps[0]), first) and len(fits) == 2   # loaded
    web = dict(matchsvc._text_cache)

    kp = edit_words(world, kps[5], "想进海产厂做分拣包装")
    assert tasks.seeker_index_warm_task.call_local() == 4
    model = fitted_model()
    assert model.key != first.key and stored_models() == [name_of(model.key)]   # the old one deleted
    expected = {k.pk: fresh_jobs(k, model) for k in (kp, reread(kps[0]))}
    candidates = fresh(world.users["village_a"], posting)
    assert len(candidates) == 5
    matchsvc._text_cache.clear()
    matchsvc._text_cache.update(web)           # the warm run ran in the task queue's worker, not in this process
    fits.refuse()

    # the process that served before: the stamp moved, the stored model is loaded (the posting side is kept)
    base = matchsvc._cache["base"]
    assert served_jobs(kp) == expected[kp.pk] and matchsvc._cache["base"] is base
    assert matchsvc.text_model().key == model.key
    # a fresh process: the posting side built, the model loaded, the same lists
    clear_process()
    assert {k.pk: served_jobs(k) for k in (kp, reread(kps[0]))} == expected
    assert matchsvc.text_model().key == model.key
    # and 适合的求职者 of a fresh process: the index and the model from var/, nothing fitted
    clear_process()
    assert served(world.users["village_a"], posting) == candidates


def test_an_edit_that_leaves_the_words_finds_the_stored_model_under_its_new_stamp(world, fits):
    kps = people(world)
    postings()
    matchsvc.seeker_index_warm()
    model = matchsvc.text_model()
    n = len(fits)
    services.profile_save(actor=world.users["village_a"], key_person=kps[0], data={
        "desired_text": "做过流水线，想进厂", "education": "初中", "wage": "4000以上", "places": ["town", "county"],
        "experience": "2016-2023年在东莞电子厂做流水线"})       # the wage only: the texts are the same
    clear_process()
    again = matchsvc.text_model()
    assert again.key == model.key and again is not model and len(fits) == n     # loaded from var/, not fitted


def test_a_corrupt_or_half_written_model_file_is_fitted_again_not_an_error(world, fits, client):
    kps = people(world)
    postings()
    matchsvc.seeker_index_warm()
    [name] = stored_models()
    path = matchsvc.index_dir() / name
    whole = path.read_bytes()
    model = fitted_model()
    expected = fresh_jobs(reread(kps[0]), model)
    n = len(fits)

    # a truncated file under the model's name: read fails, the model is fitted again (once) and the file replaced
    path.write_bytes(whole[: len(whole) // 2])
    clear_process()
    assert served_jobs(reread(kps[0])) == expected and len(fits) == n + 1
    assert matchsvc._load_text_model(model.key).key == model.key       # the file is whole again

    # a foreign object, or another corpus's model, under the name: not this model, fitted again
    import joblib

    for foreign in ({"not": "a model"}, TextEncoder.fit(["分拣包装", "电子厂普工", "仓库理货", "货车司机"])):
        joblib.dump(foreign, path)
        clear_process()
        m = len(fits)
        assert served_jobs(reread(kps[0])) == expected and len(fits) == m + 1

    # a writer killed before its rename: only the temporary file is there, which no reader opens
    path.rename(path.with_name(f"{name}.4242-1.tmp"))
    clear_process()
    m = len(fits)
    assert served_jobs(reread(kps[0])) == expected and len(fits) == m + 1 and stored_models() == [name]

    # through the web: the person's 推荐岗位 page with a damaged file answers 200
    path.write_bytes(b"\x80\x04 half a pickle")
    clear_process()
    client.force_login(world.users["village_a"])
    from django.urls import reverse

    response = client.get(reverse("employment:person_jobs", args=[kps[0].pk]))
    assert response.status_code == 200


def test_a_stale_stamp_never_returns_the_old_model(world, fits):
    kps = people(world)
    postings()
    matchsvc.seeker_index_warm()
    old = matchsvc.text_model()
    old_stamp = matchsvc._text_cache["stamp"]
    assert cache.get(matchsvc._text_stamp_cache_key(old_stamp)) == old.key

    # new words, no warm run yet: this process (which holds the old model) and a fresh one both fit the new model
    kp = edit_words(world, kps[5], "想学做面点师傅")
    model = fitted_model()
    assert model.key != old.key
    n = len(fits)
    assert matchsvc.text_model().key == model.key and len(fits) == n + 1
    clear_process()
    assert matchsvc.text_model().key == model.key and len(fits) == n + 1       # the first one stored it: loaded
    assert served_jobs(kp) == fresh_jobs(kp, model)
    assert sorted(stored_models()) == sorted([name_of(old.key), name_of(model.key)])
    # the old stamp still names the old model in the cache, but no request reads that stamp any more
    assert cache.get(matchsvc._text_stamp_cache_key(old_stamp)) == old.key
    assert matchsvc._text_cache["stamp"] != old_stamp

    # a posting rewritten with an older time than the newest write (a transaction that committed after a
    # later-stamped one): the stamp moves all the same (the write checksum), so its new words are a new model
    posting = Posting.objects.order_by("pk").first()
    newest = Posting.objects.order_by("-updated_at").first().updated_at
    late = posting.updated_at + dt.timedelta(microseconds=1)
    assert late < newest
    stamp = matchsvc._postings_stamp()
    Posting.objects.filter(pk=posting.pk).update(description="分拣冻虾、冷库搬运", updated_at=late)
    moved = matchsvc._postings_stamp()
    # count and newest write alone (the stamp before emp-refit19) would not have moved
    assert (moved[0]["n"], moved[0]["t"]) == (stamp[0]["n"], stamp[0]["t"]) and moved[0]["c"] == stamp[0]["c"] + 1
    assert matchsvc.text_model().key == fitted_model().key != model.key


def test_the_warm_run_deletes_old_models_and_what_a_killed_writer_left(world, fits):
    kps = people(world)
    postings()
    matchsvc.seeker_index_warm()
    [first] = stored_models()
    folder = matchsvc.index_dir()
    abandoned = folder / ("text-" + "1" * 40 + ".joblib.4242-1.tmp")
    in_flight = folder / ("text-" + "2" * 40 + ".joblib.4243-1.tmp")
    stray = folder / ("text-" + "0" * 40 + ".joblib")
    for f in (abandoned, in_flight, stray):
        f.write_bytes(b"a model of older words")
    old = time.time() - matchsvc.ABANDONED_WRITE_SECONDS - 5
    os.utime(abandoned, (old, old))
    edit_words(world, kps[5], "想进海产厂做分拣包装")
    assert matchsvc.seeker_index_warm() == 4
    [now] = stored_models()
    assert now != first and (abandoned.exists(), in_flight.exists(), stray.exists()) == (False, True, False)
    assert now == name_of(matchsvc.text_model().key)


def test_a_texted_copy_lives_as_long_as_its_index_and_its_model(world, monkeypatch):
    """`_texted` keeps the current model's copy of each index this process keeps, no more: a copy of an older model
    is dropped when the model changes, and a copy goes when its index is evicted (before, 32 copies were kept
    whatever their model, each holding its index alive)."""
    kps = people(world)
    posting = postings()[0]
    users = [world.users[u] for u in ("village_a", "village_b", "town_quzhang")]
    for user in users:
        served(user, posting)
    first = matchsvc.text_model().key
    assert len(matchsvc._indexes) == 3 and sorted(k for _i, k in matchsvc._texted) == [first] * 3

    # new words: a new model; the next request's copy replaces every copy of the old one
    edit_words(world, kps[5], "想学做面点师傅")
    served(world.users["village_b"], posting)
    model = matchsvc.text_model().key
    assert model != first and [k for _i, k in matchsvc._texted] == [model]
    [(index, _copy)] = matchsvc._texted.values()
    assert index is matchsvc.scope_index(world.users["village_b"])

    # one index kept: the others' copies go with them
    served(world.users["town_quzhang"], posting)
    assert len(matchsvc._texted) == 2
    monkeypatch.setattr(matchsvc, "PROCESS_INDEXES", 1)
    served(world.users["village_a"], posting)
    assert len(matchsvc._indexes) == 1 and [i for i, _c in matchsvc._texted.values()] == list(
        matchsvc._indexes.values())


def test_a_code_or_library_change_fits_the_model_anew_not_the_stored_one(world, fits, monkeypatch):
    """cr19a: the stored model is named by its corpus and the code digest (the fit's settings and scikit-learn's
    version are not in `TextEncoder.key`), so after a deploy the same texts are fitted again, not loaded."""
    kps = people(world)
    postings()
    matchsvc.seeker_index_warm()
    model = matchsvc.text_model()
    before = name_of(model.key)
    assert stored_models() == [before]
    n = len(fits)

    monkeypatch.setattr(matchsvc, "_code_digest", lambda: "0" * 64)      # a deploy: new fit code or scikit-learn
    after = name_of(model.key)
    assert after != before
    # this process's model is not reused for the same texts, the old file is not loaded: fitted once and stored
    refit = matchsvc.text_model()
    assert refit.key == model.key and refit is not model and len(fits) == n + 1
    assert stored_models() == sorted([before, after])
    assert matchsvc._load_text_model(model.key).key == model.key
    # a fresh process of the new code loads the new file
    clear_process()
    assert matchsvc.text_model().key == model.key and len(fits) == n + 1
    assert served_jobs(reread(kps[0])) == fresh_jobs(reread(kps[0]), model)
    # the old code's file under the new name (a bare model, as emp-refit19 stored it) is not loaded either
    import joblib

    joblib.dump(model, matchsvc.index_dir() / after)
    clear_process()
    assert matchsvc.text_model().key == model.key and len(fits) == n + 2
    # the warm run of the new code deletes the old code's file
    matchsvc.seeker_index_warm()
    assert stored_models() == [after] and len(fits) == n + 2


def during_the_warm_run(monkeypatch, step) -> None:
    """`step` runs once, in the middle of the next warm run (after the indexes are built, before anything is pruned),
    as a web process or another warm run would meanwhile."""
    real = matchsvc.prune_stored_indexes
    done: list[bool] = []

    def meanwhile(live, **kwargs):
        if not done:
            done.append(True)
            step()
        return real(live, **kwargs)

    monkeypatch.setattr(matchsvc, "prune_stored_indexes", meanwhile)


def test_the_warm_run_keeps_the_model_that_a_stamp_moved_during_it_names(world, fits, monkeypatch):
    """cr19a: a posting changes during the run and a web process loads the model of its new words (stored before the
    run began): the run's prune keeps that one too, not only the model it took at its start."""
    people(world)
    posting = postings()[0]
    described = posting.description
    matchsvc.seeker_index_warm()
    [first] = stored_models()
    # the posting's other words, fitted and stored by a web process; then its words back as they were
    posting.description = "冷库搬运，夜班，包吃住"
    posting.save()
    clear_process()
    other = matchsvc.text_model()
    assert stored_models() == sorted([first, name_of(other.key)]) and len(fits) == 2
    posting.description = described
    posting.save()

    def web_process_after_an_edit():
        posting.description = "冷库搬运，夜班，包吃住"
        posting.save()
        assert matchsvc.text_model().key == other.key       # found in var/ under the new stamp, not fitted

    during_the_warm_run(monkeypatch, web_process_after_an_edit)
    matchsvc.seeker_index_warm()
    assert len(fits) == 2 and stored_models() == sorted([first, name_of(other.key)])
    # the next run (its start's stamp names the other model) deletes the one nobody's stamp names any more
    matchsvc.seeker_index_warm()
    assert len(fits) == 2 and stored_models() == [name_of(other.key)]


def test_the_warm_run_keeps_a_model_stored_while_it_ran(world, fits, monkeypatch):
    """cr19a: a model stored during the run (by another warm run, or a web process whose stamp moved twice) is not
    deleted by it, whoever's key it is; a file that was there before the run and no stamp names is. The next run
    deletes it."""
    people(world)
    postings()
    matchsvc.seeker_index_warm()
    [live] = stored_models()
    stray = matchsvc.index_dir() / ("text-" + "0" * 40 + ".joblib")
    stray.write_bytes(b"a model of older words")
    stored = []

    def another_run_stores_its_model():
        stored.append(TextEncoder.fit(["分拣冻虾包装", "电子厂流水线普工", "仓库理货登记", "货车司机送货"]))
        matchsvc._store_text_model(stored[0])

    during_the_warm_run(monkeypatch, another_run_stores_its_model)
    assert matchsvc.seeker_index_warm() == 4
    newer = name_of(stored[0].key)
    assert newer != live and stored_models() == sorted([live, newer]) and not stray.exists()
    matchsvc.seeker_index_warm()
    assert stored_models() == [live]

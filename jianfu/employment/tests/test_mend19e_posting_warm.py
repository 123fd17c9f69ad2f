"""mend19e #1: a posting edit queues the warm run (ADR 0037's text model is fitted on every open posting), as a
person's, a profile's or a referral's does — the per-row saves through Posting's signals, the set-based writes (an
import, its confirmation or withdrawal, the daily expiry) by calling it themselves (mend20 #4) — so the task queue
fits and stores the model and no web process fits it after a posting edit."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from huey.contrib.djhuey import HUEY

from jianfu.core.audit import audit_record
from jianfu.employment import matchsvc, tasks
from jianfu.employment import postings as posting_services
from jianfu.employment.models import Posting, PostingStatus
from jianfu.employment.tests.factories import posting_in
from jianfu.employment.tests.test_refit19_stored_text_model import (
    clear_process,
    fits,
    fitted_model,
    name_of,
    postings,
    reread,
    served_jobs,
    stored_models,
)
from jianfu.employment.tests.test_seeker_index import TOWN, people

pytestmark = pytest.mark.django_db
__all__ = ["fits"]      # the fixture, imported for this module's tests


@pytest.fixture(autouse=True)
def _empty_process_caches():
    clear_process()
    yield
    clear_process()


def queued() -> list[str]:
    return [t.name for t in HUEY.scheduled()]


def fresh_queue() -> None:
    cache.delete(tasks.WARM_PENDING)
    HUEY.storage.flush_schedule()


def test_a_posting_save_or_delete_queues_one_warm_run(django_capture_on_commit_callbacks):
    fresh_queue()
    with django_capture_on_commit_callbacks(execute=True):
        posting = posting_in(TOWN, title="海产品分拣工")
    assert queued() == ["seeker_index_warm_task"] and cache.get(tasks.WARM_PENDING) == 1
    # a burst (an edit and a second posting) while one waits queues none more
    with django_capture_on_commit_callbacks(execute=True):
        posting.title = "冻虾分拣工"
        posting.save(update_fields=["title"])
        posting_in(TOWN, title="包装工")
    assert queued() == ["seeker_index_warm_task"]
    for write in (lambda: Posting.objects.filter(pk=posting.pk).get().save(), posting.delete):
        fresh_queue()
        with django_capture_on_commit_callbacks(execute=True):
            write()
        assert queued() == ["seeker_index_warm_task"] and cache.get(tasks.WARM_PENDING) == 1


def test_a_set_based_write_to_postings_queues_one_warm_run_and_other_audit_rows_none(
        django_capture_on_commit_callbacks):
    expired = posting_in(TOWN, valid_until=dt.date(2026, 1, 1))
    fresh_queue()
    # the daily expiry closes by `.update()`, which sends no Posting signal; it queues the run itself
    with django_capture_on_commit_callbacks(execute=True):
        assert posting_services.postings_expire(today=dt.date(2026, 12, 5)) == 1
    assert queued() == ["seeker_index_warm_task"] and cache.get(tasks.WARM_PENDING) == 1
    assert Posting.objects.get(pk=expired.pk).status == PostingStatus.CLOSED
    # nothing left to expire: nothing queued
    fresh_queue()
    with django_capture_on_commit_callbacks(execute=True):
        assert posting_services.postings_expire(today=dt.date(2026, 12, 5)) == 0
    assert queued() == [] and cache.get(tasks.WARM_PENDING) is None
    # an audit row of something no index or model is built from queues nothing
    with django_capture_on_commit_callbacks(execute=True):
        audit_record(actor=None, action="employment.posting.export", object_type="employment.posting",
                     object_id="x", object_repr="x", changes={})
    assert queued() == [] and cache.get(tasks.WARM_PENDING) is None


def test_after_a_posting_edit_and_the_warm_run_a_serving_process_loads_the_model_and_fits_none(world, fits):
    kps = people(world)
    postings()
    assert tasks.seeker_index_warm_task.call_local() == 4
    first = fitted_model()
    clear_process()
    served_jobs(reread(kps[0]))                 # a web process serving before the edit: it holds the old model
    web = dict(matchsvc._text_cache)
    assert len(fits) == 2                       # the warm run's and `fitted_model`'s: the web process loaded it

    posting = Posting.objects.filter(status=PostingStatus.OPEN).order_by("pk").first()
    posting.description = "冷库里分拣冻虾、称重装箱，计件，包住宿"
    posting.save()                              # a service's save: `updated_at` moves the stamp too
    assert tasks.seeker_index_warm_task.call_local() == 4     # what the save queued, run by the worker
    model = fitted_model()
    assert model.key != first.key and stored_models() == [name_of(model.key)]
    matchsvc._text_cache.clear()
    matchsvc._text_cache.update(web)
    fits.refuse()
    served_jobs(reread(kps[0]))                 # the stamp moved: the stored model is loaded, nothing fitted
    assert matchsvc.text_model().key == model.key

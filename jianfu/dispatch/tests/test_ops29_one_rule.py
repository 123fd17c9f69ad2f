"""ops29: the public form's hourly allowances are `jianfu.core.ratelimits`' (#1: with the cache unreachable a post is
refused, limits fail closed, nothing filed — fix-cr29 #1: as the system's fault, 503 with Retry-After, in words that
do not say the citizen posted too often, the typing kept on the page), and the after-commit hand-over of an event's messages is
`jianfu.core.queueing.enqueue_quietly`'s (#2: a queue that raises leaves the report filed, the page answering as
usual, the messages sent inline and the failure logged once on `jianfu.queue`)."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from jianfu.core.models import AuditRecord
from jianfu.core.tests.cache_down import CacheDown, refuse
from jianfu.dispatch import services, tasks, views
from jianfu.dispatch.models import Event, EventPhoto, HeldPhoto
from jianfu.dispatch.tests.test_cr22c_public_limits import SPENT, TEXT, _jpeg, _keys, _post

UNAVAILABLE = "系统暂时无法受理提交，请几分钟后再试（您填写的内容仍保留在页面上）。"
UNAVAILABLE_PHOTOS = "系统暂时无法受理提交，请几分钟后再试（您填写的文字仍保留在页面上，本次选择的照片需要重新选择）。"


def _nothing_kept() -> tuple[int, int, int, int]:
    return (Event.objects.count(), EventPhoto.objects.count(), HeldPhoto.objects.count(),
            AuditRecord.objects.count())


@pytest.mark.django_db
def test_a_public_post_while_the_cache_is_down_is_refused_and_files_nothing(world, catalogue, public_hour,
                                                                            monkeypatch):
    before = _nothing_kept()
    monkeypatch.setattr(views, "cache", CacheDown())
    refused = _post(world.client(None))
    assert (refused.status_code, refused["Retry-After"]) == (503, "60")
    page = refused.content.decode()
    assert UNAVAILABLE in page and SPENT not in page and "过于频繁" not in page
    assert f">{TEXT}</textarea>" in page   # what was typed is on the page
    assert _nothing_kept() == before


@pytest.mark.django_db
def test_a_post_with_photos_while_the_cache_is_down_says_the_photos_are_to_choose_again(world, catalogue, public_hour,
                                                                                      monkeypatch):
    before = _nothing_kept()
    monkeypatch.setattr(views, "cache", CacheDown())
    refused = _post(world.client(None), photos_=[SimpleUploadedFile("p.jpg", _jpeg(), "image/jpeg")])
    assert (refused.status_code, refused["Retry-After"]) == (503, "60")
    assert UNAVAILABLE_PHOTOS in refused.content.decode()
    assert _nothing_kept() == before   # the photo neither filed nor held


class _MegapixelsDown:
    """The cache answering for every counter but the megapixels' (Redis gone between two calls of one post)."""

    def __getattr__(self, name):
        real = getattr(cache, name)

        def call(key, *args, **kwargs):
            if "megapixels" in str(key):
                refuse()
            return real(key, *args, **kwargs)

        return call


@pytest.mark.django_db
def test_the_cache_lost_at_the_megapixels_gives_the_filing_back(world, catalogue, public_hour, monkeypatch):
    cache.clear()
    before = _nothing_kept()
    monkeypatch.setattr(views, "cache", _MegapixelsDown())
    refused = _post(world.client(None), photos_=[SimpleUploadedFile("p.jpg", _jpeg(), "image/jpeg")])
    assert (refused.status_code, refused["Retry-After"]) == (503, "60")
    assert UNAVAILABLE_PHOTOS in refused.content.decode()
    assert _nothing_kept() == before
    hour = int(public_hour[0]) // 3600
    assert cache.get_many(_keys(hour)) == dict(zip(_keys(hour), [1, 0], strict=True))   # the post counted, the filing back
    cache.clear()


@pytest.mark.django_db
def test_a_lookup_while_the_cache_is_down_is_refused_as_unavailable(world, public_hour, monkeypatch):
    monkeypatch.setattr(views, "cache", CacheDown())
    refused = world.client(None).post("/dispatch/public/lookup/", {"number": "X", "phone": "13800000000"})
    assert (refused.status_code, refused["Retry-After"]) == (503, "60")
    assert "系统暂时无法查询，请几分钟后再试。" in refused.content.decode()


def _inline(monkeypatch) -> list[tuple]:
    sent: list[tuple] = []
    original = tasks.notify_event

    def notify_event(kind, event_id, **extra):
        sent.append((kind, event_id))
        return original(kind, event_id, **extra)

    monkeypatch.setattr(tasks, "notify_event", notify_event)
    return sent


@pytest.mark.django_db(transaction=True)
def test_a_report_filed_while_the_queue_is_down_is_answered_as_filed(world, catalogue, public_hour, monkeypatch,
                                                                     caplog):
    """The request's own commit runs the hook (a transactional test)."""
    monkeypatch.setattr(tasks, "notify_event_task", refuse)
    sent = _inline(monkeypatch)
    with caplog.at_level(logging.WARNING):
        response = _post(world.client(None), TEXT)
    assert response.status_code == 302
    event = Event.objects.get()
    assert sent == [(sent[0][0], event.pk)] and sent[0][0] in ("queued", "dispatched")
    queue_lines = [r for r in caplog.records if r.name == "jianfu.queue"]
    assert [(r.levelname, r.getMessage().split(": ")[0]) for r in queue_lines] == [
        ("ERROR", f"could not queue notify_event({sent[0][0]}, {event.pk})")
    ]
    assert queue_lines[0].getMessage().endswith("running it inline instead")
    assert [r for r in caplog.records if r.name.startswith("jianfu.dispatch")] == []   # logged once, not twice


@pytest.mark.django_db
def test_any_error_of_the_enqueue_still_sends_inline(monkeypatch, caplog, django_capture_on_commit_callbacks):
    """Before ops29 `_on_commit_notify` caught every error of the enqueue, not only Redis's: it still does."""
    def broken(*_args, **_kwargs):
        raise RuntimeError("huey misconfigured")

    monkeypatch.setattr(tasks, "notify_event_task", broken)
    sent = _inline(monkeypatch)
    with (
        caplog.at_level(logging.ERROR, logger="jianfu.queue"),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        services._on_commit_notify("resolved", 987654)
    assert sent == [("resolved", 987654)]
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith("could not queue notify_event(resolved, 987654): the enqueue "
                                                     "failed (RuntimeError: huey misconfigured)")
    assert caplog.records[0].exc_info is not None   # not Redis: with its traceback (fix-cr29 #3)

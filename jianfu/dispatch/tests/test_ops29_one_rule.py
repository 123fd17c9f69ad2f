"""ops29: the public form's hourly allowances are `jianfu.core.ratelimits`' (#1: with the cache unreachable a post is
refused, limits fail closed, nothing filed), and the after-commit hand-over of an event's messages is
`jianfu.core.queueing.enqueue_quietly`'s (#2: a queue that raises leaves the report filed, the page answering as
usual, the messages sent inline and the failure logged once on `jianfu.queue`)."""

from __future__ import annotations

import logging

import pytest
from django.db import transaction
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.dispatch import services, tasks, views
from jianfu.dispatch.models import Event
from jianfu.dispatch.tests.test_cr22c_public_limits import SPENT, TEXT, _post

DOWN = RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


class _Down:
    def __getattr__(self, name):
        def down(*_args, **_kwargs):
            raise DOWN

        return down


@pytest.mark.django_db
def test_a_public_post_while_the_cache_is_down_is_refused_and_files_nothing(world, catalogue, public_hour,
                                                                            monkeypatch):
    monkeypatch.setattr(views, "cache", _Down())
    refused = _post(world.client(None))
    assert refused.status_code == 429
    assert SPENT in refused.content.decode()
    assert Event.objects.count() == 0


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
    def down(*_args, **_kwargs):
        raise DOWN

    monkeypatch.setattr(tasks, "notify_event_task", down)
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
    assert caplog.records[0].getMessage().startswith("could not queue notify_event(resolved, 987654): ")

"""badinput32 #2: an event change's messages were queued by one huey task (`notify_event_task`) and nothing else. huey
takes a task off its queue before running it, so a worker SIGKILLed while it ran — or before — lost it for good: the
department was never told of the event dispatched to it (on the scratch run, a killed ledger validation was not run
again after the worker restarted either; only its lease showed it). The change now writes a `PendingNotice` in its own
transaction; the task deletes it once the messages are stored, and the periodic `pending_notices_task` runs again a
notice left past NOTICE_LOST. The messages' dedupe keys name the notice, so a run again stores none twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from jianfu.dispatch import services, tasks
from jianfu.dispatch.models import DepartmentProfile, Notification, PendingNotice
from jianfu.dispatch.tests.factories import FORESTRY


def _report(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.event_report(actor=world.users["grid_a"], text="林地界线纠纷，双方都有林权证",
                                     org_code="450521200206001", source="grid", matter_code="LY-001")


@pytest.fixture
def forestry_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DepartmentProfile.objects.create(org_code=FORESTRY, notify_email="ly@hepu.example.cn")


@pytest.mark.django_db
def test_a_notice_whose_task_was_lost_is_sent_by_the_periodic_run_once(world, catalogue, forestry_mail, monkeypatch,
                                                                        django_capture_on_commit_callbacks):
    monkeypatch.setattr(tasks, "notify_event_task", lambda *args, **kwargs: None)   # queued, then lost with its worker
    event = _report(world, django_capture_on_commit_callbacks)
    monkeypatch.undo()
    notice = PendingNotice.objects.get()
    assert (notice.kind, notice.event_id, notice.extra) == ("dispatched", event.pk, {})
    assert Notification.objects.count() == 0 and mail.outbox == []

    assert tasks.pending_notices_run() == 0   # within NOTICE_LOST its task may still be coming
    assert PendingNotice.objects.count() == 1 and Notification.objects.count() == 0

    later = timezone.now() + tasks.NOTICE_LOST + dt.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert tasks.pending_notices_run(now=later) == 1
        # the delivery is queued on commit, not inside the run's transaction (fixcr33b L4: a worker found no row)
        assert (Notification.objects.get().state, mail.outbox) == ("pending", [])
    assert len(queued) == 1
    assert PendingNotice.objects.count() == 0
    assert list(Notification.objects.values_list("channel", "recipient", "state", "dedupe_key")) == [
        ("email", "ly@hepu.example.cn", "sent", f"dispatched:{event.pk}:n{notice.pk}:email:ly@hepu.example.cn")]
    assert [m.subject for m in mail.outbox] == [f"新派发事件 {event.number}"]

    assert tasks.pending_notices_run(now=later) == 0   # nothing left: nothing sent twice
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_task_that_ran_deletes_its_notice_and_a_late_run_of_it_stores_nothing_twice(
        world, catalogue, forestry_mail, django_capture_on_commit_callbacks):
    event = _report(world, django_capture_on_commit_callbacks)   # huey runs inline in tests
    assert PendingNotice.objects.count() == 0
    assert list(Notification.objects.values_list("recipient", "state")) == [("ly@hepu.example.cn", "sent")]
    notice_id = Notification.objects.get().dedupe_key.split(":")[2][1:]
    # the same notice run a second time (the catch-up racing a task that was only slow): nothing more stored or sent
    assert tasks.notify_event("dispatched", event.pk, notice_id=int(notice_id)) == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_notice_for_an_event_deleted_meanwhile_runs_to_nothing(db):
    PendingNotice.objects.create(kind="dispatched", event_id=987654)
    later = timezone.now() + tasks.NOTICE_LOST + dt.timedelta(seconds=1)
    assert tasks.pending_notices_run(now=later) == 1
    assert PendingNotice.objects.count() == 0 and Notification.objects.count() == 0


@pytest.mark.django_db
def test_notify_takes_a_lost_race_on_its_dedupe_key_as_already_stored(db, monkeypatch):
    from jianfu.dispatch import notifications

    first = notifications.notify(channel="email", recipient="ly@example.cn", subject="s", body="b", dedupe_key="k1")
    real = Notification.objects.filter

    def stale_check(*args, **kwargs):   # the other run stored it between this run's check and its INSERT
        monkeypatch.setattr(Notification.objects, "filter", real)
        return Notification.objects.none()

    monkeypatch.setattr(Notification.objects, "filter", stale_check)
    assert notifications.notify(channel="email", recipient="ly@example.cn", subject="s", body="b",
                                dedupe_key="k1") is None
    assert list(Notification.objects.values_list("pk", flat=True)) == [first.pk]

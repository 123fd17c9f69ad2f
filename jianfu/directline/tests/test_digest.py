"""Handlers hear of reports only in the batched digest: a count, no category, township or time; exactly
once per county and fixed time (09:00 / 15:00 of a working day), even when the worker dies mid-way."""

from __future__ import annotations

import datetime as dt
import signal

import pytest
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.core.models import AuditRecord
from jianfu.directline import services, workbench
from jianfu.directline.models import DigestRun, Report
from jianfu.directline.tasks import directline_digest_task
from jianfu.directline.tests.factories import county_key_with_handler, submitted
from jianfu.directline.tests.killed import run_in_child
from jianfu.dispatch import notifications
from jianfu.dispatch.models import Notification


def local(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


MONDAY_0905 = local(2026, 11, 30, 9, 5)          # 2026-11-30 is a Monday
MONDAY_1510 = local(2026, 11, 30, 15, 10)


@pytest.mark.django_db
def test_digest_batches_and_says_only_a_count(world):
    user = world.users["county_office"]
    user.email = "office@example.org"
    user.save()
    _key, private = county_key_with_handler(world)
    submitted(category="plaque")
    report, _code = submitted(category="app")
    assert Notification.objects.count() == 0  # nothing at submission time
    assert services.digest_send(now=MONDAY_0905) == 1
    (note,) = Notification.objects.all()
    assert note.recipient == "office@example.org"
    assert note.body == "基层减负直通车有 2 条新的反映或补充待办理。请登录系统、解锁后查看。"
    assert "挂牌" not in note.body and "曲樟" not in note.body
    services.report_ask(actor=user, report=report, private=private, question="请问是哪个部门？")
    services.reporter_answer(report=Report.objects.get(pk=report.pk), text="是县某局。")
    assert services.digest_send(now=MONDAY_0905 + dt.timedelta(minutes=10)) == 0  # 09:00 was sent already
    assert services.digest_send(now=MONDAY_1510) == 1
    assert Notification.objects.order_by("-id").first().body.startswith("基层减负直通车有 1 条")
    assert services.digest_send(now=local(2026, 12, 1, 9, 0)) == 0  # nothing new: nothing sent
    assert list(DigestRun.objects.order_by("slot").values_list("count", flat=True)) == [2, 1, 0]


@pytest.mark.parametrize(("now", "slot"), [
    ((2026, 11, 30, 9, 0), (2026, 11, 30, 9, 0)),
    ((2026, 11, 30, 14, 59), (2026, 11, 30, 9, 0)),
    ((2026, 11, 30, 23, 0), (2026, 11, 30, 15, 0)),
    ((2026, 12, 1, 8, 59), (2026, 11, 30, 15, 0)),
    ((2026, 12, 6, 12, 0), (2026, 12, 4, 15, 0)),   # a Sunday: Friday's 15:00
    ((2026, 12, 7, 8, 0), (2026, 12, 4, 15, 0)),    # Monday before nine
])
def test_the_latest_fixed_time(now, slot):
    assert services.digest_slot(local(*now)) == local(*slot)


@pytest.mark.django_db
def test_nothing_is_sent_off_schedule_and_a_late_run_catches_up(world):
    world.users["county_office"].email = "office@example.org"
    world.users["county_office"].save()
    county_key_with_handler(world)
    submitted(release=False)
    assert services.digest_send(now=local(2026, 12, 5, 11, 0)) == 0    # Saturday: Friday 15:00 is too old
    assert services.digest_send(now=local(2026, 12, 1, 8, 59)) == 0    # 15:00 the day before, too old
    assert (Notification.objects.count(), DigestRun.objects.count()) == (0, 0)
    assert Report.objects.get().held
    # The worker was down at 09:00 and back at 11:50: the 09:00 digest goes out then, once.
    assert services.digest_send(now=local(2026, 12, 1, 11, 50)) == 1
    assert services.digest_send(now=local(2026, 12, 1, 12, 0)) == 0
    assert not Report.objects.get().held


def test_the_task_runs_every_ten_minutes():
    task = directline_digest_task.task_class()  # huey asks validate_datetime each minute
    assert [task.validate_datetime(dt.datetime(2026, 11, 30, 9, m)) for m in (0, 5, 10, 50)] == [
        True, False, True, True]


class Killed(BaseException):
    """What SIGKILL does to the transaction, short of killing the test process."""


def _two_handlers_with_mail(world):
    key, private = county_key_with_handler(world)
    office = world.users["county_office"]
    office.email = "office@example.org"
    office.save()
    second = User.objects.create(username="office_two", role="county_office", org_unit=world.county,
                                 email="two@example.org")
    code = services.handler_invite(actor=office, private=private, user=second)
    services.handler_enrol(actor=second, code=code, passphrase="第二位办理人的口令-xyz-789")
    for _ in range(3):
        submitted(release=False)
    return key


@pytest.mark.django_db
def test_a_digest_killed_after_the_first_message_is_sent_later_exactly_once(world, monkeypatch):
    _two_handlers_with_mail(world)
    audit_before = AuditRecord.objects.count()
    real, calls = notifications.notify, []

    def dies_after_one(**kwargs):
        calls.append(kwargs["recipient"])
        if len(calls) == 2:
            raise Killed
        return real(**kwargs)

    monkeypatch.setattr(notifications, "notify", dies_after_one)
    with pytest.raises(Killed):
        services.digest_send(now=MONDAY_0905)
    # Nothing of the digest was written: no message, no run, the reports still held and pending.
    assert (Notification.objects.count(), DigestRun.objects.count(), AuditRecord.objects.count()) == (
        0, 0, audit_before)
    assert set(Report.objects.values_list("held", "pending_digest")) == {(True, True)}
    monkeypatch.setattr(notifications, "notify", real)
    assert services.digest_send(now=MONDAY_0905 + dt.timedelta(minutes=10)) == 2    # the next run
    assert services.digest_send(now=MONDAY_0905 + dt.timedelta(minutes=20)) == 0
    assert sorted(Notification.objects.values_list("recipient", "body")) == [
        ("office@example.org", "基层减负直通车有 3 条新的反映或补充待办理。请登录系统、解锁后查看。"),
        ("two@example.org", "基层减负直通车有 3 条新的反映或补充待办理。请登录系统、解锁后查看。")]
    # Delivered once each; a second delivery pass sends nothing again.
    notifications.MemoryBackend.outbox.clear()
    monkeypatch.setattr(notifications, "backend_for", lambda channel: notifications.MemoryBackend())
    assert notifications.deliver_pending() == 2 and notifications.deliver_pending() == 0
    assert sorted(n.recipient for n in notifications.MemoryBackend.outbox) == ["office@example.org", "two@example.org"]


CHILD = """
import datetime as dt
from django.utils import timezone
from jianfu.directline import services
from jianfu.dispatch import notifications

real, calls = notifications.notify, []

def die_on_the_second(**kwargs):
    calls.append(kwargs["recipient"])
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # one message queued, inside the digest's transaction
    return real(**kwargs)

notifications.notify = die_on_the_second
services.digest_send(now=timezone.make_aware(dt.datetime(2026, 11, 30, 9, 5)))
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_digest_worker_killed_by_sigkill_neither_loses_nor_doubles(world, tmp_path):
    _two_handlers_with_mail(world)
    child = run_in_child(CHILD, tmp_path=tmp_path)
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    assert (Notification.objects.count(), DigestRun.objects.count()) == (0, 0)
    assert Report.objects.filter(pending_digest=True, held=True).count() == 3
    # The restarted worker's next run (ten minutes later) sends the 09:00 digest once.
    assert run_in_child("from django.utils import timezone\nimport datetime as dt\nfrom jianfu.directline import "
                        "services\nservices.digest_send(now=timezone.make_aware(dt.datetime(2026, 11, 30, 9, 15)))",
                        tmp_path=tmp_path).returncode == 0
    assert services.digest_send(now=MONDAY_0905 + dt.timedelta(minutes=20)) == 0
    assert sorted(Notification.objects.values_list("recipient", flat=True)) == ["office@example.org",
                                                                                "two@example.org"]
    assert DigestRun.objects.get().count == 3


@pytest.mark.django_db
def test_handler_workbench_counts(world):
    county_key_with_handler(world)
    submitted()
    assert "直通车：待受理的反映" in world.client("county_office").get("/").content.decode()
    assert workbench.todos(world.users["admin"]) == []  # the admin is not a handler

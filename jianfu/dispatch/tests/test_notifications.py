"""Outbound notifications: one interface, email working, SMS and webhook pluggable, failures retried."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from jianfu.dispatch import notifications as n
from jianfu.dispatch.models import Notification


def test_email_is_sent_through_djangos_backend(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    note = n.notify(channel="email", recipient="ly@example.cn", subject="新派发事件 WG00000001", body="正文",
                    dedupe_key="k1")
    assert n.notify(channel="email", recipient="ly@example.cn", subject="x", body="y", dedupe_key="k1") is None
    assert n.deliver(note) is True
    note.refresh_from_db()
    assert (note.state, note.attempts) == ("sent", 1)
    assert [(m.subject, m.to) for m in mail.outbox] == [("新派发事件 WG00000001", ["ly@example.cn"])]


def test_sms_without_a_provider_fails_visibly_and_is_retried(db):
    note = n.notify(channel="sms", recipient="13800000000", subject="s", body="b")
    assert n.deliver(note) is False
    note.refresh_from_db()
    assert (note.state, note.attempts) == ("pending", 1)
    assert "未配置短信通道" in note.error
    for _ in range(4):
        n.deliver(Notification.objects.get(pk=note.pk))
    assert Notification.objects.get(pk=note.pk).state == "failed"


def test_sms_backend_is_pluggable(db, settings):
    settings.JIANFU_NOTIFY_BACKENDS = {"sms": "jianfu.dispatch.notifications.MemoryBackend"}
    n.MemoryBackend.outbox.clear()
    note = n.notify(channel="sms", recipient="13800000000", subject="吹哨报到", body="请按时报到")
    assert n.deliver(note) is True
    assert [x.recipient for x in n.MemoryBackend.outbox] == ["13800000000"]


def test_webhook_posts_json(db, settings):
    settings.JIANFU_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]     # security35 #2: an internal receiver named on purpose
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server API
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    note = n.notify(channel="webhook", recipient=f"http://127.0.0.1:{server.server_port}/hook", subject="超期督办",
                    body="WG00000002 已超期", org_code="450521200206")
    assert n.deliver(note) is True
    thread.join(timeout=10)
    server.server_close()
    assert received == [{"subject": "超期督办", "body": "WG00000002 已超期", "event_id": None,
                         "org_code": "450521200206"}]


def test_a_claimed_message_is_not_sent_by_a_second_worker(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    note = n.notify(channel="email", recipient="ly@example.cn", subject="s", body="b")
    stale_copy = Notification.objects.get(pk=note.pk)
    Notification.objects.filter(pk=note.pk).update(state="sending", claimed_until=timezone.now() + timedelta(minutes=4))
    assert n.deliver(stale_copy) is False          # another worker holds it: nothing sent, nothing changed
    assert n.deliver_pending() == 0
    assert mail.outbox == []
    assert Notification.objects.filter(pk=note.pk, state="sending", attempts=0).count() == 1


class Killed(BaseException):
    """What a SIGKILL looks like from inside: nothing after it runs."""


class DiesAfterSendingBackend(n.EmailBackend):
    def send(self, notification):
        super().send(notification)
        raise Killed  # the process dies after the mail left and before the outcome is recorded


def test_a_worker_killed_mid_send_leaves_the_message_to_be_sent_again_with_the_same_id(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    note = n.notify(channel="email", recipient="ly@example.cn", subject="新派发事件", body="b")
    settings.JIANFU_NOTIFY_BACKENDS = {"email": f"{__name__}.DiesAfterSendingBackend"}
    with pytest.raises(Killed):
        n.deliver(note)
    settings.JIANFU_NOTIFY_BACKENDS = {}
    assert Notification.objects.get(pk=note.pk).state == "sending"
    assert n.deliver_pending() == 0                 # the claim has not lapsed: no second copy yet
    Notification.objects.filter(pk=note.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert n.deliver_pending() == 1 and n.deliver_pending() == 0
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert ids == [f"<jianfu-notification-{note.pk}@localhost>"] * 2
    assert Notification.objects.filter(pk=note.pk, state="sent", attempts=1, claimed_until=None).count() == 1

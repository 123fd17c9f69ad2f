"""security35 #2: a department's webhook could name 127.0.0.1, a private or link-local address or the cloud metadata
address, and the worker POSTed the event there from inside the county's network (SSRF). Such a URL is refused when
saved and when sent (the host resolved again, the socket's peer checked at connect, no redirect followed), unless
`JIANFU_WEBHOOK_ALLOWED_HOSTS` names the host."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from jianfu.core import outbound
from jianfu.core.errors import ApplicationError
from jianfu.dispatch import notifications as n
from jianfu.dispatch import services
from jianfu.dispatch.models import DepartmentProfile

DEPT = "450521000000D02"
REFUSED = ["http://127.0.0.1:8771/hook", "http://localhost/hook", "http://10.0.0.5/hook", "http://192.168.1.1/x",
           "http://172.16.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]/x",
           "http://[::ffff:127.0.0.1]/x", "http://0.0.0.0/x", "http://100.64.0.1/x"]


class _Receiver:
    """An HTTP server on 127.0.0.1 that records what reaches it and answers `status` (with `location`)."""

    def __init__(self, status: int = 204, location: str = ""):
        self.received: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                outer.received.append(self.path)
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.server.timeout = 2
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.handle_request, daemon=True)
        self.thread.start()

    def close(self):
        self.server.server_close()


@pytest.fixture
def public_name(monkeypatch):
    """`hooks.example.cn` resolves to a public address for the check and to 127.0.0.1 for the connect (rebinding)."""
    real = socket.getaddrinfo
    calls = []

    def fake(host, port, *args, **kwargs):
        if host == "hooks.example.cn":
            calls.append(host)
            address = "93.184.216.34" if len(calls) == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return calls


@pytest.mark.parametrize("url", REFUSED)
def test_an_internal_webhook_is_refused_when_saved_and_nothing_changes(world, url):
    before = services.department_profile_update(actor=world.users["county_office"], department_code=DEPT,
                                                notify_webhook="")
    with pytest.raises(ApplicationError) as exc:
        services.department_profile_update(actor=world.users["county_office"], department_code=DEPT,
                                           notify_email="ly@example.cn", notify_webhook=url)
    assert exc.value.field == "notify_webhook"
    assert exc.value.message.startswith("通知 Webhook：地址不能指向本机、内网")
    after = DepartmentProfile.objects.get(org_code=DEPT)
    assert (after.notify_email, after.notify_webhook, after.updated_at) == ("", "", before.updated_at)


def test_a_named_internal_host_may_be_saved(world, settings):
    settings.JIANFU_WEBHOOK_ALLOWED_HOSTS = ["10.0.0.5"]
    profile = services.department_profile_update(actor=world.users["county_office"], department_code=DEPT,
                                                 notify_webhook="http://10.0.0.5/hook")
    assert DepartmentProfile.objects.get(pk=profile.pk).notify_webhook == "http://10.0.0.5/hook"


def test_a_public_name_that_resolves_internal_at_send_gets_nothing(db, public_name):
    assert outbound.refusal("http://hooks.example.cn/hook") == ""            # as it was saved
    receiver = _Receiver()
    note = n.notify(channel="webhook", recipient=f"http://hooks.example.cn:{receiver.port}/hook", subject="s",
                    body="b")
    public_name.clear()
    # the send re-resolves: 93.184.216.34 for the check, 127.0.0.1 at the connect — the socket's peer is refused
    assert n.deliver(note) is False
    receiver.close()
    note.refresh_from_db()
    assert (receiver.received, note.state, note.attempts) == ([], "pending", 1)
    assert "loopback" in note.error


def test_a_stored_internal_webhook_is_refused_at_send(db):
    receiver = _Receiver()
    note = n.notify(channel="webhook", recipient=f"http://127.0.0.1:{receiver.port}/hook", subject="s", body="b")
    assert n.deliver(note) is False
    receiver.close()
    note.refresh_from_db()
    assert (receiver.received, note.state) == ([], "pending")
    assert "127.0.0.1 resolves to a loopback address" in note.error


def test_a_redirect_is_not_followed(db, settings):
    settings.JIANFU_WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    inner = _Receiver()
    outer = _Receiver(status=307, location=f"http://127.0.0.1:{inner.port}/internal")
    note = n.notify(channel="webhook", recipient=f"http://127.0.0.1:{outer.port}/hook", subject="s", body="b")
    assert n.deliver(note) is False
    outer.close()
    inner.close()
    note.refresh_from_db()
    assert (outer.received, inner.received, note.state) == (["/hook"], [], "pending")

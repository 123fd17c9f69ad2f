"""The audit anchor's second store (ADR 0018): every anchor line also goes to syslog on another host,
and `audit_verify --anchors` checks the chain against the copy that host kept."""

from __future__ import annotations

import json
import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from jianfu.core.audit import anchor_head, reseal_chain, send_anchor_to_syslog
from jianfu.core.models import AuditChainHead
from jianfu.core.tests.test_audit_keyed import _write

PREFIX = b"<84>jianfu-audit-anchor: "   # facility authpriv (10) * 8 + severity warning (4)


@pytest.fixture
def anchor(settings, tmp_path):
    settings.JIANFU_AUDIT_ANCHOR_PATH = str(tmp_path / "audit-anchor.jsonl")
    return tmp_path / "audit-anchor.jsonl"


@pytest.fixture
def loghost(settings):
    """A UDP syslog receiver on this machine, set as the second store."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(5)
    settings.JIANFU_AUDIT_ANCHOR_SYSLOG = f"udp://127.0.0.1:{sock.getsockname()[1]}"
    yield sock
    sock.close()


@pytest.mark.django_db
def test_every_anchor_line_also_reaches_the_syslog_host(world, anchor, loghost):
    _write(world, 2)
    entry = anchor_head(reason="daily")
    datagram = loghost.recv(4096)
    line = anchor.read_text().splitlines()[-1]
    assert datagram == PREFIX + line.encode() + b"\x00"
    assert json.loads(line) == entry
    assert (entry["count"], entry["digest"]) == (2, AuditChainHead.objects.get().digest)


@pytest.mark.django_db
def test_a_second_store_that_cannot_be_reached_is_an_error_not_a_silence(world, anchor, settings):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()   # nothing listens there now: a TCP connection is refused
    settings.JIANFU_AUDIT_ANCHOR_SYSLOG = f"tcp://127.0.0.1:{port}"
    _write(world, 1)
    with pytest.raises(OSError):
        anchor_head(reason="daily")
    # the file, the first store, has the line all the same
    assert [json.loads(x)["count"] for x in anchor.read_text().splitlines()] == [1]


def test_no_second_store_sends_nothing_and_a_bad_address_is_refused(settings):
    settings.JIANFU_AUDIT_ANCHOR_SYSLOG = ""
    assert send_anchor_to_syslog('{"count": 1}') is False
    with pytest.raises(ValueError):
        send_anchor_to_syslog('{"count": 1}', target="loghost:514")
    with pytest.raises(ValueError):
        send_anchor_to_syslog('{"count": 1}', target="udp://loghost")


@pytest.mark.django_db
def test_audit_verify_checks_the_chain_against_the_syslog_hosts_copy(world, anchor, loghost, tmp_path, capsys):
    _write(world, 3)
    anchor_head(reason="daily")
    # what rsyslog on the log host writes: its own time and host before the message
    message = loghost.recv(4096).removeprefix(b"<84>").rstrip(b"\x00").decode()
    copy = tmp_path / "loghost-jianfu-anchor.log"
    copy.write_text(f"2026-12-03T07:00:00+08:00 jianfu-web1 {message}\n", encoding="utf-8")
    anchor.unlink()   # the local file is gone (or was rewritten): the copy alone still vouches
    call_command("audit_verify", anchors=str(copy))
    assert "审计链完整：3 条记录" in capsys.readouterr().out
    # someone with the key rewrites record 2 and reseals: the copy on the log host catches it
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET action = 'test.rewritten' WHERE seq = 2")
    reseal_chain()
    with pytest.raises(CommandError):
        call_command("audit_verify", anchors=str(copy))
    assert "外部锚点不符：第 3 条记录的摘要不同" in capsys.readouterr().err

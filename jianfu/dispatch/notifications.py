"""Outbound notifications through one interface.

`notify(...)` stores a `Notification` row (so nothing is lost when a channel is down) and the worker
calls `deliver(notification)`, which hands it to the backend of its channel:

- email: Django's email backend (settings.EMAIL_BACKEND — file, SMTP, console …), working out of the box;
- sending is claimed first (a conditional UPDATE to `sending` with a lease), so two workers never send
  the same message; a worker killed between sending and recording leaves the claim to lapse and the
  message is sent once more carrying the same Message-ID / Idempotency-Key, so the receiver can drop
  the copy (no channel offers exactly-once delivery; this is the at-least-once end of it);
- SMS and webhook: pluggable. `settings.JIANFU_NOTIFY_BACKENDS = {"sms": "dotted.path.Class", ...}`;
  a backend is a class with `send(notification) -> None` that raises on failure. The default webhook
  backend POSTs JSON; the default SMS backend refuses until a provider is configured (a county buys
  SMS from its own carrier, so none is bundled).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from jianfu.core import crypto, outbound
from jianfu.dispatch.models import Event, Notification

CONTACT_PURPOSE = "dispatch.event.reporter_contact"

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
CLAIM_LEASE = timedelta(minutes=5)


def message_id(notification: Notification) -> str:
    """The same id on every attempt at one message, so a repeat after a crash can be recognised."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(">") or "localhost"
    return f"<jianfu-notification-{notification.pk}@{domain}>"


class NotificationBackend:
    def send(self, notification: Notification) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class EmailBackend(NotificationBackend):
    def send(self, notification: Notification) -> None:
        EmailMessage(notification.subject, notification.body, settings.DEFAULT_FROM_EMAIL, [notification.recipient],
                     headers={"Message-ID": message_id(notification)}).send(fail_silently=False)


class WebhookBackend(NotificationBackend):
    timeout = 5

    def send(self, notification: Notification) -> None:
        if not notification.recipient.startswith(("https://", "http://")):
            raise ValueError("webhook recipient must be an http(s) URL")
        payload = json.dumps({"subject": notification.subject, "body": notification.body,
                              "event_id": notification.event_id, "org_code": notification.org_code},
                             ensure_ascii=False).encode()
        # security35 #2: the address is checked again here (and the socket's peer at connect), no redirect followed
        status = outbound.post(notification.recipient, payload, timeout=self.timeout,
                               headers={"Content-Type": "application/json; charset=utf-8",
                                        "Idempotency-Key": message_id(notification).strip("<>")})
        if status >= 300:
            raise RuntimeError(f"webhook answered {status}")


class UnconfiguredSmsBackend(NotificationBackend):
    def send(self, notification: Notification) -> None:
        raise RuntimeError("未配置短信通道（settings.JIANFU_NOTIFY_BACKENDS['sms']）")


class MemoryBackend(NotificationBackend):
    """For tests and demos: keeps what it was asked to send."""

    outbox: list[Notification] = []

    def send(self, notification: Notification) -> None:
        MemoryBackend.outbox.append(notification)


DEFAULT_BACKENDS: dict[str, str] = {
    Notification.Channel.EMAIL: "jianfu.dispatch.notifications.EmailBackend",
    Notification.Channel.SMS: "jianfu.dispatch.notifications.UnconfiguredSmsBackend",
    Notification.Channel.WEBHOOK: "jianfu.dispatch.notifications.WebhookBackend",
}


def backend_for(channel: str) -> NotificationBackend:
    configured = getattr(settings, "JIANFU_NOTIFY_BACKENDS", {}) or {}
    path = configured.get(channel) or DEFAULT_BACKENDS[channel]
    backend: NotificationBackend = import_string(path)()
    return backend


def notify(*, channel: str, recipient: str, subject: str, body: str, org_code: str = "", event: Event | None = None,
           dedupe_key: str | None = None) -> Notification | None:
    """Queue one message. With a `dedupe_key` the same message is never queued twice."""
    if not recipient:
        return None
    if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():   # a savepoint: a lost race below leaves the caller's transaction usable
            return Notification.objects.create(channel=channel, recipient=recipient[:300], subject=subject[:200],
                                               body=body, org_code=org_code, event=event, dedupe_key=dedupe_key)
    except IntegrityError:
        if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
            return None   # stored meanwhile by a run of the same notice (a lost task's catch-up, badinput32 #2)
        raise


def _claimable(now: datetime) -> Q:
    return Q(state=Notification.State.PENDING) | Q(state=Notification.State.SENDING, claimed_until__lt=now)


def deliver(notification: Notification) -> bool:
    """Send one queued message; records the outcome. Returns True when sent (now or before)."""
    now = timezone.now()
    claimed = Notification.objects.filter(_claimable(now), pk=notification.pk).update(
        state=Notification.State.SENDING, claimed_until=now + CLAIM_LEASE)
    if not claimed:  # sent already, given up, or another worker holds it
        return Notification.objects.filter(pk=notification.pk, state=Notification.State.SENT).exists()
    mine = Notification.objects.filter(pk=notification.pk, state=Notification.State.SENDING)
    try:
        backend_for(notification.channel).send(notification)
    except Exception as exc:  # any channel failure is recorded and retried later
        log.warning("notification %s failed: %s", notification.pk, exc)
        attempts = notification.attempts + 1
        mine.update(attempts=attempts, error=str(exc)[:1000], claimed_until=None,
                    state=Notification.State.FAILED if attempts >= MAX_ATTEMPTS else Notification.State.PENDING)
        return False
    mine.update(state=Notification.State.SENT, sent_at=timezone.now(), attempts=notification.attempts + 1, error="",
                claimed_until=None)
    return True


def deliver_pending(limit: int = 500) -> int:
    """Send what is queued, and what a killed worker claimed and never finished."""
    sent = 0
    for notification in Notification.objects.filter(_claimable(timezone.now())).order_by("id")[:limit]:
        sent += deliver(notification)
    return sent


def recipients(*, department_code: str = "", unit_code: str = "", role: str = "") -> list[tuple[str, str]]:
    """Where messages for a department, or for the accounts of one role at one unit, go."""
    from django.contrib.auth import get_user_model

    from jianfu.dispatch.models import DepartmentProfile

    out: list[tuple[str, str]] = []
    User = get_user_model()
    if department_code:
        profile = DepartmentProfile.objects.filter(org_code=department_code).first()
        if profile is not None:
            out += [(Notification.Channel.EMAIL, profile.notify_email), (Notification.Channel.SMS, profile.notify_sms),
                    (Notification.Channel.WEBHOOK, profile.notify_webhook)]
        out += [(Notification.Channel.EMAIL, e) for e in User.objects.filter(
            org_unit__code=department_code, is_active=True).exclude(email="").values_list("email", flat=True)]
    if unit_code and role:
        out += [(Notification.Channel.EMAIL, e) for e in User.objects.filter(
            org_unit__code=unit_code, role=role, is_active=True).exclude(email="").values_list("email", flat=True)]
    seen, unique = set(), []
    for channel, address in out:
        if address and (channel, address) not in seen:
            seen.add((channel, address))
            unique.append((channel, address))
    return unique


def notify_many(targets: list[tuple[str, str]], *, subject: str, body: str, org_code: str = "", event: Event | None = None,
                dedupe: str | None = None) -> int:
    count = 0
    for channel, address in targets:
        key = f"{dedupe}:{channel}:{address}"[:120] if dedupe else None
        count += notify(channel=channel, recipient=address, subject=subject, body=body, org_code=org_code,
                        event=event, dedupe_key=key) is not None
    return count


def event_contact(event: Event) -> str:
    """The reporter's clear contact, for the notification task (no person sees it this way)."""
    return crypto.decrypt(event.reporter_contact_cipher, purpose=CONTACT_PURPOSE) if event.reporter_contact_cipher else ""

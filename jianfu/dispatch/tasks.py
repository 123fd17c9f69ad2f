"""Background work of 网格通 (huey). Tasks take ids and call services; they hold no logic."""

from __future__ import annotations

import datetime as dt
import logging
import re

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from jianfu.dispatch import escalation, heldphotos, notifications
from jianfu.dispatch.models import Event, PendingNotice, WhistleSummons
from jianfu.orgs.models import OrgUnit

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/5"))
def deadline_scan_task():
    """Reminders, escalation, overdue 报到 — idempotent, so a late or repeated run is harmless."""
    return escalation.deadline_scan().as_dict()


@db_periodic_task(crontab(minute="43"))
def held_photos_sweep_task():
    """Hourly: delete the photos kept across refused posts that are past their time, with their files (newuser23)."""
    return heldphotos.sweep()


@db_periodic_task(crontab(minute="*"))
def deliver_notifications_task():
    return notifications.deliver_pending()


@db_task()
def warm_router(version_id: int):
    """Fit (and cache on disk) the catalogue router of a newly published version, so the first
    event after publishing does not wait for it."""
    from jianfu.dispatch.models import CatalogueVersion
    from jianfu.dispatch.routing_bridge import router_for, router_pending_key

    version = CatalogueVersion.objects.filter(pk=version_id).first()
    if version is not None:
        try:
            router_for(version)
        finally:
            cache.delete(router_pending_key(version))    # 谁来办 may ask again (`catalogue_router_ready`)
    return version_id


@db_task()
def deliver_notification(notification_id: int):
    n = notifications.Notification.objects.filter(pk=notification_id).first()
    return notifications.deliver(n) if n is not None else False


@db_task()
def notify_event_task(kind: str, event_id: int, notice_id: int | None = None, **extra) -> None:
    """Scheduled by the services on commit (they pass ids only). Returns nothing, so huey stores no
    result nobody reads (one per event otherwise). Its `PendingNotice` is deleted once the messages are stored."""
    notify_event(kind, event_id, notice_id=notice_id, **extra)
    if notice_id is not None:
        PendingNotice.objects.filter(pk=notice_id).delete()


# A notice's task runs within seconds of its commit; one still pending after this was lost with a killed worker (or the
# queue lost it) and is run again. A run again while the first still goes (a backlog longer than this) stores nothing
# twice: the messages' dedupe keys name the notice, and `notifications.notify` takes a lost race as "already there".
NOTICE_LOST = dt.timedelta(minutes=2)


# A notice whose run again raises (a bug, bad data) is tried again on the next runs, then given up: deleted, with an
# ERROR line naming it. Its failed runs are counted in `PendingNotice.attempts` (fix-cr32b #7: one such notice, the
# first in id order, aborted every minute's loop and kept every later notice pending).
NOTICE_ATTEMPTS = 5


def pending_notices_run(*, now: dt.datetime | None = None, limit: int = 200) -> int:
    """The notices whose task was lost: each run again (`notify_event`), then deleted; how many were sent. One that
    raises is logged, its attempt counted (given up at NOTICE_ATTEMPTS) and its writes rolled back; the rest still run."""
    late = (now or timezone.now()) - NOTICE_LOST
    done = 0
    for notice in PendingNotice.objects.filter(created_at__lt=late)[:limit]:
        try:
            with transaction.atomic():
                notify_event(notice.kind, notice.event_id, notice_id=notice.pk, **notice.extra)
        except Exception:
            attempts = notice.attempts + 1
            if attempts >= NOTICE_ATTEMPTS:
                log.exception("pending notice %s (%s of event %s) failed %s times: given up", notice.pk, notice.kind,
                              notice.event_id, attempts)
                PendingNotice.objects.filter(pk=notice.pk).delete()
            else:
                log.exception("pending notice %s (%s of event %s) failed (attempt %s of %s)", notice.pk, notice.kind,
                              notice.event_id, attempts, NOTICE_ATTEMPTS)
                PendingNotice.objects.filter(pk=notice.pk).update(attempts=attempts)
            continue
        PendingNotice.objects.filter(pk=notice.pk).delete()
        done += 1
    return done


@db_periodic_task(crontab(minute="*"))
def pending_notices_task() -> int:
    """Every minute: the messages of event changes whose notify task a killed worker lost (badinput32 #2)."""
    return pending_notices_run()


def _reporter_targets(event) -> list[tuple[str, str]]:
    """The reporter's e-mail (from the contact they left, or their account), if any."""
    found = re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", notifications.event_contact(event))
    contact = found.group(0) if found else ""  # Open311 stores "phone email" together
    email = contact or (event.reporter.email if event.reporter_id and event.reporter.email else "")
    return [(notifications.Notification.Channel.EMAIL, email)] if email else []


def _transfer_lines(event, transfer: dict | None = None) -> str:
    """What the department an event was transferred to reads first (dispatch33; newuser32a): who transferred it, why,
    and the deadline it now has — "新派发事件" alone read like a first dispatch from the county office. `transfer` is
    the transfer's own values stored with its notice at commit (fixcr33c); a notice stored before has none, and the
    latest transfer is read."""
    from django.utils.translation import gettext as _

    if transfer:
        from_name = OrgUnit.objects.filter(code=transfer["from"]).values_list("name", flat=True).first()
        return "\n".join([
            _("由%(from)s转派至本部门，转派人：%(who)s") % {"from": from_name or transfer["from"] or "—",
                                                 "who": transfer["who"] or from_name or "—"},
            _("转派理由：%(r)s") % {"r": transfer["reason"][:500]},
            _("办理期限：%(due)s") % {"due": transfer["due"] or "—"},
        ])
    entry = (event.timeline.filter(action="transfer").order_by("-at", "-id").values("actor_label", "note", "data")
             .first() or {"actor_label": "", "note": "", "data": {}})
    data = entry["data"] or {}
    from_name = OrgUnit.objects.filter(code=data.get("from", "")).values_list("name", flat=True).first()
    who = entry["actor_label"] or from_name or "—"
    # an entry written before dispatch33 has no "reason": its note ("由A转派至B：…") says it
    reason = data.get("reason") or entry["note"].partition("：")[2] or entry["note"]
    due = timezone.localtime(event.due_at).strftime("%Y-%m-%d %H:%M") if event.due_at else "—"
    return "\n".join([
        _("由%(from)s转派至本部门，转派人：%(who)s") % {"from": from_name or data.get("from", "—"), "who": who},
        _("转派理由：%(r)s") % {"r": reason[:500]},
        _("办理期限：%(due)s") % {"due": due},
    ])


def notify_event(kind: str, event_id: int, notice_id: int | None = None, **extra) -> int:
    """Queue the messages one event change causes (run by `notify_event_task`, which the services
    schedule on commit), then send them in the background. With the change's `notice_id` (a `PendingNotice`) the
    dedupe keys name it, so running it again after a killed worker stores no message twice, whatever changed since."""
    from django.utils.translation import gettext as _

    from jianfu.accounts.roles import Role

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    number = event.number
    stamp = f"n{notice_id}" if notice_id is not None else f"{event.updated_at.timestamp():.0f}"
    targets: list[tuple[str, str]] = []
    if kind in ("dispatched", "reopened"):
        targets = notifications.recipients(department_code=event.department_code)
        subject = (_("新派发事件 %(n)s") if kind == "dispatched" else _("事件 %(n)s 被重新办理")) % {"n": number}
    elif kind == "transferred":
        # the department this transfer went to, not the one the event is at when the notice is sent (fixcr33c)
        targets = notifications.recipients(department_code=(extra.get("transfer") or {}).get("to")
                                           or event.department_code)
        subject = _("转派事件 %(n)s") % {"n": number}
    elif kind == "queued":
        targets = notifications.recipients(unit_code=event.county_code, role=Role.COUNTY_OFFICE)
        subject = _("事件 %(n)s 待人工分派") % {"n": number}
    elif kind == "resolved":
        targets = _reporter_targets(event)
        subject = _("您反映的事件 %(n)s 已办结，请评价") % {"n": number}
    elif kind == "whistle":
        codes = WhistleSummons.objects.filter(whistle_id=extra.get("whistle_id")).values_list("department_code", flat=True)
        for code in codes:
            targets += notifications.recipients(department_code=code)
        subject = _("吹哨报到：事件 %(n)s 请按时报到") % {"n": number}
    else:
        return 0
    body = f"{subject}\n\n{event.text[:500]}"
    if kind == "transferred":
        body = f"{subject}\n\n{_transfer_lines(event, extra.get('transfer'))}\n\n{event.text[:500]}"
    reason = ""
    if kind == "reopened":  # both the department and the reporter are told why
        reason = (event.timeline.filter(action="reopen").order_by("-at", "-id").values_list("note", flat=True).first()
                  or "")
        body += "\n\n" + _("重新办理的原因：%(r)s") % {"r": reason[:500]}
    count = notifications.notify_many(targets, subject=subject, body=body, org_code=event.org_code, event=event,
                                      dedupe=f"{kind}:{event.pk}:{stamp}")
    if kind == "reopened" and _reporter_targets(event):
        told = _("您反映的事件 %(n)s 已重新办理") % {"n": event.case_number or number}
        count += notifications.notify_many(
            _reporter_targets(event), subject=told, body=f"{told}。\n" + _("原因：%(r)s") % {"r": reason[:500]},
            org_code=event.org_code, event=event,
            dedupe=f"reopened-reporter:{event.pk}:{stamp}")
    if count:
        # queued once the messages are committed: `pending_notices_run` calls this inside `atomic`, and a worker
        # that took the task before the commit found no row (fixcr33b L4: sent only by the next minute's sweep)
        pending = list(notifications.Notification.objects.filter(event=event, state="pending")
                       .values_list("pk", flat=True))
        transaction.on_commit(lambda: [deliver_notification(n) for n in pending])
    return count

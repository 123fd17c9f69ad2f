"""The deadline scan: reminders, escalation to the township then the county office, overdue 报到.

Run every few minutes by the worker (`tasks.deadline_scan_task`) and safe to run at any time, as often
as you like, from any number of workers:

- *set-based*: each step reads only rows that are due, through partial indexes on open events, in
  chunks — the cost follows what is due, not the size of the table;
- *idempotent*: each step moves a row only `WHERE` it has not been moved yet (`reminded = false`,
  `escalation_level < n`), inside the chunk's transaction with the rows locked (PostgreSQL
  `FOR UPDATE SKIP LOCKED`; SQLite serialises write transactions), so two workers or a rerun never
  escalate twice;
- *catching up*: the levels are computed from the clock, so after the worker was down for a week
  one run brings every event to the level it should have, recording each level it passes exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.core.audit import audit_record
from jianfu.dispatch.deadlines import ESCALATION_COUNTY, ESCALATION_TOWN
from jianfu.dispatch.models import Event, Notification, TimelineEntry, WhistleSummons
from jianfu.dispatch.workflow import CLOCK_STATUSES

CHUNK = 2000
CLOCK = [s.value for s in CLOCK_STATUSES]
# The status condition as SQL *literals*, identical to the partial indexes' WHERE clause: with bound
# parameters SQLite cannot prove the index applies and scans the whole table (measured: 1M rows).
ON_CLOCK = RawSQL(  # noqa: S611 - constants from workflow.py, no user input
    '"dispatch_event"."status" IN (' + ", ".join(f"'{s}'" for s in CLOCK) + ")", [],
                  output_field=BooleanField())


@dataclass
class ScanResult:
    reminded: int = 0
    escalated_town: int = 0
    escalated_county: int = 0
    whistles_overdue: int = 0
    event_ids: set[int] = field(default_factory=set)

    def as_dict(self) -> dict:
        return {"reminded": self.reminded, "escalated_town": self.escalated_town,
                "escalated_county": self.escalated_county, "whistles_overdue": self.whistles_overdue}


def _lock_rows(qs) -> list[tuple]:
    """Up to CHUNK due rows (id, org_code, department_code, due_at), locked on PostgreSQL."""
    if connection.vendor == "postgresql":
        qs = qs.select_for_update(skip_locked=True, of=("self",))
    return list(qs.values_list("id", "org_code", "department_code", "due_at")[:CHUNK])


def _step(*, base_qs, guard: dict, updates: dict, action: str, note: str, now, notify: str | None,
          result_attr: str, result: ScanResult, collect: bool) -> None:
    while True:
        with transaction.atomic():
            rows = _lock_rows(base_qs.order_by())
            if not rows:
                return
            moved = Event.objects.filter(id__in=[r[0] for r in rows], **guard).update(updated_at=now, **updates)
            if moved != len(rows):  # cannot happen inside the locked chunk; refuse to write a partial record
                raise RuntimeError("deadline scan raced with itself")
            TimelineEntry.objects.bulk_create([
                TimelineEntry(event_id=eid, org_code=org, at=now, actor_label=_("系统"), action=action,
                              note=note, public=False, data={"due_at": due.isoformat() if due else None})
                for eid, org, _dept, due in rows], batch_size=1000)
            if notify:
                _queue_notifications(rows, notify=notify, action=action, note=note)
            audit_record(actor=None, action=f"dispatch.deadline.{action}", object_type="dispatch.event",
                         object_id=f"{rows[0][0]}..{rows[-1][0]}", object_repr=f"{len(rows)} 件事件",
                         changes={"count": len(rows), "ids": [r[0] for r in rows][:50]})
            setattr(result, result_attr, getattr(result, result_attr) + len(rows))
            if collect:
                result.event_ids.update(r[0] for r in rows)
        if len(rows) < CHUNK:
            return


def _queue_notifications(rows, *, notify: str, action: str, note: str) -> None:
    """One message per event and recipient; recipients looked up once per unit/department per chunk."""
    from jianfu.accounts.roles import Role
    from jianfu.dispatch.notifications import recipients

    cache: dict[str, list] = {}
    batch = []
    for eid, org, dept, due in rows:
        if notify == "department":
            key, kwargs = dept, {"department_code": dept}
        elif notify == "town":
            key = org[:9].ljust(12, "0")
            kwargs = {"unit_code": key, "role": Role.TOWNSHIP}
        else:
            key = org[:6].ljust(12, "0")
            kwargs = {"unit_code": key, "role": Role.COUNTY_OFFICE}
        if key not in cache:
            cache[key] = recipients(**kwargs) if key else []
        number = f"WG{eid:08d}"
        for channel, address in cache[key]:
            batch.append(Notification(org_code=org, event_id=eid, channel=channel, recipient=address,
                                      subject=f"{number} {note}"[:200], body=f"{number}: {note}",
                                      dedupe_key=f"{action}:{eid}:{int(due.timestamp()) if due else 0}:{channel}:{address}"[:120]))
    if batch:
        Notification.objects.bulk_create(batch, batch_size=1000, ignore_conflicts=True)


def deadline_scan(*, now=None, collect_ids: bool = False) -> ScanResult:
    now = now or timezone.now()
    result = ScanResult()
    # the reminder says what is true when it is sent: a scan that runs late (or an event dispatched with
    # little time left) finds the deadline already past, and "将至" would then be wrong
    _step(base_qs=Event.objects.filter(ON_CLOCK, reminded=False, remind_at__lte=now).exclude(due_at__lt=now),
          guard={"reminded": False}, updates={"reminded": True}, action="remind",
          note=_("办理期限将至，请抓紧办理。"), now=now, notify="department", result_attr="reminded",
          result=result, collect=collect_ids)
    _step(base_qs=Event.objects.filter(ON_CLOCK, reminded=False, remind_at__lte=now, due_at__lt=now),
          guard={"reminded": False}, updates={"reminded": True}, action="remind",
          note=_("已超过办理期限（已逾期），请尽快办理。"), now=now, notify="department", result_attr="reminded",
          result=result, collect=collect_ids)
    _step(base_qs=Event.objects.filter(ON_CLOCK, escalation_level__lt=ESCALATION_TOWN, due_at__lt=now),
          guard={"escalation_level__lt": ESCALATION_TOWN},
          updates={"escalation_level": ESCALATION_TOWN, "was_overdue": True}, action="escalate_town",
          note=_("已超过办理期限，升级至乡镇（街道）督办。"), now=now, notify="town",
          result_attr="escalated_town", result=result, collect=collect_ids)
    _step(base_qs=Event.objects.filter(ON_CLOCK, escalation_level__lt=ESCALATION_COUNTY,
                                       county_escalation_at__lt=now),
          guard={"escalation_level__lt": ESCALATION_COUNTY},
          updates={"escalation_level": ESCALATION_COUNTY, "was_overdue": True}, action="escalate_county",
          note=_("超期未办结，升级至县指挥中心督办。"), now=now, notify="county",
          result_attr="escalated_county", result=result, collect=collect_ids)
    result.whistles_overdue = _whistle_scan(now)
    return result


def _whistle_scan(now) -> int:
    total = 0
    while True:
        with transaction.atomic():
            # an event resolved already needs no joint handling (a reopened one is scanned again)
            qs = WhistleSummons.objects.filter(checked_in_at__isnull=True, escalated_at__isnull=True,
                                               whistle__checkin_deadline__lt=now, whistle__closed_at__isnull=True,
                                               whistle__event__resolved_at__isnull=True)
            if connection.vendor == "postgresql":
                qs = qs.select_for_update(skip_locked=True, of=("self",))
            rows = list(qs.order_by().values_list("id", "department_code", "whistle__event_id",
                                                  "whistle__event__org_code")[:CHUNK])
            if not rows:
                return total
            WhistleSummons.objects.filter(id__in=[r[0] for r in rows], escalated_at__isnull=True).update(escalated_at=now)
            from jianfu.orgs.models import OrgUnit

            names = dict(OrgUnit.objects.filter(code__in={r[1] for r in rows}).values_list("code", "name"))
            TimelineEntry.objects.bulk_create([
                TimelineEntry(event_id=eid, org_code=org, at=now, actor_label=_("系统"), action="whistle_overdue",
                              note=_("%(dept)s超时未报到，已报县指挥中心督办。") % {"dept": names.get(dept, dept)},
                              public=False, data={"summons": sid, "department": dept})
                for sid, dept, eid, org in rows])
            audit_record(actor=None, action="dispatch.deadline.whistle_overdue", object_type="dispatch.whistlesummons",
                         object_id=str(rows[0][0]), object_repr=f"{len(rows)} summons",
                         changes={"ids": [r[0] for r in rows][:50]})
            total += len(rows)
        if len(rows) < CHUNK:
            return total

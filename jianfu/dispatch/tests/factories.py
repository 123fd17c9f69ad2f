"""Events in a given state, written straight to the database (for tests of reads and refusals)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jianfu.dispatch.models import Event, Source
from jianfu.dispatch.workflow import Status

FORESTRY = "450521000000D02"
HOUSING = "450521000000D01"


def event_in(world, *, org: str = "450521200206001", department: str = FORESTRY, status: str = Status.DISPATCHED,
             text: str = "村民反映后山林地界线纠纷", due_in_hours: float | None = 48, **fields) -> Event:
    now = timezone.now()
    values = {
        "org_code": org, "county_code": org[:6].ljust(12, "0"), "text": text, "status": status,
        "source": Source.GRID, "department_code": department if status != Status.REPORTED else "",
        "reporter": world.users["grid_a"], "reporter_name": "网格员甲",
        "dispatched_at": now if status != Status.REPORTED else None,
        "due_at": now + dt.timedelta(hours=due_in_hours) if due_in_hours is not None and status != Status.REPORTED
        else None,
    }
    if status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED):
        values["accepted_at"] = now
    if status in (Status.RESOLVED, Status.CLOSED):
        values["resolved_at"] = now
        values["resolution"] = "已现场调解"
    values.update(fields)
    return Event.objects.create(**values)


def snapshot(event: Event) -> tuple:
    event = Event.objects.get(pk=event.pk)
    return (event.status, event.department_code, event.timeline.count(), event.escalation_level,
            event.feedback.count(), event.ratings.count(), event.whistles.count(), event.merged_into_id,
            event.suspected_duplicate_of_id)

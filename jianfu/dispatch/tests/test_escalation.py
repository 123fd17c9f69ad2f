"""The deadline scan: reminders, escalation town → county, overdue 报到; idempotent and catching up."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jianfu.core.models import AuditRecord
from jianfu.dispatch import services
from jianfu.dispatch.escalation import deadline_scan
from jianfu.dispatch.models import DepartmentProfile, Event, Notification, TimelineEntry, WhistleSummons
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status


def _clock(world, *, due_in_hours, county_in_hours, remind_in_hours=None, status=Status.ACCEPTED):
    now = timezone.now()
    return event_in(world, status=status, due_in_hours=due_in_hours,
                    county_escalation_at=now + dt.timedelta(hours=county_in_hours),
                    remind_at=now + dt.timedelta(hours=remind_in_hours if remind_in_hours is not None else due_in_hours - 1))


def test_overdue_goes_to_the_township_once(world):
    DepartmentProfile.objects.create(org_code=FORESTRY, notify_email="ly@example.cn")
    world.users["town_quzhang"].email = "town@example.cn"
    world.users["town_quzhang"].save()
    overdue = _clock(world, due_in_hours=-1, county_in_hours=40)
    fine = _clock(world, due_in_hours=30, county_in_hours=80)
    first = deadline_scan()
    assert first.as_dict() == {"reminded": 1, "escalated_town": 1, "escalated_county": 0, "whistles_overdue": 0}
    overdue.refresh_from_db()
    fine.refresh_from_db()
    assert (overdue.escalation_level, overdue.was_overdue, overdue.reminded) == (1, True, True)
    assert (fine.escalation_level, fine.reminded) == (0, False)
    assert list(TimelineEntry.objects.filter(event=overdue).values_list("action", flat=True).order_by("id")) == [
        "remind", "escalate_town"]
    assert sorted(Notification.objects.values_list("recipient", "subject")) == [
        ("ly@example.cn", f"{overdue.number} 已超过办理期限（已逾期），请尽快办理。"),  # not "将至": it is past
        ("town@example.cn", f"{overdue.number} 已超过办理期限，升级至乡镇（街道）督办。")]
    # a second run (or a second worker) changes nothing
    again = deadline_scan()
    assert again.as_dict() == {"reminded": 0, "escalated_town": 0, "escalated_county": 0, "whistles_overdue": 0}
    assert TimelineEntry.objects.filter(event=overdue).count() == 2
    assert Notification.objects.count() == 2


def test_catch_up_after_downtime_records_each_level_exactly_once(world):
    # the worker was down: the event is past both the due time and the county escalation time
    event = _clock(world, due_in_hours=-200, county_in_hours=-100)
    result = deadline_scan()
    assert (result.escalated_town, result.escalated_county) == (1, 1)
    event.refresh_from_db()
    assert event.escalation_level == 2
    actions = list(TimelineEntry.objects.filter(event=event).values_list("action", flat=True).order_by("id"))
    assert actions == ["remind", "escalate_town", "escalate_county"]
    for _ in range(3):
        assert deadline_scan().as_dict()["escalated_county"] == 0
    assert TimelineEntry.objects.filter(event=event).count() == 3
    assert AuditRecord.objects.filter(action="dispatch.deadline.escalate_county").count() == 1


def test_scan_with_an_explicit_clock_is_deterministic(world):
    event = _clock(world, due_in_hours=10, county_in_hours=60)
    assert deadline_scan(now=timezone.now()).escalated_town == 0
    assert deadline_scan(now=timezone.now() + dt.timedelta(hours=11)).escalated_town == 1
    assert deadline_scan(now=timezone.now() + dt.timedelta(hours=61)).escalated_county == 1
    event.refresh_from_db()
    assert event.escalation_level == 2


def test_closed_and_waiting_events_are_not_escalated(world):
    resolved = _clock(world, due_in_hours=-5, county_in_hours=-2, status=Status.RESOLVED)
    assert deadline_scan().as_dict() == {"reminded": 0, "escalated_town": 0, "escalated_county": 0,
                                         "whistles_overdue": 0}
    assert Event.objects.get(pk=resolved.pk).escalation_level == 0


def test_whistle_overdue_checkin_escalates_once(world):
    event = event_in(world, status=Status.ACCEPTED)
    whistle = services.whistle_blow(actor=world.users["town_quzhang"], event=event,
                                    department_codes=[FORESTRY, HOUSING], reason="林地纠纷涉及房屋建设，需联合处置",
                                    checkin_hours=2)
    housing = WhistleSummons.objects.get(whistle=whistle, department_code=HOUSING)
    services.whistle_checkin(actor=world.users["dept_housing"], summons=housing, part="核查房屋建设手续")
    later = timezone.now() + dt.timedelta(hours=3)
    assert deadline_scan(now=later).whistles_overdue == 1
    assert deadline_scan(now=later).whistles_overdue == 0
    forestry = WhistleSummons.objects.get(whistle=whistle, department_code=FORESTRY)
    assert forestry.escalated_at is not None
    assert WhistleSummons.objects.get(pk=housing.pk).escalated_at is None
    note = TimelineEntry.objects.get(event=event, action="whistle_overdue").note
    assert note == "林业局超时未报到，已报县指挥中心督办。"


def test_a_resolved_events_unreported_summons_is_not_escalated(world):
    # session 9 (ux-a): 办结 with a stated reason left the summons open, and the scan still sent it to the county
    event = event_in(world, department=FORESTRY, status=Status.ACCEPTED)
    services.whistle_blow(actor=world.users["town_quzhang"], event=event, department_codes=[HOUSING],
                          reason="林地纠纷涉及房屋建设，需联合处置", checkin_hours=2)
    services.event_resolve(actor=world.users["dept_forestry"], event=event, resolution="已现场处置完毕",
                           unreported_reason="住建局电话告知无需到场")
    later = timezone.now() + dt.timedelta(hours=3)
    assert deadline_scan(now=later).whistles_overdue == 0
    assert WhistleSummons.objects.get(whistle__event=event).escalated_at is None
    assert not TimelineEntry.objects.filter(event=event, action="whistle_overdue").exists()


def test_summoned_department_sees_the_event_only_through_the_whistle(world):
    from jianfu.dispatch import selectors

    event = event_in(world, department=FORESTRY, status=Status.ACCEPTED)
    assert list(selectors.event_list(user=world.users["dept_housing"])) == []
    services.whistle_blow(actor=world.users["town_quzhang"], event=event, department_codes=[HOUSING],
                          reason="需要住建部门到场核查", checkin_hours=24)
    assert list(selectors.event_list(user=world.users["dept_housing"]).values_list("pk", flat=True)) == [event.pk]


def test_a_reminder_before_the_deadline_says_it_is_near(world):
    DepartmentProfile.objects.create(org_code=FORESTRY, notify_email="ly@example.cn")
    near = _clock(world, due_in_hours=2, county_in_hours=40, remind_in_hours=-1)
    assert deadline_scan().as_dict()["reminded"] == 1
    assert list(Notification.objects.values_list("subject", flat=True)) == [f"{near.number} 办理期限将至，请抓紧办理。"]

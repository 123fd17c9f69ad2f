"""Issue 11 item 12: 申请延期, 转派, 协办, photos on 办结, the queue's reason, labelled timeline,
one rating form per rater, 吹哨 check-ins, the reopened event's reason shown to the reporter."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.models import AuditRecord
from jianfu.dispatch import access, deadlines, services
from jianfu.dispatch.models import Event, EventAssist, EventPhoto, ExtensionRequest, RoutingFeedback
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in, snapshot
from jianfu.dispatch.workflow import TRANSITIONS, Action, Status, timeline_label

pytestmark = pytest.mark.django_db
DUE = dt.datetime(2030, 1, 10, 9, 30, tzinfo=dt.UTC)  # 2030-01-10 17:30 in Beijing


def _jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 20, 20)).save(out, format="JPEG")
    return SimpleUploadedFile("done.jpg", out.getvalue(), content_type="image/jpeg")


def test_the_new_moves_are_rows_of_the_one_table():
    assert TRANSITIONS[(Action.EXTEND_REQUEST, Status.ACCEPTED)] == Status.ACCEPTED
    assert TRANSITIONS[(Action.TRANSFER, Status.IN_PROGRESS)] == Status.DISPATCHED
    assert (Action.EXTEND_REQUEST, Status.DISPATCHED) not in TRANSITIONS   # accept first
    assert (Action.TRANSFER, Status.RESOLVED) not in TRANSITIONS
    assert timeline_label("extend_approve") == "同意延期"
    assert timeline_label("whistle") == "吹哨"


def test_extension_request_then_approval_moves_the_deadline(world):
    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    dept, town = world.users["dept_forestry"], world.users["town_quzhang"]
    request = services.event_extension_request(actor=dept, event=event, workdays=3, reason="需等待林权鉴定结果")
    assert (request.state, request.workdays, request.old_due_at) == ("pending", 3, DUE)
    assert request.new_due_at == deadlines.due_at(DUE, workdays=3)  # three working days after the old deadline
    assert Event.objects.get(pk=event.pk).due_at == DUE  # nothing moves before the township decides
    with pytest.raises(ApplicationError, match="已有一份延期申请"):
        services.event_extension_request(actor=dept, event=event, workdays=2, reason="再申请一次")
    # the department cannot approve its own request
    with pytest.raises(PermissionDeniedError):
        services.event_extension_decide(actor=dept, event=event, approve=True)
    services.event_extension_decide(actor=town, event=event, approve=True, note="同意")
    event.refresh_from_db()
    # three working days after Thursday 10 January 2030: Tuesday the 15th, end of day in Beijing
    assert event.due_at == request.new_due_at == dt.datetime(2030, 1, 15, 15, 59, 59, tzinfo=dt.UTC)
    assert event.status == Status.ACCEPTED
    entry = event.timeline.get(action="extend_approve")
    assert entry.public and entry.note == "同意延期：办理期限由 2030-01-10 17:30 延至 2030-01-15 23:59。同意"
    assert AuditRecord.objects.filter(object_id=str(event.pk), action__in=[
        "dispatch.event.extend_request", "dispatch.event.extend_approve"]).count() == 2
    assert ExtensionRequest.objects.get(pk=request.pk).state == "approved"


def test_refusal_needs_a_reason_and_keeps_the_deadline(world):
    event = event_in(world, status=Status.IN_PROGRESS, due_at=DUE)
    services.event_extension_request(actor=world.users["dept_forestry"], event=event, workdays=5, reason="人手不足，请求延期")
    before = snapshot(event)
    with pytest.raises(ApplicationError, match="请填写审批意见"):
        services.event_extension_decide(actor=world.users["town_quzhang"], event=event, approve=False)
    assert snapshot(event) == before
    services.event_extension_decide(actor=world.users["town_quzhang"], event=event, approve=False, note="期限内可以完成")
    event.refresh_from_db()
    assert event.due_at == DUE
    assert list(event.extensions.values_list("state", "decision_note")) == [("refused", "期限内可以完成")]
    assert not event.timeline.get(action="extend_refuse").public


def test_extension_refused_in_the_wrong_state_or_out_of_range(world):
    dispatched = event_in(world, status=Status.DISPATCHED, due_at=DUE)
    with pytest.raises(ApplicationError, match="不能申请延期"):
        services.event_extension_request(actor=world.users["dept_forestry"], event=dispatched, workdays=3,
                                         reason="还没签收就延期")
    accepted = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    with pytest.raises(ApplicationError, match="1 到 30"):
        services.event_extension_request(actor=world.users["dept_forestry"], event=accepted, workdays=31,
                                         reason="需要很久很久")
    assert ExtensionRequest.objects.count() == 0


def test_transfer_hands_the_event_to_another_department_not_the_queue(world):
    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    services.event_transfer(actor=world.users["dept_forestry"], event=event, department_code=HOUSING,
                            reason="涉及房屋安全，属住建职责")
    event.refresh_from_db()
    assert (event.status, event.department_code, event.accepted_at) == (Status.DISPATCHED, HOUSING, None)
    assert event.due_at != DUE
    fb = RoutingFeedback.objects.get(event=event)
    assert (fb.kind, fb.predicted_department_code, fb.department_code) == ("correction", FORESTRY, HOUSING)
    # now the housing bureau handles it and forestry no longer sees it
    assert access.event_is_visible(world.users["dept_housing"], event)
    assert not access.event_is_visible(world.users["dept_forestry"], event)
    with pytest.raises(ApplicationError, match="不能转派给本部门"):
        services.event_transfer(actor=world.users["dept_housing"], event=event, department_code=HOUSING,
                                reason="转给自己试试")


def test_assist_lets_a_second_department_see_the_event(world):
    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    housing = world.users["dept_housing"]
    assert not access.event_is_visible(housing, event)
    services.event_assist_invite(actor=world.users["dept_forestry"], event=event, department_code=HOUSING,
                                 note="核查林地上的违建")
    assert access.event_is_visible(housing, event)
    assert list(access.events_visible(Event.objects.all(), housing).values_list("pk", flat=True)) == [event.pk]
    event.refresh_from_db()
    assert (event.status, event.department_code, event.due_at) == (Status.ACCEPTED, FORESTRY, DUE)
    # an assisting department does not handle the event itself
    with pytest.raises(PermissionDeniedError):
        services.event_resolve(actor=housing, event=event, resolution="已处理")
    with pytest.raises(ApplicationError, match="已在协办"):
        services.event_assist_invite(actor=world.users["dept_forestry"], event=event, department_code=HOUSING,
                                     note="再邀请一次")
    assert EventAssist.objects.count() == 1


def test_resolve_with_photo_and_bad_photo_writes_nothing(world):
    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    dept = world.users["dept_forestry"]
    before = snapshot(event)
    bad = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    with pytest.raises(ApplicationError):
        services.event_resolve(actor=dept, event=event, resolution="已现场处理", photos=[bad])
    assert snapshot(event) == before and EventPhoto.objects.count() == 0
    services.event_resolve(actor=dept, event=event, resolution="已现场处理", photos=[_jpeg()])
    assert list(EventPhoto.objects.values_list("stage", "width", "height")) == [("resolve", 40, 30)]
    page = world.client("grid_a").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert 'id="resolve-photos"' in page and "办结照片" in page


def test_manual_queue_shows_the_returning_department_and_reason(world):
    event = event_in(world, status=Status.DISPATCHED, due_at=DUE)
    services.event_return(actor=world.users["dept_forestry"], event=event, reason="不属于林业部门职责")
    page = world.client("county_office").get("/dispatch/queue/").content.decode()
    assert "林业局退回</strong>：不属于林业部门职责" in page


def test_timeline_entries_are_labelled_and_ratings_offer_one_form(world):
    event = event_in(world, status=Status.RESOLVED, due_at=DUE)
    town = world.client("town_quzhang")
    page = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert 'id="id_rdept"' in page
    assert town.post(f"/dispatch/events/{event.pk}/rate/", {"score": "4", "department_code": FORESTRY}).status_code == 302
    page = town.get(f"/dispatch/events/{event.pk}/").content.decode()
    assert 'id="id_rdept"' not in page          # nobody left to rate: no second form
    assert "林业局：4 分" in page
    assert '<span class="badge badge-info">乡镇评价</span>' in page


def test_reopen_reason_reaches_the_reporter(world):
    event = event_in(world, status=Status.RESOLVED, due_at=DUE)
    services.event_reopen(actor=world.users["town_quzhang"], event=event, reason="回访：界桩仍未设立")
    page = world.client(None).get(f"/dispatch/public/track/{event.feedback_token}/").content.decode()
    assert "重新办理" in page and "回访：界桩仍未设立" in page


def test_whistle_shows_who_checked_in(world):
    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    whistle = services.whistle_blow(actor=world.users["town_quzhang"], event=event, department_codes=[HOUSING, FORESTRY],
                                    reason="需要联合处置林地纠纷")
    services.whistle_checkin(actor=world.users["dept_housing"], summons=whistle.summons.get(department_code=HOUSING))
    page = world.client("town_quzhang").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert "已报到 1/2" in page
    assert page.count('<span class="badge badge-ok">已报到</span>') == 1
    assert page.count('<span class="badge">未报到</span>') == 1


def test_api_extension_and_transfer(world):
    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    api = world.api_client("dept_forestry")
    r = api.post(f"/api/v1/dispatch/events/{event.pk}/extend/", {"workdays": 2, "reason": "等待检测报告"}, format="json")
    assert r.status_code == 200, r.content
    assert ExtensionRequest.objects.get(event=event).workdays == 2
    r = api.post(f"/api/v1/dispatch/events/{event.pk}/transfer/", {"department_code": HOUSING,
                                                                   "reason": "属住建部门职责"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "dispatched"
    assert Event.objects.get(pk=event.pk).department_code == HOUSING


def test_reopen_tells_the_reporter_why_by_mail(world, settings, django_capture_on_commit_callbacks):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    event = services.event_report(actor=None, text="村口路灯坏了一个多月", org_code="450521200206", source="citizen",
                                  reporter_contact="cunmin@example.cn")
    Event.objects.filter(pk=event.pk).update(status=Status.RESOLVED, department_code=FORESTRY)
    event.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_reopen(actor=world.users["town_quzhang"], event=event, reason="回访：路灯仍然不亮")
    to_reporter = [m for m in mail.outbox if m.to == ["cunmin@example.cn"]]
    assert [m.subject for m in to_reporter] == [f"您反映的事件 {event.case_number} 已重新办理"]
    assert "原因：回访：路灯仍然不亮" in to_reporter[0].body


def test_pending_extensions_wait_on_the_township_workbench(world):
    from jianfu.dispatch.workbench import todos

    event = event_in(world, status=Status.ACCEPTED, due_at=DUE)
    services.event_extension_request(actor=world.users["dept_forestry"], event=event, workdays=2, reason="等待检测报告")
    todo = [t for t in todos(world.users["town_quzhang"]) if t.title == "待审批的延期申请"]
    assert [(t.count, t.url) for t in todo] == [(1, "/dispatch/?extension=pending")]
    page = world.client("town_quzhang").get("/dispatch/?extension=pending").content.decode()
    assert event.number in page
    # another township's account sees nothing waiting
    assert [t for t in todos(world.users["village_a"]) if t.title == "待审批的延期申请"] == []


def test_the_township_workbench_counts_every_overdue_event_and_names_the_county_ones(world):
    """Session 12 (U19): "乡镇督办：超期事件 4" counted 县级督办 events too. The township chases every overdue event in
    its area (the county's escalation does not take it off its hands), so all are counted — the same events as the
    list the item opens — and the label says how many the county supervises."""
    from jianfu.dispatch.workbench import todos

    past = dt.datetime(2026, 1, 5, 2, tzinfo=dt.UTC)
    town_level = [event_in(world, status=Status.ACCEPTED, due_at=past, escalation_level=1) for _ in range(2)]
    county_level = [event_in(world, status=Status.IN_PROGRESS, due_at=past, escalation_level=2) for _ in range(2)]
    event_in(world, status=Status.ACCEPTED, due_at=DUE)                          # not due yet
    event_in(world, status=Status.RESOLVED, due_at=past, escalation_level=2)     # done: off the clock
    event_in(world, org="450521100001001", status=Status.ACCEPTED, due_at=past, escalation_level=2)  # 廉州镇's
    todo = [t for t in todos(world.users["town_quzhang"]) if t.url == "/dispatch/?overdue=1"]
    assert [(t.title, t.count) for t in todo] == [("超期事件（其中县级督办 2 件）", 4)]
    page = world.client("town_quzhang").get("/dispatch/?overdue=1").content.decode()
    assert all(e.number in page for e in town_level + county_level)
    for e in county_level:
        Event.objects.filter(pk=e.pk).update(status=Status.RESOLVED)
    todo = [t for t in todos(world.users["town_quzhang"]) if t.url == "/dispatch/?overdue=1"]
    assert [(t.title, t.count) for t in todo] == [("超期事件", 2)]

"""dispatch33: two page frictions newuser32a listed and dmend32 left — the reason boxes' 4-character minimum enforced
by the browser too (`minlength`, and 转派 says it beside its box as 延期 and 退回 do), and a 转派's message to the
receiving department that names who transferred it, why, and the new deadline (it read "新派发事件 WG…" and the
text, like a first dispatch)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jianfu.dispatch import services
from jianfu.dispatch.models import DepartmentProfile, Event, Notification
from jianfu.dispatch.tests.factories import FORESTRY, HOUSING, event_in
from jianfu.dispatch.workflow import Status

pytestmark = pytest.mark.django_db


def test_every_four_character_reason_box_says_its_minimum_and_the_browser_holds_it(world):
    event = event_in(world, status=Status.ACCEPTED)
    page = world.client("dept_forestry").get(f"/dispatch/events/{event.pk}/").content.decode()
    assert ('<textarea id="id_xreason" name="reason" minlength="4" maxlength="1000" required') in page
    assert ('<input id="id_reason" type="text" name="reason" minlength="4" maxlength="1000" required') in page
    assert ('<label for="id_treason">转派理由 <span class="muted min-len">（至少 4 个字）</span></label>'
            '<input id="id_treason" type="text" name="reason" minlength="4" maxlength="1000" required') in page


def test_a_transfer_tells_the_receiving_department_who_why_and_the_new_deadline(world, django_capture_on_commit_callbacks):
    DepartmentProfile.objects.create(org_code=HOUSING, notify_email="zj@example.cn")
    event = event_in(world, status=Status.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_transfer(actor=world.users["dept_forestry"], event=event, department_code=HOUSING,
                                reason="涉及房屋安全，属住建职责")
    event.refresh_from_db()
    assert event.due_at is not None
    due = timezone.localtime(event.due_at).strftime("%Y-%m-%d %H:%M")
    note = Notification.objects.get(event=event, recipient="zj@example.cn")
    who = world.users["dept_forestry"]
    label = f"林业局 {getattr(who, 'display_name', '') or who.username}"
    assert note.subject == f"转派事件 {event.number}"
    assert note.body == (f"转派事件 {event.number}\n\n"
                         f"由林业局转派至本部门，转派人：{label}\n"
                         "转派理由：涉及房屋安全，属住建职责\n"
                         f"办理期限：{due}\n\n"
                         f"{event.text[:500]}")


def test_two_quick_transfers_each_tell_their_own_department_their_own_transfer(world):
    """fixcr33c: the message read the latest transfer and the current department when it was sent: A→B→C in quick
    succession (here 林业局 → 住建局 → 林业局, the notices run late as `pending_notices_task` runs them) told C twice
    about B→C and B nothing. Each notice now carries its transfer's own values."""
    from jianfu.dispatch.models import PendingNotice
    from jianfu.dispatch.tasks import pending_notices_run

    DepartmentProfile.objects.create(org_code=HOUSING, notify_email="zj@example.cn")
    DepartmentProfile.objects.create(org_code=FORESTRY, notify_email="ly@example.cn")
    event = event_in(world, status=Status.ACCEPTED)
    services.event_transfer(actor=world.users["dept_forestry"], event=event, department_code=HOUSING,
                            reason="涉及房屋安全，属住建职责")
    first_due = timezone.localtime(Event.objects.get(pk=event.pk).due_at).strftime("%Y-%m-%d %H:%M")
    services.event_transfer(actor=world.users["dept_housing"], event=event, department_code=FORESTRY,
                            reason="现场核实为林地，属林业职责")
    second_due = timezone.localtime(Event.objects.get(pk=event.pk).due_at).strftime("%Y-%m-%d %H:%M")
    assert PendingNotice.objects.filter(event_id=event.pk, kind="transferred").count() == 2
    assert pending_notices_run(now=timezone.now() + dt.timedelta(hours=1)) == 2
    event.refresh_from_db()

    def lines(recipient):
        return [n.body.split("\n\n")[1] for n in Notification.objects.filter(event=event, recipient=recipient)]

    def label(username):
        user = world.users[username]
        return getattr(user, "display_name", "") or user.username

    assert lines("zj@example.cn") == [f"由林业局转派至本部门，转派人：林业局 {label('dept_forestry')}\n"
                                      f"转派理由：涉及房屋安全，属住建职责\n办理期限：{first_due}"]
    assert lines("ly@example.cn") == [f"由住房和城乡建设局转派至本部门，转派人：住房和城乡建设局 {label('dept_housing')}\n"
                                      f"转派理由：现场核实为林地，属林业职责\n办理期限：{second_due}"]

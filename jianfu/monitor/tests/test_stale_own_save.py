"""A stale monitor edit (a ledger row, a notice) names others' changes only, never the form's own earlier save
(mend19c #1, as mend19b #3 did for the registry).

An edit form posted again with the version it was opened with — back and 保存 again, or a double click whose two
posts both loaded the row before either saved — was refused (right: its version is no longer the row's) naming its
own first save as "对方修改了：会议时长（分钟）：“60”改为“90”（village_a，…）"."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.core.errors import ConflictError
from jianfu.core.models import AuditRecord
from jianfu.core.versioning import version_of
from jianfu.monitor import services
from jianfu.monitor.models import LedgerMeeting, Notice
from jianfu.monitor.tests.test_badinput16 import MEETING, _ledger_form

pytestmark = pytest.mark.django_db

YOURS = "您在打开表单之后已经保存过这条记录（可能是重复提交），本次没有保存。您填写的内容已保留，请核对后再次保存。"
OTHERS = "该记录已被他人修改（在您打开表单之后），本次没有保存。对方修改了："
KEPT = "。您填写的内容已保留，请核对后再次保存。"
NOTICE = {"title": "关于5起形式主义典型问题的通报", "issuer": "合浦县减负办", "date": "2026-11-20"}


def _at(record: AuditRecord) -> str:
    return timezone.localtime(record.created_at).strftime("%m-%d %H:%M")


def _colleague(world, username: str, like: str) -> User:
    """A second account of the same unit and role as `like` (another person, not another session)."""
    model = world.users[like]
    user = User(username=username, role=model.role, org_unit=model.org_unit)
    user.set_password("jianfu-test-password")
    user.save()
    return user


def _meeting(row) -> tuple:
    return LedgerMeeting.objects.values_list("title", "duration_minutes", "note", "updated_at").get(pk=row.pk)


def _notice(notice) -> tuple:
    return Notice.objects.values_list("title", "issuer", "batch", "body", "updated_at").get(pk=notice.pk)


def test_ledger_form_back_and_save_again_names_no_one(world):
    row = services.ledger_create(actor=world.users["village_a"], kind="meeting", data=MEETING)
    url = f"/monitor/ledgers/meeting/{row.pk}/edit/"
    client = world.client("village_a")
    form = _ledger_form(client.get(url))
    assert client.post(url, {**form, "duration_minutes": "90", "date": "2026-11-03"}).status_code == 302
    saved, audits = _meeting(row), AuditRecord.objects.count()
    r = client.post(url, {**form, "duration_minutes": "90", "date": "2026-11-03", "note": "补记"})
    assert r.status_code == 409
    assert r.context["error"].message == YOURS
    assert (_meeting(row), AuditRecord.objects.count()) == (saved, audits)
    assert saved[1:3] == (90, "")


def test_ledger_double_click_then_another_accounts_change_is_named_alone(world):
    actor, other = world.users["village_a"], _colleague(world, "village_a2", "village_a")
    row = services.ledger_create(actor=actor, kind="meeting", data=MEETING)
    opened = version_of(row)
    posted = {"duration_minutes": "90", "date": "2026-11-03"}
    services.ledger_update(actor=actor, kind="meeting", pk=row.pk, data=posted, version=opened)
    with pytest.raises(ConflictError) as exc:
        services.ledger_update(actor=actor, kind="meeting", pk=row.pk, data={**posted, "note": "补记"},
                               version=opened)
    assert (exc.value.message, exc.value.details["changes"]) == (YOURS, [])
    services.ledger_update(actor=other, kind="meeting", pk=row.pk, data={"duration_minutes": "120"})
    theirs = AuditRecord.objects.filter(action="monitor.meeting.update").latest("id")
    saved, audits = _meeting(row), AuditRecord.objects.count()
    with pytest.raises(ConflictError) as exc:
        services.ledger_update(actor=actor, kind="meeting", pk=row.pk, data={**posted, "note": "补记"},
                               version=opened)
    line = f"会议时长（分钟）：“90”改为“120”（village_a2，{_at(theirs)}）"
    assert exc.value.details["changes"] == [line]
    assert exc.value.message == f"{OTHERS}{line}{KEPT}"
    assert (_meeting(row), AuditRecord.objects.count()) == (saved, audits)
    assert saved[1:3] == (120, "")


def test_notice_form_back_and_save_again_names_no_one(world):
    notice = services.notice_create(actor=world.users["county_office"], data=NOTICE)
    url = f"/monitor/notices/{notice.pk}/edit/"
    client = world.client("county_office")
    form = client.get(url).context["form"]
    assert client.post(url, {**form, "issuer": "合浦县纪委监委", "date": "2026-11-21"}).status_code == 302
    saved, audits = _notice(notice), AuditRecord.objects.count()
    r = client.post(url, {**form, "issuer": "合浦县纪委监委", "date": "2026-11-21", "batch": "第三批"})
    assert r.status_code == 409
    assert r.context["error"].message == YOURS
    assert (_notice(notice), AuditRecord.objects.count()) == (saved, audits)
    assert saved[1:3] == ("合浦县纪委监委", "")


def test_notice_double_click_then_another_accounts_change_is_named_alone(world):
    actor, other = world.users["county_office"], _colleague(world, "county_office2", "county_office")
    notice = services.notice_create(actor=actor, data=NOTICE)
    opened = version_of(notice)
    posted = {**NOTICE, "issuer": "合浦县纪委监委", "date": "2026-11-21"}
    services.notice_update(actor=actor, pk=notice.pk, data=posted, version=opened)
    with pytest.raises(ConflictError) as exc:
        services.notice_update(actor=actor, pk=notice.pk, data={**posted, "batch": "第三批"}, version=opened)
    assert (exc.value.message, exc.value.details["changes"]) == (YOURS, [])
    services.notice_update(actor=other, pk=notice.pk, data={"title": "关于6起典型问题的通报"})
    theirs = AuditRecord.objects.filter(action="monitor.notice.update").latest("id")
    saved, audits = _notice(notice), AuditRecord.objects.count()
    with pytest.raises(ConflictError) as exc:
        services.notice_update(actor=actor, pk=notice.pk, data={**posted, "batch": "第三批"}, version=opened)
    line = f"标题：“关于5起形式主义典型问题的通报”改为“关于6起典型问题的通报”（county_office2，{_at(theirs)}）"
    assert exc.value.details["changes"] == [line]
    assert exc.value.message == f"{OTHERS}{line}{KEPT}"
    assert (_notice(notice), AuditRecord.objects.count()) == (saved, audits)
    assert saved[:3] == ("关于6起典型问题的通报", "合浦县纪委监委", "")

"""网格通 to-dos on each role's 工作台: what waits for this account, most urgent first."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability, Role
from jianfu.core.ui import Todo, Updates
from jianfu.dispatch import access, selectors
from jianfu.dispatch.models import Whistle
from jianfu.dispatch.workflow import CLOCK_STATUSES, Status


def todos(user) -> list[Todo]:
    if not access.is_staff_user(user):
        return []
    now = timezone.now()
    items: list[Todo] = []
    events = reverse("dispatch:event_list")
    dept = access.department_code(user)
    if dept:
        mine = selectors.event_list(user=user).filter(department_code=dept)
        n = mine.filter(status=Status.DISPATCHED).count()
        if n:
            items.append(Todo(_("待签收的事件"), f"{events}?status=dispatched&mine=1", n, "soon", "dispatch"))
        n = mine.filter(status__in=CLOCK_STATUSES, due_at__lt=now).count()
        if n:
            items.append(Todo(_("已超期的事件"), f"{events}?overdue=1&mine=1", n, "overdue", "dispatch"))
        # each count is its list's own filter, the department's own events (newuser32a #1: 待签收 3 opened 4 — an event
        # it was only summoned to among them — and 即将到期 opened every 处理中 event, not the ones near their deadline)
        n = selectors.event_list(user=user, due_soon=True).filter(department_code=dept).count()
        if n:
            items.append(Todo(_("即将到期的事件"), f"{events}?soon=1&mine=1", n, "soon", "dispatch"))
        n = selectors.summons_for(user=user).filter(checked_in_at__isnull=True).count()
        if n:
            items.append(Todo(_("吹哨待报到"), reverse("dispatch:whistle_list"), n,
                              "overdue" if selectors.summons_for(user=user).filter(
                                  checked_in_at__isnull=True, whistle__checkin_deadline__lt=now).exists() else "soon",
                              "dispatch"))
        return items
    if access.can(user, Capability.DISPATCH):
        n = selectors.event_list(user=user, queue=True).count()
        if n:
            items.append(Todo(_("待人工分派的事件"), reverse("dispatch:queue"), n, "soon", "dispatch"))
        n = selectors.event_list(user=user, statuses=CLOCK_STATUSES).filter(escalation_level__gte=2).count()
        if n:
            items.append(Todo(_("升级至县督办的事件"), f"{events}?overdue=1", n, "overdue", "dispatch"))
    if access.can(user, Capability.RATE_DEPARTMENTS):
        n = selectors.event_list(user=user, extension_pending=True).count()
        if n:
            items.append(Todo(_("待审批的延期申请"), f"{events}?extension=pending", n, "soon", "dispatch"))
    if user.role == Role.TOWNSHIP:
        # every overdue event of the township, whichever level supervises it (U19, session 12): one the county
        # took over (县级督办) is still the township's to chase, and the worse for it, so it is counted — and named,
        # since the label said 乡镇督办 while the list it opens held both. The count is the list's own filter.
        overdue = selectors.event_list(user=user, overdue=True)
        n = overdue.count()
        if n:
            county = overdue.filter(escalation_level__gte=2).count()
            title = (_("超期事件（其中县级督办 %(n)d 件）") % {"n": county}) if county else _("超期事件")
            items.append(Todo(title, f"{events}?overdue=1", n, "overdue", "dispatch"))
        whistles = Whistle.objects.filter(org_code=user.org_code, closed_at__isnull=True,
                                          summons__checked_in_at__isnull=True,
                                          checkin_deadline__lt=now).distinct().count()
        if whistles:
            items.append(Todo(_("有部门超时未报到的吹哨"), reverse("dispatch:whistle_list"), whistles, "overdue", "dispatch"))
        n = selectors.event_list(user=user, status=Status.RESOLVED).filter(ratings__isnull=True).count()
        if n:
            items.append(Todo(_("待评价部门办理情况"), f"{events}?status=resolved", n, "normal", "dispatch"))
    if user.role in (Role.GRID, Role.VILLAGE):
        n = selectors.event_list(user=user, status=Status.RESOLVED).filter(reporter=user).count()
        if n:
            items.append(Todo(_("已办结待确认的上报"), f"{events}?status=resolved", n, "normal", "dispatch"))
    return items


def updates(user) -> list[Updates]:
    """A grid worker's or village cadre's own reports whose status changed since they last opened them (U03)."""
    if getattr(user, "role", None) not in (Role.GRID, Role.VILLAGE) or not access.is_staff_user(user):
        return []
    count, rows = selectors.reporter_updates(user=user)
    if not count:
        return []
    for row in rows:
        row["url"] = reverse("dispatch:event_detail", args=[row.pop("event").pk])
    note = _("打开事件后，该提示即消失。") if count <= len(rows) else \
        _("只列出最近 %(n)d 件；打开事件后，该提示即消失。") % {"n": len(rows)}
    return [Updates(_("我上报的事件有新进展"), count, rows, note, "dispatch")]

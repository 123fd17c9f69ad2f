from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from jianfu.accounts.models import User
from jianfu.accounts.roles import Capability, Role
from jianfu.accounts.scoping import scope_for
from jianfu.core.models import AuditRecord


def user_list(*, user, query: str = ""):
    scope = scope_for(user)
    scope.require(Capability.ACCOUNTS_MANAGE)
    qs = User.objects.select_related("org_unit").order_by("username")
    if not scope.is_all:
        qs = scope.filter(qs, field="org_unit__code").exclude(role=Role.ADMIN)
    if query:
        qs = qs.filter(Q(username__icontains=query) | Q(display_name__icontains=query))
    return qs


def audit_list(*, user, query: str = "", action: str = "", org_code: str = "",
               date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Audit records the account may search: its subtree's records (and its own actions)."""
    scope = scope_for(user)
    scope.require(Capability.AUDIT_VIEW)
    qs = AuditRecord.objects.order_by("-id")
    if not scope.is_all:
        qs = qs.filter(scope.q(field="org_code") | Q(actor_id=user.pk))
    if query:
        qs = qs.filter(Q(actor_name__icontains=query) | Q(object_repr__icontains=query) | Q(object_id=query))
    if action:
        qs = qs.filter(action__startswith=action)
    if org_code:
        qs = qs.filter(org_code__startswith=org_code)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(created_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs

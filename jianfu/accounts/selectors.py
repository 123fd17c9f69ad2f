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
        # an account by its name too, now that the log shows names (newuser24 #1)
        named = User.objects.filter(display_name__icontains=query).values("pk")[:200]
        qs = qs.filter(Q(actor_name__icontains=query) | Q(actor_id__in=named) | Q(object_repr__icontains=query)
                       | Q(object_id=query))
    if action:
        qs = qs.filter(action__startswith=action)
    if org_code:
        qs = qs.filter(_unit_q(org_code.strip()))
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(created_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(created_at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs


def display_names(ids: set[int]) -> dict[int, str]:
    """The names of the accounts behind audit records ({id: display name}; accounts without one are left out)."""
    return dict(User.objects.filter(pk__in=ids).exclude(display_name="").values_list("pk", "display_name"))


def _unit_q(text: str) -> Q:
    """A unit as people write it: a code (its subtree, as before) or a name (曲木村委会, 林业局: the subtree of each
    unit of that name; none matches nothing)."""
    from jianfu.orgs.codes import significant_prefix
    from jianfu.orgs.models import OrgUnit

    if text[:1].isdigit():
        return Q(org_code__startswith=text)
    q = Q(pk__in=[])
    for code in OrgUnit.objects.filter(name=text).values_list("code", flat=True)[:50]:
        q |= Q(org_code__startswith=significant_prefix(code))   # a division's subtree; a department's own code
    return q


def field_staff_of(village_code: str):
    """The active grid workers and village cadres of one village (its own accounts and its grids'), for
    choosing who takes over a task there. The caller has already checked that the task is in its scope."""
    if len(village_code) != 12:
        return User.objects.none()
    return (User.objects.select_related("org_unit")
            .filter(is_active=True, org_unit__is_active=True)
            .filter(Q(role=Role.VILLAGE, org_unit__code=village_code)
                    | Q(role=Role.GRID, org_unit__kind="grid", org_unit__code__startswith=village_code))
            .order_by("org_unit__code", "display_name", "username"))

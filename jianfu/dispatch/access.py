"""Who may act on an event — built only on `jianfu.accounts.scoping.scope_for` and the role table.

- the place's hierarchy (`scope.covers(event.org_code)`) sees and, with the capability, acts;
- a department sees and handles what is addressed to it (`event.department_code`) or what it was
  summoned to by a whistle or invited to assist (协办) — nothing else, whatever its place in the
  code tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from jianfu.accounts.roles import Capability, Role
from jianfu.accounts.scoping import scope_for
from jianfu.core.errors import NotFoundError, PermissionDeniedError

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from jianfu.accounts.models import User
    from jianfu.dispatch.models import Event

# Who acts on an event: a signed-in account, the anonymous public (citizen's form, Open311), or nobody.
# The platform's own moves use `services.SYSTEM`, which no function here ever treats as staff.
Actor: TypeAlias = "User | AnonymousUser | None"


def is_staff_user(user: object) -> TypeGuard[User]:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "role", ""))


def can(user: Actor, capability: Capability) -> bool:
    return is_staff_user(user) and scope_for(user).can(capability)


def require(user: Actor, capability: Capability) -> None:
    if not can(user, capability):
        raise PermissionDeniedError(_("您没有执行此操作的权限。"), code="permission_denied")


def require_reporter(user: Actor) -> None:
    """The right to report an event, whatever its place: a staff account holds EVENT_REPORT, or is the county office
    or admin (who report anywhere in their scope). `event_report` checks the place's scope besides; the API checks
    this first, before the report's body and photos are read (security20 #1)."""
    if is_staff_user(user) and user.role not in (Role.ADMIN, Role.COUNTY_OFFICE):
        require(user, Capability.EVENT_REPORT)


def department_code(user: Actor) -> str:
    if not is_staff_user(user) or user.role != Role.DEPARTMENT:
        return ""
    return scope_for(user).department_code


def events_visible(qs: QuerySet[Event], user: Actor) -> QuerySet[Event]:
    """The events `user` may see: departments what is addressed to them, others their subtree."""
    if not is_staff_user(user):
        return qs.none()
    dept = department_code(user)
    if dept:
        from jianfu.dispatch.models import EventAssist, WhistleSummons

        # subqueries rather than joins: no duplicate rows, no DISTINCT over the whole list
        summoned = WhistleSummons.objects.filter(department_code=dept).values("whistle__event_id")
        assisting = EventAssist.objects.filter(department_code=dept).values("event_id")
        return qs.filter(Q(department_code=dept) | Q(pk__in=summoned) | Q(pk__in=assisting))
    return scope_for(user).filter(qs, field="org_code")


def covers(user: Actor, code: str) -> bool:
    return is_staff_user(user) and not department_code(user) and scope_for(user).covers(code)


def require_visible(user: Actor, event: Event) -> None:
    if not event_is_visible(user, event):
        raise NotFoundError(_("事件不存在或您无权查看。"), code="not_found")


def event_is_visible(user: Actor, event: Event) -> bool:
    if not is_staff_user(user):
        return False
    dept = department_code(user)
    if dept:
        if event.department_code == dept:
            return True
        from jianfu.dispatch.models import EventAssist, WhistleSummons

        return (WhistleSummons.objects.filter(whistle__event=event, department_code=dept).exists()
                or EventAssist.objects.filter(event=event, department_code=dept).exists())
    return scope_for(user).covers(event.org_code)


def require_department_of(user: Actor, event: Event) -> str:
    """The acting department's code, if `event` is addressed to it; a refusal otherwise."""
    require(user, Capability.EVENT_HANDLE)
    dept = department_code(user)
    if not dept or event.department_code != dept:
        if event_is_visible(user, event):
            raise PermissionDeniedError(_("该事件未派发给您所在部门，不能办理。"), code="not_addressed")
        raise NotFoundError(_("事件不存在或您无权查看。"), code="not_found")
    return dept


def require_covers(user: Actor, event: Event, capability: Capability) -> None:
    require_visible(user, event)
    require(user, capability)
    if not covers(user, event.org_code):
        raise PermissionDeniedError(_("该事件不在您的管辖范围内。"), code="out_of_scope")

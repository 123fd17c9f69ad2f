from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q, Sum
from django.http import HttpRequest
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


def _fields(parameter: str | list[str]) -> tuple[str, ...]:
    return (parameter,) if isinstance(parameter, str) else tuple(parameter)


def _parameter_limit(fields: tuple[str, ...]) -> int:
    """The failure limit of one of AXES_LOCKOUT_PARAMETERS (config/settings.py, security24 L3): the username's over
    every address (JIANFU_LOGIN_USERNAME_FAILURE_LIMIT), else the username + address pair's (JIANFU_LOGIN_FAILURE_LIMIT).
    axes itself compares one limit with the larger count (`lockout.axes_failure_limit`); a page saying how many tries
    are left or until when an account is locked needs each parameter's own."""
    pair = getattr(settings, "JIANFU_LOGIN_FAILURE_LIMIT", None)
    if pair is None:
        pair = settings.AXES_FAILURE_LIMIT if isinstance(settings.AXES_FAILURE_LIMIT, int) else 5
    if fields == ("username",):
        return getattr(settings, "JIANFU_LOGIN_USERNAME_FAILURE_LIMIT", pair)
    return pair


def account_locks(usernames: Iterable[str]) -> dict[str, dt.datetime | None]:
    """The accounts among `usernames` that django-axes refuses now, each with the time its lock ends (None: no
    cool-off configured, the lock lasts until someone unlocks it). Read from axes' own records by axes' own rule:
    for each lockout parameter that names the username (the username + address pair, the username over every
    address), the failures within the cool-off summed per value of that parameter; at that parameter's limit the
    account is locked. An address-only parameter locks an address, not an account, so it marks no one here."""
    from axes.helpers import get_cool_off, get_lockout_parameters
    from axes.models import AccessAttempt

    names = sorted(set(usernames))
    if not names:
        return {}
    cool_off = get_cool_off(None)
    rows = AccessAttempt.objects.filter(username__in=names).order_by("-attempt_time")
    if cool_off is not None:
        rows = rows.filter(attempt_time__gte=timezone.now() - cool_off)
    groups: dict[tuple[tuple[str, ...], tuple[Any, ...]], list[Any]] = {}
    for row in rows:
        for parameter in get_lockout_parameters(row):
            fields = _fields(parameter)
            if "username" in fields:
                groups.setdefault((fields, tuple(getattr(row, f) for f in fields)), []).append(row)
    locks: dict[str, dt.datetime | None] = {}
    for (fields, values), group in groups.items():
        username = values[fields.index("username")]
        total = 0
        # newest first: the lock lasts until the failure that reached the limit leaves the cool-off window
        for row in group:
            total += row.failures_since_start
            if total >= _parameter_limit(fields):
                until = row.attempt_time + cool_off if cool_off is not None else None
                earlier = locks.get(username, until)
                locks[username] = None if until is None or earlier is None else max(until, earlier)
                break
    return locks


def active_account_for_device(username: str) -> User | None:
    """The active account named `username` (exactly, as login reads it) with what a known-device cookie is checked
    against (`devices.is_known`): its id, password hash and device key — or None."""
    return User.objects.filter(username=username, is_active=True).only("pk", "password", "device_key").first()


def login_tries_left(request: HttpRequest | None, username: object) -> int | None:
    """Wrong passwords left before axes locks `username` at this request's address: the limit of the username + address
    pair less axes' own count of it (the queryset its lock reads, `get_user_attempts`). The pair's alone (security25
    L2): the username's count over every address told a stranger how many failures others had made on the name, and how
    few more would lock it everywhere; the failure that reaches the name's own limit gets the lock page instead. axes
    keeps a count for any typed name, so an unknown username gets the same answer as a known one. None when axes is
    off, keeps no attempt rows, counts no pair, or its lock never ends."""
    from axes.conf import settings as axes_settings
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_cool_off, get_lockout_parameters

    if request is None or not axes_settings.AXES_ENABLED or get_cool_off(request) is None:
        return None
    AxesProxyHandler.update_request(request)
    attempts = getattr(AxesProxyHandler.get_implementation(), "get_user_attempts", None)
    if attempts is None:
        return None
    credentials = {"username": username or ""}
    left = [_parameter_limit(_fields(parameter)) - (rows.aggregate(n=Sum("failures_since_start"))["n"] or 0)
            for parameter, rows in zip(get_lockout_parameters(request, credentials), attempts(request, credentials),
                                       strict=True)
            if {"username", "ip_address"} <= set(_fields(parameter))]
    return max(0, min(left)) if left else None


def audit_list(*, user, query: str = "", action: str = "", org_code: str = "",
               date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Audit records the account may search: its subtree's records (and its own actions)."""
    scope = scope_for(user)
    scope.require(Capability.AUDIT_VIEW)
    qs = AuditRecord.objects.select_related("actor").order_by("-id")   # the 操作人 by 姓名 (newuser24)
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

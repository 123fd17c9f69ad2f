"""Account writes: create, change, disable, enable, issue API tokens. Atomic and audited."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jianfu.accounts.models import ApiToken, User
from jianfu.accounts.roles import ROLE_UNIT_KINDS, Capability, Role
from jianfu.accounts.scoping import scope_for
from jianfu.accounts.usernames import normalized
from jianfu.accounts.usernames import problem as username_problem
from jianfu.core import formtokens
from jianfu.core.audit import audit_record
from jianfu.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from jianfu.orgs.models import OrgUnit


def _check_unit_for_role(role: str, unit: OrgUnit | None) -> None:
    if role not in Role.values:
        raise ApplicationError("角色无效。", field="role")
    if role == Role.ADMIN and unit is None:
        return
    if unit is None:
        raise ApplicationError("请选择所属单位。", field="org_unit")
    if unit.kind not in ROLE_UNIT_KINDS[role]:
        raise ApplicationError(f"“{Role(role).label}”账号不能属于{unit.get_kind_display()}“{unit.name}”。",
                               field="org_unit")


def user_create(*, actor: User, username: str, password: str, role: str, org_code: str | None,
                display_name: str = "") -> User:
    """Create an account inside the actor's subtree. Only an admin creates admins."""
    # read as login reads it (NFKC: full-width letters become ASCII), then only ASCII letters, digits and _ . @ -:
    # a full-width twin or a Cyrillic look-alike of another account is refused (badinput16 #6)
    username = normalized(username)
    if not username:
        raise ApplicationError("请填写用户名。", field="username")
    if reason := username_problem(username):
        raise ApplicationError(reason, field="username", code="invalid_username")
    scope = scope_for(actor) if actor is not None else None
    unit = OrgUnit.objects.filter(code=org_code).first() if org_code else None
    if org_code and unit is None:
        raise ApplicationError(f"单位代码“{org_code}”不存在。", field="org_unit")
    _check_unit_for_role(role, unit)
    if scope is not None:
        scope.require(Capability.ACCOUNTS_MANAGE)
        if role == Role.ADMIN and not scope.is_all:
            raise PermissionDeniedError("只有系统管理员可以创建管理员账号。")
        if unit is not None and not scope.covers(unit.code):
            raise PermissionDeniedError("只能为本辖区的单位创建账号。", field="org_unit")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise ApplicationError("；".join(exc.messages), field="password") from None
    try:
        with transaction.atomic():
            if User.objects.filter(username__iexact=username).exists():
                raise ApplicationError(f"用户名“{username}”已被使用。", field="username", code="duplicate")
            user = User(username=username, role=role, org_unit=unit, display_name=display_name.strip(),
                        is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
            user.set_password(password)
            user.save()
            audit_record(actor=actor, action="accounts.user.create", obj=user, org_code=unit.code if unit else "",
                         changes={"role": role, "org_code": unit.code if unit else ""})
    except IntegrityError:
        raise ApplicationError(f"用户名“{username}”已被使用。", field="username", code="duplicate") from None
    return user


def _managed_user(actor: User, user_id: int) -> User:
    scope = scope_for(actor)
    scope.require(Capability.ACCOUNTS_MANAGE)
    user = User.objects.select_related("org_unit").filter(pk=user_id).first()
    if user is None or not (scope.is_all or (user.org_unit is not None and scope.covers(user.org_unit.code))):
        raise NotFoundError("找不到该账号。")
    if user.role == Role.ADMIN and not scope.is_all:
        raise NotFoundError("找不到该账号。")
    return user


def user_disable(*, actor: User, user_id: int) -> User:
    """Disable an account: its sessions and API tokens stop working at the next request."""
    with transaction.atomic():
        user = _managed_user(actor, user_id)
        if user.pk == actor.pk:
            raise ApplicationError("不能停用自己的账号。")
        # a new device key voids the account's known-device cookies (accounts.devices): 停用 ends them for good
        User.objects.filter(pk=user.pk).update(is_active=False, disabled_at=timezone.now(),
                                               device_key=secrets.token_hex(16))
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit_record(actor=actor, action="accounts.user.disable", obj=user, org_code=user.org_code)
    user.refresh_from_db()
    return user


def user_enable(*, actor: User, user_id: int) -> User:
    with transaction.atomic():
        user = _managed_user(actor, user_id)
        User.objects.filter(pk=user.pk).update(is_active=True, disabled_at=None)
        audit_record(actor=actor, action="accounts.user.enable", obj=user, org_code=user.org_code)
    user.refresh_from_db()
    return user


def user_unlock(*, actor: User, user_id: int, form_token: object) -> tuple[User, int]:
    """Lift django-axes' login lock on an account a manager may manage (the accounts it may disable): every failure
    recorded under its username is cleared with axes' own reset, from every address, so both the username + address
    lock and a per-username cap end. Returns the account and how many records were cleared; an unlock that clears
    something is audited (a repeated click clears nothing and writes nothing)."""
    from axes.utils import reset

    with transaction.atomic():
        user = _managed_user(actor, user_id)
        formtokens.required_key(form_token)   # the button's form carries its token (ADR 0035)
        cleared = reset(username=user.username)
        if cleared:
            audit_record(actor=actor, action="accounts.user.unlock", obj=user, org_code=user.org_code,
                         changes={"cleared": cleared})
    return user, cleared


def user_set_password(*, actor: User, user_id: int, password: str) -> None:
    with transaction.atomic():
        user = actor if actor.pk == user_id else _managed_user(actor, user_id)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ApplicationError("；".join(exc.messages), field="password") from None
        user.set_password(password)
        user.save(update_fields=["password"])
        # A new password ends every API token issued under the old one.
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        audit_record(actor=actor, action="accounts.user.password", obj=user, org_code=user.org_code)


def token_issue(*, user: User) -> str:
    """Issue an API token for an authenticated, active user; returns the raw token (shown once)."""
    with transaction.atomic():
        token, raw = ApiToken.issue(user)
        audit_record(actor=user, action="accounts.token.issue", obj=user, org_code=user.org_code,
                     changes={"token_prefix": token.prefix})
    return raw


def task_failure_resolve(*, actor: User, failure_id: int) -> None:
    from jianfu.core.models import TaskFailure

    if not scope_for(actor).is_all:
        raise PermissionDeniedError("只有系统管理员可以处理后台任务。")
    with transaction.atomic():
        failure = TaskFailure.objects.select_for_update().filter(pk=failure_id, resolved_at__isnull=True).first()
        if failure is None:
            raise NotFoundError("找不到该失败任务，或已处理。")
        failure.resolved_at = timezone.now()
        failure.save(update_fields=["resolved_at"])
        audit_record(actor=actor, action="core.task_failure.resolve", obj=failure)

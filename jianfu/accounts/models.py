from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jianfu.accounts.roles import Role
from jianfu.accounts.usernames import UsernameValidator


class User(AbstractUser):
    """One account = one person acting for one unit in one role (ADR 0002).

    A person who serves two units holds two accounts; that keeps the scoping rule a single prefix
    and makes every audit record say in which capacity something was done."""

    # ASCII only (badinput16 #6): the admin site and createsuperuser check it too; `accounts.usernames`
    username_validator = UsernameValidator()
    username = models.CharField(
        _("用户名"), max_length=150, unique=True, validators=[username_validator],
        help_text=_("不超过150个字符，只能使用半角英文字母、数字和 _ . @ -。"),
        error_messages={"unique": _("该用户名已被使用。")})
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="accounts", verbose_name=_("所属单位"))
    phone_masked = models.CharField(_("联系电话（脱敏）"), max_length=20, blank=True)
    disabled_at = models.DateTimeField(_("停用时间"), null=True, blank=True)
    # the secret in the fingerprint of the account's known-device cookies (accounts.devices, ADR 0039): replaced at
    # 停用, so the browsers that knew the account are strangers again once it is re-enabled
    device_key = models.CharField(max_length=32, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("账号")
        verbose_name_plural = _("账号")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def org_code(self) -> str:
        return self.org_unit.code if self.org_unit_id else ""


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token. Only its hash is stored; it expires, and dies with its account (is_active)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @classmethod
    def issue(cls, user) -> tuple[ApiToken, str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, key_hash=_hash_token(raw), prefix=raw[:8],
            expires_at=timezone.now() + dt.timedelta(hours=settings.JIANFU_TOKEN_TTL_HOURS))
        return token, raw

    @classmethod
    def lookup(cls, raw: str) -> ApiToken | None:
        return cls.objects.select_related("user", "user__org_unit").filter(key_hash=_hash_token(raw)).first()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.user.is_active

"""`manage.py check` lists the accounts made before usernames were ASCII only (badinput16 #6): nothing is renamed
by a migration; the administrator renames or disables each one (login reads a typed name as NFKC, so a full-width
name can no longer sign in, and a look-alike must not stay beside the account it imitates)."""

from __future__ import annotations

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.security)
def non_ascii_usernames(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from jianfu.accounts.usernames import non_ascii_usernames as found

    try:
        rows = found()
    except DatabaseError:   # no table yet (before the first migrate): nothing to list
        return []
    return [checks.Warning(
        f"账号 {pk} 的用户名“{name}”不符合规则（只能使用半角英文字母、数字和 _ . @ -）"
        + (f"，登录时会被读作“{reads}”" if reads != name else "") + "。",
        hint="请在账号管理中停用该账号，或为其使用人新建一个符合规则的账号。", obj=f"accounts.User({pk})",
        id="accounts.W001") for pk, name, reads in rows]

"""What a username may be, and the one way a typed name is read (badinput16 #6).

A username is ASCII letters, digits and `_ . @ -`: the admin accepted full-width `ｖｉｌｌａｇｅ＿ａ` and a Cyrillic
look-alike `villаge_a` beside `village_a`. A name typed at login is read as NFKC (what Django's login form does),
by the web form, the API's token request and django-axes' failure count alike, so a failed login typed in
full-width mode counts against the account the normalised name names, whichever door it came through."""

from __future__ import annotations

import re
import unicodedata

from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED = re.compile(r"[A-Za-z0-9_.@-]+\Z", re.ASCII)


def normalized(name: object) -> str:
    """A typed name as the system reads it: NFKC (full-width letters become ASCII), outer spaces dropped."""
    return unicodedata.normalize("NFKC", str(name or "")).strip()


def problem(name: str) -> str:
    """Why `name` is not a valid username (Chinese, naming the first character at fault), or "" if it is one."""
    if ALLOWED.match(name):
        return ""
    bad = next((c for c in name if not ALLOWED.match(c)), "")
    if not bad:
        return _("请填写用户名。")
    what = _("空格") if bad.isspace() else f"“{bad}”（U+{ord(bad):04X}）"
    return _("用户名“%(name)s”含有不允许的字符%(what)s：用户名只能使用半角英文字母、数字和 _ . @ -。") % {
        "name": name, "what": what}


@deconstructible
class UsernameValidator(RegexValidator):
    """The model field's check (the admin site, createsuperuser): ASCII letters, digits and `_ . @ -`."""

    regex = r"^[A-Za-z0-9_.@-]+\Z"
    flags = re.ASCII
    message = gettext_lazy("用户名只能使用半角英文字母、数字和 _ . @ -。")


def axes_username(request, credentials: dict | None = None) -> str:
    """django-axes' AXES_USERNAME_CALLABLE: the failure is counted under the normalised name, whichever door."""
    if credentials:
        raw = credentials.get("username")
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        raw = data.get("username") if hasattr(data, "get") else None
    return normalized(raw)


def non_ascii_usernames() -> list[tuple[int, str, str]]:
    """Accounts made before the rule whose username is not one any more: (id, username, what NFKC reads it as)."""
    from jianfu.accounts.models import User

    return [(pk, name, normalized(name)) for pk, name in User.objects.order_by("pk").values_list("pk", "username")
            if problem(name)]

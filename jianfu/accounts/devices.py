"""Known devices (ADR 0039, security25 M1): a browser that has logged in as an account before is exempt from the
username-wide login lock (JIANFU_LOGIN_USERNAME_FAILURE_LIMIT failures from any addresses), not from the lock of the
username at its own address. Anyone could cause the username-wide lock — 5 wrong passwords from each of 4 addresses —
and it held the county office out of its own account, at its own desk; the device cookie of OWASP's "Slow Down Online
Guessing Attacks with Device Cookies" keeps the lock against distributed guessing while its owner's browser gets in.

A successful login in a browser sets one cookie for that account (`jianfu_device_<account id>`): signed with Django's
signing under its own salt, 90 days (JIANFU_KNOWN_DEVICE_DAYS, renewed at each login), HttpOnly, SameSite=Lax, Secure
as the session cookie, sent to the login page only. It holds the account's id and a fingerprint of the account's
password hash and device key: a password change voids it, and so does 停用 (`services.user_disable` replaces the
device key, so the browsers that knew an account are strangers again once it is re-enabled)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

COOKIE_PREFIX = "jianfu_device_"
SALT = "jianfu.accounts.devices.known-device"


def cookie_name(user_id: int) -> str:
    return f"{COOKIE_PREFIX}{user_id}"


def _max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.JIANFU_KNOWN_DEVICE_DAYS)


def _fingerprint(user: Any) -> str:
    """What ties a cookie to the account as it is now: its password hash and its device key, keyed by SECRET_KEY (the
    cookie shows the fingerprint, never the hash)."""
    return salted_hmac(f"{SALT}.fingerprint", f"{user.pk}|{user.password}|{user.device_key}",
                       algorithm="sha256").hexdigest()


def remember(response: HttpResponse, user: Any) -> None:
    """Mark the browser of a successful login as a known device of `user` (a fresh cookie, 90 days from now)."""
    value = signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=SALT)
    response.set_cookie(cookie_name(user.pk), value, max_age=int(_max_age().total_seconds()),
                        path=reverse(settings.LOGIN_URL), secure=settings.SESSION_COOKIE_SECURE, httponly=True,
                        samesite="Lax")


def _valid_for(value: str, user: Any) -> bool:
    try:
        data = signing.loads(value, salt=SALT, max_age=_max_age())
    except signing.BadSignature:  # forged, altered or older than 90 days (SignatureExpired is a BadSignature)
        return False
    return (isinstance(data, dict) and data.get("u") == user.pk
            and constant_time_compare(str(data.get("f", "")), _fingerprint(user)))


def is_known(request: Any, username: str) -> bool:
    """Whether `request` comes from a browser that logged in as the active account `username` (the name as login
    reads it) within the last 90 days, under its current password and device key. Asked several times a login by
    django-axes: answered once per request and name. No account is read unless the browser holds a device cookie."""
    cookies = getattr(request, "COOKIES", None) or {}
    if not username or not any(name.startswith(COOKIE_PREFIX) for name in cookies):
        return False
    known: dict[str, bool] = request.__dict__.setdefault("_jianfu_known_devices", {})
    if username not in known:
        from jianfu.accounts.selectors import active_account_for_device

        user = active_account_for_device(username)
        value = cookies.get(cookie_name(user.pk)) if user is not None else None
        known[username] = value is not None and _valid_for(value, user)
    return known[username]

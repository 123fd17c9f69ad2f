"""What a locked-out login gets (django-axes' AXES_LOCKOUT_CALLABLE): the Chinese page in a browser, the
API's JSON error shape with 429 and Retry-After on /api/ (a token request from a locked account)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    cooloff_s = int(float(getattr(settings, "AXES_COOLOFF_TIME", 0.5) or 0) * 3600)
    if request.path_info.startswith("/api/"):
        minutes = max(1, cooloff_s // 60)
        response = JsonResponse(
            {"error": {"code": "locked", "fields": {},
                       "message": f"登录失败次数过多，该账号因多次输入错误密码已被临时锁定 {minutes} 分钟；"
                                  "如需立即解锁，请联系账号管理员。"}},
            status=429, json_dumps_params={"ensure_ascii": False})
        if cooloff_s:
            response["Retry-After"] = str(cooloff_s)
        return response
    # the page names how long, and leads back to 登录 and the citizens' entries (newuser24: it was a dead end)
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"minutes": max(1, cooloff_s // 60) if cooloff_s else 0},
                  status=429)


def axes_client_address(request: HttpRequest) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the address of the username + address lockout, counted as every
    per-address counter counts (`core.middleware.client_network_key`) — an IPv6 client by its /64, stored as the
    /64's first address (axes keeps it in an IP address column) — and X-Forwarded-For only when the deployment trusts
    it (axes' own django-ipware reading believed the header from anyone: a new one per try was a new lockout count)."""
    from jianfu.core.middleware import client_network_key

    return client_network_key(request).split("/", 1)[0] or None


def axes_lockout_parameters(request_or_attempt: Any, credentials: dict[str, Any] | None = None) -> list[Any]:
    """django-axes' AXES_LOCKOUT_PARAMETERS: JIANFU_LOGIN_LOCKOUT_PARAMETERS — the username with this address, and the
    username over every address — except that a known device of the account (`devices.is_known`: a browser that logged
    in as it before, security25 M1) is counted by the pair alone: exempt from the username-wide lock anyone can cause,
    not from the lock of the name at its own address. Its failures are still recorded under the name, so they count
    towards the username-wide lock of every other browser; its login resets its own pair's failures only
    (AXES_RESET_ON_SUCCESS), not the strangers' that lock the name elsewhere. An attempt row (the 账号管理 list reads
    the locks from them) is read with every parameter."""
    from axes.helpers import get_client_username
    from axes.models import AccessBase

    from jianfu.accounts import devices

    parameters = list(settings.JIANFU_LOGIN_LOCKOUT_PARAMETERS)
    if (not isinstance(request_or_attempt, AccessBase) and "username" in parameters
            and devices.is_known(request_or_attempt, get_client_username(request_or_attempt, credentials))):
        parameters.remove("username")
    return parameters


def axes_failure_limit(request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
    """django-axes' AXES_FAILURE_LIMIT. axes counts failures under each of AXES_LOCKOUT_PARAMETERS — the username with
    this address, and the username over every address — and compares the larger with one limit (security24 L3). That
    limit is the pair's (JIANFU_LOGIN_FAILURE_LIMIT) once the pair has used it up, the username's
    (JIANFU_LOGIN_USERNAME_FAILURE_LIMIT) otherwise: locked when this address has failed the pair limit for the name, or
    the name has failed the username limit from anywhere; another name from the same addresses counts for itself.
    Without the username-wide parameter (a known device, `axes_lockout_parameters`) the pair's limit alone."""
    from axes.handlers.proxy import AxesProxyHandler
    from axes.helpers import get_lockout_parameters
    from django.db.models import Sum

    pair_limit = settings.JIANFU_LOGIN_FAILURE_LIMIT
    if "username" not in get_lockout_parameters(request, credentials):
        return pair_limit
    attempts = getattr(AxesProxyHandler.get_implementation(), "get_user_attempts", None)
    if attempts is None:  # a handler keeping no attempt rows (axes' dummy or test handler): the pair's limit alone
        return pair_limit
    pair = attempts(request, credentials)[0].aggregate(n=Sum("failures_since_start"))["n"] or 0
    return pair_limit if pair >= pair_limit else settings.JIANFU_LOGIN_USERNAME_FAILURE_LIMIT

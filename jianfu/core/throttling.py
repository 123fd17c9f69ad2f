"""Anonymous reads, counted per client address (session 31, ADR 0046; docs/dev/public-endpoints.md).

What anyone may read without signing in — the public API (village pages, job postings, the schema), Open311's GETs and
the public HTML pages (village pages and posters, job postings, the citizen's report form, its look-up and progress
pages) — was unthrottled: a phone in a loop or a scraper could read without limit. Every such read now takes one of
each allowance in `settings.JIANFU_ANONYMOUS_READ_RATES` (default 120 a minute and 2,000 a day) per client address,
as every per-address counter counts it (`core.middleware.client_network_key`: X-Forwarded-For only when the deployment
trusts it, an IPv6 client by its /64). A read past one is refused, 429 with Retry-After (the seconds until the sliding
window lets one more through), and not counted.

Not counted: a signed-in user (a session, or an API token — also on the API's views that read no credentials); a write
(each public write has its own allowance: the token endpoint, the report form, the look-up, the direct line's budgets);
the direct line's anonymous paths (`core.paths.ANONYMOUS_PATH_PREFIXES`: the request forgets its address there, so
every reporter would share one count).

The counters are `core.ratelimits`' (one key per window in the cache — Redis in production — `incr`-counted, the
previous window weighted in), every allowance of a read taken by `ratelimits.take_all`: on Redis in one round trip, a
Lua script (session 32, perf32; it was 8: `add`, Django's EXISTS + INCRBY and the previous window's `get`, per
allowance). Unlike every other limit this one FAILS OPEN: with the cache unreachable a read is let
through, uncounted, and the outage logged (ADR 0046: a read changes nothing, and refusing every public page while Redis
is down would take the county's public face down with it).

Used three ways: as DRF's default throttle class (`REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]`; an anonymous caller
meets it only on a view that allows anonymous callers, since permissions are checked first), by the HTML views through
`@anonymous_reads_throttled`, and by Open311's views (`api.open311.views`, which exempt a valid api_key).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from jianfu.core import ratelimits
from jianfu.core.middleware import client_network_key
from jianfu.core.paths import ANONYMOUS_PATH_PREFIXES

# the counters' keys: `throttle:anon_read:<seconds>:<client>:<window>`; the tests give each test its own (conftest)
KEY_SPACE = "throttle:anon_read"
DEFAULT_RATES = ("120/min", "2000/day")
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"120/min" → (120, 60): DRF's rate notation (the period by its first letter: s, m, h, d)."""
    number, period = rate.split("/", 1)
    return int(number), _PERIODS[period.strip()[0]]


def rates() -> list[tuple[int, int]]:
    return [parse_rate(rate) for rate in getattr(settings, "JIANFU_ANONYMOUS_READ_RATES", DEFAULT_RATES)]


def _signed_in(request: Any) -> bool:
    """Whether someone signed in sends `request` (a DRF Request or Django's HttpRequest). A DRF view that reads no
    credentials (`authentication_classes([])`: the village pages' API, a posting's detail) leaves its request
    anonymous — DRF even overwrites the session's user with AnonymousUser — so for those the session and the API's
    authenticators are asked here; only a request that sends a session cookie or an Authorization header costs that."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    django_request = getattr(request, "_request", None)
    if django_request is None or getattr(request, "authenticators", None):
        return False   # plain Django (the middleware's session user was asked), or DRF's authenticators found no one
    if settings.SESSION_COOKIE_NAME in django_request.COOKIES and hasattr(django_request, "session"):
        from django.contrib.auth import get_user

        if get_user(django_request).is_authenticated:
            return True
    if django_request.META.get("HTTP_AUTHORIZATION"):
        from rest_framework.authentication import SessionAuthentication

        for authenticator in api_settings.DEFAULT_AUTHENTICATION_CLASSES:
            if issubclass(authenticator, SessionAuthentication):
                continue
            try:
                if authenticator().authenticate(request):
                    return True
            except APIException:   # a bad or expired token: an anonymous read, counted
                return False
    return False


def counted(request: Any) -> bool:
    """Whether `request` is an anonymous read this allowance counts."""
    path = getattr(request, "path_info", "")
    return (request.method in SAFE_METHODS and not path.startswith(ANONYMOUS_PATH_PREFIXES)
            and not _signed_in(request))


def _wait(*, limit: int, period: int, current: float, earlier: float, into: float) -> float:
    """Seconds from `into` (seconds into the window) until the sliding estimate lets one more read through, when
    nothing more is read: this window's `current` count plus the previous window's `earlier` weighted by its share
    still inside the last `period` seconds."""
    room = limit - current - 1
    if room >= 0 and earlier > 0:
        at = period - room * period / earlier          # this window: the previous window's weight falls enough
        if at < period:
            return max(at - into, 0.0)
    # the next window, where this window's count is the previous one
    at = period * (1 - (limit - 1) / current) if current > 0 else 0.0
    return (period - into) + max(at, 0.0)


class AnonymousReadThrottle(BaseThrottle):  # type: ignore[misc]  # (DRF ships no types)
    """Every allowance of `rates()` per client address, for anonymous reads (see the module's docstring)."""

    timer: Callable[[], float] = staticmethod(time.time)

    def __init__(self) -> None:
        self.wait_seconds: float | None = None
        self.taken: list[tuple[str, int]] = []    # what the last allowed request took, for `give_back`

    def allow_request(self, request: Any, view: Any) -> bool:
        self.wait_seconds = None
        self.taken = []
        if not counted(request):
            return True
        ident = client_network_key(request)
        now = self.timer()
        allowances: list[ratelimits.Allowance] = []
        for limit, period in rates():
            window, into = ratelimits.window_of(period, now)
            key, previous = (f"{KEY_SPACE}:{period}:{ident}:{w}" for w in (window, window - 1))
            allowances.append(ratelimits.Allowance(key, previous, limit, period, into))
        try:
            refused = ratelimits.take_all(allowances, closed=False)   # on Redis one round trip (session 32)
        except ratelimits.LimitUnavailable:
            return True   # fails open (ADR 0046): nothing can count, the read goes through
        if refused is not None:   # a refused read counts towards nothing: take_all gave back what it took
            spent = allowances[refused.position]
            self.wait_seconds = _wait(limit=spent.limit, period=spent.window, current=refused.current,
                                      earlier=refused.earlier, into=spent.into)
            return False
        self.taken = [(allowance.key, allowance.window) for allowance in allowances]
        return True

    def give_back(self) -> None:
        """Return what the last allowed request took: a read found afterwards not to be an anonymous one (Open311's
        GET whose api_key authenticates — the key is looked up only once the read was let through, so a refused
        address's random keys cost no query; fixcr31a #4)."""
        ratelimits.give_back_all(self.taken, closed=False)
        self.taken = []

    def wait(self) -> float | None:
        return None if self.wait_seconds is None else max(self.wait_seconds, 1.0)


def retry_after(wait: float | None) -> str:
    """The Retry-After header's value: whole seconds, at least 1."""
    return str(max(1, math.ceil(wait or 0)))


def too_many_reads(request: HttpRequest, wait: float | None) -> HttpResponse:
    """The HTML answer to a refused read: the error page, 429, with Retry-After."""
    response = render(request, "error.html", {"message": _("访问过于频繁，请稍后再试（约 %(n)s 秒后）。")
                                              % {"n": retry_after(wait)}, "status": 429}, status=429)
    response["Retry-After"] = retry_after(wait)
    return response


def anonymous_reads_throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public HTML view whose anonymous GETs take the allowance (its POSTs have their own)."""

    @wraps(view)
    def throttled(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        throttle = AnonymousReadThrottle()
        if not throttle.allow_request(request, None):
            return too_many_reads(request, throttle.wait())
        return view(request, *args, **kwargs)

    return throttled

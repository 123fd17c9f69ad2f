from __future__ import annotations

import copy
import logging

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, JsonResponse

from jianfu.core import request_context
from jianfu.core.decorators import access_question
from jianfu.core.paths import ANONYMOUS_KEPT_COOKIES, ANONYMOUS_PATH_PREFIXES

logger = logging.getLogger(__name__)


def client_address_of(request) -> str:
    # Behind nginx the real address is the first X-Forwarded-For hop; only trusted when configured.
    if getattr(settings, "JIANFU_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def client_network_key(request: HttpRequest) -> str:
    """The client as every per-address counter counts it (security23 F1): an IPv4 address itself, an IPv6 address by
    its /64 — the block one home router or phone is given, so walking the addresses of one's own /64 is one client —
    and an IPv4-mapped IPv6 address (::ffff:1.2.3.4) as the IPv4 address. Anything that is no address (an empty
    REMOTE_ADDR, a forwarded value that does not parse) is counted as given."""
    import ipaddress

    raw = client_address_of(request)
    try:
        address = ipaddress.ip_address(raw.split("%", 1)[0])   # a zone (fe80::1%eth0) names the host's link only
    except ValueError:
        return raw
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_context.set_client_address(client_address_of(request))
        try:
            return self.get_response(request)
        finally:
            request_context.reset(token)


class AnonymousPathMiddleware:
    """First in the chain: on the direct line's anonymous paths the request forgets where it came from
    (address, forwarding headers, user agent, referrer) and keeps only the CSRF cookie (and the receipt page's), so no later
    middleware, view, log record, error report or audit record can hold any of it."""

    SCRUBBED = ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED", "HTTP_USER_AGENT",
                "HTTP_REFERER", "HTTP_CF_CONNECTING_IP", "HTTP_TRUE_CLIENT_IP")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ANONYMOUS_PATH_PREFIXES):
            for key in self.SCRUBBED:
                if key in request.META:
                    request.META[key] = ""
            kept = {name: request.COOKIES[name] for name in (settings.CSRF_COOKIE_NAME, *ANONYMOUS_KEPT_COOKIES)
                    if request.COOKIES.get(name)}
            request.META["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in kept.items())
            request.COOKIES = kept
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """Refuse bodies over JIANFU_MAX_REQUEST_BYTES before anything reads them: 413, in the API's JSON shape
    for /api/ and /open311/, a Chinese page for the web."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.JIANFU_MAX_REQUEST_BYTES:
            limit_mb = settings.JIANFU_MAX_REQUEST_BYTES // 2**20
            if request.path_info.startswith(("/api/", "/open311/")):
                return JsonResponse({"error": {"code": "too_large", "message": f"请求过大：上限为 {limit_mb} MB。",
                                               "fields": {}}}, status=413)
            # A person in a browser: a Chinese page. Rendered before sessions and authentication exist,
            # so a standalone template (no navigation, no user).
            from django.shortcuts import render

            return render(request, "too_large.html", {"limit": _size(settings.JIANFU_MAX_REQUEST_BYTES),
                                                      "size": _size(length)}, status=413)
        return self.get_response(request)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 1024:.1f} KB"


class ApplicationErrorMiddleware:
    """A service's ApplicationError escaping an HTML view becomes a Chinese error page with its
    status (400/403/404/409) instead of a 500. The API has its own handler (api.errors). SQLite's "database is
    locked" (a writer waited past the busy timeout, config/database.py) becomes a 503 "系统繁忙" with Retry-After,
    not a 500: nothing was done, and trying again in a moment works."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from jianfu.core.errors import ApplicationError
        from jianfu.core.views import busy, is_database_locked, render_application_error

        if isinstance(exception, ApplicationError):
            return render_application_error(request, exception)
        if is_database_locked(exception):
            return busy(request)
        return None


# --- key-authenticated APIs skip the browser machinery --------------------------------------------
# Open311 calls carry their api_key in the form: no session, no messages, no htmx (axes only acts on
# logins and costs nothing here). The security headers (SecurityMiddleware, X-Frame-Options, CSP)
# still apply to them.

API_PATH_PREFIXES = ("/open311/",)
API_PATH_PREFIXES += ANONYMOUS_PATH_PREFIXES


def is_key_api(request) -> bool:
    return request.path_info.startswith(API_PATH_PREFIXES)


class _BrowserOnly:
    def __call__(self, request):
        if is_key_api(request):
            return self.get_response(request)
        return super().__call__(request)


def _browser_only(dotted: str, name: str):
    from django.utils.module_loading import import_string

    base = import_string(dotted)
    return type(name, (_BrowserOnly, base), {"__module__": __name__, "__doc__": f"{dotted}, except for key APIs."})


BrowserSessionMiddleware = _browser_only("django.contrib.sessions.middleware.SessionMiddleware",
                                         "BrowserSessionMiddleware")
BrowserMessageMiddleware = _browser_only("django.contrib.messages.middleware.MessageMiddleware",
                                         "BrowserMessageMiddleware")
BrowserHtmxMiddleware = _browser_only("django_htmx.middleware.HtmxMiddleware", "BrowserHtmxMiddleware")


class BrowserAuthenticationMiddleware(_browser_only("django.contrib.auth.middleware.AuthenticationMiddleware",
                                                    "_AuthenticationMiddleware")):
    """AuthenticationMiddleware; a key API request (no session) is anonymous to Django's auth."""

    def __call__(self, request):
        if is_key_api(request):
            from django.contrib.auth.models import AnonymousUser

            request.user = AnonymousUser()
            return self.get_response(request)
        return super().__call__(request)


class ProbeSession(SessionBase):
    """A copy of a visitor's session for `PostOnlyAddressMiddleware.may_open`: read as the session (same key, same
    data, deep-copied), written nowhere — whatever an access question touches is lost with it."""

    def __init__(self, session: SessionBase) -> None:
        super().__init__(session_key=session.session_key)
        self._copied = copy.deepcopy(dict(session.items()))

    def load(self) -> dict:
        return self._copied

    def exists(self, session_key: str) -> bool:
        return False

    def create(self) -> None:
        return None

    def save(self, must_create: bool = False) -> None:
        return None

    def delete(self, session_key: str | None = None) -> None:
        return None


class PostOnlyAddressMiddleware:
    """A GET on an address only a form posts to (newuser20 #4): after a refused form the address bar keeps e.g.
    /reports/submissions/<id>/fill/ or /employment/people/<id>/refer/<posting>/ (a confirm step drawn by a POST), and
    opening it again (reload from the bar, history, a shared link) met Django's empty 405, shown by the browser in
    English. Instead: the nearest enclosing address that is a page of the site — the item's own page — is opened with
    a note; when there is none, a Chinese page says what the address is for. Last in the chain, so the page it draws
    gets every other middleware's headers; key APIs keep their 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code != 405 or request.method != "GET" or is_key_api(request)
                or request.path_info.startswith("/api/")):
            return response
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.urls import get_script_prefix
        from django.utils.translation import gettext as _

        from jianfu.core.views import post_only_address

        if (page := self.enclosing_page(request.path_info)) and self.may_open(request, page):
            messages.info(request, _("此地址只用于提交表单，已为您打开它所属的页面。"))
            return redirect(get_script_prefix() + page.lstrip("/"))
        refused = post_only_address(request)
        if "Allow" in response:
            refused["Allow"] = response["Allow"]
        return refused

    @staticmethod
    def may_open(request, page: str) -> bool:
        """Whether the account gets `page` itself (a 200): the note "已为您打开它所属的页面" never sits above a 403 or
        404 (newuser21 #6: a finding's /dismiss/ for a grid worker, a list's /approve/ for the county office).

        Asked without drawing the page: a view that names its access question (`@page_access`, `core.decorators`) is
        asked that alone — a query, nothing written, no transaction — on a copy of the request with its own message
        store and its own copy of the session. A view that names none is not opened: the Chinese 405 page is shown
        instead. (security22 #2: running the event page on a copy marked the event seen and spent a refused 吹哨's
        words; security23 F8: running a page in a rolled-back transaction held SQLite's one write lock — BEGIN
        IMMEDIATE — while the whole page was drawn, and any account or a cross-site <img> could loop it.)"""
        from django.contrib.messages.storage import default_storage
        from django.core.exceptions import PermissionDenied
        from django.http import Http404, QueryDict
        from django.urls import get_script_prefix, resolve

        from jianfu.core.errors import ApplicationError

        match = resolve(page)
        question = access_question(match.func)
        if question is None:
            return False
        probe = copy.copy(request)
        probe.path_info, probe.path, probe.GET = page, get_script_prefix() + page.lstrip("/"), QueryDict()
        probe.resolver_match = match
        probe._messages = default_storage(probe)
        if hasattr(request, "session"):
            probe.session = ProbeSession(request.session)
        try:
            return bool(question(probe, *match.args, **match.kwargs))
        except (PermissionDenied, Http404, ApplicationError):
            return False
        except Exception:  # noqa: BLE001 - a page that fails is no page to open: the Chinese 405 page instead
            logger.exception("PostOnlyAddressMiddleware: %s failed when asked", page)
            return False

    @staticmethod
    def enclosing_page(path: str) -> str:
        """The longest address above `path` (never the site root) that the URLconf knows: /a/b/3/fill/ → /a/b/3/."""
        from django.urls import Resolver404, resolve

        parts = [part for part in path.split("/") if part]
        for end in range(len(parts) - 1, 0, -1):
            candidate = "/" + "/".join(parts[:end]) + "/"
            try:
                resolve(candidate)
            except Resolver404:
                continue
            return candidate
        return ""

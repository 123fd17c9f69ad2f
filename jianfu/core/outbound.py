"""Outbound HTTP to an address a user typed (a department's notification webhook) without server-side request forgery
(security35 #2). A department webhook could name 127.0.0.1, a private or link-local address or the cloud metadata
address (169.254.169.254), and the worker POSTed there from inside the county's network.

- `refusal(url)`: why `url` may not be called ('' when it may): every address its host resolves to must be a public
  (global) one, unless the host is named in ``settings.JIANFU_WEBHOOK_ALLOWED_HOSTS`` (an internal receiver the
  county runs on purpose). Checked when the URL is saved and again before each send.
- `post(url, data, headers, timeout)`: the POST itself, through connections that check the address the socket
  actually reached (a name that resolved to a public address at the check and to an internal one at the connect —
  DNS rebinding — is refused before a byte is sent), no proxy from the environment, and no redirect followed (a
  receiver's 3xx is a failure, so a public receiver cannot bounce the POST to an internal one).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit


class OutboundRefused(ValueError):
    """The URL's host is (or resolved to) an address this app does not call."""


def allowed_hosts() -> set[str]:
    from django.conf import settings

    return {str(h).strip().lower().rstrip(".") for h in getattr(settings, "JIANFU_WEBHOOK_ALLOWED_HOSTS", ()) or ()}


def address_refusal(address: str) -> str:
    """Why `address` is not one to call ('' for a public address)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local (cloud metadata)"
    if ip.is_private:
        return "private"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return "not a public address"
    return ""


def refusal(url: str) -> str:
    """Why `url` may not be called ('' when it may): not http(s), no host, a host that does not resolve, or one
    address of it that is not public (and the host not in ``JIANFU_WEBHOOK_ALLOWED_HOSTS``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL"
    host = parts.hostname.lower().rstrip(".")
    if host in allowed_hosts():
        return ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError):
        return "host does not resolve"
    for *_rest, sockaddr in infos:
        reason = address_refusal(str(sockaddr[0]))
        if reason:
            return f"{host} resolves to a {reason} address"
    return "" if infos else "host does not resolve"


def _checked_connection(allowed: bool) -> Callable[..., socket.socket]:
    """`socket.create_connection` that refuses a socket whose peer is not public (unless the host is allowed)."""

    def create(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(address, *args, **kwargs)
        if not allowed:
            reason = address_refusal(str(sock.getpeername()[0]))
            if reason:
                sock.close()
                raise OutboundRefused(f"{address[0]} connected to a {reason} address")
        return sock

    return create


def _connection_classes(allowed: bool) -> tuple[Any, Any]:
    class CheckedHTTPConnection(http.client.HTTPConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = _checked_connection(allowed)  # type: ignore[attr-defined]

    class CheckedHTTPSConnection(http.client.HTTPSConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = _checked_connection(allowed)  # type: ignore[attr-defined]

    return CheckedHTTPConnection, CheckedHTTPSConnection


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: Any, msg: Any, headers: Any,  # noqa: PLR0913
                         newurl: Any) -> None:
        return None        # urllib then raises HTTPError for the 3xx


def post(url: str, data: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST `data` to `url` as described above; the receiver's status (2xx). Raises `OutboundRefused` for an address
    this app does not call, `urllib.error.HTTPError` for a 3xx/4xx/5xx, OSError for a network failure."""
    reason = refusal(url)
    if reason:
        raise OutboundRefused(reason)
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    plain, tls = _connection_classes(host in allowed_hosts())

    class Http(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(plain, req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(tls, req, context=self._context)  # type: ignore[attr-defined]

    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler({}), Http(), Https(), _NoRedirect(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.HTTPDefaultErrorHandler()):
        opener.add_handler(handler)
    request = urllib.request.Request(url, data=data, method="POST", headers=headers)  # noqa: S310 - checked above
    with opener.open(request, timeout=timeout) as response:
        return int(response.status)


__all__ = ["OutboundRefused", "address_refusal", "allowed_hosts", "post", "refusal"]

"""gunicorn's access log without the reporter: for the direct line's anonymous paths the client
address, user, referrer, user agent, headers and exact time are replaced by "-" before formatting.
Enabled in config/gunicorn.conf.py (`logger_class`). nginx in front must do the same (docs/deploy.md).

On every path, a phone or ID number in the logged query string or referrer is masked as every page masks it
(security34 #2): a search by number (`/registry/persons/?q=450521196804122485`, the employment lists, the API's `q`)
is a GET, and its whole number was written in clear to the access log, and again as the next page's referrer."""

from __future__ import annotations

from gunicorn.glogging import Logger

from jianfu.core.paths import ANONYMOUS_PATH_PREFIXES


def is_anonymous_path(path: str) -> bool:
    return (path or "").startswith(ANONYMOUS_PATH_PREFIXES)


def masked_atoms(atoms: dict) -> dict:
    """`atoms` with the phone and ID numbers of every text atom masked (`core.pii.mask_identifiers`): a URL's query
    comes in several — the request line, the query string, the referrer, and the same as header and environ atoms."""
    from urllib.parse import unquote_plus

    from jianfu.core.pii import mask_identifiers  # at the first request: Django is set up by then

    out = dict(atoms)
    for key, value in atoms.items():
        if isinstance(value, str) and value not in ("", "-"):
            # a number typed with spaces arrives as "139+0779+1234" or "139%200779%201234": read as typed
            plain = unquote_plus(value)
            masked = mask_identifiers(plain)
            out[key] = masked if masked != plain else value
    return out


class PrivateAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = masked_atoms(super().atoms(resp, req, environ, request_time))
        if not is_anonymous_path(environ.get("PATH_INFO", "")):
            return atoms
        scrubbed = {key: "-" for key in atoms if key.startswith("{")}
        scrubbed.update({"h": "-", "u": "-", "f": "-", "a": "-", "t": "-", "q": "-",
                         "r": f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')} {environ.get('SERVER_PROTOCOL')}",
                         "T": 0, "D": 0, "M": 0, "L": "-"})
        return {**atoms, **scrubbed}

"""gunicorn's access log without the reporter: for the direct line's anonymous paths the client
address, user, referrer, user agent, headers and exact time are replaced by "-" before formatting.
Enabled in config/gunicorn.conf.py (`logger_class`). nginx in front must do the same (docs/deploy.md)."""

from __future__ import annotations

from gunicorn.glogging import Logger

from jianfu.core.paths import ANONYMOUS_PATH_PREFIXES


def is_anonymous_path(path: str) -> bool:
    return (path or "").startswith(ANONYMOUS_PATH_PREFIXES)


class PrivateAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if not is_anonymous_path(environ.get("PATH_INFO", "")):
            return atoms
        scrubbed = {key: "-" for key in atoms if key.startswith("{")}
        scrubbed.update({"h": "-", "u": "-", "f": "-", "a": "-", "t": "-", "q": "-",
                         "r": f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')} {environ.get('SERVER_PROTOCOL')}",
                         "T": 0, "D": 0, "M": 0, "L": "-"})
        return {**atoms, **scrubbed}

"""The project's exception-reporter filter (settings.DEFAULT_EXCEPTION_REPORTER_FILTER): Django's error reports — the
technical 500 page, AdminEmailHandler's mail, any handler that formats the request — never carry the direct line's
anonymous cookies (`jf_receipt`: the key of a receipt code waiting to be shown once; `jf_form`: the value that lets a
repeat of the report form be shown its code again, security17 #2).

Django's `SafeExceptionReporterFilter` hides the Cookie header in META (its HTTP_COOKIE pattern) and the session
cookie, but cleanses `request.COOKIES` by name only (API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE): these two names match
none, so their values were copied into the report's COOKIES section. They are hidden here by name, and a traceback
frame's local variable that holds one of their values (`cookie=` of `receipt_handoff_take`) is hidden too; so is a
handler's unlock cookie (`jf_dl`: the key to the private key sealed in the session, security20 #3)."""

from __future__ import annotations

from typing import Any

from django.views.debug import SafeExceptionReporterFilter

from jianfu.core.paths import ANONYMOUS_KEPT_COOKIES, HANDLER_UNLOCK_COOKIE

HIDDEN_COOKIES = (*ANONYMOUS_KEPT_COOKIES, HANDLER_UNLOCK_COOKIE)


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    def _kept_values(self, request: Any) -> frozenset[str]:
        cookies = getattr(request, "COOKIES", None) or {}
        return frozenset(str(cookies[name]) for name in HIDDEN_COOKIES if cookies.get(name))

    def get_safe_cookies(self, request: Any) -> dict[str, Any]:
        return {name: self.cleansed_substitute if name in HIDDEN_COOKIES else value
                for name, value in super().get_safe_cookies(request).items()}

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        kept = self._kept_values(request)
        if not kept:
            return variables
        return [(name, self._without(value, kept)) for name, value in variables]

    def _without(self, value: Any, kept: frozenset[str]) -> Any:
        """`value` with every string equal to a kept cookie's value replaced (inside plain dicts, lists and tuples
        too: `request.COOKIES` held in a local)."""
        if isinstance(value, str):
            return self.cleansed_substitute if value in kept else value
        if type(value) is dict:
            return {key: self._without(item, kept) for key, item in value.items()}
        if type(value) in (list, tuple):
            return type(value)(self._without(item, kept) for item in value)
        return value

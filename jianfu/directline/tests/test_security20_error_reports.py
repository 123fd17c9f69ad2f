"""security20 #3: the direct line's WEB handler views (report page, act, attachment, unlock, handlers) carried no
@sensitive_variables() (the API's do), so an error report (AdminEmailHandler's mail) of an exception while a report's
page was rendered copied the unsealed private key and the report's clear text from the frames' locals; and the unlock
cookie `jf_dl` (the key to the private key sealed in the session) was copied into its COOKIES section."""

from __future__ import annotations

import secrets
import sys
from types import SimpleNamespace

import pytest
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from jianfu.directline import selectors, views


def _report_of(view, request, *args):
    """The error report (as mailed: is_email) of `view` failing; this frame, in the traceback, holds no secret."""
    try:
        view(request, *args)
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info(), is_email=True)
        return reporter.get_traceback_text() + reporter.get_traceback_html(), reporter
    raise AssertionError("the view did not fail")


def test_an_error_while_a_report_s_page_renders_reports_no_key_no_text_and_no_unlock_cookie(monkeypatch):
    # made here, not written out: an error report shows the source lines around each frame
    private, text = b"PRIVATE-" + secrets.token_hex(16).encode(), "举报内容" + secrets.token_hex(8)
    cookie = secrets.token_urlsafe(32)
    report = SimpleNamespace(pk=1, status="closed")
    monkeypatch.setattr(selectors, "report_get", lambda **_kwargs: report)
    monkeypatch.setattr(views, "_slot", lambda _request: SimpleNamespace(pk=1))
    monkeypatch.setattr(views, "unlocked_private", lambda _request, _slot: private)
    monkeypatch.setattr(selectors, "report_open", lambda **_kwargs: SimpleNamespace(text=text))

    def down(*_args, **_kwargs):
        raise RuntimeError("the template store is down")

    monkeypatch.setattr(views, "render", down)
    factory = RequestFactory()
    factory.cookies[views.UNLOCK_COOKIE] = cookie
    request = factory.get("/directline/reports/1/")
    request.user = SimpleNamespace(is_authenticated=True, is_active=True, pk=1)
    request.session = SessionStore()
    out, reporter = _report_of(views.report_detail, request, 1)
    assert "the template store is down" in out
    assert (str(private) in out, private.decode() in out, text in out, cookie in out) == (False, False, False, False)
    frames = {f["function"]: dict(f["vars"]) for f in reporter.get_traceback_frames()}
    assert (frames["_detail_page"]["private"], frames["_detail_page"]["opened"]) == ("********************",) * 2
    assert reporter.filter.get_safe_cookies(request)[views.UNLOCK_COOKIE] == "********************"


@pytest.mark.parametrize("name", ["report_detail", "_detail_page", "report_act", "attachment_download", "unlock",
                                  "handlers", "enrol", "unlocked_private", "_remember", "_rotate"])
def test_every_handler_view_that_holds_the_key_is_marked_sensitive(name):
    import inspect

    source = inspect.getsource(getattr(views, name))
    assert "@sensitive_variables()" in source.split("def ", 1)[0], name

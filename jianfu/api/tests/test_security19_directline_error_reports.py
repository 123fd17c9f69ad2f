"""security19 #5: mend18a marked the direct line's web forms sensitive (text, contact,
receipt code, passphrase), but the API's anonymous endpoints take the same fields (`public/reports/`,
`public/follow/`, `public/answer/`; multipart puts them in request.POST) with no such mark, so Django's error report
copies a report's text into its POST section."""

from __future__ import annotations

import secrets
import sys
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter
from rest_framework.test import force_authenticate

SECRET = "村支书收了我家低保名额的钱"


def test_an_api_report_s_text_never_reaches_an_error_report(monkeypatch):
    from jianfu.api.v1 import directline as api
    from jianfu.directline import services

    def down(**_kwargs):
        raise RuntimeError("the store is down")

    monkeypatch.setattr(services, "report_submit", down)
    monkeypatch.setattr(api.selectors, "place_split", lambda _place: ("450521", ""))
    request = RequestFactory().post("/api/v1/directline/public/reports/",
                                    {"place": "450521", "category": "meeting", "text": SECRET})
    with pytest.raises(RuntimeError):
        try:
            api.public_submit(request)
        except RuntimeError:
            info = sys.exc_info()
            raise
    reporter = ExceptionReporter(request, *info)
    report = reporter.get_traceback_text() + reporter.get_traceback_html()
    assert "the store is down" in report
    assert SECRET not in report
    # the POST section (the decorator above @api_view marked Django's request) and the frames' locals (below it)
    assert "text = &#x27;********************&#x27;" in report or "text = '********************'" in report
    assert _frame_vars(reporter, "public_submit")["data"] == "********************"


def _frame_vars(reporter, function):
    frame = next(f for f in reporter.get_traceback_frames() if f["function"] == function)
    return dict(frame["vars"])


def _report_of(view, request, *args):
    try:
        view(request, *args)
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        return reporter.get_traceback_text() + reporter.get_traceback_html(), reporter
    raise AssertionError("the view did not fail")


def test_a_handler_s_passphrase_and_key_never_reach_an_error_report(monkeypatch):
    from jianfu.api.v1 import directline as api
    from jianfu.directline import services

    # made here, not written out: an error report shows the source lines around each frame
    passphrase, key = "口令-" + secrets.token_hex(8), "PRIVATE-" + secrets.token_hex(16)

    def unlocked(**_kwargs):
        return key

    def down(**_kwargs):
        raise RuntimeError("the store is down")

    monkeypatch.setattr(api.selectors, "report_get", lambda **_kwargs: object())
    monkeypatch.setattr(services, "handler_unlock", unlocked)
    monkeypatch.setattr(api.selectors, "report_open", down)
    monkeypatch.setattr(services, "report_close", down)
    user = SimpleNamespace(is_authenticated=True, is_active=True, pk=1)
    for view, name, path, body, args in (
            (api.report_open, "report_open", "/api/v1/directline/reports/1/open/", {"passphrase": passphrase}, (1,)),
            (api.report_act, "report_act", "/api/v1/directline/reports/1/close/",
             {"passphrase": passphrase, "note": SECRET}, (1, "close"))):
        request = RequestFactory().post(path, body)
        force_authenticate(request, user=user)
        report, reporter = _report_of(view, request, *args)
        assert "the store is down" in report
        assert (passphrase in report, key in report, SECRET in report) == (False, False, False)
        assert {var: _frame_vars(reporter, name).get(var) for var in ("passphrase", "private")} == {
            "passphrase": "********************", "private": "********************"}


def test_the_receipt_page_s_code_never_reaches_an_error_report(monkeypatch):
    from jianfu.directline import services, views

    code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
    monkeypatch.setattr(services, "receipt_handoff_take", lambda **_kwargs: (code, False))
    monkeypatch.setattr(views, "render", lambda *_args, **_kwargs: (_ for _ in ()).throw(RuntimeError("down")))
    request = RequestFactory().get("/directline/receipt/")
    report, reporter = _report_of(views.public_receipt, request)
    assert code not in report
    assert _frame_vars(reporter, "public_receipt")["code"] == "********************"

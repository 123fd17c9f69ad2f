"""mend18a #4: the direct line's anonymous cookies (`jf_receipt`, `jf_form`) were copied into Django's error reports.
Django's SafeExceptionReporterFilter cleanses request.COOKIES by name only (API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE,
and the session cookie): neither name matches, so the technical 500 page and AdminEmailHandler's mail showed their
values. The project's filter (settings.DEFAULT_EXCEPTION_REPORTER_FILTER) hides them, and a traceback's local that
holds one of their values."""

from __future__ import annotations

import logging
import sys

from django.core import mail
from django.test import RequestFactory
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

RECEIPT = "rcpt-" + "R" * 38
FORM = "form-" + "F" * 38
STARS = SafeExceptionReporterFilter.cleansed_substitute


def _request():
    request = RequestFactory().get("/directline/public/receipt/", HTTP_COOKIE=f"jf_receipt={RECEIPT}; jf_form={FORM}; "
                                                                               "theme=dark")
    assert request.COOKIES == {"jf_receipt": RECEIPT, "jf_form": FORM, "theme": "dark"}
    return request


def _failing(cookie: str):
    jar = {"jf_receipt": cookie}   # noqa: F841 - a local of the failing frame, as the report shows it
    raise RuntimeError("the receipt store is down")


def _exc_info(request):
    try:
        _failing(request.COOKIES["jf_receipt"])
    except RuntimeError:
        return sys.exc_info()
    raise AssertionError("no exception")


def test_django_alone_would_copy_the_cookie_values_into_the_report():
    request = _request()
    cookies = SafeExceptionReporterFilter().get_safe_cookies(request)
    assert cookies == {"jf_receipt": RECEIPT, "jf_form": FORM, "theme": "dark"}   # why the project filter exists


def test_the_technical_500_page_and_its_text_carry_neither_cookie_value(settings):
    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER == "jianfu.directline.errorreports.ExceptionReporterFilter"
    request = _request()
    reporter = ExceptionReporter(request, *_exc_info(request))
    for report in (reporter.get_traceback_html(), reporter.get_traceback_text()):
        assert RECEIPT not in report and FORM not in report
        assert "jf_receipt" in report and "jf_form" in report and STARS in report
        assert "the receipt store is down" in report and "dark" in report   # the rest of the report is kept
    assert reporter.filter.get_safe_cookies(request) == {"jf_receipt": STARS, "jf_form": STARS, "theme": "dark"}


def test_the_mail_to_admins_carries_neither_cookie_value(settings):
    settings.ADMINS = [("运维", "ops@example.org")]
    request = _request()
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                               (request.path,), _exc_info(request))
    record.request = request
    AdminEmailHandler(include_html=True).emit(record)
    (message,) = mail.outbox
    bodies = [message.body] + [content for content, _mime in message.alternatives]
    assert len(bodies) == 2
    for body in bodies:
        assert RECEIPT not in body and FORM not in body and "jf_receipt" in body


def test_a_report_form_s_posted_text_never_reaches_an_error_report(monkeypatch):
    """The public forms' POST (a report's text and contact, a receipt code) is marked sensitive: Django's filter
    copies every POST field into the report unless the view says otherwise (mend18a's note)."""
    from jianfu.directline import views

    secret_text = "村支书收了我家低保名额的钱"
    for outer, inner in ((views.public_report, "_public_report"), (views.public_follow, "_public_follow")):
        def down(request):
            raise RuntimeError("the store is down")

        monkeypatch.setattr(views, inner, down)
        request = RequestFactory().post("/directline/public/report/", {"text": secret_text, "contact": "13800138000",
                                                                       "code": "ABCD-EFGH"})
        try:
            outer(request)
        except RuntimeError:
            info = sys.exc_info()
        else:
            raise AssertionError("no exception")
        assert request.sensitive_post_parameters == "__ALL__"
        report = ExceptionReporter(request, *info).get_traceback_text()
        assert secret_text not in report and "13800138000" not in report and "ABCD-EFGH" not in report
        assert "the store is down" in report and STARS in report

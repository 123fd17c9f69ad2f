"""security34 #2: a search by number is a GET (`/registry/persons/?q=450521196804122485`, the employment lists, the
API's `q`), and the whole number was written to the access log — gunicorn's request line and query, and again as the
referrer of the next page — and to `make run`'s request lines: a log held in clear what every page masks and the
database encrypts. Both loggers mask phone and ID numbers in what they write of a URL."""

from __future__ import annotations

import datetime as dt
import logging

from gunicorn.config import Config

from jianfu.core.logfilters import MaskIdentifiers
from jianfu.directline.accesslog import PrivateAccessLogger

ID = "450521196804122485"
PHONE = "13907791234"


class _Resp:
    status = "200 OK"
    sent = 10
    headers = [("Content-Type", "text/html")]


class _Req:
    headers = [("REFERER", f"https://jianfu.example/registry/persons/?q={ID}")]


def test_gunicorn_access_line_masks_a_searched_number_in_request_query_and_referrer():
    environ = {"REMOTE_ADDR": "10.1.2.3", "REQUEST_METHOD": "GET", "RAW_URI": f"/registry/persons/?q={PHONE}",
               "PATH_INFO": "/registry/persons/", "SERVER_PROTOCOL": "HTTP/1.1", "QUERY_STRING": f"q={PHONE}",
               "HTTP_REFERER": f"https://jianfu.example/registry/persons/?q={ID}"}
    logger = PrivateAccessLogger(Config())
    atoms = logger.atoms(_Resp(), _Req(), environ, dt.timedelta(seconds=1))
    line = logger.cfg.access_log_format % atoms
    assert ID not in repr(atoms) and PHONE not in repr(atoms)
    assert atoms["r"] == "GET /registry/persons/?q=139****1234 HTTP/1.1"
    assert atoms["q"] == "q=139****1234"
    assert atoms["f"] == "https://jianfu.example/registry/persons/?q=4505**************"
    assert '"GET /registry/persons/?q=139****1234 HTTP/1.1" 200 10' in line
    assert atoms["h"] == "10.1.2.3"            # nothing else of an ordinary line changes


def test_a_number_typed_with_spaces_is_masked_and_other_queries_are_kept_as_sent():
    environ = {"REMOTE_ADDR": "10.1.2.3", "REQUEST_METHOD": "GET", "RAW_URI": "/employment/people/?q=139+0779+1234",
               "PATH_INFO": "/employment/people/", "SERVER_PROTOCOL": "HTTP/1.1", "QUERY_STRING": "q=139+0779+1234"}
    atoms = PrivateAccessLogger(Config()).atoms(_Resp(), _Req(), environ, dt.timedelta(seconds=1))
    assert atoms["q"] == "q=139******1234"
    plain = {**environ, "RAW_URI": "/registry/persons/?q=%E9%99%88&page=2", "QUERY_STRING": "q=%E9%99%88&page=2"}
    atoms = PrivateAccessLogger(Config()).atoms(_Resp(), _Req(), plain, dt.timedelta(seconds=1))
    assert atoms["q"] == "q=%E9%99%88&page=2"


def test_the_development_servers_request_line_is_masked():
    record = logging.LogRecord("django.server", logging.INFO, __file__, 0, '"%s" %s %s',
                               (f"GET /registry/persons/?q={ID} HTTP/1.1", "200", "10063"), None)
    assert MaskIdentifiers().filter(record) is True
    assert record.getMessage() == '"GET /registry/persons/?q=4505************** HTTP/1.1" 200 10063'


def test_the_settings_put_the_filter_on_the_development_servers_logger():
    from django.conf import settings

    assert settings.LOGGING["loggers"]["django.server"]["filters"] == ["mask_identifiers"]
    assert settings.LOGGING["filters"]["mask_identifiers"] == {"()": "jianfu.core.logfilters.MaskIdentifiers"}

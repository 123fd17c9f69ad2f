"""The browser suite's live server serves one request at a time on the in-memory SQLite database, whose one connection
it shares with the test (root conftest, `_serve_one_request_at_a_time`); on PostgreSQL it keeps Django's threaded one."""

import urllib.request


def test_the_live_server_is_serial_exactly_on_the_in_memory_database(live_server):
    from django.db import connection
    from django.test.testcases import LiveServerThread

    serial = LiveServerThread.server_class.__name__ == "SerialWSGIServer"
    assert serial is (connection.vendor == "sqlite")
    with urllib.request.urlopen(live_server.url + "/login/") as answer:  # noqa: S310 (the test server, http)
        assert answer.status == 200
        if serial:   # no keep-alive: the next connection is never kept waiting behind an idle one
            assert answer.headers.get("Connection") == "close"

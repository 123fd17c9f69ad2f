"""Nothing that identifies a reporter is written anywhere during a submission, a follow-up or an
answer: every database row, every log record (at DEBUG, with its attached request), the cache, the
mail outbox, the audit log and gunicorn's access-log line are searched for the account, the session,
the address and the user agent."""

from __future__ import annotations

import logging
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.test import Client

from jianfu.core.formtokens import token_new
from jianfu.core.models import AuditRecord
from jianfu.directline.accesslog import PrivateAccessLogger
from jianfu.directline.tests.factories import TOWN, county_key_with_handler
from jianfu.directline.tests.owncache import clear_own_cache, own_cache_keys

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"
AGENT = "Mozilla/5.0 (Linux; Android 14; Reporter-Phone-XYZ) jianfu-leak-probe"
CODE_RE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}")


class Everything(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        request = getattr(record, "request", None)
        meta = repr(getattr(request, "META", "")) + repr(getattr(request, "COOKIES", ""))
        self.lines.append(f"{record.getMessage()} {record.__dict__!r} {meta} {record.exc_text or ''}")


def _database_rows() -> set[str]:
    return {f"{model._meta.label} {values!r}" for model in apps.get_models()
            for values in model.objects.all().values_list()}


def _cache_dump(cache=cache) -> str:
    """Every key and value jianfu put in the cache, whichever backend runs the suite (local memory, or
    Redis in the PostgreSQL pass). On Redis only the keys under this process's prefix are read: other
    users of the same Redis database (another project, another test process) are neither seen nor able
    to make this test fail."""
    inner = getattr(cache, "_cache", None)
    if isinstance(inner, dict):  # LocMemCache
        return repr(list(inner.keys())) + repr(list(inner.values()))
    client = inner.get_client(write=False)
    keys = own_cache_keys(cache)
    return repr(keys) + repr([client.get(k) for k in keys if client.type(k) == b"string"])


@pytest.mark.django_db
@pytest.mark.parametrize("username", [None, "village_a"])
def test_submission_follow_up_and_answer_leave_no_trace(world, settings, username):
    settings.JIANFU_TRUST_X_FORWARDED_FOR = True
    county_key_with_handler(world)
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=FORWARDED,
                    raise_request_exception=False)
    secrets_to_find = [ADDRESS, FORWARDED, "Reporter-Phone-XYZ"]
    if username:
        client.force_login(world.users[username])
        session_key = client.cookies["sessionid"].value
        secrets_to_find += [session_key, world.users[username].username + "'", "曲木村委会"]
    before_db = _database_rows()
    audit_before = AuditRecord.objects.count()
    capture = Everything()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    try:
        client.get("/directline/public/report/")      # the form's page sets its cookie (security17 #2): a FormReceipt
        page = client.post("/directline/public/report/", {"form_token": token_new(), "place": TOWN, "category": "meeting",
                                                          "text": "某局要求村支书每周参加三个视频会议并截图留痕。"},
                           follow=True)
        code = CODE_RE.search(page.content.decode()).group()
        client.post("/directline/public/follow/", {"code": code})
        client.post("/directline/public/follow/", {"form_token": token_new(), "code": code, "answer": "补充：会议通知只在微信群发。"})
        client.post("/directline/public/follow/", {"code": "WRONG-CODE"})
        client.post("/directline/public/report/", {"form_token": token_new(), "place": TOWN, "category": "meeting", "text": "短"})
        client.get("/directline/public/no-such-page/")
        # The API's public endpoints too.
        api = client.post("/api/v1/directline/public/reports/", {"place": TOWN, "category": "app",
                                                                 "text": "某应用要求每天打卡并按在线时长排名。"},
                          content_type="application/json")
        assert api.status_code == 201
        client.post("/api/v1/directline/public/follow/", {"code": api.json()["receipt_code"]},
                    content_type="application/json")
    finally:
        root.removeHandler(capture)
        root.setLevel(old_level)
    assert AuditRecord.objects.count() == audit_before
    added_rows = _database_rows() - before_db
    # FormReceipt: the receipt code kept ten to twenty minutes for a repeat, sealed, naming no report (security17 #1)
    assert {row.split(" ")[0] for row in added_rows} == {"directline.Report", "directline.Message",
                                                         "directline.FormReceipt"}
    written = "\n".join([*added_rows, _cache_dump(), "\n".join(capture.lines),
                         repr([(m.subject, m.body, m.to) for m in mail.outbox])])
    assert [secret for secret in secrets_to_find if secret in written] == []
    assert capture.lines  # the capture did see the requests' log records (the 404, the 400s)


def test_gunicorn_access_log_drops_the_reporter():
    class Resp:
        status = "200 OK"
        sent = 10
        headers = [("Content-Type", "text/html")]

    class Req:
        headers = [("USER-AGENT", AGENT), ("X-FORWARDED-FOR", FORWARDED)]

    environ = {"REMOTE_ADDR": ADDRESS, "REQUEST_METHOD": "POST", "RAW_URI": "/directline/public/report/?x=1",
               "PATH_INFO": "/directline/public/report/", "SERVER_PROTOCOL": "HTTP/1.1", "QUERY_STRING": "x=1",
               "HTTP_USER_AGENT": AGENT, "HTTP_X_FORWARDED_FOR": FORWARDED}
    import datetime as dt

    from gunicorn.config import Config

    logger = PrivateAccessLogger(Config())
    atoms = logger.atoms(Resp(), Req(), environ, dt.timedelta(seconds=1))
    line = logger.cfg.access_log_format % atoms
    assert ADDRESS not in repr(atoms) and FORWARDED not in repr(atoms) and "Reporter-Phone" not in repr(atoms)
    assert line.startswith('- - - - "POST /directline/public/report/ HTTP/1.1" 200 10')
    # Other paths keep their ordinary log line.
    other = logger.atoms(Resp(), Req(), {**environ, "PATH_INFO": "/dispatch/"}, dt.timedelta(seconds=1))
    assert other["h"] == ADDRESS


@pytest.mark.django_db
def test_a_server_error_on_the_public_path_logs_no_address(world, monkeypatch):
    county_key_with_handler(world)

    def broken(**kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr("jianfu.directline.services.report_submit", broken)
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, raise_request_exception=False)
    capture = Everything()
    root = logging.getLogger()
    root.addHandler(capture)
    try:
        response = client.post("/directline/public/report/", {"form_token": token_new(), "place": TOWN, "category": "meeting",
                                                               "text": "某局要求村支书每周参加三个视频会议。"})
    finally:
        root.removeHandler(capture)
    assert response.status_code == 500
    logged = "\n".join(capture.lines)
    assert "Internal Server Error: /directline/public/report/" in logged
    assert ADDRESS not in logged and "Reporter-Phone-XYZ" not in logged
    assert "每周参加三个视频会议" not in logged


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of this test's own (a unix socket in tmp_path), standing for a Redis database
    shared with other users: skipped, saying why, only where redis-server is not installed."""
    import shutil
    import subprocess
    import time

    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    socket = tmp_path / "redis.sock"
    process = subprocess.Popen([server, "--port", "0", "--unixsocket", str(socket), "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if socket.exists():
                break
            time.sleep(0.05)
        yield f"unix://{socket}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.backend  # Redis: kept on the PostgreSQL/Redis pass (ADR 0038)
def test_the_cache_dump_reads_and_clears_only_the_projects_keys_on_a_shared_redis(private_redis):
    import redis
    from django.core.cache.backends.redis import RedisCache

    ours = RedisCache(private_redis, {"KEY_PREFIX": "jianfu-test-1"})
    other_project = redis.Redis.from_url(private_redis)
    other_project.set("someone-else:session", ADDRESS)                  # another user of the same database
    other_project.set("jianfu-test-2:1:directline:x", AGENT)            # another jianfu test process
    ours.set("directline:submissions:2026120307", 3)
    assert [k.decode() for k in own_cache_keys(ours)] == ["jianfu-test-1:1:directline:submissions:2026120307"]
    dump = _cache_dump(ours)
    assert ADDRESS not in dump and "Reporter-Phone" not in dump and "submissions" in dump
    clear_own_cache(ours)
    assert own_cache_keys(ours) == []
    assert sorted(other_project.keys()) == [b"jianfu-test-2:1:directline:x", b"someone-else:session"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/directline/public/report/", "/directline/public/follow/"])
def test_the_reporters_pages_name_no_page_in_a_referer_even_to_this_sites_static_files(path):
    # the site-wide policy is 'same-origin': every /static/ request of these pages would name the page in the access
    # log; 'no-referrer' would make the browser send Origin: null with the form, which the CSRF check refuses (the
    # browser suite's direct-line test)
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "strict-origin"
    assert Client().get("/accounts/login/")["Referrer-Policy"] == "same-origin"


def test_gunicorn_can_load_the_access_logger_before_django_is_set_up():
    """gunicorn's master imports `logger_class` before any Django app is loaded: the documented command failed with
    "class uri … invalid or not found" (AppRegistryNotReady) while the logger reached the middleware module."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run([sys.executable, "-c", "import jianfu.directline.accesslog as m; print(m.PrivateAccessLogger.__name__)"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "PrivateAccessLogger"), done.stderr[-500:]

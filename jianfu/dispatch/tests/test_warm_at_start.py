"""newuser17 #1: the first request after every start was slow (the first citizen 反映 7.4 s, the first 推荐岗位 page
7.6 s, against 0.6 s and 0.2–0.8 s warm): the views, the routing and the matching models loaded inside the web process
on first use. `config.warmup` loads them in a background thread of a new process — scripts/run.py's development
server asks for it (JIANFU_WARM_AT_START=1, its web process only), gunicorn's `post_worker_init` does the same — and
a failure never stops the server."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from pathlib import Path

import pytest

from config import warmup
from jianfu.dispatch import routing_bridge, services
from jianfu.employment import matchsvc
from jianfu.employment.tests.factories import TOWN, key_person_in, posting_in

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_after_the_warm_up_the_first_event_and_the_first_jobs_page_load_nothing(world, catalogue, monkeypatch):
    routing_bridge.clear_cache()
    matchsvc._cache.clear()
    kp = key_person_in(profile={"desired_text": "想做海产品分拣", "places": ["town", "county"]})
    posting = posting_in(TOWN)
    from jianfu.review.engine import context as review_context
    from jianfu.review.engine import rules as review_rules

    review_rules.load_catalogue.cache_clear()
    review_context._jieba.cache_clear()
    result = warmup.warm()
    assert (result["routers"], result["indexes"]) == (1, 1)
    # the first pasted draft finds the rules and jieba's dictionary loaded (review-new18: 1.3–3.2 s cold)
    assert review_rules.load_catalogue.cache_info().currsize == 1 and review_context._jieba.cache_info().currsize == 1
    assert result["rules"] == len(review_rules.load_catalogue().rules) > 50
    assert result["pinyin"] == 3 and "pypinyin" in sys.modules   # mend31 #5: the first /villages/ imported it
    # from here on neither a router nor the posting side may be built or read from disk
    def refuse(*args, **kwargs):
        raise AssertionError("built on the first request")

    monkeypatch.setattr(routing_bridge, "CatalogueRouter", refuse)
    monkeypatch.setattr("joblib.load", refuse)
    monkeypatch.setattr(matchsvc, "Matcher", refuse)
    assert [p.pk for p, _rec in matchsvc.jobs_for(kp, top=5)] == [posting.pk]
    event = services.event_report(actor=world.users["village_a"], text="村里山林有人乱砍树木，请林业部门来看看",
                                  org_code="450521200206", source="village")
    assert event.department_code == "450521000000D02"   # routed to 林业局 by the warmed router


def test_a_failing_warm_up_is_logged_and_never_raises(world, monkeypatch, caplog, capsys):
    """cr18 #7: each part is tried on its own — the routers failing no longer skip the matching indexes and the
    review rules — and the ready line counts what did warm."""
    from jianfu.review.engine import matcher

    def broken():
        raise RuntimeError("no catalogue today")

    monkeypatch.setattr(routing_bridge, "warm_in_force", broken)
    monkeypatch.setattr(matchsvc, "warm_process", lambda: 3)
    monkeypatch.setattr(matcher, "warm", lambda: 57)
    result = warmup.warm()
    assert (result["routers"], result["indexes"], result["rules"], result["pinyin"], result["failed"]) == (0, 3, 57, 3, 1)
    assert result["urls"] > 0
    assert [r.getMessage() for r in caplog.records if r.name == "jianfu.warmup"] == ["warm-up failed: routers"]
    assert "no catalogue today" in caplog.text
    warmup._print_ready({**result, "seconds": 1.25})
    assert capsys.readouterr().out == (
        "预热完成 / warmed up: 0 个分派模型、3 个求职者索引、57 条审查规则，1 项失败（见日志），用时 1.2 秒\n")


def test_only_a_process_started_for_it_warms_and_in_the_background(monkeypatch):
    done: list[str] = []
    monkeypatch.setattr(warmup, "warm", lambda: time.sleep(0.3) or {"routers": 1, "indexes": 2, "seconds": 0.3})
    monkeypatch.setattr(warmup, "_print_ready", lambda result: done.append(f"{result['routers']}/{result['indexes']}"))
    nightly: list[int] = []     # bench-day28: the process's matching state warmed again every night, started here
    monkeypatch.setattr(warmup, "daily_matching_warm_in_background", lambda: nightly.append(1))
    monkeypatch.delenv("JIANFU_WARM_AT_START", raising=False)
    assert warmup.warm_at_start_if_asked() is None        # gunicorn, manage.py commands, tests: never here
    assert nightly == []
    monkeypatch.setenv("JIANFU_WARM_AT_START", "1")
    started = time.monotonic()
    thread = warmup.warm_at_start_if_asked()
    assert thread is not None and thread.daemon and time.monotonic() - started < 0.2   # the start is not delayed
    thread.join(5)
    assert done == ["1/2"] and nightly == [1]


def _gunicorn_conf():
    spec = importlib.util.spec_from_file_location("jianfu_gunicorn_conf", ROOT / "config" / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gunicorn_worker_runs_the_same_warm_up_in_the_background_and_serves_at_once(monkeypatch):
    """diffreview13 D15, mend18a #1: gunicorn's post_worker_init returns at once — a long warm-up never meets the worker
    timeout in init — and runs config.warmup's one warm-up (views, routers, matching models) in a daemon thread, the
    ready line printed when it is done, as the development server does."""
    started, release = threading.Event(), threading.Event()
    printed: list[str] = []

    def slow_warm():
        started.set()
        release.wait(10)
        return {"routers": 1, "indexes": 4, "seconds": 2.0}

    monkeypatch.setattr(warmup, "warm", slow_warm)
    monkeypatch.setattr(warmup, "_print_ready", lambda result: printed.append(f"{result['routers']}/{result['indexes']}"))
    nightly: list[int] = []
    monkeypatch.setattr(warmup, "daily_matching_warm_in_background", lambda: nightly.append(1))
    began = time.monotonic()
    thread = _gunicorn_conf().post_worker_init(worker=None)
    assert nightly == [1]       # bench-day28: and its matching state warmed again every night
    assert time.monotonic() - began < 0.5 and started.wait(5)
    assert thread.is_alive() and thread.daemon and thread.name == "jianfu-warm-up" and printed == []
    release.set()
    thread.join(5)
    assert not thread.is_alive() and printed == ["1/4"]
    assert not hasattr(matchsvc, "warm_process_in_background")   # one thread helper: config.warmup's


def test_the_warm_up_thread_closes_its_own_connection_never_the_callers(monkeypatch):
    """Last session's PostgreSQL failure: `warm` closed the connection of the thread that called it (a test's, with
    its transaction open). Only the background thread closes a connection, its own; the caller's stays open."""
    from django.db import connection, connections

    closed: list[str] = []
    wrapper = type(connections["default"])
    real_close = wrapper.close

    def recorded_close(self):
        closed.append(threading.current_thread().name)
        return real_close(self)

    def warm_with_a_query():
        with connection.cursor() as cursor:          # the thread's own connection, opened by its work
            cursor.execute("SELECT 1")
        return {"routers": 0, "indexes": 0, "seconds": 0.0}

    monkeypatch.setattr(wrapper, "close", recorded_close)
    monkeypatch.setattr(routing_bridge, "warm_in_force", lambda: 0)
    monkeypatch.setattr(matchsvc, "warm_process", lambda: 0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    callers = connection.connection
    assert warmup.warm()["routers"] == 0 and closed == []          # on the caller's thread: nothing closed
    monkeypatch.setattr(warmup, "warm", warm_with_a_query)
    thread = warmup.warm_in_background()
    thread.join(5)
    assert closed == ["jianfu-warm-up"]
    assert connection.connection is callers and callers is not None


def _run_module():
    spec = importlib.util.spec_from_file_location("jianfu_run_warm", ROOT / "scripts" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_run_asks_the_web_server_alone_to_warm(tmp_path):
    run = _run_module()
    env = {"PATH": "/usr/bin:/bin", "JIANFU_ALLOW_LOCAL_SECRETS": "1"}
    web_env = run.web_environment(env)
    assert web_env == {**env, "JIANFU_WARM_AT_START": "1", "JIANFU_DEMO": "1"} and "JIANFU_WARM_AT_START" not in env
    show = "import os, pathlib; pathlib.Path({!r}).write_text(os.environ.get('JIANFU_WARM_AT_START', '-')); " \
           "import time; time.sleep(60)"
    web = [sys.executable, "-c", show.format(str(tmp_path / "web"))]
    worker = [sys.executable, "-c", show.format(str(tmp_path / "worker"))]
    started = time.monotonic()
    code = run.supervise(web, worker, cwd=tmp_path, env=env, web_env=web_env, poll=0.05, log=lambda *a, **k: None,
                         should_stop=lambda: time.monotonic() - started > 3.0)
    assert code == 0
    assert ((tmp_path / "web").read_text(), (tmp_path / "worker").read_text()) == ("1", "-")


def test_make_run_says_the_site_is_up_only_once_its_login_page_answers(tmp_path):
    """newuser21 #1: the "已启动" line came before the port was open; now it waits for the page to answer, once."""
    run = _run_module()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    probes, announced = [], []

    def ready() -> bool:
        probes.append(time.monotonic())
        return len(probes) >= 3

    started = time.monotonic()
    code = run.supervise(sleeper, sleeper, cwd=tmp_path, env=None, poll=0.05, log=lambda *a, **k: None,
                         ready=ready, on_start=lambda: announced.append(len(probes)),
                         should_stop=lambda: time.monotonic() - started > 1.0)
    assert code == 0
    assert announced == [3] and len(probes) == 3          # announced on the third probe, and never probed again


def test_make_run_never_says_the_site_is_up_while_it_does_not_answer(tmp_path):
    run = _run_module()
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    announced = []
    started = time.monotonic()
    run.supervise(sleeper, sleeper, cwd=tmp_path, env=None, poll=0.05, log=lambda *a, **k: None,
                  ready=lambda: False, on_start=lambda: announced.append(1),
                  should_stop=lambda: time.monotonic() - started > 0.5)
    assert announced == []


def test_a_page_answers_with_any_status_and_a_closed_port_does_not():
    import http.server
    import socket
    import threading

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert _run_module().answers(f"http://127.0.0.1:{server.server_address[1]}/login/") is True
    finally:
        server.shutdown()
        server.server_close()
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert _run_module().answers(f"http://127.0.0.1:{port}/login/", timeout=0.5) is False

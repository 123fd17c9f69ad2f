"""security23 F9: without JIANFU_REDIS_URL the cache is one LocMemCache per process, so gunicorn's 3 workers kept
3 × every hourly allowance and a recycled worker started from nothing. Several web processes without Redis refuse to
start (config/sharedcache.py, gunicorn's on_starting); one process may, and is never recycled."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from config.sharedcache import REFUSAL, refusal

ROOT = Path(__file__).resolve().parent.parent


def _gunicorn_conf(monkeypatch, redis: str | None):
    if redis is None:
        monkeypatch.delenv("JIANFU_REDIS_URL", raising=False)
    else:
        monkeypatch.setenv("JIANFU_REDIS_URL", redis)
    spec = importlib.util.spec_from_file_location(
        "jianfu_gunicorn_conf_sec23", ROOT / "config" / "gunicorn.conf.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("workers", "environ", "refused"),
    [
        (3, {}, True),
        (2, {"JIANFU_REDIS_URL": ""}, True),
        (3, {"JIANFU_REDIS_URL": "  "}, True),
        (3, {"JIANFU_REDIS_URL": "redis://127.0.0.1:6379/0"}, False),
        (1, {}, False),  # one process: its own memory is the whole site's
        (1, {"JIANFU_REDIS_URL": "redis://127.0.0.1:6379/0"}, False),
    ],
)
def test_the_decision(workers, environ, refused):
    assert refusal(workers=workers, environ=environ) == (REFUSAL.format(workers=workers) if refused else None)


def test_the_message_says_why_in_chinese_and_english():
    assert REFUSAL.format(workers=3).splitlines() == [
        "jianfu 拒绝启动：3 个 Web 进程需要共享缓存，但未设置 JIANFU_REDIS_URL。没有 Redis 时每个进程各自计数，每小时提交次数、"
        "查询次数等限制会按进程数成倍放宽。请设置 JIANFU_REDIS_URL（见 docs/deploy.md），或以单个进程运行（JIANFU_WEB_WORKERS=1）。",
        "jianfu refuses to start: 3 web processes need a shared cache, but JIANFU_REDIS_URL is not set. Without Redis "
        "each process keeps its own counts, so the hourly limits (public reports, case look-ups, API tokens) are "
        "multiplied by the number of processes. Set JIANFU_REDIS_URL (docs/deploy.md) or run one process "
        "(JIANFU_WEB_WORKERS=1).",
    ]


def test_gunicorns_start_hook_refuses_and_recycling_is_off_without_redis(monkeypatch, capsys):
    conf = _gunicorn_conf(monkeypatch, None)
    assert (conf.workers, conf.max_requests) == (3, 0)
    with pytest.raises(SystemExit) as stopped:
        conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(workers=3)))
    assert stopped.value.code == 1
    assert capsys.readouterr().err == REFUSAL.format(workers=3) + "\n"
    assert conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(workers=1))) is None
    conf = _gunicorn_conf(monkeypatch, "redis://127.0.0.1:6379/0")
    assert (conf.workers, conf.max_requests) == (3, 2000)
    assert conf.on_starting(SimpleNamespace(cfg=SimpleNamespace(workers=3))) is None


def test_gunicorn_itself_stops_before_serving(tmp_path):
    """The real server, as deployed (docs/deploy.md's ExecStart) but without Redis: exit status 1 and the message."""
    env = {k: v for k, v in os.environ.items() if k not in ("JIANFU_REDIS_URL", "GUNICORN_CMD_ARGS")}
    env["JIANFU_BIND"] = f"unix:{tmp_path / 'sock'}"
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi:application"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert REFUSAL.format(workers=3) in done.stderr
    assert "Booting worker" not in done.stderr

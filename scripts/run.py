"""`make run`: migrate, load the demo into a new database, then serve the web app and the background
worker together until Ctrl-C, which stops both cleanly; a worker that dies is restarted. Data is kept
between runs (var/)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def manage(*args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True)


def start_banner() -> str:
    """The demo accounts, and the direct line's demo passphrase with them: its handler cannot read a report (nor
    accept or close one) without it, and it was only in docs/directline.md (N10). Demo only: the key is synthetic."""
    from jianfu.accounts.demo import accounts_table
    from jianfu.directline.demo import DEMO_PASSPHRASE

    return (f"{accounts_table()}\n"
            "登录页也列出这些演示账号 / the login page lists them too\n"
            f"直通车：county_office 是演示办理人，阅读和办理反映前先“解锁”，演示口令 {DEMO_PASSPHRASE}（仅供演示）\n"
            # mend34 #4: a new report reaches the handler's list only with the next digest (工作日 9:00 / 15:00)
            "直通车：新反映在工作日 9:00、15:00 汇总时才进入办理人列表；演示中要马上看到，另开终端运行 make directline-digest")


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether the web server answers `url` at all (any HTTP status counts): `make run` says the site is up only then
    (newuser21 #1: the line came 14 s before the port opened, and the first page took 8.6 s more — the first request
    imports every view; the probe pays that, not the person)."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))   # never through a configured proxy
    try:
        with direct.open(url, timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False


def web_environment(env: dict[str, str]) -> dict[str, str]:
    """The web server's environment: it warms its routing and matching models in the background (config/warmup.py),
    and its login page names the demo accounts (settings.JIANFU_DEMO_LOGIN_NOTE: on the embedded default only, never
    a deployment). The worker's stays `env`."""
    return {**env, "JIANFU_WARM_AT_START": "1", "JIANFU_DEMO": "1"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("JIANFU_ALLOW_LOCAL_SECRETS", "1")  # the embedded default keeps its secrets in var/
    print("正在更新数据库结构 / migrating the database …", flush=True)
    manage("migrate", "--noinput", "-v", "0")
    print("正在检查演示数据（首次加载需要几分钟）/ loading the demo data if the database is new …", flush=True)
    manage("demo_load", "--if-empty")
    manage("reports_load_forms", "--if-changed", "-v", "0")   # an upgrade's changed built-in forms (idempotent)
    print("正在启动网页服务和后台任务 / starting the web server and the worker …", flush=True)
    env = dict(os.environ)
    web_env = web_environment(env)
    web_cmd = [PY, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{args.port}"]
    worker_cmd = [PY, "manage.py", "run_huey", "--quiet"]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def started():
        print(f"\n减负赋能已启动：http://127.0.0.1:{args.port}/  （后台任务进程已启动；按 Ctrl-C 停止）")
        print(start_banner(), flush=True)

    login = f"http://127.0.0.1:{args.port}/login/"
    return supervise(web_cmd, worker_cmd, cwd=ROOT, env=env, web_env=web_env, should_stop=lambda: stopping,
                     on_start=started, ready=lambda: answers(login))


def supervise(web_cmd: list[str], worker_cmd: list[str], *, cwd, env, should_stop, on_start=None, web_env=None,
              poll: float = 0.5, max_restarts: int = 5, window: float = 60.0, log=print, ready=None) -> int:
    """Run the web server and the background worker until `should_stop()` or the web server exits.
    A worker that dies is restarted (an import or a deadline scan must not wait for someone to notice),
    at most `max_restarts` times within `window` seconds — past that it keeps failing and the web
    server is stopped too, with the reason. `web_env`: the web server's environment when it differs from the
    worker's. `on_start` is called once `ready()` is true (at once without `ready`). Returns the exit status for the
    shell."""
    web = subprocess.Popen(web_cmd, cwd=cwd, env=web_env if web_env is not None else env)
    worker = subprocess.Popen(worker_cmd, cwd=cwd, env=env)
    announced = on_start is None
    restarts: list[float] = []
    failed = False
    try:
        while not should_stop():
            if not announced and web.poll() is None and (ready is None or ready()):
                announced = True
                on_start()
            if web.poll() is not None:
                log(f"网页服务已退出（代码 {web.returncode}），正在停止。", flush=True)
                failed = web.returncode not in (0, -signal.SIGINT)
                break
            if worker.poll() is not None:
                now = time.monotonic()
                restarts = [t for t in restarts if now - t < window] + [now]
                if len(restarts) > max_restarts:
                    log(f"后台任务进程在 {window:.0f} 秒内退出了 {len(restarts)} 次（代码 {worker.returncode}），"
                        "不再重启；请查看上面的错误信息。", flush=True)
                    failed = True
                    break
                log(f"后台任务进程已退出（代码 {worker.returncode}），正在重启……", flush=True)
                worker = subprocess.Popen(worker_cmd, cwd=cwd, env=env)
            time.sleep(poll)
    finally:
        procs = [web, worker]
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
        log("已停止。")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())

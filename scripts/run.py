"""`make run`: migrate, load the demo into a new database, then serve the web app and the background
worker together until Ctrl-C, which stops both cleanly. Data is kept between runs (var/)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def manage(*args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("JIANFU_ALLOW_LOCAL_SECRETS", "1")  # the embedded default keeps its secrets in var/
    manage("migrate", "--noinput", "-v", "0")
    manage("demo_load", "--if-empty")
    env = dict(os.environ)
    web = subprocess.Popen([PY, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{args.port}"],
                           cwd=ROOT, env=env)
    worker = subprocess.Popen([PY, "manage.py", "run_huey", "--quiet"], cwd=ROOT, env=env)
    procs = [web, worker]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from jianfu.accounts.demo import accounts_table

    print(f"\n减负赋能已启动：http://127.0.0.1:{args.port}/  （后台任务进程已启动；按 Ctrl-C 停止）")
    print(accounts_table(), flush=True)

    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while not stopping and all(p.poll() is None for p in procs):
            time.sleep(0.5)
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
        print("已停止。")
    failed = [p for p in procs if p.returncode not in (0, -signal.SIGINT, 1, None) and not stopping]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

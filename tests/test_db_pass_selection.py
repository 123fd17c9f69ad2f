"""What the PostgreSQL pass runs (ADR 0038, ADR 0042): database tests, not pure ones, and not the browser suite."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = ["tests/e2e/test_monitor.py", "tests/test_live_server_serial.py", "jianfu/core/tests/test_one_refusal.py"]


def _collected(db_pass: bool) -> set[str]:
    env = {**os.environ, "JIANFU_TESTING": "1"}
    env.pop("JIANFU_DB_PASS", None)
    if db_pass:
        env["JIANFU_DB_PASS"] = "1"
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:randomly", *FILES],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {line.split("::")[0] for line in done.stdout.splitlines() if "::" in line}


def test_the_postgresql_pass_keeps_database_tests_and_leaves_the_browser_suite_to_the_sqlite_pass():
    assert _collected(db_pass=False) == set(FILES)
    assert _collected(db_pass=True) == {"tests/test_live_server_serial.py"}

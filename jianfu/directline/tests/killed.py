"""Run a script in another process against the test database and let it be SIGKILLed there.

On SQLite (an in-memory test database) the database is copied to a file for the child and copied back
afterwards; on PostgreSQL the child connects to the test database itself. Tests using this must be
`django_db(transaction=True)`, so the child sees committed rows and the parent sees the child's."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
PRELUDE = "import os, signal, sys\nimport django\ndjango.setup()\n"


def run_in_child(script: str, *, tmp_path: Path, stdin: str = "", timeout: int = 300
                 ) -> subprocess.CompletedProcess[str]:
    """Run PRELUDE + `script` in a fresh Python process on (a copy of) the test database; the caller
    checks the return code (-9 for SIGKILL)."""
    copied = None
    if connection.vendor == "sqlite":
        copied = tmp_path / "child.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copied) as target:
            connection.connection.backup(target)
        url = f"sqlite:///{copied}"
    else:
        s = connection.settings_dict
        url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "JIANFU_TESTING": "1", "JIANFU_ALLOW_LOCAL_SECRETS": "1",
           "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)}
    env.pop("JIANFU_REDIS_URL", None)
    child = subprocess.run([sys.executable, "-c", PRELUDE + script], input=stdin, text=True, capture_output=True,
                           env=env, cwd=tmp_path, timeout=timeout, check=False)
    if copied is not None:
        connection.close()
        connection.ensure_connection()
        with sqlite3.connect(copied) as source:
            source.backup(connection.connection)
    return child

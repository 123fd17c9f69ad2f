"""The test database copied to a SQLite file and back, for tests that let a real worker process (killed with kill -9)
work on the file: `save_to` before the worker starts, `load_from` to see what it left (SQLite rolls a hot journal back
on reading)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db import connection


def save_to(path: Path) -> Path:
    """Copy the test database to `path` (a SQLite file) and return it."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return path


def load_from(path: Path) -> None:
    """Replace the test database with the file's content (what the killed worker left behind)."""
    connection.ensure_connection()
    source = sqlite3.connect(path)
    source.backup(connection.connection)
    source.close()

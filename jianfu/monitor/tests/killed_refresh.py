"""A worker process that the test kills with SIGKILL (kill -9) in the middle of the ledger refresh task (used by
test_refresh_killed.py).

    python -m jianfu.monitor.tests.killed_refresh DB_FILE COUNTY_CODE YEAR KILL_POINT

runs the huey task `findings_refresh` (its body, as a worker would) on the SQLite file DB_FILE; at KILL_POINT it prints
KILL_POINT on stdout and waits there for the test's SIGKILL. KILL_POINT is `claim` (inside the task's first transaction,
the marker's row locked, as it claims it: nothing of the claim committed) or `evaluate` (after the claim, inside the
evaluation's transaction, once the new findings are inserted and before their audit entry and the commit)."""

from __future__ import annotations

import os
import sys
import time


def _stop_at(kill_point: str) -> None:
    print(kill_point, flush=True)
    time.sleep(120)  # the test kills the process here
    raise SystemExit(4)  # never reached unless the test forgot to


def main(db_file: str, county_code: str, year: str, kill_point: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    import django

    django.setup()
    from django.db.models.query import QuerySet

    from jianfu.monitor import services, tasks

    if kill_point == "claim":
        update = QuerySet.update

        def claiming(self, **kwargs):
            if kwargs.get("queued") is False and "queued_at" in kwargs:  # the claim: queued → false
                _stop_at(kill_point)
            return update(self, **kwargs)

        QuerySet.update = claiming  # type: ignore[method-assign]
    elif kill_point == "evaluate":
        insert = services._insert_findings

        def inserted(rows):
            insert(rows)
            _stop_at(kill_point)

        services._insert_findings = inserted
    else:
        raise SystemExit(f"unknown kill point {kill_point}")
    tasks.findings_refresh.call_local(county_code, int(year))
    raise SystemExit(3)  # the kill point was never reached: the test fails on this exit code


if __name__ == "__main__":
    main(*sys.argv[1:])

"""A worker process killed with SIGKILL in the middle of an employment job (used by test_killed_workers.py).

    python -m jianfu.employment.tests.killed_worker DB_FILE MEDIA_ROOT JOB ARG KILL_POINT

runs JOB on the SQLite file DB_FILE and kills itself (SIGKILL: no cleanup, no rollback by Python) the first
time it passes KILL_POINT — after that step's writes, inside the job's transaction. JOB is `scan` (ARG: today,
ISO), `expire` (ARG: today), `import` (ARG: the PostingImport id) or `seekers` (ARG: the SeekerImportBatch id). KILL_POINT is `insert` (after the first
bulk insert) or `audit` (after the job's last write, as it records its audit entry, just before commit).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys


def _die_after(owner, name: str) -> None:
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        result = real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
        return result  # never reached

    setattr(owner, name, wrapper)


def main(db_file: str, media_root: str, job: str, arg: str, kill_point: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ["JIANFU_MEDIA_ROOT"] = media_root
    import django

    django.setup()
    from jianfu.employment import importjobs, postings, seekerjobs, visits
    from jianfu.employment.models import VisitTask
    from jianfu.registry import bulk

    if kill_point == "insert":
        if job == "scan":
            _die_after(VisitTask.objects, "bulk_create")
        else:
            _die_after(bulk, "insert")
    elif kill_point == "audit":
        _die_after({"scan": visits, "seekers": seekerjobs}.get(job, postings), "audit_record")
    else:
        raise SystemExit(f"unknown kill point {kill_point}")
    if job == "scan":
        visits.visit_scan(today=dt.date.fromisoformat(arg))
    elif job == "expire":
        postings.postings_expire(today=dt.date.fromisoformat(arg))
    elif job == "import":
        importjobs.import_run(batch_id=int(arg))
    elif job == "seekers":
        seekerjobs.import_run(batch_id=int(arg))
    else:
        raise SystemExit(f"unknown job {job}")
    raise SystemExit(3)  # the kill point was never reached: the test fails on this exit code


if __name__ == "__main__":
    main(*sys.argv[1:])

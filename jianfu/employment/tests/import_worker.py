"""The web posting import's task body in a process of its own (used by test_import_worker_killed.py):

    DATABASE_URL=… JIANFU_MEDIA_ROOT=… python -m jianfu.employment.tests.import_worker BATCH_ID [PAUSED_FILE]

runs `importjobs.import_run(batch_id=BATCH_ID)` — the body of the queued task `tasks.posting_import_task` — as the
worker would. The test kills it with SIGKILL from outside while it is inside the import's write transaction.

On PostgreSQL nothing here changes the code: the test holds a lock on the audit table, so the worker blocks on its
last write (the import's audit record, after every employer and posting is inserted) and the test sees it waiting
in `pg_stat_activity`. On SQLite no lock can stop a writer that is inside its transaction (IMMEDIATE transactions
take the one write lock at BEGIN), so with PAUSED_FILE the worker stops itself at that same point: it creates the
file and waits, and the test, which waits for the file, kills it. No production hook or setting is involved.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path


def main(batch_id: str, paused_file: str = "") -> None:
    import django

    django.setup()
    from jianfu.employment import importjobs, postings

    if paused_file:
        real = postings.audit_record

        def pause_at_the_import_record(*args, **kwargs):
            if kwargs.get("action") == "employment.posting.import":
                from jianfu.employment.models import Posting

                # what this transaction has written so far, as the worker itself sees it: the test checks that the
                # postings were inserted before the kill, so the pause is where the write is half done
                Path(paused_file).write_text(str(Posting.objects.filter(batch_id=int(batch_id)).count()))
                while True:
                    signal.pause()  # until the test's SIGKILL
            return real(*args, **kwargs)

        postings.audit_record = pause_at_the_import_record  # type: ignore[assignment]
    batch = importjobs.import_run(batch_id=int(batch_id))
    print(batch.status)
    raise SystemExit(3)  # never killed: the test fails on this exit code


if __name__ == "__main__":
    main(*sys.argv[1:])

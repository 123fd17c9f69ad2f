"""Background work of 就业帮扶 (huey). Tasks take ids and call services; they hold no logic."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from jianfu.employment import importjobs, postings, visits


@db_periodic_task(crontab(minute="7", hour="*"))
def visit_scan_task():
    """Hourly: due visits, cancelled ones, escalation. Works on dates, so a missed run is caught up by the next."""
    return visits.visit_scan()


@db_task()
def visit_scan_person_task(key_person_id: int):
    """After a status change or a new key person: that person's tasks at once, not at the next hour."""
    return visits.visit_scan(key_person_ids=[key_person_id])


@db_periodic_task(crontab(minute="20", hour="0"))
def postings_expire_task():
    """Daily: postings past their validity stop being offered (closed, audited)."""
    return postings.postings_expire()


@db_task()
def posting_import_task(batch_id: int) -> str:
    """A web upload of postings: validated and written (all or nothing) by the worker, not the request."""
    return importjobs.import_run(batch_id=batch_id).status


@db_periodic_task(crontab(minute="*/5"))
def posting_import_recover_task() -> int:
    """Every 5 minutes: imports whose worker died are marked 已中断 (retried or discarded on their page)."""
    return importjobs.import_recover_stale()

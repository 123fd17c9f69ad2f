"""Background work of 就业帮扶 (huey). Tasks take ids and call services; they hold no logic."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from jianfu.core.queueing import enqueue_quietly
from jianfu.employment import importjobs, postings, seekerjobs, visits


@db_periodic_task(crontab(minute="7", hour="*"))
def visit_scan_task():
    """Hourly: due visits, cancelled ones, escalation. Works on dates, so a missed run is caught up by the next."""
    return visits.visit_scan()


@db_task()
def visit_scan_person_task(key_person_id: int):
    """After a status change or a new key person: that person's tasks at once, not at the next hour."""
    return visits.visit_scan(key_person_ids=[key_person_id])


@db_periodic_task(crontab(minute="20", hour="16"))
def postings_expire_task():
    """Daily at 00:20 China time (huey's crontab reads UTC: `hour="0"` ran it at 08:20, in office hours, and its writes
    moved the posting side's stamp, so every web process rebuilt it on its next 推荐岗位 — 4–5 s at 3,000 postings,
    bench-day28): postings past their validity stop being offered (closed, audited), before the web processes' nightly
    matching warm (00:35, config/warmup.py)."""
    return postings.postings_expire()


@db_task()
def posting_import_task(batch_id: int) -> str:
    """A web upload of postings: validated and written (all or nothing) by the worker, not the request."""
    return importjobs.import_run(batch_id=batch_id).status


@db_periodic_task(crontab(minute="*/5"))
def posting_import_recover_task() -> int:
    """Every 5 minutes: imports whose worker died are marked 已中断 (retried or discarded on their page)."""
    return importjobs.import_recover_stale()


@db_periodic_task(crontab(minute="27", hour="19"))
def import_purge_failed_task() -> int:
    """Daily (03:27 China time): posting and seeker batches failed more than 30 days ago are deleted (fix-left16 #3)."""
    return importjobs.import_purge_failed() + seekerjobs.import_purge_failed()


@db_task()
def seeker_import_task(batch_id: int) -> str:
    """An upload of seeker registrations (web or API): validated and written (all or nothing) by the worker."""
    return seekerjobs.import_run(batch_id=batch_id).status


@db_periodic_task(crontab(minute="*/5"))
def seeker_import_recover_task() -> int:
    """Every 5 minutes: seeker imports whose worker died are marked 已中断 (retried or discarded on their page)."""
    return seekerjobs.import_recover_stale()


@db_periodic_task(crontab(hour="19", minute="37"))
def seeker_import_cleanup_files_task() -> int:
    """Daily (03:37 China time; huey's crontab reads UTC): the uploads of seeker imports interrupted or failed a week
    ago are deleted (they hold ID numbers)."""
    return seekerjobs.import_cleanup_files()


# After a write to what a seeker index or the county text model is built from (`matchsvc.index_key`: key persons,
# profiles, registry persons, referrals and postings — the signals of `apps.EmploymentConfig.ready`; the bulk writes to
# postings, which send no signal, call `postings._postings_written()`), one warm task is queued once the transaction commits;
# while one waits, further writes queue none (a sheet of 300 seekers makes one build).
WARM_DELAY = 5               # seconds
WARM_PENDING = "employment:seeker-index-warm"


def index_changed(**_kwargs) -> None:
    if getattr(settings, "JIANFU_MATCH_WARM", True):
        transaction.on_commit(schedule_index_warm)


def schedule_index_warm() -> None:
    """Run after the write commits: with Redis down it logs and returns, never raising into the request that saved
    (ops28 #3: a profile saved answered 500)."""
    enqueue_quietly(_schedule_index_warm, what="the seeker index warm",
                    recovery="the next write, the 00:05 daily warm or the first 适合的求职者 request builds it")


def _schedule_index_warm() -> None:
    if cache.add(WARM_PENDING, 1, timeout=WARM_DELAY * 12):
        seeker_index_warm_task.schedule(delay=WARM_DELAY)


@db_periodic_task(crontab(minute="5", hour="16"))
def seeker_index_daily_warm_task() -> int:
    """Daily at 00:05 China time (huey's crontab reads UTC): a scope's stamp holds the date and its key today's ages
    (`matchsvc.scope_stamp`), so the indexes of the new day are found or built here, not by the morning's first
    request (at 100,000 people someone has a birthday every day: a build of ~30 s)."""
    return _warm_one_at_a_time()


@db_task()
def seeker_index_warm_task() -> int:
    """The seeker index of every account's scope found or built (`matchsvc.seeker_index_warm`): the next
    适合的求职者 request, and a new web process, load it instead of building it."""
    cache.delete(WARM_PENDING)      # a write from now on queues another run
    return _warm_one_at_a_time()


# One warm run at a time (security20 #2: a stream of edits queued a run every 5 s, each clearing WARM_PENDING as it
# started, so runs overlapped and filled every worker). A run asked for while one is on marks the work dirty and
# ends; the running one goes round once more at its end, so a write made during a run is never left out. The
# running key expires (WARM_RUN_TIMEOUT) so a worker killed mid-run does not stop warming for good; a live run renews
# it as it goes (after the text model, after each scope: `_renew_running`), so a run longer than the expiry keeps it
# (mend21 #5: a second run started 30 min into a long one). The keys live in the cache the workers share (Redis;
# without it, on the embedded default, the consumer's threads share one process's cache, which dies with it).
WARM_RUNNING = "employment:seeker-index-warm:running"
WARM_DIRTY = "employment:seeker-index-warm:dirty"
WARM_RUN_TIMEOUT = 10 * 60   # seconds: how long a killed run holds the marker; well past one step (~30 s a scope)


def _renew_running() -> None:
    """The running run's marker held for another WARM_RUN_TIMEOUT from now — taken again if it lapsed during a step
    longer than the expiry (`touch` renews a live key only; code review 21)."""
    if not cache.touch(WARM_RUNNING, WARM_RUN_TIMEOUT):
        cache.add(WARM_RUNNING, 1, timeout=WARM_RUN_TIMEOUT)


def _warm_one_at_a_time() -> int:
    """`matchsvc.seeker_index_warm`, never two at once: the indexes built (0 when another run takes this one on)."""
    from jianfu.employment import matchsvc

    built = 0
    cache.set(WARM_DIRTY, 1, timeout=WARM_RUN_TIMEOUT)
    while cache.get(WARM_DIRTY) is not None:
        if not cache.add(WARM_RUNNING, 1, timeout=WARM_RUN_TIMEOUT):
            return built   # the running one sees WARM_DIRTY before it lets go, or after (the check above, again)
        try:
            while cache.get(WARM_DIRTY) is not None:
                cache.delete(WARM_DIRTY)   # before the run: a write during it marks it again
                built += matchsvc.seeker_index_warm(progress=_renew_running)
        finally:
            cache.delete(WARM_RUNNING)
    return built

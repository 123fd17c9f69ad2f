"""Background work of the burden monitor (huey). Tasks take ids and call services; they hold no logic."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task


def enqueue_refresh(county_code: str, year: int, *, delay: float) -> None:
    """Queue `findings_refresh` after `delay` seconds (at once when the queue runs immediately: tests,
    `JIANFU_TASKS_IMMEDIATE`). Services call this after commit, once per stale county-year; with no delay the
    task goes straight to the queue (not through the scheduler, which looks once a second)."""
    if HUEY.immediate or delay <= 0:
        findings_refresh(county_code, year)
    else:
        findings_refresh.schedule((county_code, year), delay=delay)


@db_task(retries=2, retry_delay=30)
def findings_refresh(county_code: str, year: int):
    """Re-run the rules over one county-year after its ledgers or rules changed — once per burst of
    writes (services.findings_refresh_run decides whether to wait for more)."""
    from jianfu.monitor.services import findings_refresh_run

    result = findings_refresh_run(county_code=county_code, year=year, wait=not HUEY.immediate)
    if isinstance(result, float):  # writes are still coming: look again when the quiet window ends
        findings_refresh.schedule((county_code, year), delay=result)
    return result


@db_periodic_task(crontab(minute="*/5"))
def findings_refresh_sweep():
    """Every five minutes: queue county-years left stale by a killed worker or a lost task."""
    from jianfu.monitor.services import findings_refresh_sweep as sweep

    return sweep()

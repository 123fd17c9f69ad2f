"""Background work of the burden monitor (huey). Tasks take ids and call services; they hold no logic."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task()
def findings_refresh(county_code: str, year: int):
    """Re-run the rules over one county-year after its ledgers or rules changed."""
    from jianfu.monitor.services import findings_evaluate

    return findings_evaluate(actor=None, county_code=county_code, year=year)

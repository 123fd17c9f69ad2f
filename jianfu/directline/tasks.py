"""Background work of 直通车 (huey): the handlers' digest, twice a working day at fixed times — never
one notification per report, so no message's timing points at a report (docs/directline.md).

The task runs every ten minutes; `digest_send` acts only for the latest fixed time (09:00 / 15:00) not yet
sent, so a worker killed or down at 09:00 is caught up by the next run, and a digest is never sent twice."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jianfu.directline import services


@db_periodic_task(crontab(minute="*/10"))
def directline_digest_task():
    return services.digest_send()


@db_periodic_task(crontab(minute="*/10"))
def directline_receipts_forget_task():
    """Every ten minutes: the receipt codes kept for a double click of the report form are blanked by the run after
    the one that first saw them, so none is kept more than twenty minutes (services.receipts_for_form_forget)."""
    return services.receipts_for_form_forget()

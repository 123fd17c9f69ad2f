"""Background work of 直通车 (huey): the handlers' digest, twice a working day at fixed times — never
one notification per report, so no message's timing points at a report (docs/directline.md)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jianfu.directline import services


@db_periodic_task(crontab(minute="0", hour="9,15", day_of_week="1-5"))
def directline_digest_task():
    return services.digest_send()

"""ops28 #5: the nightly audit-chain check runs at night in China, not at 11:17.

huey's crontabs read UTC (`HUEY.utc`); `crontab(hour="3")` fired at 03:17 UTC = 11:17 China time, beside the working
day's users, while its docstring, docs/architecture.md and deploy.md §7 call it nightly."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from huey.contrib.djhuey import HUEY

from jianfu.core.tasks import audit_chain_check

CHINA = ZoneInfo("Asia/Shanghai")


def _fires_at() -> list[str]:
    """The China-time minutes of one day at which the consumer's scheduler would enqueue the check."""
    task = audit_chain_check.task_class()
    start = dt.datetime(2026, 12, 7, 0, 0)  # naive UTC, as huey's scheduler passes it when HUEY.utc
    minutes = (start + dt.timedelta(minutes=m) for m in range(24 * 60))
    return [
        t.replace(tzinfo=dt.UTC).astimezone(CHINA).strftime("%H:%M")
        for t in minutes
        if task.validate_datetime(t)
    ]


def test_the_audit_chain_check_fires_once_a_day_at_0317_china_time():
    assert HUEY.utc is True
    assert _fires_at() == ["03:17"]

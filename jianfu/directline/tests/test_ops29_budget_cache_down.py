"""ops29 #1: the direct line's site-wide hourly budget is `jianfu.core.ratelimits`' — the same key per clock hour, and
with the cache (Redis) unreachable a report is refused (limits fail closed), nothing stored."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core import ratelimits
from jianfu.directline import services
from jianfu.directline.models import Report
from jianfu.directline.tests.factories import county_key_with_handler
from jianfu.directline.tests.test_flow import _submit

pytestmark = pytest.mark.django_db


class _Down:
    def __getattr__(self, name):
        def down(*_args, **_kwargs):
            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return down


def test_the_budget_counts_on_the_hours_key(world, settings):
    county_key_with_handler(world)
    settings.JIANFU_DIRECTLINE_REPORTS_PER_HOUR = 2
    key = f"directline:submissions:{timezone.now():%Y%m%d%H}"
    cache.delete(key)
    client = world.client(None)
    assert [_submit(client).status_code for _ in range(3)] == [200, 200, 429]
    assert cache.get(key) == 2          # the refused one given back
    cache.delete(key)


def test_a_report_while_the_cache_is_down_is_refused_and_nothing_is_stored(world, monkeypatch):
    county_key_with_handler(world)
    monkeypatch.setattr(ratelimits, "cache", _Down())
    with pytest.raises(services.TooManyReports) as refused:
        services._take_submission_budget()
    assert (refused.value.message, refused.value.status_code) == ("当前提交的反映过多，请一小时后再试。", 429)
    assert _submit(world.client(None)).status_code == 429
    assert Report.objects.count() == 0

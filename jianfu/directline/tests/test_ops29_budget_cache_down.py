"""ops29 #1: the direct line's site-wide hourly budget is `jianfu.core.ratelimits`' — a key per hour (fix-cr29 #8: the
hour `ratelimits.window_of` names, as the other limits'), and with the cache (Redis) unreachable a report is refused
(limits fail closed), nothing stored. fix-cr29 #1: refused as the system's fault — 503 with Retry-After, the page
keeping what was typed and saying nothing was saved (it was 429 "当前提交的反映过多")."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core import ratelimits
from jianfu.core.errors import UnavailableError
from jianfu.core.models import AuditRecord
from jianfu.core.tests.cache_down import CacheDown
from jianfu.directline import services
from jianfu.directline.models import Attachment, Report
from jianfu.directline.tests.factories import county_key_with_handler
from jianfu.directline.tests.test_flow import _submit

pytestmark = pytest.mark.django_db


UNAVAILABLE = "系统暂时无法接收反映，内容未保存，请几分钟后再试。"


def test_the_budget_counts_on_the_hours_key(world, settings):
    county_key_with_handler(world)
    settings.JIANFU_DIRECTLINE_REPORTS_PER_HOUR = 2
    hour, _into = ratelimits.window_of(3600)
    key = f"directline:submissions:{hour}"
    cache.delete(key)
    client = world.client(None)
    assert [_submit(client).status_code for _ in range(3)] == [200, 200, 429]
    assert cache.get(key) == 2          # the refused one given back
    cache.delete(key)


def test_a_report_while_the_cache_is_down_is_refused_and_nothing_is_stored(world, monkeypatch):
    county_key_with_handler(world)
    monkeypatch.setattr(ratelimits, "cache", CacheDown())
    with pytest.raises(UnavailableError) as refused:
        services._take_submission_budget()
    assert (refused.value.message, refused.value.status_code, refused.value.code, refused.value.retry_after) == (
        UNAVAILABLE, 503, "unavailable", 60)
    before = AuditRecord.objects.count()
    page = _submit(world.client(None), text="路灯坏了三个月，一直没人修，晚上出行很不方便。")
    assert (page.status_code, page["Retry-After"]) == (503, "60")
    text = page.content.decode()
    assert UNAVAILABLE in text and "当前提交的反映过多" not in text
    assert "路灯坏了三个月，一直没人修，晚上出行很不方便。" in text   # what was typed is on the page
    assert Report.objects.count() == 0 and Attachment.objects.count() == 0
    assert AuditRecord.objects.count() == before

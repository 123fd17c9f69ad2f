"""ops29 #1: the hourly allowance of searches by a whole number is `jianfu.core.ratelimits`' — with the cache (Redis)
unreachable it is refused (limits fail closed), nothing searched, nothing audited. fix-cr29 #1: refused as the system's
fault — 503 with Retry-After and words that do not say the user searched too often (it was 429 "过于频繁")."""

from __future__ import annotations

import pytest

from jianfu.core import ratelimits
from jianfu.core.models import AuditRecord
from jianfu.core.tests.cache_down import CacheDown

pytestmark = pytest.mark.django_db


UNAVAILABLE = "暂时无法按完整号码查找，请几分钟后再试，或先按姓名查找。"


def test_a_number_search_while_the_cache_is_down_is_refused_and_not_audited(world, monkeypatch):
    monkeypatch.setattr(ratelimits, "cache", CacheDown())
    client = world.client("village_a")
    page = client.get("/registry/persons/", {"q": "13800000001"})
    assert (page.status_code, page["Retry-After"]) == (503, "60")
    text = page.content.decode()
    assert UNAVAILABLE in text and "过于频繁" not in text
    api = world.api_client("grid_a").get("/api/v1/registry/persons/", {"q": "13800000001"})
    assert (api.status_code, api["Retry-After"]) == (503, "60")
    assert api.json() == {"error": {"code": "unavailable", "message": UNAVAILABLE, "fields": {}}}
    assert client.get("/registry/persons/", {"q": "王小明"}).status_code == 200   # a name takes no allowance
    assert AuditRecord.objects.filter(action="pii.search").count() == 0

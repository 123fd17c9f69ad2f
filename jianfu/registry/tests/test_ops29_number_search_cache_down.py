"""ops29 #1: the hourly allowance of searches by a whole number is `jianfu.core.ratelimits`' — with the cache (Redis)
unreachable it is refused (limits fail closed: 429 and the allowance's message), nothing searched, nothing audited."""

from __future__ import annotations

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core import ratelimits
from jianfu.core.models import AuditRecord

pytestmark = pytest.mark.django_db


class _Down:
    def __getattr__(self, name):
        def down(*_args, **_kwargs):
            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return down


def test_a_number_search_while_the_cache_is_down_is_refused_and_not_audited(world, monkeypatch):
    monkeypatch.setattr(ratelimits, "cache", _Down())
    client = world.client("village_a")
    page = client.get("/registry/persons/", {"q": "13800000001"})
    assert page.status_code == 429
    assert "按完整的身份证号或手机号查找过于频繁（每小时最多60次），请稍后再试，或按姓名查找。" in page.content.decode()
    api = world.api_client("grid_a").get("/api/v1/registry/persons/", {"q": "13800000001"})
    assert (api.status_code, api.json()["error"]["code"]) == (429, "throttled")
    assert client.get("/registry/persons/", {"q": "王小明"}).status_code == 200   # a name takes no allowance
    assert AuditRecord.objects.filter(action="pii.search").count() == 0

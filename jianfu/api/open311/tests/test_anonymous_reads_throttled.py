"""Session 31 (anon-throttle): Open311's GETs without a valid api_key are anonymous reads, counted per client address
(`core.throttling`, ADR 0046); past the allowance, 429 with Retry-After in Open311's own error list. A valid key is a
known client's and is not counted; a POST needs a key and is not a read."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from jianfu.api.open311.tests.conftest import HEPU_KEY
from jianfu.core import ratelimits, throttling
from jianfu.core.tests.cache_down import CacheDown

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
NOW = 60 * 29_400_000 + 10.0          # 10 s into a minute: the fourth read waits 70 s (see core's test of this)
JURIS = {"jurisdiction_id": "450521"}


@pytest.fixture
def three_a_minute(settings, monkeypatch):
    settings.JIANFU_ANONYMOUS_READ_RATES = ("3/min",)
    monkeypatch.setattr(throttling.AnonymousReadThrottle, "timer", staticmethod(lambda: NOW))


def test_the_fourth_anonymous_read_is_429_in_open311s_error_list(o311, three_a_minute):
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = [client.get(f"{BASE}/requests.json", JURIS), client.get(f"{BASE}/services.xml", JURIS),
               client.get(f"{BASE}/discovery.json"), client.get(f"{BASE}/requests.json", JURIS)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3].json() == [{"code": 429, "description": "请求过于频繁，请稍后再试。"}]
    assert answers[3]["Retry-After"] == "70"
    xml = client.get(f"{BASE}/services.xml", JURIS)
    assert xml.status_code == 429 and xml["Retry-After"] == "70"
    assert "<description>请求过于频繁，请稍后再试。</description>" in xml.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.8").get(f"{BASE}/requests.json", JURIS).status_code == 200


def test_a_valid_api_key_is_not_counted_and_a_wrong_one_is(o311, three_a_minute):
    client = Client(REMOTE_ADDR="203.0.113.7")
    keyed = [client.get(f"{BASE}/requests.json", {"api_key": HEPU_KEY}).status_code for _ in range(5)]
    wrong = [client.get(f"{BASE}/requests.json", {"api_key": "not-a-key-0123456789"}).status_code for _ in range(4)]
    assert (keyed, wrong) == ([200] * 5, [403, 403, 403, 429])


def test_with_the_cache_down_open311_reads_fail_open(o311, three_a_minute, monkeypatch, caplog):
    down = CacheDown()
    monkeypatch.setattr(ratelimits, "cache", down)
    monkeypatch.setattr(ratelimits, "_last_warning", [-1e9])
    client = Client(REMOTE_ADDR="203.0.113.7")
    with caplog.at_level(logging.ERROR):
        statuses = [client.get(f"{BASE}/requests.json", JURIS).status_code for _ in range(4)]
    assert (statuses, down.calls) == ([200] * 4, 4)
    assert len([r for r in caplog.records if r.name == "jianfu.limits"]) == 1

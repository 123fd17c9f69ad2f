"""fixcr31a #4: Open311's GET looked its api_key up before asking the anonymous-read allowance, so an address past
the allowance still cost a query per random key, and every random key filled the per-process client cache. The
allowance is asked first; a valid key gives back what its read took; only valid keys are kept."""

from __future__ import annotations

import pytest
from django.test import Client

from jianfu.api.open311 import views
from jianfu.api.open311.tests.conftest import HEPU_KEY
from jianfu.core import throttling

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
NOW = 60 * 29_400_000 + 10.0
JURIS = {"jurisdiction_id": "450521"}


@pytest.fixture
def three_a_minute(settings, monkeypatch):
    settings.JIANFU_ANONYMOUS_READ_RATES = ("3/min",)
    monkeypatch.setattr(throttling.AnonymousReadThrottle, "timer", staticmethod(lambda: NOW))
    monkeypatch.setattr(views, "_client_cache", {})


@pytest.mark.parametrize("cache_seconds", [0, 60])
def test_a_throttled_address_with_random_keys_costs_no_query_and_no_cache(o311, three_a_minute, settings,
                                                                          django_assert_num_queries, cache_seconds):
    settings.JIANFU_OPEN311_CACHE_SECONDS = cache_seconds
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.get(f"{BASE}/requests.json", JURIS).status_code for _ in range(3)] == [200] * 3
    with django_assert_num_queries(0):
        answers = [client.get(f"{BASE}/requests.json", {"api_key": f"random-key-{n:04d}-abcdefgh"})
                   for n in range(20)]
    assert {a.status_code for a in answers} == {429}
    assert views._client_cache == {}


def test_random_keys_let_through_are_counted_and_not_kept(o311, three_a_minute, settings):
    settings.JIANFU_OPEN311_CACHE_SECONDS = 60
    client = Client(REMOTE_ADDR="203.0.113.7")
    statuses = [client.get(f"{BASE}/requests.json", {"api_key": f"random-key-{n:04d}-abcdefgh"}).status_code
                for n in range(4)]
    assert statuses == [403, 403, 403, 429]
    assert views._client_cache == {}


@pytest.mark.parametrize("cache_seconds", [0, 60])
def test_a_valid_key_gives_back_its_read(o311, three_a_minute, settings, cache_seconds):
    """Five keyed reads leave the address its whole allowance: three anonymous reads, then 429."""
    settings.JIANFU_OPEN311_CACHE_SECONDS = cache_seconds
    client = Client(REMOTE_ADDR="203.0.113.7")
    keyed = [client.get(f"{BASE}/requests.json", {"api_key": HEPU_KEY}).status_code for _ in range(5)]
    anonymous = [client.get(f"{BASE}/requests.json", JURIS).status_code for _ in range(4)]
    assert (keyed, anonymous) == ([200] * 5, [200, 200, 200, 429])
    assert list(views._client_cache) == ([HEPU_KEY] if cache_seconds else [])


def test_a_key_found_valid_within_the_cache_seconds_passes_a_throttled_address(o311, three_a_minute, settings):
    settings.JIANFU_OPEN311_CACHE_SECONDS = 60
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert client.get(f"{BASE}/requests.json", {"api_key": HEPU_KEY}).status_code == 200
    assert [client.get(f"{BASE}/requests.json", JURIS).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client.get(f"{BASE}/requests.json", {"api_key": HEPU_KEY}).status_code == 200


def test_without_the_cache_a_known_client_waits_with_its_throttled_address(o311, three_a_minute, settings):
    """Past the allowance no key is looked up: with the client cache off (or the key not seen within its seconds),
    a known client reading from an address its own anonymous reads put over the allowance gets the 429 too."""
    settings.JIANFU_OPEN311_CACHE_SECONDS = 0
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.get(f"{BASE}/requests.json", JURIS).status_code for _ in range(3)] == [200] * 3
    assert client.get(f"{BASE}/requests.json", {"api_key": HEPU_KEY}).status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.8").get(f"{BASE}/requests.json", {"api_key": HEPU_KEY}).status_code == 200

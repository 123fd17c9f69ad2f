"""ops28 #4: with the cache (Redis) unreachable, the pages that only cache names read them from the database.

Measured with Redis stopped behind gunicorn: 27 of 100 pages of town_quzhang, county_office and village_a answered 500
— 22 from `orgs.unit_name`, 3 from the monitor's `_county_units`, 2 from employment's `_region_names`. Counters and
locks (rate limits, lockouts, claims) still fail loudly: a counter that reads 0 would be no limit."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import caches
from redis.exceptions import ConnectionError as RedisConnectionError

from jianfu.core import softcache
from jianfu.employment.places import _region_names
from jianfu.orgs.templatetags.orgs import unit_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(monkeypatch):
    def down(*_args, **_kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    for method in ("get", "set"):
        monkeypatch.setattr(caches["default"], method, down)
    monkeypatch.setattr(softcache, "_last_warning", [-1e9])


def test_names_are_read_from_the_database_while_the_cache_is_down(world, redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="jianfu.queue"):
        assert unit_name("450521200206") == "曲木村委会"
        assert unit_name("450521") == "合浦县"
        assert set(_region_names("450521200206")) == {"广西壮族自治区", "北海市", "合浦县", "广西"}
    # one warning per minute and process, not one per name
    assert len(caplog.records) == 1
    assert (
        caplog.records[0]
        .getMessage()
        .startswith(
            "cache (Redis) unreachable: cached names and stamps read as misses (ConnectionError: Error 111"
        )
    )


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("village_a", "/registry/persons/"),
        ("town_quzhang", "/employment/visits/"),
        ("county_office", "/monitor/findings/"),
    ],
)
def test_the_pages_that_only_cache_names_answer_while_the_cache_is_down(world, redis_down, username, path):
    response = world.client(username).get(path)
    assert response.status_code == 200


def test_a_seekers_jobs_page_answers_while_the_cache_is_down(world, redis_down):
    """The page a saved 求职意向 goes to: the matcher's stamps (stamp → model key) are read as misses."""
    from jianfu.employment.tests.factories import key_person_in, posting_in

    posting_in("450521200000", title="海产品分拣工", description="冻虾分拣包装，白班")
    kp = key_person_in(profile={"desired_text": "想进厂做分拣", "places": ["town", "county"]})
    response = world.client("village_a").get(f"/employment/people/{kp.pk}/jobs/")
    assert response.status_code == 200 and "海产品分拣工" in response.content.decode()

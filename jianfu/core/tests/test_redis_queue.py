"""The production queue: the same task code on Redis (runs when JIANFU_REDIS_URL is set, as in CI)."""

import os

import pytest
from huey import RedisHuey

REDIS_URL = os.environ.get("JIANFU_REDIS_URL")
# the queue the environment chooses: run by the PostgreSQL/Redis pass too, though no test here opens the database
pytestmark = pytest.mark.backend


@pytest.mark.redis
def test_task_round_trip_through_redis():
    huey = RedisHuey(name=f"jianfu-test-{os.getpid()}", url=REDIS_URL)
    huey.flush()

    @huey.task(retries=1)
    def add(a, b):
        return a + b

    result = add(2, 3)
    assert huey.pending_count() == 1
    task = huey.dequeue()
    huey.execute(task)
    assert result.get() == 5
    assert huey.pending_count() == 0
    huey.flush()


def test_settings_choose_redis_when_configured():
    from django.conf import settings

    expected = "huey.PriorityRedisHuey" if REDIS_URL else "huey.SqliteHuey"
    assert settings.HUEY["huey_class"] == expected

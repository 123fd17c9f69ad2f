"""PrefixedRedisCache.clear() deletes its own keys and no one else's (runs when JIANFU_REDIS_URL is set, as in CI)."""

import os

import pytest
import redis

from jianfu.core.rediscache import PrefixedRedisCache, _pattern

REDIS_URL = os.environ.get("JIANFU_REDIS_URL")
pytestmark = pytest.mark.backend


def test_the_pattern_escapes_redis_glob_characters():
    assert _pattern("jianfu") == "jianfu:*"
    assert _pattern("a*b?[c]\\d") == "a\\*b\\?\\[c\\]\\\\d:*"


@pytest.mark.redis
def test_clear_deletes_only_its_own_prefix():
    prefix = f"jianfu-clear-{os.getpid()}"
    ours = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    theirs = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": f"{prefix}x"})   # a prefix that starts with ours
    starred = PrefixedRedisCache(REDIS_URL, {"KEY_PREFIX": f"{prefix}*"})  # "*" is literal, not a wildcard
    raw = redis.Redis.from_url(REDIS_URL)
    stranger = f"{prefix}-queue-item"   # a key written by someone else (the task queue) in the same database
    try:
        ours.set_many({f"k{i}": i for i in range(1_203)})   # more than one UNLINK batch
        ours.set("old", 1, version=2)
        theirs.set("k1", "theirs")
        starred.set("k1", "starred")
        raw.set(stranger, b"1")
        starred.clear()
        assert (ours.get("k1"), theirs.get("k1"), starred.get("k1")) == (1, "theirs", None)
        ours.clear()
        assert ours.get_many([f"k{i}" for i in range(1_203)]) == {}
        assert ours.get("old", version=2) is None
        assert theirs.get("k1") == "theirs"
        assert raw.get(stranger) == b"1"
    finally:
        theirs.clear()
        raw.delete(stranger)

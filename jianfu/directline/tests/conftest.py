import pytest


@pytest.fixture(autouse=True)
def _cheap_scrypt(settings):
    settings.JIANFU_DIRECTLINE_SCRYPT_LOG_N = 8


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()

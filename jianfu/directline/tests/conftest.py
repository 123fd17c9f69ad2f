import pytest


@pytest.fixture(autouse=True)
def _cheap_scrypt(settings):
    settings.JIANFU_DIRECTLINE_SCRYPT_LOG_N = 8


@pytest.fixture(autouse=True)
def _fresh_cache():
    from jianfu.directline.tests.owncache import clear_own_cache

    clear_own_cache()
    yield
    clear_own_cache()

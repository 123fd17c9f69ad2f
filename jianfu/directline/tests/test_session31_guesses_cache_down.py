"""Session 31: the receipt-code guess budget is `core.ratelimits`' — a key per minute window, and with the cache (Redis)
unreachable no code is tried (limits fail closed): 503 with the system's words, never a 500 and never an unlimited
number of guesses. Before, `cache.get` raised through the look-up (a 500 on the page and the API)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from jianfu.core import ratelimits
from jianfu.core.tests.cache_down import CacheDown
from jianfu.directline import selectors
from jianfu.directline.models import Message, Report
from jianfu.directline.tests.factories import county_key_with_handler
from jianfu.directline.tests.test_flow import _submit

pytestmark = pytest.mark.django_db

UNAVAILABLE = "系统暂时无法查询回执码，请几分钟后再试。"
WRONG_CODE = "1111-1111-1111-1111-1111-1111"


def _minute_key() -> str:
    minute, _into = ratelimits.window_of(60)
    return f"directline:guesses:{minute}"


def test_a_wrong_guess_is_counted_on_the_minutes_key(world):
    county_key_with_handler(world)
    cache.delete(_minute_key())
    response = world.client(None).post("/directline/public/follow/", {"code": WRONG_CODE})
    assert response.status_code == 404
    assert cache.get(_minute_key()) == 1
    cache.delete(_minute_key())


def test_the_follow_page_with_the_cache_down_answers_503_and_tries_no_code(world, monkeypatch):
    county_key_with_handler(world)
    client = world.client(None)
    _submit(client)
    reports, messages = Report.objects.count(), Message.objects.count()
    down = CacheDown()
    monkeypatch.setattr(selectors, "cache", down)
    response = client.post("/directline/public/follow/", {"code": WRONG_CODE})
    assert response.status_code == 503
    assert UNAVAILABLE in response.content.decode()
    assert down.calls == 1            # the budget's read only: nothing after it ran
    assert (Report.objects.count(), Message.objects.count()) == (reports, messages)


@pytest.mark.parametrize("path", ["/api/v1/directline/public/follow/", "/api/v1/directline/public/answer/"])
def test_the_api_look_ups_with_the_cache_down_answer_503_with_retry_after(world, monkeypatch, path):
    county_key_with_handler(world)
    messages = Message.objects.count()
    monkeypatch.setattr(selectors, "cache", CacheDown())
    response = world.client(None).post(path, {"code": WRONG_CODE, "text": "补充一点情况"},
                                       content_type="application/json")
    assert response.status_code == 503
    assert response.json()["error"]["message"] == UNAVAILABLE
    assert response["Retry-After"] == str(ratelimits.RETRY_AFTER)
    assert Message.objects.count() == messages

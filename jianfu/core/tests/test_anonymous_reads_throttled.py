"""Session 31 (anon-throttle): anonymous reads are counted per client address (`core.throttling`, ADR 0046).

Each test pins the allowance small ("3/min") and the clock 10 s into a minute, so the fourth read is refused with a
Retry-After that can be computed: this minute's 3 become the next minute's previous count, weighted (60 − x)/60, and
1 + 3·(60 − x)/60 ≤ 3 from x = 20 s into it — 50 s + 20 s = 70 s from now."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from jianfu.core import ratelimits, throttling
from jianfu.core.tests.cache_down import CacheDown

pytestmark = pytest.mark.django_db

NOW = 60 * 29_400_000 + 10.0          # 10 s into a minute
MINUTE = int(NOW // 60)
API_THROTTLED = {"error": {"code": "throttled", "message": "请求过于频繁，请稍后再试。", "fields": {}}}
PAGE_THROTTLED = "访问过于频繁，请稍后再试（约 70 秒后）。"


@pytest.fixture
def three_a_minute(settings, monkeypatch):
    settings.JIANFU_ANONYMOUS_READ_RATES = ("3/min",)
    monkeypatch.setattr(throttling.AnonymousReadThrottle, "timer", staticmethod(lambda: NOW))


def counted_at(address: str, period: int = 60, window: int = MINUTE) -> int:
    from django.core.cache import cache

    return cache.get(f"{throttling.KEY_SPACE}:{period}:{address}:{window}", 0)


def test_the_fourth_anonymous_api_read_in_the_minute_is_429_with_retry_after(world, three_a_minute):
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    answers = [client.get("/api/v1/villages/public/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3].json() == API_THROTTLED
    assert answers[3]["Retry-After"] == "70"
    assert counted_at("203.0.113.7") == 3          # the refused read counts towards nothing
    # another address is not affected, nor is the first one's count
    assert APIClient(REMOTE_ADDR="203.0.113.8").get("/api/v1/villages/public/").status_code == 200
    assert counted_at("203.0.113.7") == 3 and counted_at("203.0.113.8") == 1


def test_an_ipv6_client_is_counted_by_its_64(world, three_a_minute):
    statuses = [APIClient(REMOTE_ADDR=f"2001:db8:1:2::{n}").get("/api/v1/villages/public/").status_code
                for n in range(1, 5)]
    assert statuses == [200, 200, 200, 429]


def test_a_forwarded_for_header_is_not_believed_unless_the_deployment_trusts_it(world, three_a_minute, settings):
    settings.JIANFU_TRUST_X_FORWARDED_FOR = False
    statuses = [APIClient(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
                .get("/api/v1/villages/public/").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    settings.JIANFU_TRUST_X_FORWARDED_FOR = True       # behind the deployment's nginx: the first hop is the client
    assert APIClient(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9, 10.0.0.1").get(
        "/api/v1/villages/public/").status_code == 200
    assert counted_at("198.51.100.9") == 1 and counted_at("10.0.0.1") == 0


def test_signed_in_callers_are_not_counted(world, three_a_minute):
    """A token on a view with authenticators (the postings' list), a token and a session on views that read no
    credentials (the village pages' API, which DRF leaves anonymous), a session on an HTML page."""
    token = world.api_client("village_a")
    token.defaults["REMOTE_ADDR"] = "203.0.113.7"
    session = world.client("village_a")
    session.defaults["REMOTE_ADDR"] = "203.0.113.7"
    reads = [token.get("/api/v1/employment/postings/"), token.get("/api/v1/villages/public/"),
             session.get("/api/v1/villages/public/"), session.get("/villages/")] * 2
    assert [r.status_code for r in reads] == [200] * 8
    assert counted_at("203.0.113.7") == 0
    # the anonymous reader at the same address still has the whole allowance
    anonymous = APIClient(REMOTE_ADDR="203.0.113.7")
    assert [anonymous.get("/api/v1/villages/public/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_bad_token_on_a_view_that_reads_no_credentials_is_an_anonymous_read(world, three_a_minute):
    client = APIClient(REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Token not-a-token")
    assert [client.get("/api/v1/villages/public/").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_every_allowance_is_taken_and_a_refusal_gives_back_what_it_took(world, settings, monkeypatch):
    settings.JIANFU_ANONYMOUS_READ_RATES = ("100/min", "2/day")
    monkeypatch.setattr(throttling.AnonymousReadThrottle, "timer", staticmethod(lambda: NOW))
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    answers = [client.get("/api/v1/villages/public/") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    day, into = ratelimits.window_of(86400, NOW)
    assert answers[2]["Retry-After"] == str(int(86400 - into + 86400 / 2))   # 1 + 2·(1 − x) ≤ 2 from half the next day
    assert (counted_at("203.0.113.7"), counted_at("203.0.113.7", 86400, day)) == (2, 2)


def test_the_previous_window_is_weighted_in(world, three_a_minute):
    """6 reads in the previous minute, none in this one, 10 s into it: 1 + 6·50/60 = 6 > 3, refused; one more is let
    through once 1 + 6·(60 − x)/60 ≤ 3, from x = 40 s: Retry-After 30."""
    from django.core.cache import cache

    cache.set(f"{throttling.KEY_SPACE}:60:203.0.113.7:{MINUTE - 1}", 6, 120)
    answer = APIClient(REMOTE_ADDR="203.0.113.7").get("/api/v1/villages/public/")
    assert (answer.status_code, answer["Retry-After"]) == (429, "30")


def test_writes_and_the_direct_lines_anonymous_paths_are_not_counted(world, three_a_minute):
    """A write has its own allowance; on the direct line's paths the request forgets its address, so every reporter
    would share one count."""
    client = Client(REMOTE_ADDR="203.0.113.77")
    pages = [client.get("/directline/public/report/").status_code for _ in range(4)]
    posts = [client.post("/api/v1/auth/token/", {"username": "x", "password": "y"},
                         content_type="application/json").status_code for _ in range(4)]
    assert (pages, posts) == ([200] * 4, [400] * 4)
    assert counted_at("203.0.113.77") == 0 and counted_at("") == 0


@pytest.mark.parametrize("path", ["/villages/", "/employment/jobs/", "/dispatch/public/report/",
                                  "/dispatch/public/lookup/"])
def test_public_html_pages_answer_the_fourth_anonymous_read_with_a_429_page(world, three_a_minute, path):
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = [client.get(path) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3]["Retry-After"] == "70"
    page = answers[3].content.decode()
    assert PAGE_THROTTLED in page and "<h1>访问过于频繁</h1>" in page
    assert Client(REMOTE_ADDR="203.0.113.8").get(path).status_code == 200


def test_the_lookups_post_is_not_an_anonymous_read(world, three_a_minute):
    client = Client(REMOTE_ADDR="203.0.113.70")
    posts = [client.post("/dispatch/public/lookup/", {"number": "X", "phone": "1"}).status_code for _ in range(4)]
    assert posts == [404] * 4
    assert counted_at("203.0.113.70") == 0


@pytest.fixture
def cache_down(monkeypatch) -> CacheDown:
    down = CacheDown()
    monkeypatch.setattr(ratelimits, "cache", down)
    monkeypatch.setattr(ratelimits, "_last_warning", [-1e9])
    return down


def test_with_the_cache_down_anonymous_reads_fail_open(world, three_a_minute, cache_down, caplog):
    """ADR 0046: nothing can count, the read goes through — API and page alike — and the outage is logged once a
    minute, by the key's prefix (never the address)."""
    api, web = APIClient(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.7")
    with caplog.at_level(logging.ERROR):
        statuses = [api.get("/api/v1/villages/public/").status_code for _ in range(4)] + \
                   [web.get("/villages/").status_code for _ in range(4)]
    assert statuses == [200] * 8
    assert cache_down.calls == 8                        # each read tried to count (its first call, `add`, refused)
    assert [r.getMessage() for r in caplog.records if r.name == "jianfu.limits"] == [
        f"cache (Redis) unreachable: {throttling.KEY_SPACE}… is not counted, its requests are let through (fails "
        "open) (ConnectionError: Error 111 connecting to 127.0.0.1:6379. Connection refused.)"]
    assert "203.0.113.7" not in caplog.text


def test_the_schema_documents_429_with_retry_after_on_the_anonymous_reads():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ("/api/v1/villages/public/", "/api/v1/villages/public/{code}/", "/api/v1/employment/postings/",
                 "/api/v1/employment/postings/{id}/"):
        throttled = schema["paths"][path]["get"]["responses"]["429"]
        assert throttled["content"] == {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        assert throttled["headers"] == {"Retry-After": {"description": "几秒后可重试", "schema": {"type": "integer"}}}


def test_the_retry_after_of_the_sliding_window():
    wait = throttling._wait
    assert wait(limit=3, period=60, current=3, earlier=0, into=10) == 70
    assert wait(limit=3, period=60, current=0, earlier=6, into=10) == 30
    assert wait(limit=3, period=60, current=2, earlier=3, into=10) == 50 + 60 * (1 - 2 / 2)   # next window: 1+2(1−x)≤3
    assert wait(limit=120, period=60, current=120, earlier=0, into=0) == 60 + 60 * (1 - 119 / 120)


def test_the_default_rates(monkeypatch, settings):
    """The default, read the way config/settings reads it with JIANFU_ANONYMOUS_READ_RATES cleared (fixcr31a #5: the
    live setting was compared, which a deployment's or a developer's own variable changes)."""
    from config.settings import env_rates

    monkeypatch.delenv("JIANFU_ANONYMOUS_READ_RATES", raising=False)
    default = env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day")
    assert default == ("120/min", "2000/day") == throttling.DEFAULT_RATES
    settings.JIANFU_ANONYMOUS_READ_RATES = default
    assert throttling.rates() == [(120, 60), (2000, 86400)]
    monkeypatch.setenv("JIANFU_ANONYMOUS_READ_RATES", " 30/min, ,500/day ")
    assert env_rates("JIANFU_ANONYMOUS_READ_RATES", "120/min,2000/day") == ("30/min", "500/day")
    del settings.JIANFU_ANONYMOUS_READ_RATES             # unset altogether: the module's own default
    assert throttling.rates() == [(120, 60), (2000, 86400)]

"""security23 F1, F2: the per-address limits count an IPv6 client by its /64 and over a sliding hour.

F1: the public form's allowances, the case look-up's, the API token throttle and the login lockout keyed the full
address, so the 2^64 addresses of one home router's /64 were each a fresh allowance (40 posts from one /64 filed 40).
One helper, `core.middleware.client_network_key`, keys them all now. F2: a fixed clock hour let 20 filings through in
the 1.5 s across hh:59:59 → hh+1:00:00; the count is now this hour's plus the previous hour's weighted by the share of
it still inside the last 60 minutes. The cache is local memory here whatever the run's (the clock is faked)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from jianfu.core.formtokens import token_new
from jianfu.core.middleware import client_network_key
from jianfu.dispatch.models import Event

PUBLIC = "/dispatch/public/report/"
LOOKUP = "/dispatch/public/lookup/"
SPENT = "提交过于频繁，请一小时后再试。"
HOUR = 3600
START = 493_000 * HOUR


@pytest.fixture
def locmem(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "security23-public-limits",
        }
    }
    cache.clear()
    yield
    cache.clear()


def _post(address: str, n: int):
    return Client(REMOTE_ADDR=address).post(
        PUBLIC,
        {
            "form_token": token_new(),
            "text": f"路边电线杆倾斜，存在安全隐患{n}号",
            "org_code": "450521200206",
            "urgency": "normal",
        },
    )


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "key"),
    [
        ("198.51.100.7", "", False, "198.51.100.7"),
        ("2001:db8:1:2::28", "", False, "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "", False, "2001:db8:1:2::/64"),
        ("2001:DB8:1:3::1", "", False, "2001:db8:1:3::/64"),
        ("::ffff:198.51.100.7", "", False, "198.51.100.7"),
        ("fe80::1%eth0", "", False, "fe80::/64"),
        ("127.0.0.1", "2001:db8:9:9::5, 10.0.0.1", True, "2001:db8:9:9::/64"),
        ("127.0.0.1", "2001:db8:9:9::5", False, "127.0.0.1"),  # not trusted: the header is anyone's
        ("", "", False, ""),
        ("not-an-address", "", False, "not-an-address"),
    ],
)
def test_the_client_key(settings, remote, forwarded, trusted, key):
    settings.JIANFU_TRUST_X_FORWARDED_FOR = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_network_key(request) == key


@pytest.mark.django_db
def test_forty_posts_from_one_slash64_are_limited_at_the_allowance(world, catalogue, public_hour, locmem):
    codes = [_post(f"2001:db8:1:2::{i + 1:x}", i).status_code for i in range(40)]
    assert codes == [302] * 10 + [429] * 30
    assert Event.objects.count() == 10
    hour = START // HOUR
    assert cache.get_many(
        [
            f"dispatch:public_posts:2001:db8:1:2::/64:{hour}",
            f"dispatch:public_filings:2001:db8:1:2::/64:{hour}",
        ]
    ) == {
        f"dispatch:public_posts:2001:db8:1:2::/64:{hour}": 30,
        f"dispatch:public_filings:2001:db8:1:2::/64:{hour}": 10,
    }


@pytest.mark.django_db
def test_two_slash64s_are_counted_apart_and_a_mapped_ipv4_as_itself(world, catalogue, public_hour, locmem):
    assert [_post(f"2001:db8:1:2::{i + 1:x}", i).status_code for i in range(10)] == [302] * 10
    assert [_post(f"2001:db8:1:3::{i + 1:x}", i).status_code for i in range(10)] == [302] * 10
    assert _post("2001:db8:1:2::ff", 99).status_code == 429
    assert _post("2001:db8:1:3::ff", 99).status_code == 429
    # an IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is the IPv4 client
    assert [_post("198.51.100.7", i).status_code for i in range(5)] == [302] * 5
    assert [_post("::ffff:198.51.100.7", i).status_code for i in range(5)] == [302] * 5
    refused = _post("::ffff:198.51.100.7", 11)
    assert refused.status_code == 429 and SPENT in refused.content.decode()
    assert _post("198.51.100.7", 12).status_code == 429
    assert Event.objects.count() == 30


@pytest.mark.django_db
def test_the_case_lookup_counts_a_slash64_once(world, public_hour, locmem, settings):
    settings.JIANFU_CASE_LOOKUP_PER_HOUR = 3
    codes = [
        Client(REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}")
        .post(LOOKUP, {"number": "HP0000000000", "phone": "13800000000"})
        .status_code
        for i in range(5)
    ]
    assert codes == [404, 404, 404, 429, 429]
    assert (
        Client(REMOTE_ADDR="2001:db8:1:3::1")
        .post(LOOKUP, {"number": "HP0000000000", "phone": "13800000000"})
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_the_hour_slides_across_the_clock_hour(world, catalogue, public_hour, locmem):
    public_hour[0] = START + HOUR - 1  # hh:59:59
    assert [_post("198.51.100.7", i).status_code for i in range(10)] == [302] * 10
    public_hour[0] = START + HOUR + 0.5  # hh+1:00:00.5: 10 × 3599.5/3600 of the last hour still count
    assert _post("198.51.100.7", 10).status_code == 429
    public_hour[0] = START + HOUR + HOUR / 2  # hh+1:30:00: half of them, 5, still count
    assert [_post("198.51.100.7", 20 + i).status_code for i in range(6)] == [302] * 5 + [429]
    public_hour[0] = START + 2 * HOUR  # hh+2:00:00: hh+1's 5, all of them
    assert [_post("198.51.100.7", 30 + i).status_code for i in range(6)] == [302] * 5 + [429]
    public_hour[0] = START + 3 * HOUR + HOUR * 0.8  # hh+3:48: hh+2's 5 × 0.2 = 1
    assert [_post("198.51.100.7", 40 + i).status_code for i in range(10)] == [302] * 9 + [429]
    assert Event.objects.count() == 10 + 5 + 5 + 9


@pytest.mark.django_db
def test_the_token_throttle_ignores_an_untrusted_forwarded_header_and_counts_a_slash64(
    world, settings, locmem
):
    settings.JIANFU_TRUST_X_FORWARDED_FOR = False
    codes = [
        Client()
        .post(
            "/api/v1/auth/token/",
            {"username": f"nobody{i}", "password": "x"},
            content_type="application/json",
            REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}",
        )
        .status_code
        for i in range(21)
    ]
    assert codes == [400] * 20 + [429]


@pytest.mark.django_db
def test_the_login_lockout_counts_a_slash64(world, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    for i in range(5):
        Client(REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}").post(
            "/login/", {"username": "village_a", "password": "wrong-password"}
        )
    client = Client(REMOTE_ADDR="2001:db8:1:2::99")
    response = client.post("/login/", {"username": "village_a", "password": "jianfu-test-password"})
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        ("2001:db8:1:2::", 6)
    ]  # the locked try counted too
    # another /64 is another client
    other = Client(REMOTE_ADDR="2001:db8:1:3::1")
    assert (
        other.post("/login/", {"username": "village_a", "password": "jianfu-test-password"}).status_code
        == 302
    )

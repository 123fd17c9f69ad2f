"""security24 L3: failed logins locked a username at one address only (5 failures), and an IPv6 client counts by its /64:
an attacker holding a /56 had 256 x 5 tries an account every 30 minutes. A username is now locked everywhere after
JIANFU_LOGIN_USERNAME_FAILURE_LIMIT (20) failures over any addresses; the lock of a username at one address (5) is as
before, another username from the same addresses counts for itself, and the account is unlocked as before."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "jianfu-test-password"


def _address(n: int) -> str:
    """The n-th /64 of one /56 (the attacker's), an address in each."""
    return f"2001:db8:0:{n:x}::1"


def _fail(username: str, addresses: list[str], each: int) -> list[int]:
    """The status of each wrong-password login: 200 (the form again, 用户名或密码错误), 429 from the one that locks."""
    return [
        Client(REMOTE_ADDR=address)
        .post("/login/", {"username": username, "password": "wrong-password"})
        .status_code
        for address in addresses
        for _ in range(each)
    ]


def _login(username: str, address: str) -> int:
    return (
        Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": PASSWORD}).status_code
    )


def _failures(username: str) -> int:
    return sum(AccessAttempt.objects.filter(username=username).values_list("failures_since_start", flat=True))


def test_20_failures_of_one_username_from_many_64s_lock_it_everywhere(world, settings):
    settings.AXES_ENABLED = True
    assert (settings.JIANFU_LOGIN_FAILURE_LIMIT, settings.JIANFU_LOGIN_USERNAME_FAILURE_LIMIT) == (5, 20)
    # 19: four from each of four /64s and three from a fifth, none at its pair's limit: not locked
    assert (
        _fail("village_a", [_address(n) for n in range(4)], 4) + _fail("village_a", [_address(4)], 3)
        == [200] * 19
    )
    assert _failures("village_a") == 19
    assert _login("village_a", _address(200)) == 302
    # a login resets the username's failures, every address's (AXES_RESET_ON_SUCCESS)
    assert _failures("village_a") == 0
    # 20: four from each of five /64s
    assert _fail("village_a", [_address(n) for n in range(5)], 4) == [200] * 19 + [429]  # the 20th locks
    assert _login("village_a", _address(201)) == 429
    locked = Client(REMOTE_ADDR=_address(202)).post(
        "/api/v1/auth/token/",
        {"username": "village_a", "password": PASSWORD},
        content_type="application/json",
    )
    assert (locked.status_code, locked.json()["error"]["code"]) == (429, "locked")
    # another username from the very same addresses counts for itself
    assert _login("village_b", _address(0)) == 302
    assert _login("village_b", _address(201)) == 302
    # the existing unlock (axes_reset_username, as the admin's deletion of the rows) opens it
    call_command("axes_reset_username", "village_a")
    assert _login("village_a", _address(201)) == 302


def test_the_lock_of_a_username_at_one_address_is_as_before(world, settings):
    settings.AXES_ENABLED = True
    assert _fail("village_a", [_address(1)], 5) == [200] * 4 + [429]
    assert _login("village_a", _address(1)) == 429  # locked at that address after 5
    assert _login("village_b", _address(1)) == 302  # another name there is not
    assert _login("village_a", _address(2)) == 302  # nor the name at another address (5 of 20)

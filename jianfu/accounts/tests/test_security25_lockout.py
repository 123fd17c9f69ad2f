"""security25: the username-wide lock of security24 L3 (20 failures from any addresses lock a username everywhere) is
a lock-out anyone can cause: 5 wrong passwords from each of 4 addresses (4 IPv4 addresses, or 4 /64s of one IPv6
/56) lock any account — the county office's, every admin's — for 30 minutes, its owner included at the address it
always logs in from, and again every 30 minutes. And the tries-left message (newuser24) reads the username's count
over every address: a stranger's first wrong password says how many failures others made on that name."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "jianfu-test-password"
OFFICE = "10.1.1.10"  # where the county office always logs in from


def _fail(username: str, address: str, times: int) -> list[str]:
    said = []
    for _ in range(times):
        response = Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": "wrong-password"})
        said.append("<locked>" if response.status_code == 429 else
                    " ".join(str(e) for e in response.context["form"].non_field_errors()))
    return said


def _login(browser: Client, username: str) -> int:
    """A login in `browser`, then 退出 (the browser keeps what the site left in it, as a real one does)."""
    status = browser.post("/login/", {"username": username, "password": PASSWORD}).status_code
    if status == 302:
        browser.post("/logout/")
    return status


def test_four_strangers_addresses_do_not_lock_the_office_out_of_its_own_address(world, settings):
    settings.AXES_ENABLED = True
    office = Client(REMOTE_ADDR=OFFICE)  # the office's browser, at the address it always logs in from
    assert _login(office, "county_office") == 302  # a login from it before
    for n in range(4):
        _fail("county_office", f"203.0.113.{n + 1}", 5)
    # was 429 (security25): the account was locked everywhere, its office included, by 20 anonymous posts
    assert _login(office, "county_office") == 302


def test_a_strangers_first_wrong_password_does_not_tell_the_failures_made_elsewhere(world, settings):
    settings.AXES_ENABLED = True
    for n in range(4):
        _fail("village_a", f"203.0.113.{n + 1}", 4)  # 16 failures, none of the four addresses locked
    said = _fail("village_a", "198.51.100.7", 1)
    # was "再输错 3 次" (security25): the name's failures at other addresses (16) read through a fresh address's message
    assert said == ["用户名或密码错误。再输错 4 次，该账号将被临时锁定 30 分钟。"]

"""security25 M1 (ADR 0039): a browser that logged in as an account before holds a signed known-device cookie and is
exempt from the username-wide lock (20 failures from any addresses), never from the lock of the name at its own
address (5). A forged, expired or another account's cookie exempts nothing; a password change or 停用 voids it."""

from __future__ import annotations

import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core import signing
from django.test import Client

from jianfu.accounts import devices, services
from jianfu.accounts.models import User
from jianfu.core import formtokens

pytestmark = pytest.mark.django_db

PASSWORD = "jianfu-test-password"
OFFICE = "10.1.1.10"
LOCKED = "用户名或密码错误。再输错 {} 次，该账号将被临时锁定 30 分钟。"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    assert (settings.JIANFU_LOGIN_FAILURE_LIMIT, settings.JIANFU_LOGIN_USERNAME_FAILURE_LIMIT) == (5, 20)
    assert settings.JIANFU_KNOWN_DEVICE_DAYS == 90
    return settings


def _post(browser: Client, username: str, password: str) -> str:
    """What the login page answered: "302", "<locked>" (the lock page, 429) or the form's error."""
    response = browser.post("/login/", {"username": username, "password": password})
    if response.status_code in (302, 429):
        return {302: "302", 429: "<locked>"}[response.status_code]
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


def _known_browser(username: str, address: str = OFFICE) -> Client:
    """A browser that logged in as `username` and then 退出: it keeps its device cookie, not its session."""
    browser = Client(REMOTE_ADDR=address)
    assert _post(browser, username, PASSWORD) == "302"
    browser.post("/logout/")
    assert django_settings.SESSION_COOKIE_NAME not in browser.cookies or not browser.cookies[
        django_settings.SESSION_COOKIE_NAME].value
    return browser


def _strangers_lock(username: str) -> None:
    """5 wrong passwords from each of 4 addresses: the name is locked everywhere (20)."""
    for n in range(4):
        stranger = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        assert [_post(stranger, username, "wrong-password") for _ in range(5)] == [
            LOCKED.format(k) for k in (4, 3, 2, 1)] + ["<locked>"]


def _failures(username: str) -> list[tuple[str, int]]:
    return list(AccessAttempt.objects.filter(username=username).order_by("ip_address")
                .values_list("ip_address", "failures_since_start"))


STRANGERS = [(f"203.0.113.{n}", 5) for n in range(1, 5)]


def _device_cookies(browser_or_response) -> dict[str, str]:
    return {name: morsel.value for name, morsel in browser_or_response.cookies.items()
            if name.startswith("jianfu_device_")}


def _refused_and_nothing_changed(browser: Client, username: str, password: str = PASSWORD) -> None:
    """The login is refused (the lock page) and leaves the browser logged out, its device cookies as they were, and
    the account's last login where it was."""
    user = User.objects.get(username=username)
    before = (user.last_login, _device_cookies(browser))
    response = browser.post("/login/", {"username": username, "password": password})
    assert (response.status_code, _device_cookies(response), browser.session.get("_auth_user_id")) == (429, {}, None)
    user.refresh_from_db()
    assert (user.last_login, _device_cookies(browser)) == before


def test_the_cookie_a_login_sets(world, axes_on):
    browser = Client(REMOTE_ADDR=OFFICE)
    response = browser.post("/login/", {"username": "county_office", "password": PASSWORD})
    pk = world.users["county_office"].pk
    cookie = response.cookies[f"jianfu_device_{pk}"]
    assert (cookie["max-age"], cookie["path"], cookie["httponly"], cookie["samesite"], cookie["secure"]) == (
        7776000, "/login/", True, "Lax", "")
    assert signing.loads(cookie.value, salt="jianfu.accounts.devices.known-device") == {
        "u": pk, "f": devices._fingerprint(User.objects.get(pk=pk))}
    # a wrong password sets none
    refused = Client(REMOTE_ADDR=OFFICE).post("/login/", {"username": "village_a", "password": "wrong-password"})
    assert [name for name in refused.cookies if name.startswith("jianfu_device_")] == []


def test_a_known_device_logs_in_through_the_username_wide_lock(world, axes_on):
    office = _known_browser("county_office")
    _strangers_lock("county_office")
    assert _failures("county_office") == STRANGERS
    # another browser is locked out, at the office's own address too (axes counts each refused try)
    assert _post(Client(REMOTE_ADDR=OFFICE), "county_office", PASSWORD) == "<locked>"
    assert _post(Client(REMOTE_ADDR="198.51.100.7"), "county_office", PASSWORD) == "<locked>"
    assert _failures("county_office") == [(OFFICE, 1), ("198.51.100.7", 1)] + STRANGERS
    # the office's own browser: a typo reads its own address's count (2 there now), then it gets in
    assert _post(office, "county_office", "wrong-password") == LOCKED.format(3)
    assert _post(office, "county_office", PASSWORD) == "302"
    # its login cleared its own address's failures only: the strangers' still lock the name for every other browser
    assert _failures("county_office") == [("198.51.100.7", 1)] + STRANGERS
    assert _post(Client(REMOTE_ADDR="198.51.100.8"), "county_office", PASSWORD) == "<locked>"
    # the 账号管理 list marks the lock, and its unlock clears every address's failures
    manager = world.client("admin")
    assert 'class="badge badge-bad lock-mark"' in manager.get("/accounts/users/?q=county_office").content.decode()
    manager.post(f"/accounts/users/{world.users['county_office'].pk}/unlock/", {"form_token": formtokens.token_new()})
    assert _failures("county_office") == []
    assert _post(Client(REMOTE_ADDR="198.51.100.8"), "county_office", PASSWORD) == "302"


def test_the_lock_at_its_own_address_still_holds_a_known_device(world, axes_on):
    office = _known_browser("county_office")
    assert [_post(office, "county_office", "wrong-password") for _ in range(5)] == [
        LOCKED.format(k) for k in (4, 3, 2, 1)] + ["<locked>"]
    _refused_and_nothing_changed(office, "county_office")
    assert _failures("county_office") == [(OFFICE, 6)]
    # the same browser elsewhere (another address, 6 of 20 for the name) gets in
    office.defaults["REMOTE_ADDR"] = "10.1.1.11"
    assert _post(office, "county_office", PASSWORD) == "302"


def _signed_at(payload: dict, seconds_ago: int) -> str:
    """The device cookie `payload` as signed `seconds_ago` (Django's own signer, timestamp moved back)."""

    class Then(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - seconds_ago)

    return Then(salt=devices.SALT).sign_object(payload)


def test_a_forged_expired_or_other_accounts_cookie_exempts_nothing(world, axes_on):
    office_user = world.users["county_office"]
    name = f"jianfu_device_{office_user.pk}"
    village = _known_browser("village_a", "10.1.3.1")
    village_cookie = village.cookies[f"jianfu_device_{world.users['village_a'].pk}"].value
    genuine = _known_browser("county_office").cookies[name].value
    _strangers_lock("county_office")
    payload = {"u": office_user.pk, "f": devices._fingerprint(office_user)}
    day = 86400
    refused = {
        "altered signature": genuine[:-1] + ("A" if genuine[-1] != "A" else "B"),
        "another salt": signing.dumps(payload, salt="jianfu.accounts.other"),
        "another key": signing.dumps(payload, key="not-the-secret-key", salt=devices.SALT),
        "91 days old": _signed_at(payload, 91 * day),
        "another account's, renamed": village_cookie,
        "another account's id": signing.dumps({"u": world.users["village_a"].pk, "f": payload["f"]},
                                              salt=devices.SALT),
        "another account's fingerprint": signing.dumps(
            {"u": office_user.pk, "f": devices._fingerprint(world.users["village_a"])}, salt=devices.SALT),
        "no fingerprint": signing.dumps({"u": office_user.pk}, salt=devices.SALT),
    }
    for n, (why, value) in enumerate(refused.items()):
        browser = Client(REMOTE_ADDR=f"10.1.2.{n}")
        browser.cookies[name] = value
        _refused_and_nothing_changed(browser, "county_office")
        assert (why, _post(browser, "county_office", PASSWORD)) == (why, "<locked>")
    # village_a's own browser, logging in as county_office: its cookie names another account
    _refused_and_nothing_changed(village, "county_office")
    # the control: the genuine cookie, and one of 89 days, pass
    for n, value in enumerate([genuine, _signed_at(payload, 89 * day)]):
        browser = Client(REMOTE_ADDR=f"10.1.4.{n}")
        browser.cookies[name] = value
        assert _post(browser, "county_office", PASSWORD) == "302"


def test_a_password_change_voids_the_cookie(world, axes_on):
    office = _known_browser("county_office")
    services.user_set_password(actor=world.users["admin"], user_id=world.users["county_office"].pk,
                               password="a-new-password-2026")
    _strangers_lock("county_office")
    _refused_and_nothing_changed(office, "county_office", "a-new-password-2026")


def test_the_account_owner_changing_the_password_logs_in_again_with_a_new_cookie(world, axes_on):
    office = Client(REMOTE_ADDR=OFFICE)
    assert _post(office, "county_office", PASSWORD) == "302"
    name = f"jianfu_device_{world.users['county_office'].pk}"
    old = office.cookies[name].value
    office.post("/accounts/password/", {"old_password": PASSWORD, "password": "a-new-password-2026",
                                        "password_again": "a-new-password-2026"})
    assert User.objects.get(username="county_office").check_password("a-new-password-2026")
    assert _post(office, "county_office", "a-new-password-2026") == "302"  # logged out by the change: in again
    new = office.cookies[name].value
    office.post("/logout/")
    assert new != old
    _strangers_lock("county_office")
    stale = Client(REMOTE_ADDR=OFFICE)
    stale.cookies[name] = old
    _refused_and_nothing_changed(stale, "county_office", "a-new-password-2026")
    assert _post(office, "county_office", "a-new-password-2026") == "302"


def test_disable_voids_the_cookie_even_once_re_enabled(world, axes_on):
    office = _known_browser("village_a")
    admin = world.users["admin"]
    pk = world.users["village_a"].pk
    key_before = User.objects.get(pk=pk).device_key
    services.user_disable(actor=admin, user_id=pk)
    services.user_enable(actor=admin, user_id=pk)
    assert len(User.objects.get(pk=pk).device_key) == 32 and User.objects.get(pk=pk).device_key != key_before
    _strangers_lock("village_a")
    _refused_and_nothing_changed(office, "village_a")


def test_a_disabled_accounts_cookie_exempts_nothing(world, axes_on):
    office = _known_browser("village_a")
    pk = world.users["village_a"].pk
    User.objects.filter(pk=pk).update(is_active=False)  # 停用 by hand: the key unchanged, the account inactive
    assert devices.is_known(_request_with(office), "village_a") is False
    User.objects.filter(pk=pk).update(is_active=True)
    assert devices.is_known(_request_with(office), "village_a") is True


def _request_with(browser: Client):
    from django.test import RequestFactory

    request = RequestFactory().post("/login/")
    request.COOKIES = {name: morsel.value for name, morsel in browser.cookies.items()}
    return request


def test_a_known_devices_own_failures_count_towards_the_lock_of_every_other_browser(world, axes_on):
    """codereview25 #7: the known device is exempt from the username-wide lock, its failures are not exempt from the
    count — 4 from the office's browser and 16 from strangers (4 from each of 4 addresses, under the pair's 5 at each)
    lock the name for a new browser; the office's browser still gets in."""
    from jianfu.accounts.selectors import account_locks

    office = _known_browser("county_office")
    for n in range(4):
        stranger = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        assert [_post(stranger, "county_office", "wrong-password") for _ in range(4)] == [
            LOCKED.format(k) for k in (4, 3, 2, 1)]
    # the control: 16 failures do not lock the name (read by axes' rule; a login here would reset the count)
    assert account_locks(["county_office"]) == {}
    assert [_post(office, "county_office", "wrong-password") for _ in range(4)] == [
        LOCKED.format(k) for k in (4, 3, 2, 1)]
    assert _failures("county_office") == [(OFFICE, 4)] + [(address, 4) for address, _ in STRANGERS]
    assert list(account_locks(["county_office"])) == ["county_office"]
    # 20 for the name: a new browser is locked out, with the right password
    assert _post(Client(REMOTE_ADDR="198.51.100.7"), "county_office", PASSWORD) == "<locked>"
    assert _failures("county_office") == [(OFFICE, 4), ("198.51.100.7", 1)] + [
        (address, 4) for address, _ in STRANGERS]
    # the office's own browser: 4 of its address's 5 used, it gets in — and clears its own address's failures only
    # (its own 4: the name is back to 17, under the lock)
    assert _post(office, "county_office", PASSWORD) == "302"
    assert _failures("county_office") == [("198.51.100.7", 1)] + [(address, 4) for address, _ in STRANGERS]
    assert account_locks(["county_office"]) == {}

"""newuser24: a locked account can be unlocked in 账号管理, the lock page leads somewhere, and a failed login says how
many tries are left (the same for an unknown username)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from jianfu.accounts import selectors
from jianfu.accounts.models import User
from jianfu.core import formtokens
from jianfu.core.models import AuditRecord
from jianfu.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    assert (settings.JIANFU_LOGIN_FAILURE_LIMIT, settings.JIANFU_LOGIN_USERNAME_FAILURE_LIMIT) == (5, 20)
    settings.AXES_COOLOFF_TIME = 0.5
    return settings


def _fail(client: Client, username: str) -> list[str]:
    response = client.post("/login/", {"username": username, "password": "wrong-password"})
    if response.status_code == 429:
        return ["<locked>"]
    return [str(e) for e in response.context["form"].non_field_errors()]


def _lock(username: str, address: str = "10.24.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    for _ in range(5):
        _fail(client, username)
    return client


def _attempts(username: str) -> list[tuple[str, int]]:
    return list(
        AccessAttempt.objects.filter(username=username)
        .order_by("ip_address")
        .values_list("ip_address", "failures_since_start")
    )


def test_failures_count_down_and_an_unknown_name_reads_the_same(world, axes_on):
    known, unknown = Client(REMOTE_ADDR="10.24.0.2"), Client(REMOTE_ADDR="10.24.0.3")
    said_known = [_fail(known, "village_a") for _ in range(5)]
    said_unknown = [_fail(unknown, "no_such_user") for _ in range(5)]
    expected = [[f"用户名或密码错误。再输错 {n} 次，该账号将被临时锁定 30 分钟。"] for n in (4, 3, 2, 1)] + [
        ["<locked>"]
    ]
    assert said_known == expected
    assert said_unknown == expected


def test_the_lock_page_names_the_account_and_leads_back(world, axes_on):
    client = _lock("village_b")
    response = client.post("/login/", {"username": "village_b", "password": "jianfu-test-password"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "为保护账号安全，该账号因多次输入错误密码已被临时锁定，约 30 分钟后可以再试。" in html
    assert "此设备" not in html
    assert '<a class="btn" href="/login/" id="back-to-login">返回登录页</a>' in html
    assert '<a href="/dispatch/public/report/">我要反映问题</a>' in html
    assert '<a href="/employment/jobs/">招聘岗位</a>' in html


def test_the_user_list_marks_the_lock_and_unlock_lets_the_account_in(world, axes_on):
    locked_client = _lock("village_b")
    attempt = AccessAttempt.objects.get(username="village_b")
    until = timezone.localtime(attempt.attempt_time + dt.timedelta(minutes=30)).strftime("%H:%M")
    manager = world.client("county_office")
    html = manager.get("/accounts/users/").content.decode()
    row_b = re.search(rf'<tr id="user-{world.users["village_b"].pk}">.*?</tr>', html, re.S).group(0)
    row_a = re.search(rf'<tr id="user-{world.users["village_a"].pk}">.*?</tr>', html, re.S).group(0)
    assert f'<span class="badge badge-bad lock-mark">锁定至 {until}</span>' in row_b
    assert f'action="/accounts/users/{world.users["village_b"].pk}/unlock/"' in row_b
    assert "lock-mark" not in row_a and "/unlock/" not in row_a

    response = manager.post(
        f"/accounts/users/{world.users['village_b'].pk}/unlock/",
        {"form_token": formtokens.token_new()},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["账号“village_b”已解锁，可以重新登录。"]
    assert _attempts("village_b") == []
    record = AuditRecord.objects.get(action="accounts.user.unlock")
    assert (record.actor_name, record.object_id, record.changes) == (
        "county_office",
        str(world.users["village_b"].pk),
        {"cleared": 1},
    )
    # the audit log names who unlocked by the account's 姓名, its login beside it (newuser24)
    User.objects.filter(username="county_office").update(display_name="县减负办李主任")
    audit = manager.get("/audit/").content.decode()
    assert '<td data-label="操作人">县减负办李主任（county_office）</td>' in audit
    good = locked_client.post("/login/", {"username": "village_b", "password": "jianfu-test-password"})
    assert (good.status_code, good["Location"]) == (302, "/")

    again = manager.post(
        f"/accounts/users/{world.users['village_b'].pk}/unlock/",
        {"form_token": formtokens.token_new()},
        follow=True,
    )
    assert [str(m) for m in again.context["messages"]] == ["账号“village_b”当前没有被锁定。"]
    assert AuditRecord.objects.filter(action="accounts.user.unlock").count() == 1


def test_unlock_refusals_change_nothing(world, axes_on):
    other_county = OrgUnit.objects.create(
        code="450522200201", name="别县某村", kind="village", level=5, parent_code=""
    )
    outsider = User.objects.create(username="village_x", role="village", org_unit=other_county)
    _lock("village_b")
    _lock("village_x")
    _lock("admin")
    before = {u: _attempts(u) for u in ("village_b", "village_x", "admin")}
    token = {"form_token": formtokens.token_new()}
    refusals = [
        (world.client("town_quzhang"), world.users["village_b"].pk, 403),  # no 账号管理 at all
        (world.client("village_a"), world.users["village_b"].pk, 403),
        (world.client("county_office"), outsider.pk, 404),  # outside its county: not named, as 停用 answers
        (world.client("county_office"), world.users["admin"].pk, 404),  # admins are the admin's
    ]
    assert [
        client.post(f"/accounts/users/{pk}/unlock/", token).status_code for client, pk, _ in refusals
    ] == [status for _, _, status in refusals]
    # a GET (the address typed) unlocks nothing: it is sent on to the list, as every POST-only address is
    typed = world.client("county_office").get(f"/accounts/users/{world.users['village_b'].pk}/unlock/")
    assert (typed.status_code, typed["Location"]) == (302, "/accounts/users/")
    # without its form token the button clears nothing
    missing = world.client("county_office").post(
        f"/accounts/users/{world.users['village_b'].pk}/unlock/", follow=True
    )
    assert [str(m) for m in missing.context["messages"]] == ["页面已过期，请再点一次“解锁”。"]
    assert (
        {u: _attempts(u) for u in before}
        == before
        == {"village_b": [("10.24.0.1", 5)], "village_x": [("10.24.0.1", 5)], "admin": [("10.24.0.1", 5)]}
    )
    assert not AuditRecord.objects.filter(action="accounts.user.unlock").exists()


def _attempt(username: str, address: str, failures: int, minutes_ago: int) -> None:
    row = AccessAttempt.objects.create(
        username=username,
        ip_address=address,
        user_agent="ua",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/login/",
        failures_since_start=failures,
    )
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    AccessAttempt.objects.filter(pk=row.pk).update(attempt_time=at)


def test_account_locks_follow_the_lockout_parameters(world, axes_on):
    now = timezone.now()
    _attempt("village_a", "10.0.0.1", 3, minutes_ago=2)
    _attempt("village_a", "10.0.0.2", 3, minutes_ago=10)
    _attempt("village_b", "10.0.0.1", 5, minutes_ago=4)
    _attempt("grid_a", "10.0.0.1", 5, minutes_ago=31)  # its cool-off is over
    # the username's cap over every address (security24 L3): 4 x 4 + 4 = 20 reached at the row of 12 minutes ago
    for n, minutes_ago in enumerate((1, 3, 6, 9, 12)):
        _attempt("town_quzhang", f"10.1.0.{n}", 4, minutes_ago=minutes_ago)
    _attempt("town_quzhang", "10.1.0.9", 4, minutes_ago=40)  # outside the window: not counted
    locks = selectors.account_locks(["village_a", "village_b", "grid_a", "town_quzhang"])
    assert sorted(locks) == ["town_quzhang", "village_b"]
    assert abs((locks["village_b"] - (now + dt.timedelta(minutes=26))).total_seconds()) < 5
    assert abs((locks["town_quzhang"] - (now + dt.timedelta(minutes=18))).total_seconds()) < 5
    # with the pair alone (as before security24), 4 a pair locks no one
    axes_on.AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
    assert list(selectors.account_locks(["village_a", "village_b", "grid_a", "town_quzhang"])) == [
        "village_b"
    ]


def test_tries_left_count_this_address_only(world, axes_on):
    """17 failures of village_a from other addresses, none at its pair's limit: one more from here reads 4, this
    address's own count (security25 L2: the username's count over every address told strangers the failures made
    elsewhere); the 20th failure of the name, from here, gets the lock page."""
    for n in range(4):
        _attempt("village_a", f"10.2.0.{n}", 4, minutes_ago=5)
    _attempt("village_a", "10.2.0.9", 1, minutes_ago=5)
    here = Client(REMOTE_ADDR="10.2.1.1")
    assert [_fail(here, "village_a") for _ in range(3)] == [
        ["用户名或密码错误。再输错 4 次，该账号将被临时锁定 30 分钟。"],
        ["用户名或密码错误。再输错 3 次，该账号将被临时锁定 30 分钟。"],
        ["<locked>"],
    ]


def test_a_change_names_its_author_by_the_account_name(world):
    from jianfu.core import versioning

    user = world.users["dept_housing"]
    assert versioning.who(user) == "dept_housing"  # no 姓名: the login, as before
    user.display_name = "住建局王科长"
    assert (versioning.who(user), versioning.who(None)) == ("住建局王科长", "系统")

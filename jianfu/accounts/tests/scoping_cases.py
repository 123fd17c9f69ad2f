"""Matrix rows for accounts (workbench, users, audit), orgs (tree, grids, departments) and /api/v1/ core."""

from __future__ import annotations

import itertools

from axes.models import AccessAttempt

from jianfu.accounts.models import User
from jianfu.core import formtokens
from jianfu.core.models import TaskFailure
from jianfu.core.testing.matrix import EVERYONE, Case
from jianfu.orgs.models import OrgUnit

MANAGERS_OF_VILLAGE_B = {"admin", "county_office"}


_spare_numbers = itertools.count(300)


def _spare_village(world, username):
    """A fresh village in 曲樟乡 for an allowed account to merge or retire."""
    number = next(_spare_numbers)
    return OrgUnit.objects.create(code=f"450521200{number:03d}", name=f"备用村{number}", kind="village", level=5,
                                  parent_code="450521200000")


def _locked(username: str) -> None:
    """django-axes' record of five wrong passwords for `username`: the account is locked (newuser24's 解锁)."""
    AccessAttempt.objects.create(username=username, ip_address="10.24.0.9", user_agent="matrix", get_data="",
                                 post_data="", http_accept="", path_info="/login/", failures_since_start=5)


def cases(world):
    victim = world.users["village_b"]
    _locked(victim.username)
    failure = TaskFailure.objects.create(task_name="demo.task", task_id="t1", error="boom")

    def user_state():
        return list(User.objects.order_by("pk").values_list("username", "is_active"))

    def units_state():
        return list(OrgUnit.objects.order_by("code").values_list("code", "name", "is_active"))

    def fresh_disable(username):
        target = User.objects.create(username=f"tmp_{username}", role="village", org_unit=world.village_b)
        return Case("accounts:user_disable", "post", f"/accounts/users/{target.pk}/disable/", EVERYONE)

    def fresh_enable(username):
        target = User.objects.create(username=f"tmp_en_{username}", role="village", org_unit=world.village_b,
                                     is_active=False)
        return Case("accounts:user_enable", "post", f"/accounts/users/{target.pk}/enable/", EVERYONE)

    def locks_state():
        return list(AccessAttempt.objects.order_by("pk").values_list("username", "ip_address", "failures_since_start"))

    def fresh_unlock(username):
        target = User.objects.create(username=f"tmp_ul_{username}", role="village", org_unit=world.village_b)
        _locked(target.username)
        return Case("accounts:user_unlock", "post", f"/accounts/users/{target.pk}/unlock/", EVERYONE,
                    data=lambda: {"form_token": formtokens.token_new()})

    def fresh_grid(username):
        return Case("orgs:grid_create", "post", f"/orgs/{world.village_b.code}/grids/", EVERYONE,
                    data=lambda: {"name": f"新网格{username}", "form_token": formtokens.token_new()})

    def fresh_user_create(username):
        return Case("accounts:user_create", "post", "/accounts/users/new/", EVERYONE,
                    data={"username": f"new_{username}", "role": "grid", "org_code": "450521200206001",
                          "password": "a-long-password-123"})

    return [
        Case("accounts:workbench", "get", "/", EVERYONE),
        # the logout confirmation page (newuser21 #7): every account may open it (退出登录？), anonymous goes to the login
        # page; a POST logs out (tests/test_logout_matrix.py checks that the session ends, and a GET keeps it)
        Case("accounts:logout", "get", "/logout/", EVERYONE, expect_allowed=(200,)),
        Case("accounts:logout", "post", "/logout/", EVERYONE, expect_allowed=(302,)),
        Case("accounts:password_change", "get", "/accounts/password/", EVERYONE),
        Case("accounts:user_list", "get", "/accounts/users/", MANAGERS_OF_VILLAGE_B),
        Case("accounts:user_create", "post", "/accounts/users/new/", MANAGERS_OF_VILLAGE_B,
             data={"username": "intruder", "role": "grid", "org_code": "450521200206001",
                   "password": "a-long-password-123"}, unchanged=user_state, fresh=fresh_user_create),
        Case("accounts:user_disable", "post", f"/accounts/users/{victim.pk}/disable/", MANAGERS_OF_VILLAGE_B,
             unchanged=user_state, fresh=fresh_disable),
        Case("accounts:user_enable", "post", f"/accounts/users/{victim.pk}/enable/", MANAGERS_OF_VILLAGE_B,
             unchanged=user_state, fresh=fresh_enable),
        # 解锁 (newuser24): the accounts a manager may disable; refused, the lock's records stay as they were
        Case("accounts:user_unlock", "post", f"/accounts/users/{victim.pk}/unlock/", MANAGERS_OF_VILLAGE_B,
             data=lambda: {"form_token": formtokens.token_new()}, unchanged=locks_state, fresh=fresh_unlock),
        Case("accounts:audit_list", "get", "/audit/", MANAGERS_OF_VILLAGE_B),
        Case("accounts:task_failures", "get", "/system/tasks/", {"admin"}),
        Case("accounts:task_failure_resolve", "post", f"/system/tasks/{failure.pk}/resolve/", {"admin"},
             unchanged=lambda: TaskFailure.objects.get(pk=failure.pk).resolved_at),
        Case("orgs:tree", "get", "/orgs/", EVERYONE),
        Case("orgs:unit", "get", f"/orgs/{world.village_b.code}/", EVERYONE),
        Case("orgs:search", "get", "/orgs/search/", EVERYONE, data={"q": "曲"}),
        Case("orgs:grid_create", "post", f"/orgs/{world.village_b.code}/grids/", MANAGERS_OF_VILLAGE_B,
             data=lambda: {"name": "越权网格", "form_token": formtokens.token_new()}, unchanged=units_state,
             fresh=fresh_grid),
        Case("orgs:department_create", "post", f"/orgs/{world.town.code}/departments/", MANAGERS_OF_VILLAGE_B,
             data={"name": "越权部门"}, unchanged=units_state,
             fresh=lambda u: Case("orgs:department_create", "post", f"/orgs/{world.town.code}/departments/",
                                  EVERYONE, data={"name": f"部门{u}"})),
        Case("orgs:merge", "post", f"/orgs/{world.village_b.code}/merge/", MANAGERS_OF_VILLAGE_B,
             data={"target_code": "450521200206", "effective": "2026-01-01"}, unchanged=units_state,
             fresh=lambda u: Case("orgs:merge", "post", f"/orgs/{_spare_village(world, u).code}/merge/", EVERYONE,
                                  data={"target_code": "450521200206", "effective": "2026-01-01"})),
        Case("orgs:retire", "post", f"/orgs/{world.village_c.code}/retire/", MANAGERS_OF_VILLAGE_B,
             data={"effective": "2026-01-01"}, unchanged=units_state,
             fresh=lambda u: Case("orgs:retire", "post", f"/orgs/{_spare_village(world, u).code}/retire/", EVERYONE,
                                  data={"effective": "2026-01-01"})),
        Case("orgs:rename", "post", f"/orgs/{world.village_b.code}/rename/", MANAGERS_OF_VILLAGE_B,
             data={"name": "改名村", "effective": "2026-01-01"}, unchanged=units_state),
        Case("api:me", "get", "/api/v1/me/", EVERYONE, api=True),
        Case("api:org-search", "get", "/api/v1/orgs/search/", EVERYONE, api=True, data={"q": "曲"}),
        Case("api:org-detail", "get", f"/api/v1/orgs/{world.village_b.code}/", EVERYONE, api=True),
    ]

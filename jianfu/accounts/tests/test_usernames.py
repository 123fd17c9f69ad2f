"""Usernames (badinput16 #6): the admin created full-width `ｖｉｌｌａｇｅ＿ａ` and Cyrillic `villаge_a` beside
`village_a`; the full-width one could not sign in on the web but got an API token; a wrong password typed as
`ｇｒｉｄ＿ａ` counted against grid_a on the web only. Now: ASCII at creation, one reading (NFKC) at every door."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core import checks
from django.core.exceptions import ValidationError
from django.test import Client

from jianfu.accounts import services
from jianfu.accounts.models import User
from jianfu.core.models import AuditRecord

pytestmark = pytest.mark.django_db

PASSWORD = "jianfu-test-password"
NEW = {"role": "village", "org_code": "450521200206", "password": "a-long-password-1", "display_name": ""}


def _state():
    return list(User.objects.order_by("pk").values_list("pk", "username")), AuditRecord.objects.count()


@pytest.mark.parametrize(("typed", "message"), [
    ("ｖｉｌｌａｇｅ＿ａ", "用户名“village_a”已被使用。"),   # read as village_a, which exists
    ("villаge_a", "用户名“villаge_a”含有不允许的字符“а”（U+0430）：用户名只能使用半角英文字母、数字和 _ . @ -。"),
    ("张三", "用户名“张三”含有不允许的字符“张”（U+5F20）：用户名只能使用半角英文字母、数字和 _ . @ -。"),
    ("village b", "用户名“village b”含有不允许的字符空格：用户名只能使用半角英文字母、数字和 _ . @ -。"),
    ("vil+lage", "用户名“vil+lage”含有不允许的字符“+”（U+002B）：用户名只能使用半角英文字母、数字和 _ . @ -。"),
])
def test_the_admin_form_refuses_a_twin_or_a_look_alike(world, typed, message):
    before = _state()
    r = world.client("admin").post("/accounts/users/new/", {**NEW, "username": typed})
    assert r.status_code == 400
    assert r.context["form"].errors == {"username": [message]}
    assert _state() == before


def test_a_full_width_name_with_no_twin_is_stored_as_ascii(world):
    user = services.user_create(actor=world.users["admin"], username="ｖｉｌｌａｇｅ＿ｃ", **NEW)
    assert User.objects.get(pk=user.pk).username == "village_c"


def test_the_model_field_refuses_them_too(world):
    """The Django admin site and createsuperuser check the field's validator."""
    field = User._meta.get_field("username")
    for name in ("villаge_x", "ｖｉｌｌａｇｅ＿ｘ", "张三"):
        with pytest.raises(ValidationError) as exc:
            field.run_validators(name)
        assert exc.value.messages == ["用户名只能使用半角英文字母、数字和 _ . @ -。"]
    field.run_validators("grid.a-1@x")


class TestOneReadingAtEveryDoor:
    def _full_width_twin(self, world) -> User:
        """An account created before the rule (as the attack made it)."""
        twin = User(username="ｖｉｌｌａｇｅ＿ａ", role="village", org_unit=world.users["village_a"].org_unit)
        twin.set_password("twin-password-123")
        twin.save()
        return twin

    def test_the_api_reads_a_full_width_name_as_the_web_does(self, world, settings):
        settings.AXES_ENABLED = True
        self._full_width_twin(world)
        api = Client(REMOTE_ADDR="10.9.9.8")
        # the twin's password no longer opens anything: the name is read as village_a, on both doors
        r = api.post("/api/v1/auth/token/", {"username": "ｖｉｌｌａｇｅ＿ａ", "password": "twin-password-123"},
                     content_type="application/json")
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_credentials"
        web = Client(REMOTE_ADDR="10.9.9.8").post("/login/", {"username": "ｖｉｌｌａｇｅ＿ａ",
                                                                "password": "twin-password-123"})
        assert web.status_code == 200 and "用户名或密码错误" in web.content.decode()
        # and village_a's own password, typed in full-width mode, signs in village_a on both
        r = api.post("/api/v1/auth/token/", {"username": "ｖｉｌｌａｇｅ＿ａ", "password": PASSWORD},
                     content_type="application/json")
        assert r.status_code == 200
        client = Client(REMOTE_ADDR="10.9.9.8")
        assert client.post("/login/", {"username": "ｖｉｌｌａｇｅ＿ａ", "password": PASSWORD}).status_code == 302
        assert client.session["_auth_user_id"] == str(world.users["village_a"].pk)

    def test_failures_count_against_the_named_account_on_both_doors(self, world, settings):
        settings.AXES_ENABLED = True
        web, api = Client(REMOTE_ADDR="10.9.9.7"), Client(REMOTE_ADDR="10.9.9.7")
        for _ in range(2):
            web.post("/login/", {"username": "ｇｒｉｄ＿ａ", "password": "wrong-password"})
        for _ in range(2):
            api.post("/api/v1/auth/token/", {"username": "ｇｒｉｄ＿ａ", "password": "wrong-password"},
                     content_type="application/json")
        assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("grid_a", 4)]
        api.post("/api/v1/auth/token/", {"username": "grid_a", "password": "wrong-password"},
                 content_type="application/json")
        # the fifth failure, whichever way it was typed, locks grid_a
        r = api.post("/api/v1/auth/token/", {"username": "grid_a", "password": PASSWORD},
                     content_type="application/json")
        assert r.status_code == 429
        assert web.post("/login/", {"username": "grid_a", "password": PASSWORD}).status_code == 429


def test_manage_py_check_lists_the_accounts_made_before_the_rule(world):
    twin = User.objects.create(username="ｖｉｌｌａｇｅ＿ａ", role="village")
    look_alike = User.objects.create(username="villаge_a", role="village")
    found = [m for m in checks.run_checks() if m.id == "accounts.W001"]
    assert [(m.obj, m.msg) for m in found] == [
        (f"accounts.User({twin.pk})", f"账号 {twin.pk} 的用户名“ｖｉｌｌａｇｅ＿ａ”不符合规则（只能使用半角英文字母、数字和 _ . @ -），"
                                      "登录时会被读作“village_a”。"),
        (f"accounts.User({look_alike.pk})", f"账号 {look_alike.pk} 的用户名“villаge_a”不符合规则（只能使用半角英文字母、数字和 _ . @ -）。"),
    ]
    User.objects.filter(pk__in=[twin.pk, look_alike.pk]).delete()
    assert [m for m in checks.run_checks() if m.id == "accounts.W001"] == []

"""Code review 21: with messages kept in the session (MESSAGE_STORAGE), "密码已修改，请重新登录。" must outlive the end of
the session the new password ends — the login page it redirects to flushed the old session (its password hash no
longer matches), and the message with it. The view logs the account out first, so the message sits in a fresh session."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_password_changed_message_is_shown_on_the_login_page(world):
    client = world.client("village_a")
    ok = client.post("/accounts/password/", {"old_password": "jianfu-test-password", "password": "brand-new-password-1",
                                             "password_again": "brand-new-password-1"})
    assert (ok.status_code, ok["Location"]) == (302, "/login/")
    assert "messages" not in ok.cookies
    login = client.get("/login/")
    assert login.status_code == 200
    assert [str(m) for m in login.context["messages"]] == ["密码已修改，请重新登录。"]
    assert not login.context["user"].is_authenticated

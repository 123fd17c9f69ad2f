"""The logout confirmation page in the role × endpoint matrix's style (e2e22): every matrix account may open /logout/
(退出登录？, still logged in afterwards); a POST logs it out (the next page is the login page); someone not logged in
is sent to the login page, by a GET or a POST. jianfu/accounts/tests/scoping_cases.py lists both methods for the
matrix; this checks what each does to the session."""

from __future__ import annotations

import pytest

from jianfu.core.testing.matrix import ACCOUNTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_role_is_asked_first_and_logged_out_only_by_the_post(world, username):
    client = world.client(username)
    page = client.get("/logout/")
    assert page.status_code == 200
    body = page.content.decode()
    assert (
        "退出登录？" in body and 'method="post" action="/logout/"' in body and "csrfmiddlewaretoken" in body
    )
    assert client.get("/").status_code == 200  # a GET never logs out
    out = client.post("/logout/")
    assert (out.status_code, out["Location"]) == (302, "/login/")
    after = client.get("/")
    assert (after.status_code, after["Location"].split("?")[0]) == (302, "/login/")
    again = client.get("/logout/")  # logged out: the confirmation sends to the login page
    assert (again.status_code, again["Location"]) == (302, "/login/")


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_the_login_page(world, method):
    response = getattr(world.client(None), method)("/logout/")
    assert (response.status_code, response["Location"]) == (302, "/login/")

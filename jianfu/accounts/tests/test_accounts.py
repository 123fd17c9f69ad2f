import pytest
from django.test import Client, override_settings

from jianfu.accounts import services
from jianfu.accounts.models import ApiToken, User
from jianfu.core.errors import ApplicationError, PermissionDeniedError
from jianfu.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def test_create_in_own_subtree_only(world):
    town = world.users["county_office"]
    user = services.user_create(actor=town, username="grid_new", password="a-long-password-1",
                                role="grid", org_code="450521200206002", display_name="新网格员")
    assert (user.role, user.org_unit.code) == ("grid", "450521200206002")
    assert AuditRecord.objects.filter(action="accounts.user.create", object_id=str(user.pk)).count() == 1


def test_create_refusals_write_nothing(world):
    before = (User.objects.count(), AuditRecord.objects.count())
    with pytest.raises(ApplicationError, match="用户名“VILLAGE_A”已被使用"):
        services.user_create(actor=world.users["admin"], username="VILLAGE_A", password="a-long-password-1",
                             role="village", org_code="450521200206")
    with pytest.raises(ApplicationError, match="不能属于"):
        services.user_create(actor=world.users["admin"], username="x1", password="a-long-password-1",
                             role="village", org_code="450521200000")
    with pytest.raises(ApplicationError, match="单位代码“999999999999”不存在"):
        services.user_create(actor=world.users["admin"], username="x2", password="a-long-password-1",
                             role="village", org_code="999999999999")
    with pytest.raises(PermissionDeniedError):
        services.user_create(actor=world.users["village_a"], username="x3", password="a-long-password-1",
                             role="grid", org_code="450521200206001")
    with pytest.raises(ApplicationError, match="密码"):
        services.user_create(actor=world.users["admin"], username="x4", password="123",
                             role="grid", org_code="450521200206001")
    assert (User.objects.count(), AuditRecord.objects.count()) == before


def test_disable_kills_session_and_token_at_once(world):
    target = world.users["village_b"]
    _, raw = ApiToken.issue(target)
    web = world.client("village_b")
    assert web.get("/").status_code == 200
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v1/me/").status_code == 200
    services.user_disable(actor=world.users["county_office"], user_id=target.pk)
    assert web.get("/").status_code == 302
    response = api.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_token_endpoint(world):
    client = Client()
    response = client.post("/api/v1/auth/token/", {"username": "village_a", "password": "jianfu-test-password"},
                           content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert (me["username"], me["role"], me["org_unit"]["code"]) == ("village_a", "village", "450521200206")
    bad = client.post("/api/v1/auth/token/", {"username": "village_a", "password": "wrong"},
                      content_type="application/json")
    assert bad.status_code == 400
    assert bad.json() == {"error": {"code": "invalid_credentials",
                                    "message": "用户名或密码错误，或账号已停用/锁定。", "fields": {}}}


def test_expired_token_is_refused(world):
    from django.utils import timezone

    token, raw = ApiToken.issue(world.users["village_a"])
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    response = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 401


def test_malformed_json_and_missing_fields(world):
    client = Client()
    response = client.post("/api/v1/auth/token/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"
    response = client.post("/api/v1/auth/token/", {}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid" and set(body["fields"]) == {"username", "password"}


@override_settings(JIANFU_MAX_REQUEST_BYTES=1000)
def test_oversized_request(world):
    response = Client().post("/api/v1/auth/token/", "x" * 2000, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_failed_logins_lock_the_account(world, settings):
    settings.AXES_ENABLED = True
    client = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(5):
        response = client.post("/login/", {"username": "village_a", "password": "wrong-password"})
    response = client.post("/login/", {"username": "village_a", "password": "jianfu-test-password"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_anonymous_root_offers_the_citizen_pages(world):
    """A citizen who opens "/" is sent to the login page: it must lead on to the public pages, no account needed."""
    client = Client()
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/")
    text = response.content.decode()
    links = {"我要反映问题": "/dispatch/public/report/", "查询办理进度": "/dispatch/public/lookup/",
             "村（社区）服务公开": "/villages/", "招聘岗位": "/employment/jobs/"}
    for label, url in links.items():
        assert f'<a href="{url}">{label}</a>' in text
        assert client.get(url).status_code == 200  # public: no login
    # the protected direct line, said for what it is (newuser13 V02: reachable only by typing its address)
    assert ('<li class="wide"><a href="/directline/public/report/">基层减负直通车<small>匿名向县减负办反映形式主义、官僚主义问题，'
            '内容加密，不记录您的账号和 IP 地址</small></a></li>') in text
    assert client.get("/directline/public/report/").status_code == 200


def test_login_page_and_security_headers(world):
    response = Client().get("/login/")
    assert response.status_code == 200
    assert "登录减负赋能平台" in response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_login_works_and_wrong_password_says_so_in_chinese(world):
    client = Client()
    bad = client.post("/login/", {"username": "village_a", "password": "nope-nope-nope"})
    assert "用户名或密码错误" in bad.content.decode()
    good = client.post("/login/", {"username": "village_a", "password": "jianfu-test-password"})
    assert good.status_code == 302 and good["Location"] == "/"


def test_password_change_needs_the_old_one_and_ends_tokens(world):
    user = world.users["village_a"]
    _, raw = ApiToken.issue(user)
    client = world.client("village_a")
    wrong = client.post("/accounts/password/", {"old_password": "nope", "password": "brand-new-password-1"})
    assert "原密码不正确" in wrong.content.decode()
    user.refresh_from_db()
    assert user.check_password("jianfu-test-password")
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200
    mismatch = client.post("/accounts/password/", {"old_password": "jianfu-test-password",
                                                    "password": "brand-new-password-1", "password_again": "other"})
    assert "两次输入的新密码不一致" in mismatch.content.decode()
    ok = client.post("/accounts/password/", {"old_password": "jianfu-test-password",
                                              "password": "brand-new-password-1",
                                              "password_again": "brand-new-password-1"})
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-password-1")
    assert Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401


def test_token_endpoint_is_throttled(world, settings):
    from django.core.cache import cache

    cache.clear()
    client = Client(REMOTE_ADDR="10.1.1.1")
    # Different usernames, so django-axes' per-username lockout does not answer first.
    codes = [client.post("/api/v1/auth/token/", {"username": f"nobody{i}", "password": "x"},
                         content_type="application/json", REMOTE_ADDR="10.1.1.1").status_code for i in range(21)]
    assert codes[:20] == [400] * 20
    assert codes[20] == 429
    cache.clear()

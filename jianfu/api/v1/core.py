"""Authentication, the current account, and the hierarchy."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from jianfu.accounts import services as account_services
from jianfu.accounts.scoping import scope_for
from jianfu.accounts.usernames import normalized
from jianfu.api.errors import validated
from jianfu.api.schema import UNAVAILABLE
from jianfu.core import ratelimits
from jianfu.core.errors import ApplicationError, NotFoundError, UnavailableError
from jianfu.core.middleware import client_network_key
from jianfu.orgs import selectors as org_selectors


class TokenRequest(serializers.Serializer):
    username = serializers.CharField(label=_l("用户名"), max_length=150)
    password = serializers.CharField(label=_l("密码"), max_length=256, trim_whitespace=False)


class TokenThrottle(SimpleRateThrottle):
    """Token requests per client address (DEFAULT_THROTTLE_RATES["token"]), on top of django-axes' lockout of a
    username at one address (JIANFU_LOGIN_FAILURE_LIMIT failures) and at every address (JIANFU_LOGIN_USERNAME_FAILURE_LIMIT,
    security24 L3)."""

    scope = "token"

    def get_ident(self, request: HttpRequest) -> str:
        """The client as every per-address counter counts it (`core.middleware.client_network_key`: X-Forwarded-For
        only when the deployment trusts it, an IPv6 client by its /64). DRF's own reads X-Forwarded-For whenever it is
        sent (NUM_PROXIES unset), so a client writing a new one per request was never throttled (security23 F1)."""
        return client_network_key(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view) -> bool:
        """A limit that cannot count fails closed (ops29, fix-cr29 #1): with the cache (Redis) unreachable the request
        is refused, 503 with Retry-After — not a 500 — and not let through: unthrottled, this anonymous endpoint is
        an open door to password guessing spread over many usernames (axes locks one name at a time)."""
        try:
            return super().allow_request(request, view)
        except ratelimits.CACHE_ERRORS as exc:
            ratelimits.unreachable(exc, "api:token_throttle")   # the key itself names the client's address
            raise UnavailableError(_("暂时无法签发令牌，请几分钟后再试。"), retry_after=ratelimits.RETRY_AFTER) from exc


@extend_schema(request=TokenRequest, responses={200: inline_serializer("Token", {"token": serializers.CharField()}),
                                                503: UNAVAILABLE}, auth=[], summary="获取 API 令牌")
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([TokenThrottle])
def token_obtain(request):
    data = TokenRequest(data=request.data)
    validated(data)
    # the name read as the web login reads it (NFKC), so both doors find, and count failures against, one account
    user = authenticate(request._request, username=normalized(data.validated_data["username"]),
                        password=data.validated_data["password"])
    if user is None:
        raise ApplicationError("用户名或密码错误，或账号已停用/锁定。", code="invalid_credentials")
    return Response({"token": account_services.token_issue(user=user)})


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    level = serializers.IntegerField()
    parent_code = serializers.CharField()
    is_active = serializers.BooleanField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    role = serializers.CharField()
    org_unit = UnitSerializer(allow_null=True)
    capabilities = serializers.ListField(child=serializers.CharField())


@extend_schema(responses=MeSerializer, summary="当前账号")
@api_view(["GET"])
def me(request):
    scope = scope_for(request.user)
    return Response(MeSerializer({
        "username": request.user.username, "display_name": request.user.display_name,
        "role": request.user.role, "org_unit": request.user.org_unit,
        "capabilities": sorted(str(c) for c in scope.capabilities)}).data)


class UnitDetailSerializer(UnitSerializer):
    children = UnitSerializer(many=True)


@extend_schema(responses=UnitDetailSerializer, summary="单位及其下级")
@api_view(["GET"])
def unit_detail(request, code: str):
    if not (code.isascii() and code.isalnum()) or len(code) > 20:
        raise NotFoundError("找不到该单位。")
    unit = org_selectors.unit_get(code)
    return Response(UnitDetailSerializer({**UnitSerializer(unit).data,
                                          "children": list(org_selectors.unit_children(unit.code))}).data)


@extend_schema(responses=UnitSerializer(many=True), summary="按名称或代码搜索单位")
@api_view(["GET"])
def unit_search(request):
    return Response(UnitSerializer(org_selectors.unit_search(request.query_params.get("q", "")[:50]), many=True).data)


urlpatterns = [
    path("auth/token/", token_obtain, name="token"),
    path("me/", me, name="me"),
    path("orgs/search/", unit_search, name="org-search"),
    path("orgs/<str:code>/", unit_detail, name="org-detail"),
]

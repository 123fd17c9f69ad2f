from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from jianfu.accounts.models import ApiToken


class ExpiringTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <raw>`; refused once expired, revoked, or the account is disabled."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("令牌格式错误：应为 “Token <令牌>”。"))
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("令牌格式错误。")) from None
        token = ApiToken.lookup(raw)
        if token is None or not token.is_usable:
            raise exceptions.AuthenticationFailed(_("令牌无效、已过期或账号已停用。"))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    target_class = "jianfu.api.auth.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token <token>, from POST /api/v1/auth/token/"}

"""`Authorization: Token <key>` for users' API tokens (accounts.services.tokens): hashed, expiring,
revocable; refused once the user is deactivated or their password changed."""
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from accounts.services.tokens import api_token_authenticate


class ExpiringTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = api_token_authenticate(parts[1].decode(errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("The token is unknown, expired or revoked. Log in again to get a new one."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


from drf_spectacular.extensions import OpenApiAuthenticationExtension  # noqa: E402


class ExpiringTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI security scheme of users' API tokens."""

    target_class = "accounts.authentication.ExpiringTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Token <key>` from POST /api/v1/auth/token/; expires after API_TOKEN_DAYS."}

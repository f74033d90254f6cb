"""Authentication and scopes for other agencies' systems (reports.tokens): `Authorization: Bearer bka_…`.
Only the views that list AGENCY_AUTHENTICATION accept these tokens; everywhere else they are unknown."""
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission
from rest_framework.settings import api_settings

from accounts.services.logins import client_ip
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reports.models import AgencyToken
from reports.tokens import TOKEN_PREFIX, AgencyClient, agency_token_authenticate, agency_token_used


class AgencyTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].decode(errors="replace") != self.keyword:
            return None
        key = parts[1].decode(errors="replace")
        if not key.startswith(TOKEN_PREFIX):
            return None
        token = agency_token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token."))
        agency_token_used(token=token, method=request.method, path=request.path, ip=client_ip(request))
        return AgencyClient(token), token

    def authenticate_header(self, request):
        return self.keyword


# Agency tokens first (their 401 says "Bearer"), then the usual user token and session.
AGENCY_AUTHENTICATION = [AgencyTokenAuthentication, *api_settings.DEFAULT_AUTHENTICATION_CLASSES]


def agency_token(request) -> AgencyToken | None:
    return request.auth if isinstance(request.auth, AgencyToken) else None


def has_scope(request, scope: str) -> bool:
    token = agency_token(request)
    return token is not None and scope in token.scopes


class HasScope(BasePermission):
    """An agency token carrying `scope`; users (and tokens without it) are refused with 403."""

    message = gettext_lazy("This token has no scope for this request.")

    def __init__(self, scope: str):
        self.scope = scope

    def has_permission(self, request, view):
        return has_scope(request, self.scope)


class PublicOrScope(BasePermission):
    """Anyone, except that an agency token must carry `scope` (a token is never a way around it)."""

    message = HasScope.message
    allows_anonymous = True  # the schema says so (api.schema.BerkasAutoSchema)

    def __init__(self, scope: str):
        self.scope = scope

    def has_permission(self, request, view):
        return agency_token(request) is None or has_scope(request, self.scope)


class AdministratorOrScope(BasePermission):
    """An administrator (login), or an agency token carrying `scope`."""

    message = HasScope.message

    def __init__(self, scope: str):
        self.scope = scope

    def has_permission(self, request, view):
        from people.models import Role
        from archive.selectors import user_role

        return has_scope(request, self.scope) or (agency_token(request) is None
                                                  and user_role(request.user) == Role.ADMINISTRATOR)


from drf_spectacular.extensions import OpenApiAuthenticationExtension  # noqa: E402


class AgencyTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI security scheme of agency tokens."""

    target_class = "api.agency.AgencyTokenAuthentication"
    name = "agencyToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "Token for another agency's system (bka_…), made by a BKD administrator with scopes: "
                               "statistics:read, reconciliation:read, employees:read:<agency code>."}

"""Single sign-on by OpenID Connect (issue 10): who the provider's user is in Berkas ASN.

The protocol (authorization code + PKCE, state, nonce, ID token signature against the provider's
JWKS, issuer and audience) is Authlib's, driven from accounts/views_sso.py. This module decides what
the verified claims mean: the NIP in the claim OIDC_NIP_CLAIM names an employee; that employee's
login is the one signed in (made at the first SSO login when OIDC_CREATE_USERS). A NIP that names
no employee, a missing claim or a disabled login is refused, and every outcome is audited.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from people.models import Employee, Role, UserProfile
from accounts.services.logins import client_ip
from archive.services.audit import audit_record
from archive.services.errors import Refused
from ocr.nip import normalize_nip

REFUSED = "auth.sso_refused"


class SsoRefused(Refused):
    """codes: no_nip, unknown_nip, no_login, inactive, provider_error."""


def sso_refuse(*, code: str, request, claims: dict | None = None, detail: str = "") -> SsoRefused:
    """Audit a refused SSO login and return the exception to raise."""
    claims = claims or {}
    audit_record(actor=None, action=REFUSED, target=str(claims.get("sub", ""))[:200],
                 details={"ip": client_ip(request), "reason": code, "issuer": settings.OIDC_ISSUER,
                          "nip": str(claims.get(settings.OIDC_NIP_CLAIM, ""))[:40], "detail": detail[:500]})
    return SsoRefused(detail or code, code=code)


def sso_user_for_claims(*, claims: dict, request):
    """The login for verified claims, or SsoRefused (audited)."""
    raw = claims.get(settings.OIDC_NIP_CLAIM)
    if not raw:
        raise sso_refuse(code="no_nip", request=request, claims=claims)
    nip = normalize_nip(str(raw))
    employee = Employee.objects.filter(nip=nip).first()
    if employee is None:
        raise sso_refuse(code="unknown_nip", request=request, claims=claims)
    profile = UserProfile.objects.select_related("user").filter(employee=employee).first()
    if profile is None:
        if not settings.OIDC_CREATE_USERS:
            raise sso_refuse(code="no_login", request=request, claims=claims)
        return _login_for(employee, claims=claims, request=request)
    if not profile.user.is_active:
        raise sso_refuse(code="inactive", request=request, claims=claims)
    return profile.user


def _login_for(employee: Employee, *, claims: dict, request):
    """An employee's first SSO login: a login of role employee with no usable password."""
    User = get_user_model()
    username = employee.nip if not User.objects.filter(username=employee.nip).exists() else f"sso-{employee.nip}"
    with transaction.atomic():
        user = User(username=username, email=employee.email)
        user.set_unusable_password()
        user.save()
        UserProfile.objects.create(user=user, role=Role.EMPLOYEE, employee=employee)
        audit_record(actor=None, action="user.create", target=username,
                     details={"role": Role.EMPLOYEE, "nip": employee.nip, "units": [], "via": "oidc",
                              "issuer": settings.OIDC_ISSUER, "sub": str(claims.get("sub", ""))[:200]})
    return user

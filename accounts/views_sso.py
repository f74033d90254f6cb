"""Single sign-on pages (issue 10): /masuk/sso/ sends the browser to the OpenID Connect provider;
/masuk/sso/kembali/ takes it back, checks everything Authlib checks (state, PKCE code exchange, ID
token signature against the JWKS, issuer, audience, expiry, nonce) and signs the employee in.
Both answer 404 while SSO is off (no OIDC_ISSUER / OIDC_CLIENT_ID)."""
from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from joserfc.errors import JoseError

from accounts.services.sso import SsoRefused, sso_refuse, sso_user_for_claims

log = logging.getLogger(__name__)
_clients: dict[tuple, object] = {}
NEXT_KEY = "sso_next"


def _client():
    if not settings.OIDC_ENABLED:
        raise Http404
    key = (settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET, settings.OIDC_SCOPES)
    if key not in _clients:  # one per configuration: the provider's metadata and keys are cached on it
        oauth = OAuth()
        oauth.register(
            "sso", client_id=settings.OIDC_CLIENT_ID, client_secret=settings.OIDC_CLIENT_SECRET,
            server_metadata_url=f"{settings.OIDC_ISSUER}/.well-known/openid-configuration",
            client_kwargs={"scope": settings.OIDC_SCOPES, "code_challenge_method": "S256",
                           "timeout": settings.OIDC_TIMEOUT})
        _clients[key] = oauth.create_client("sso")
    return _clients[key]


def _redirect_uri() -> str:
    return f"{settings.PUBLIC_BASE_URL}{reverse('sso-callback')}"


def sso_start(request):
    client = _client()
    wanted = request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        request.session[NEXT_KEY] = wanted
    try:
        return client.authorize_redirect(request, _redirect_uri())
    except (requests.RequestException, AuthlibBaseError, ValueError) as exc:
        log.warning("OpenID Connect provider unreachable: %s", exc)
        return _refused(request, SsoRefused(str(exc), code="provider_unreachable"), status=503)


_MESSAGES = {
    "unknown_nip": lambda: _("The NIP your single sign-on account carries is not registered as an employee in "
                             "Berkas ASN. Ask your unit's fasilitator or BKD to check your NIP."),
    "no_nip": lambda: _("Your single sign-on account does not carry a NIP, so Berkas ASN cannot tell which "
                        "employee you are. Ask the single sign-on administrator to add it."),
    "no_login": lambda: _("Your NIP is registered but has no Berkas ASN login yet. Ask BKD to create one."),
    "inactive": lambda: _("Your Berkas ASN login is disabled. Contact BKD."),
    "provider_unreachable": lambda: _("The single sign-on service cannot be reached right now. Try again later "
                                      "or log in with your username and password."),
}


def _refused(request, refusal: SsoRefused, status: int = 403):
    message = _MESSAGES.get(refusal.code, lambda: _(
        "Single sign-on failed. Start again, or log in with your username and password."))()
    return render(request, "registration/login.html", {"sso_error": message, "sso_enabled": settings.OIDC_ENABLED,
                                                       "sso_name": settings.OIDC_PROVIDER_NAME}, status=status)


def sso_callback(request):
    client = _client()
    try:
        token = client.authorize_access_token(
            request, claims_options={"iss": {"essential": True, "values": [settings.OIDC_ISSUER]}})
        claims = dict(token.get("userinfo") or {})
        if not claims:
            raise SsoRefused("the provider sent no ID token", code="provider_error")
        if settings.OIDC_NIP_CLAIM not in claims:  # many providers put scope claims in userinfo only
            userinfo = client.userinfo(token=token)
            if userinfo.get("sub") == claims.get("sub"):
                claims = {**userinfo, **claims}
        user = sso_user_for_claims(claims=claims, request=request)
    except SsoRefused as refusal:
        if refusal.code == "provider_error":
            sso_refuse(code=refusal.code, request=request, detail=refusal.message)
        return _refused(request, refusal)
    except (AuthlibBaseError, JoseError, requests.RequestException, KeyError, ValueError) as exc:
        # a forged or replayed answer, a bad signature, an expired token, a provider that is down …
        sso_refuse(code="provider_error", request=request, detail=f"{type(exc).__name__}: {exc}")
        return _refused(request, SsoRefused(str(exc), code="provider_error"), status=400)
    request._login_via = "oidc"  # the login audit entry says how
    login(request, user, backend="accounts.backends.UsernameOrNipBackend")
    return redirect(request.session.pop(NEXT_KEY, "") or settings.LOGIN_REDIRECT_URL)

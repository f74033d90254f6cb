"""Single sign-on (issue 10) against a real OpenID Connect provider on loopback (npm oidc-provider):
the authorization code flow with PKCE, state and nonce ends logged in as the employee whose NIP the
provider asserted; a NIP that names no employee is refused in Indonesian; a replayed or forged
answer is refused; every outcome is audited; SSO is off unless configured."""
from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import Client

from archive.models import AuditEvent
from people.models import Employee

pytestmark = pytest.mark.django_db

UNKNOWN_NIP = "199105052019031002"


def _through_the_provider(client: Client, provider, login_as: str) -> str:
    """Start at our SSO page, log in at the provider as `login_as`; the callback URL it sends back."""
    start = client.get("/masuk/sso/")
    assert start.status_code == 302, start.content
    url = start["Location"]
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(f"{provider.issuer}/auth?")
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0] and query["response_type"] == ["code"]
    browser = requests.Session()
    for _ in range(10):
        if url.startswith("http://testserver/"):
            return url
        answer = browser.get(url, allow_redirects=False, timeout=10)
        if answer.status_code == 200 and "/interaction/" in answer.url:  # the provider's login page
            answer = browser.post(answer.url, data={"login": login_as}, allow_redirects=False, timeout=10)
        assert answer.status_code in (302, 303), answer.text[:500]
        url = urljoin(answer.url, answer.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


def _back(client: Client, callback_url: str):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def test_provider_login_ends_signed_in_as_the_employee(users, oidc_settings):
    client = Client()
    login_page = client.get("/masuk/").content.decode()
    assert "Masuk dengan SSO" in login_page and "/masuk/sso/" in login_page
    employee = users["pegawai"].profile.employee
    callback = _through_the_provider(client, oidc_settings, employee.nip)
    assert "code=" in callback and "iss=" in callback
    answer = _back(client, callback)
    assert answer.status_code == 302 and answer["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and home.wsgi_request.user == users["pegawai"]
    event = AuditEvent.objects.filter(action="auth.login").latest("id")
    assert event.actor == users["pegawai"] and event.details["via"] == "oidc"

    replay = _back(Client(), callback)  # the same code and state in another browser: no session, no login
    assert replay.status_code == 400 and not replay.wsgi_request.user.is_authenticated
    assert AuditEvent.objects.filter(action="auth.sso_refused", details__reason="provider_error").exists()


def test_a_nip_that_names_no_employee_is_refused_in_indonesian(users, oidc_settings):
    assert not Employee.objects.filter(nip=UNKNOWN_NIP).exists()
    client = Client()
    answer = _back(client, _through_the_provider(client, oidc_settings, UNKNOWN_NIP))
    assert answer.status_code == 403
    assert "tidak terdaftar sebagai pegawai" in answer.content.decode()
    assert not client.get("/").wsgi_request.user.is_authenticated
    event = AuditEvent.objects.get(action="auth.sso_refused")
    assert event.details["reason"] == "unknown_nip" and event.details["nip"] == UNKNOWN_NIP
    assert event.target == UNKNOWN_NIP  # the provider's subject (its account id)


def test_an_account_without_a_nip_claim_is_refused(users, oidc_settings):
    client = Client()
    answer = _back(client, _through_the_provider(client, oidc_settings, "tanpa-nip"))
    assert answer.status_code == 403 and "tidak membawa NIP" in answer.content.decode()
    assert AuditEvent.objects.get(action="auth.sso_refused").details["reason"] == "no_nip"


def test_an_employee_without_a_login_gets_one_at_first_sso(users, oidc_settings):
    employee = Employee.objects.filter(user_profile__isnull=True).first()
    client = Client()
    assert _back(client, _through_the_provider(client, oidc_settings, employee.nip)).status_code == 302
    user = client.get("/").wsgi_request.user
    assert user.is_authenticated and user.profile.employee == employee and user.profile.role == "employee"
    assert not user.has_usable_password()
    assert AuditEvent.objects.get(action="user.create", target=user.username).details["via"] == "oidc"


def test_a_forged_state_is_refused(users, oidc_settings):
    client = Client()
    callback = _through_the_provider(client, oidc_settings, users["pegawai"].profile.employee.nip)
    forged = callback.replace("state=", "state=x")
    answer = _back(client, forged)
    assert answer.status_code == 400 and not client.get("/").wsgi_request.user.is_authenticated


def test_sso_is_off_unless_configured(users, settings):
    assert settings.OIDC_ENABLED is False  # nothing in the environment turns it on
    assert Client().get("/masuk/sso/").status_code == 404
    assert Client().get("/masuk/sso/kembali/?code=x&state=y").status_code == 404
    assert "/masuk/sso/" not in Client().get("/masuk/").content.decode()
    assert get_user_model().objects.count() == 3


def test_an_id_token_not_signed_by_the_providers_key_is_refused(users, oidc_settings):
    """The ID token is checked against the JWKS: with another key under the provider's key id in
    our copy of its key set (as if someone else had signed the token), the login is refused."""
    from joserfc.jwk import RSAKey

    from accounts import views_sso

    client_app = views_sso._client()
    client_app.load_server_metadata()
    other_key = RSAKey.generate_key(2048).as_dict(private=False) | {"kid": "test-signing-key", "use": "sig"}
    client_app.server_metadata["jwks"] = {"keys": [other_key]}
    try:
        client = Client()
        answer = _back(client, _through_the_provider(client, oidc_settings, users["pegawai"].profile.employee.nip))
        assert answer.status_code == 400 and not client.get("/").wsgi_request.user.is_authenticated
        refused = AuditEvent.objects.get(action="auth.sso_refused")
        assert "signature" in refused.details["detail"].lower()
    finally:
        views_sso._clients.clear()

"""API tokens: only the hash is stored (the key is shown once), they expire after API_TOKEN_DAYS, and
they stop when the password changes — by the emailed reset link (the end of the takeover path of issue
17) or by the user themself."""
import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"
NEW_PASSWORD = "Kata-Sandi-Baru-2027"


def _token(api_client_for, username="pegawai", password=PASSWORD) -> str:
    response = api_client_for(None).post("/api/v1/auth/token/", {"username": username, "password": password},
                                         format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _with(api_client_for, key):
    client = api_client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_only_the_hash_is_stored_and_it_expires(users, api_client_for, settings):
    settings.API_TOKEN_DAYS = 30
    key = _token(api_client_for)
    stored = ApiToken.objects.get(user=users["pegawai"])
    assert key not in str(ApiToken.objects.filter(pk=stored.pk).values().get())
    assert dt.timedelta(days=29) < stored.expires_at - timezone.now() <= dt.timedelta(days=30)
    client = _with(api_client_for, key)
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200
    ApiToken.objects.filter(pk=stored.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/")
    assert expired.status_code == 401 and "kedaluwarsa" in expired.json()["detail"]


def test_a_token_stops_after_a_password_reset_by_email(users, api_client_for, mailoutbox, settings,
                                                       django_capture_on_commit_callbacks):
    settings.PUBLIC_BASE_URL = "http://testserver"
    client = _with(api_client_for, _token(api_client_for))
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/masuk/lupa-sandi/", {"login": "pegawai"})
    link = re.search(r"http://testserver(/masuk/atur-ulang/\S+/)", mailoutbox[-1].body).group(1)
    web = Client()
    form_url = web.get(link)["Location"]
    assert web.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 401
    assert ApiToken.objects.get(user=users["pegawai"], revoked_reason="password_reset")
    assert _with(api_client_for, _token(api_client_for, password=NEW_PASSWORD)).get(
        f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200


def test_a_token_stops_when_the_user_changes_their_password(users, api_client_for):
    client = _with(api_client_for, _token(api_client_for))
    web = Client()
    assert web.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302
    response = web.post("/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                              "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 401
    assert web.get("/akun/").status_code == 200  # the session that changed it stays


def test_a_token_stops_when_the_password_changes_by_any_path(users, api_client_for):
    client = _with(api_client_for, _token(api_client_for))
    users["pegawai"].set_password(NEW_PASSWORD)  # e.g. manage.py changepassword
    users["pegawai"].save()
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 401

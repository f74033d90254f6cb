"""Logging in with one's NIP works on the web and for an API token (the reset form always accepted it);
so does the full-width form of a username."""
import pytest
from django.test import Client

from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"


def test_web_login_with_the_nip_or_a_full_width_username(users):
    spaced = f"{DEMO_PEGAWAI_NIP[:8]} {DEMO_PEGAWAI_NIP[8:14]} {DEMO_PEGAWAI_NIP[14]} {DEMO_PEGAWAI_NIP[15:]}"
    for name in (DEMO_PEGAWAI_NIP, spaced, "\uff50egawai"):
        client = Client()
        assert client.post("/masuk/", {"username": name, "password": PASSWORD}).status_code == 302, name
        assert client.get("/").context["user"].username == "pegawai"


def test_api_token_with_the_nip(users, api_client_for):
    response = api_client_for(None).post("/api/v1/auth/token/", {"username": DEMO_PEGAWAI_NIP, "password": PASSWORD},
                                         format="json")
    assert response.status_code == 200, response.content
    client = api_client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200

"""Deactivating a login (administrator, with a reason) stops its API token and its web session on the very
next request; reactivation lets it log in again (with a new token). Both are audited."""
import pytest
from django.test import Client

from archive.models import AuditEvent
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"


def test_token_and_session_stop_at_once_and_come_back_on_reactivation(users, api_client_for):
    pegawai = users["pegawai"]
    api = api_client_for(pegawai)
    web = Client()
    assert web.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302
    assert api.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 200
    assert web.get("/").status_code == 200 and web.get("/api/v1/notifications/").status_code == 200

    admin = api_client_for(users["admin"])
    assert admin.post(f"/api/v1/users/{pegawai.pk}/deactivate/", {}, format="json").status_code == 400  # no reason
    response = admin.post(f"/api/v1/users/{pegawai.pk}/deactivate/", {"reason": "Pindah ke Kabupaten Malang"},
                          format="json")
    assert response.status_code == 200 and response.json()["status"] == "deactivated"

    assert api.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 401
    assert web.get("/api/v1/notifications/").status_code in (401, 403)
    assert web.get("/")["Location"].startswith("/masuk/")
    assert Client().post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 200  # refused
    assert api_client_for(None).post("/api/v1/auth/token/", {"username": "pegawai", "password": PASSWORD},
                                     format="json").status_code == 400
    entry = AuditEvent.objects.get(action="user.deactivate", target="pegawai")
    assert entry.actor == users["admin"] and entry.details["reason"] == "Pindah ke Kabupaten Malang"

    assert admin.post(f"/api/v1/users/{pegawai.pk}/reactivate/", {"reason": "Batal pindah"},
                      format="json").json()["status"] == "active"
    assert api.get(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/").status_code == 401  # the old token stays revoked
    assert api_client_for(None).post("/api/v1/auth/token/", {"username": "pegawai", "password": PASSWORD},
                                     format="json").status_code == 200


def test_only_an_administrator_deactivates_and_never_themself(users, api_client_for):
    assert api_client_for(users["fasilitator"]).post(
        f"/api/v1/users/{users['pegawai'].pk}/deactivate/", {"reason": "x"}, format="json").status_code == 403
    response = api_client_for(users["admin"]).post(f"/api/v1/users/{users['admin'].pk}/deactivate/",
                                                   {"reason": "x"}, format="json")
    assert response.status_code == 403


def test_sign_out_of_all_sessions_ends_other_sessions_and_tokens(users, api_client_for):
    first, second = Client(), Client()
    for client in (first, second):
        assert client.post("/masuk/", {"username": "fasilitator", "password": PASSWORD}).status_code == 302
    api = api_client_for(users["fasilitator"])
    assert first.post("/akun/keluar-semua/").status_code == 302
    assert second.get("/")["Location"].startswith("/masuk/")
    assert api.get("/api/v1/notifications/").status_code == 401
    assert Client().post("/masuk/", {"username": "fasilitator", "password": PASSWORD}).status_code == 302

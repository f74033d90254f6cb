"""No manager changes a user's email, phone or password (Pergub Jatim 73/2020 Pasal 30(2)j): the takeover
path of issue 17 — an administrator PATCHes the employee's email, then sends a reset link there — answers
403 at the first step, audited; the administrator can only send a link to the address on record; the
employee's own change of email is confirmed from the new address and announced to the old one."""
import pytest

from archive.models import AuditEvent
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
OLD = "dewi.rahayu@example.go.id"


def test_administrator_patching_an_employees_email_gets_403_and_it_is_audited(users, api_client_for):
    admin = api_client_for(users["admin"])
    response = admin.patch(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/", {"email": "penyerang@example.com"},
                           format="json")
    assert response.status_code == 403, response.content
    assert "pengelola" in response.json()["detail"]  # Indonesian by default
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).email == OLD
    refused = AuditEvent.objects.get(action="credentials.change_refused", target=f"employee:{DEMO_PEGAWAI_NIP}")
    assert refused.actor == users["admin"] and refused.details["fields"] == ["email"]
    for body in ({"phone": "0811111111"}, {"password": "Sandi-Baru-2026!"}):
        assert admin.patch(f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/", body, format="json").status_code == 403


def test_user_management_has_no_writable_credential_field(users, api_client_for):
    admin = api_client_for(users["admin"])
    pegawai = users["pegawai"]
    for body in ({"email": "x@example.com"}, {"password": "Sandi-Baru-2026!"}, {"phone": "0812"}):
        response = admin.patch(f"/api/v1/users/{pegawai.pk}/", body, format="json")
        assert response.status_code == 403, body
        assert response.json()["code"] == "forbidden"
    pegawai.refresh_from_db()
    assert pegawai.check_password("Demo-Sandi-2026")
    assert AuditEvent.objects.filter(action="credentials.change_refused", target="pegawai").count() == 3
    created = admin.post("/api/v1/users/", {"username": "baru", "role": "administrator", "email": "b@example.com",
                                            "password": "Sandi-Baru-2026!"}, format="json")
    assert created.status_code == 403


def test_administrator_sends_a_reset_link_only_to_the_address_on_record(users, api_client_for, mailoutbox,
                                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(users["admin"]).post(f"/api/v1/users/{users['pegawai'].pk}/password-link/")
    assert response.status_code == 202, response.content
    assert [m.to for m in mailoutbox] == [[OLD]]
    assert AuditEvent.objects.filter(action="user.password_link", target="pegawai", actor=users["admin"]).exists()
    assert api_client_for(users["fasilitator"]).post(
        f"/api/v1/users/{users['pegawai'].pk}/password-link/").status_code == 403


def test_employee_changes_their_email_confirmed_from_the_new_address(users, api_client_for, mailoutbox, client,
                                                                     settings, django_capture_on_commit_callbacks):
    settings.PUBLIC_BASE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(users["pegawai"]).patch(
            f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/", {"email": "dewi.baru@example.go.id"}, format="json")
    assert response.status_code == 202, response.content
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).email == OLD
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"dewi.baru@example.go.id", OLD}  # the link to the new one, the notice to the old
    assert "/akun/konfirmasi-kontak/" not in by_address[OLD].body
    link = next(w for w in by_address["dewi.baru@example.go.id"].body.split() if "/akun/konfirmasi-kontak/" in w)
    path = link.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200 and Employee.objects.get(nip=DEMO_PEGAWAI_NIP).email == OLD  # GET changes nothing
    assert client.post(path).status_code == 200
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).email == "dewi.baru@example.go.id"
    assert client.post(path).status_code == 404  # used once
    assert AuditEvent.objects.filter(action="contact.change", target="pegawai").exists()

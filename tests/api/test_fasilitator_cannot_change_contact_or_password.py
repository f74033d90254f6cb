"""A fasilitator may never change an employee's password, email or phone
(Pergub Jatim 73/2020, Pasal 30(2)j); the employee may (confirmed by a link, issue 17). Administrators
may not either: tests/accounts/test_no_manager_changes_credentials.py."""
import pytest
from django.core.exceptions import PermissionDenied

from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import user_password_change

pytestmark = pytest.mark.django_db


def test_fasilitator_of_the_unit_gets_403_and_nothing_changes(users, api_client_for):
    before = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    response = api_client_for(users["fasilitator"]).patch(
        f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/", {"email": "bukan.milik@example.com", "phone": "0811111111"},
        format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    after = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    assert (after.email, after.phone) == (before.email, before.phone)


def test_employee_changes_their_own_contact(users, api_client_for, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for(users["pegawai"]).patch(
            f"/api/v1/employees/{DEMO_PEGAWAI_NIP}/", {"phone": "+62 812 3456 7890"}, format="json")
    assert response.status_code == 202, response.content
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).phone != "+62 812 3456 7890"  # not before the link
    link = next(line for line in mailoutbox[-1].body.splitlines() if "/akun/konfirmasi-kontak/" in line).strip()
    assert mailoutbox[-1].to == ["dewi.rahayu@example.go.id"]
    key = link.rstrip("/").rsplit("/", 1)[-1]
    assert api_client_for(None).post("/api/v1/account/contact/confirm/", {"key": key}, format="json").status_code == 200
    assert Employee.objects.get(nip=DEMO_PEGAWAI_NIP).phone == "+62 812 3456 7890"


def test_fasilitator_cannot_change_an_employee_password(users):
    with pytest.raises(PermissionDenied):
        user_password_change(actor=users["fasilitator"], user=users["pegawai"], new_password="Sandi-Baru-2026!")
    with pytest.raises(PermissionDenied):  # nor an administrator (issue 17): they send a reset link instead
        user_password_change(actor=users["admin"], user=users["pegawai"], new_password="Sandi-Baru-2026!")
    users["pegawai"].refresh_from_db()
    assert users["pegawai"].check_password("Demo-Sandi-2026")
    user_password_change(actor=users["pegawai"], user=users["pegawai"], new_password="Sandi-Baru-2026!")
    users["pegawai"].refresh_from_db()
    assert users["pegawai"].check_password("Sandi-Baru-2026!")

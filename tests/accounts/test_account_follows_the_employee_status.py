"""The account follows the employee's status (accounts.services.account_follow_employee_status, called by
the status history when a status takes effect): pensiun makes it read-only (log in, read and download the
own file; no upload, proposal or request — web and API), meninggal and pindah keluar deactivate it, an
active status restores what the rule changed."""
import pytest
from django.test import Client

from accounts.services import account_follow_employee_status
from archive.models import AuditEvent
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Sandi-2026"


def test_retired_employee_reads_but_does_not_write(users, upload, letter, api_client_for):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document_id = upload(users["pegawai"], letter(dewi, "KTP"), nip=dewi.nip, document_type="ktp").json()["id"]
    account_follow_employee_status(employee=dewi, status="pensiun")
    api = api_client_for(users["pegawai"])
    assert api.get(f"/api/v1/employees/{dewi.nip}/").status_code == 200
    assert api.get(f"/api/v1/documents/{document_id}/content/").status_code == 200
    refused = upload(users["pegawai"], letter(dewi, "NPWP"), nip=dewi.nip, document_type="npwp")
    assert refused.status_code == 403 and refused.json()["code"] == "account_read_only"
    assert "pensiun" in refused.json()["detail"]
    assert api.post("/api/v1/service-requests/", {"service": "cuti", "employee": dewi.nip},
                    format="json").status_code == 403
    web = Client()
    assert web.post("/masuk/", {"username": "pegawai", "password": PASSWORD}).status_code == 302
    assert web.get("/").status_code == 200
    assert web.post("/dokumen/unggah/", {}).status_code == 403
    assert AuditEvent.objects.filter(action="user.read_only", target="pegawai").exists()

    account_follow_employee_status(employee=dewi, status="PNS")
    assert upload(users["pegawai"], letter(dewi, "NPWP"), nip=dewi.nip, document_type="npwp").status_code == 201


@pytest.mark.parametrize("status", ["meninggal", "pindah_keluar"])
def test_deceased_or_transferred_out_is_deactivated_and_restored_by_an_active_status(users, api_client_for,
                                                                                     status):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    api = api_client_for(users["pegawai"])
    account_follow_employee_status(employee=dewi, status=status)
    users["pegawai"].refresh_from_db()
    assert not users["pegawai"].is_active
    assert api.get(f"/api/v1/employees/{dewi.nip}/").status_code == 401
    account_follow_employee_status(employee=dewi, status=status)  # again: nothing more happens
    assert AuditEvent.objects.filter(action="user.deactivate", target="pegawai").count() == 1
    account_follow_employee_status(employee=dewi, status="aktif")
    users["pegawai"].refresh_from_db()
    assert users["pegawai"].is_active


def test_an_active_status_does_not_undo_an_administrators_deactivation(users, api_client_for):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    api_client_for(users["admin"]).post(f"/api/v1/users/{users['pegawai'].pk}/deactivate/",
                                        {"reason": "Diberhentikan sementara"}, format="json")
    account_follow_employee_status(employee=dewi, status="pns")
    users["pegawai"].refresh_from_db()
    assert not users["pegawai"].is_active


def test_an_employee_without_a_login_is_left_alone(demo):
    other = Employee.objects.exclude(nip=DEMO_PEGAWAI_NIP).filter(user_profile__isnull=True).first()
    assert account_follow_employee_status(employee=other, status="meninggal") is None


def test_the_dated_status_history_drives_the_account(users, api_client_for):
    """Through the record: a pensiun from today makes the login read-only; a future TMT changes nothing until the
    day comes (employee_statuses_take_effect); a revoked decree gives the access back."""
    import datetime as dt

    from django.utils import timezone

    from people.services.status import (employee_statuses_take_effect, status_period_record,
                                                  status_period_revoke)

    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    today = timezone.localdate()
    period = status_period_record(employee=dewi, status="pensiun", effective_from=today + dt.timedelta(days=30),
                                  actor=users["admin"])
    assert not getattr(getattr(users["pegawai"], "account_state", None), "read_only", False)
    employee_statuses_take_effect(today=today + dt.timedelta(days=30))
    users["pegawai"].refresh_from_db()
    assert users["pegawai"].account_state.read_only
    status_period_revoke(period=period)
    users["pegawai"].account_state.refresh_from_db()
    assert not users["pegawai"].account_state.read_only
    status_period_record(employee=dewi, status="meninggal", effective_from=today, actor=users["admin"])
    users["pegawai"].refresh_from_db()
    assert not users["pegawai"].is_active

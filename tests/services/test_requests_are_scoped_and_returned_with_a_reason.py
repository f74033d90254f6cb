"""Service requests: only for employees in the caller's scope (404 otherwise), one open request
per service, and an administrator's return carries a reason the employee is told."""
import pytest

from archive.models import AuditEvent
from people.models import Employee, Unit
from archive.services.demo import DEMO_PEGAWAI_NIP
from people.services.employees import employee_create

pytestmark = pytest.mark.django_db


def test_scope_one_open_request_and_return_with_reason(users, upload, letter, api_client_for, make_user):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    eko = employee_create(nip="198807072012121002", nama="Eko Prasetyo", unit=Unit.objects.get(code="BKD-MUT"))
    pegawai, fasilitator, admin = (api_client_for(users[u]) for u in ("pegawai", "fasilitator", "admin"))

    # Out of scope answers 404, for an employee and for another unit's fasilitator alike.
    for client in (pegawai, fasilitator):
        assert client.post("/api/v1/service-requests/", {"service": "cuti", "employee": eko.nip},
                           format="json").status_code == 404
    assert pegawai.post("/api/v1/service-requests/", {"service": "no_such", "employee": dewi.nip},
                        format="json").status_code == 400

    made = fasilitator.post("/api/v1/service-requests/", {"service": "cuti", "employee": dewi.nip}, format="json")
    assert made.status_code == 201
    request_id = made.json()["id"]
    again = pegawai.post("/api/v1/service-requests/", {"service": "cuti", "employee": dewi.nip}, format="json")
    assert again.status_code == 409 and again.json()["request"] == request_id
    outsider = api_client_for(make_user("fas-bkd", "fasilitator", units=["BKD-MUT"]))
    assert outsider.get(f"/api/v1/service-requests/{request_id}/").status_code == 404
    assert outsider.post(f"/api/v1/service-requests/{request_id}/submit/").status_code == 404
    assert [r["id"] for r in pegawai.get("/api/v1/service-requests/").json()["results"]] == [request_id]

    # Cuti needs only a request letter, and uploaded is enough: no verification required.
    upload(users["pegawai"], letter(dewi, "SURAT PERMOHONAN CUTI TAHUNAN"), nip=dewi.nip,
           document_type="surat_permohonan")
    submitted = pegawai.post(f"/api/v1/service-requests/{request_id}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert submitted.json()["checklist"][0]["state"] == "awaiting_verification"

    url = f"/api/v1/service-requests/{request_id}/return/"
    assert fasilitator.post(url, {"reason": "x"}, format="json").status_code == 403
    assert admin.post(url, {"reason": ""}, format="json").status_code == 400
    returned = admin.post(url, {"reason": "Tanggal cuti bertabrakan dengan jadwal piket"}, format="json")
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Tanggal cuti bertabrakan dengan jadwal piket"
    assert admin.post(url, {"reason": "lagi"}, format="json").status_code == 409
    notes = pegawai.get("/api/v1/notifications/?unread=1").json()["results"]
    assert notes[0]["kind"] == "service_request.returned" and "piket" in notes[0]["message"]
    assert pegawai.post(f"/api/v1/notifications/{notes[0]['id']}/read/").json()["read_at"]
    assert pegawai.get("/api/v1/notifications/?unread=1").json()["count"] == 0
    assert AuditEvent.objects.filter(action="service_request.return", target=f"service_request:{request_id}").exists()

    # The employee submits again; it is back with the administrator.
    assert pegawai.post(f"/api/v1/service-requests/{request_id}/submit/").json()["status"] == "submitted"

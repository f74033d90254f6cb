"""Separation of duties: the uploader of a scan cannot verify it, the proposer of a data update cannot
approve it, the requester of a service cannot approve it — 403 with the reason in Indonesian, audited;
a second person can."""
import io

import pytest

from archive.models import AuditEvent
from desk.models import Service, ServiceRequest
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP

pytestmark = pytest.mark.django_db


def _file(content: bytes, name="scan.pdf"):
    stream = io.BytesIO(content)
    stream.name = name
    return stream


def test_the_uploader_cannot_verify_their_own_scan(users, upload, letter, api_client_for, make_user):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    uploaded = upload(users["fasilitator"], letter(dewi, "KARTU TANDA PENDUDUK"), nip=dewi.nip, document_type="ktp")
    assert uploaded.status_code == 201
    url = f"/api/v1/documents/{uploaded.json()['id']}/verification/"
    refused = api_client_for(users["fasilitator"]).post(url, {"decision": "verified"}, format="json")
    assert refused.status_code == 403, refused.content
    assert refused.json()["detail"].startswith("Anda yang mengunggah pindaian ini")
    assert AuditEvent.objects.filter(action="duties.refused", actor=users["fasilitator"],
                                     target=f"document:{uploaded.json()['id']}").exists()
    colleague = make_user("fasilitator2", "fasilitator", units=["DINKES-YANKES"])
    assert api_client_for(colleague).post(url, {"decision": "verified"}, format="json").status_code == 201


def test_the_uploader_cannot_verify_from_the_verification_page(users, upload, letter, client):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    document_id = upload(users["admin"], letter(dewi, "NPWP"), nip=dewi.nip, document_type="npwp").json()["id"]
    client.force_login(users["admin"])
    page = client.post(f"/verifikasi/{document_id}/", {"decision": "verified"})
    assert page.status_code == 400 and "Anda yang mengunggah pindaian ini" in page.content.decode()


def test_the_proposer_cannot_approve_their_own_data_update(users, letter, api_client_for,
                                                           django_capture_on_commit_callbacks):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    fasilitator = api_client_for(users["fasilitator"])
    with django_capture_on_commit_callbacks(execute=True):
        proposed = fasilitator.post("/api/v1/data-updates/", {
            "employee": dewi.nip, "field": "jabatan", "value": "Kepala Seksi Pelayanan",
            "file": _file(letter(dewi, "SK JABATAN KEPALA SEKSI"))}, format="multipart")
    assert proposed.status_code == 201, proposed.content
    url = f"/api/v1/data-updates/{proposed.json()['id']}/approve/"
    refused = fasilitator.post(url)
    assert refused.status_code == 403 and refused.json()["detail"].startswith("Anda yang mengusulkan perubahan ini")
    assert Employee.objects.get(pk=dewi.pk).jabatan != "Kepala Seksi Pelayanan"
    assert api_client_for(users["admin"]).post(url).status_code == 200
    assert Employee.objects.get(pk=dewi.pk).jabatan == "Kepala Seksi Pelayanan"


def test_the_requester_cannot_approve_their_own_service_request(users, api_client_for, make_user):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    service = Service.objects.get(code="kenaikan_pangkat")
    request = ServiceRequest.objects.create(service=service, employee=dewi, created_by=users["admin"],
                                            status=ServiceRequest.Status.FORWARDED)
    url = f"/api/v1/service-requests/{request.pk}/approve/"
    refused = api_client_for(users["admin"]).post(url, {}, format="json")
    assert refused.status_code == 403 and refused.json()["detail"].startswith("Anda yang membuat permohonan ini")
    second = api_client_for(make_user("admin2", "administrator")).post(url, {}, format="json")
    assert second.status_code != 403  # past the duty check (here: the file is not complete, 400)

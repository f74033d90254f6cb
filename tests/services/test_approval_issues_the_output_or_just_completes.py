"""Approval: the service's output is issued with the fields the administrator gives (bad fields
answer 400 naming them, nothing changes); the Karpeg takes the employee's Pas Foto when no photo
is sent; approval waits for the agency step; a document found not authentic blocks it."""
import pytest

from desk.models import ServiceRequest
from issuing.models import IssuedDocument
from people.models import Employee
from archive.services.demo import DEMO_PEGAWAI_NIP
from tests.services.conftest import photo_jpeg

pytestmark = pytest.mark.django_db


def test_bad_fields_refused_then_izin_cuti_issued(users, forwarded_request, api_client_for, signing_settings):
    admin = api_client_for(users["admin"])
    request_id = forwarded_request("cuti", {"surat_permohonan": None})
    url = f"/api/v1/service-requests/{request_id}/approve/"
    bad = admin.post(url, {"fields": {"jenis_cuti": "Cuti Liburan", "tanggal_mulai": "2026-05-04"}}, format="json")
    assert bad.status_code == 400
    assert {"jenis_cuti", "tanggal_selesai"} <= set(bad.json()["errors"])
    assert ServiceRequest.objects.get(pk=request_id).status == "forwarded" and not IssuedDocument.objects.exists()
    good = admin.post(url, {"fields": {"jenis_cuti": "Cuti Tahunan", "tanggal_mulai": "2026-05-04",
                                       "tanggal_selesai": "2026-05-08"}}, format="json")
    assert good.status_code == 200, good.json()
    assert IssuedDocument.objects.get(pk=good.json()["issued_document"]["id"]).template == "izin_cuti"


def test_kartu_pegawai_takes_the_pas_foto(users, forwarded_request, api_client_for, signing_settings):
    request_id = forwarded_request("kartu_pegawai", {"sk_cpns": None, "sk_pns": None, "spmt": None,
                                                     "pas_foto": photo_jpeg()})
    approved = api_client_for(users["admin"]).post(f"/api/v1/service-requests/{request_id}/approve/", {},
                                                   format="json")
    assert approved.status_code == 200, approved.json()
    issued = IssuedDocument.objects.get(pk=approved.json()["issued_document"]["id"])
    assert issued.template == "kartu_pegawai" and issued.fields["foto"].endswith("bytes>")


def test_approval_waits_for_the_agency_step(users, upload, letter, api_client_for, signing_settings):
    dewi = Employee.objects.get(nip=DEMO_PEGAWAI_NIP)
    pegawai, admin = api_client_for(users["pegawai"]), api_client_for(users["admin"])
    request_id = pegawai.post("/api/v1/service-requests/", {"service": "cuti", "employee": dewi.nip},
                              format="json").json()["id"]
    upload(users["pegawai"], letter(dewi, "SURAT PERMOHONAN"), nip=dewi.nip, document_type="surat_permohonan")
    assert pegawai.post(f"/api/v1/service-requests/{request_id}/submit/").status_code == 200
    waiting = admin.post(f"/api/v1/service-requests/{request_id}/approve/", {}, format="json")
    assert waiting.status_code == 409 and "fasilitator" in waiting.json()["detail"]
    # The employee cannot forward their own request.
    assert pegawai.post(f"/api/v1/service-requests/{request_id}/forward/").status_code == 403


def test_document_found_not_authentic_after_submission_blocks_approval(users, forwarded_request, api_client_for):
    request_id = forwarded_request("hukuman_disiplin", {"berita_acara_pemeriksaan": None})
    admin, fasilitator = api_client_for(users["admin"]), api_client_for(users["fasilitator"])
    document_id = admin.get(f"/api/v1/service-requests/{request_id}/").json()["checklist"][0]["document"]
    assert fasilitator.post(f"/api/v1/documents/{document_id}/verification/", {"decision": "verified"},
                            format="json").status_code == 404  # a confidential BAP: not the fasilitator's to see
    assert admin.post(f"/api/v1/documents/{document_id}/verification/",
                      {"decision": "not_authentic", "note": "Tanda tangan pemeriksa dipalsukan"},
                      format="json").status_code == 201
    refused = admin.post(f"/api/v1/service-requests/{request_id}/approve/", {}, format="json")
    assert refused.status_code == 400 and refused.json()["missing"] == ["berita_acara_pemeriksaan"]
    assert ServiceRequest.objects.get(pk=request_id).status == "forwarded"
    returned = admin.post(f"/api/v1/service-requests/{request_id}/return/",
                          {"reason": "Berita acara pemeriksaan tidak autentik"}, format="json")
    assert returned.json()["status"] == "returned"
